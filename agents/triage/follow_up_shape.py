"""Does a message read as a continuation of the previous turn? (the gate of the previous-intent feature)

A follow-up leans on the conversation: it is brief and either points back ("it", "this", "another",
"again", "simpler", "harder", "one more") or is a bare reaction/request with no subject of its own
("next", "level up", "huh?"). A brief message that names a new subject ("what is a decorator",
"how is yield different from return") stands on its own, whatever the previous turn was. Only when
the gate is open does the model see the previous turn's intent (features.flags), so that feature can
carry weight on real follow-ups without dragging new questions back to the last intent.

Pure word lists and prefix stems (general Python vocabulary, not phrases of any evaluation set);
misspellings of the stems' tails still match because only the stem prefix is compared.
"""
from __future__ import annotations

import re

BRIEF_WORDS = 10          # follow-ups are brief
BARE_WORDS = 3            # up to this long with no subject of its own, a message leans on the last turn

# Words that point back at the previous turn or ask for a variation of it.
ANAPHORS = frozenset(
    "it its it's this that these those them same another again other else more simpler simply easier harder "
    "shorter longer deeper further still next previous last above also similar instead".split())
# Phrases: continuations that need two words to be one ("one more", "what about", "and if").
_ANAPHOR_PHRASES = re.compile(r"\b(one more|what about|how about|and if|and what|and how|and why|and when|and where"
                              r"|the same|once more|step by step|level up|go on|keep going)\b")

# Stems of Python subjects a student names when starting a new question (prefix match on tokens).
TOPIC_STEMS = tuple(sorted(set(
    "list tupl dict set frozenset string str int integ float bool number loop while for iterat generat yield "
    "comprehens lambda decorat closur scope global local variabl function def method argument kwarg param "
    "return class object inherit instance attribut self init constructor modul import package pip venv "
    "virtual exception error except try raise assert finally recurs sort slic index range enumerat zip map "
    "filter reduce file open read writ json csv regex regular pattern async await thread type hint annot "
    "dataclass iterator operator condition if else elif boolean none null byte unicode encod format f-string "
    "fstring print input math random datetime time collection counter deque stack queue tree graph array "
    "matrix numpy pandas algorithm complex big-o binary search hash copy deepcopy mutabl immutabl pointer "
    "refer memory garbage unit test pytest unittest debug docstring comment pep style lint syntax keyword "
    "indent tab whitespace semicolon python".split())))
_TOKEN = re.compile(r"[a-z][a-z0-9_\-']*")
_SHORT_EXACT = frozenset("if for set str int def map zip try pip".split())   # too short to be prefixes


def names_topic(tokens: list[str]) -> bool:
    for tok in tokens:
        if tok in _SHORT_EXACT:
            return True
        if len(tok) >= 4 and any(tok.startswith(s) for s in TOPIC_STEMS if len(s) >= 4):
            return True
    return False


def points_back(text: str, tokens: list[str]) -> bool:
    return any(t in ANAPHORS for t in tokens) or bool(_ANAPHOR_PHRASES.search(text))


def brief_without_topic(text: str) -> bool:
    """Brief and naming no subject of its own ("show me the fixed code"): a follow-up if the follow-up head says so."""
    tokens = _TOKEN.findall((text or "").lower())
    return 0 < len(tokens) <= BRIEF_WORDS and not names_topic(tokens)


def looks_like_follow_up(text: str) -> bool:
    """Brief, and either points back at the last turn or names no subject of its own."""
    low = (text or "").lower()
    tokens = _TOKEN.findall(low)
    if not tokens or len(tokens) > BRIEF_WORDS:
        return False
    if points_back(low, tokens):
        return True
    return len(tokens) <= BARE_WORDS and not names_topic(tokens)
