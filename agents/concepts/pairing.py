"""Which two things a comparison question contrasts ("X vs Y", "difference between X and Y", "when to use X or
Y", "how is X different from Y"), and the curated topics and pair note for them. Typos in a short side are
allowed ("tupel"), but a word of its own is not a typo ("country" is not "counter").
"""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from agents.concepts import compare_docs, offtopic, plain_side
from agents.concepts.knowledge.pairs import PAIR_NOTES
from agents.concepts.pages import ENTRIES
from knowledge.topics import KEYWORDS, detect_topics, text_scores

# "difference between X and Y", "X vs Y", "compare X and/with/to Y", "X or Y?", "when to use X instead of Y"
_COMPARE = (
    re.compile(r"d[iey]f+(?:e?r[ae]?n[cs]e?|)s?\s+(?:between|of)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:and|&|vs\.?|versus)\s+(?:an?\s+|the\s+)?(.+?)(?:[?.!,]|$)", re.I),
    re.compile(r"compar(?:e|ing)\s+(?:an?\s+|the\s+)?(.+?)\s+(?:and|with|to|vs\.?)\s+(?:an?\s+|the\s+)?(.+?)(?:[?.!,]|$)", re.I),
    re.compile(r"([\w/=!<>*.()-]+(?:\s(?!in\b)[\w()]+)?)\s+(?:vs\.?|versus)\s+(?:an?\s+|the\s+)?([\w/=!<>*.()-]+(?:\s(?!in\b)[\w()]+)?)", re.I),
    re.compile(r"(?:should i use|when (?:do i|should i|to) use)\s+(?:an?\s+)?(.+?)\s+(?:or|instead of|over)\s+(?:an?\s+)?(.+?)(?:[?.!,]|$)", re.I),
    # "list and tuple what is the difference", "is and == what differnce"
    re.compile(r"^(?:\W*)([\w=!<>*/%.()-]+(?:\s(?!what)[\w()]+)?)\s+(?:and|&)\s+([\w=!<>*/%.()-]+(?:\s(?!what)[\w()]+)?)"
               r"[\s,:-]+"
               r"(?:what(?:'s|s| is| are)?\s+(?:the\s+)?)?d[iey]f+(?:e?r[ae]?n[cs]e?|)s?\b", re.I),
    re.compile(r"how (?:is|are|does|do)\s+(?:an?\s+|the\s+)?(.+?)\s+differ(?:ent)?\s+from\s+(?:an?\s+|the\s+)?(.+?)(?:[?.!,]|$)", re.I),
)


def _term_topic(term: str) -> str | None:
    scores, _ = text_scores(term)
    if not scores:   # one side of a comparison is a short term: allow a typo in it ("tupel")
        return _fuzzy_topic(term, min_length=4, cutoff=0.8)
    return max(scores.items(), key=lambda kv: kv[1])[0]


def _strip_term(term: str) -> str:
    term = re.sub(r"\b(in python|python|a|an|the|and when.*|loops?|statements?|functions?)\b", " ", term.lower())
    term = re.sub(r"\bs\b", " ", term)
    return " ".join(term.replace("`", " ").replace("'", " ").split()).strip(" ?.")


def _pair_note(a: str, b: str) -> str | None:
    a, b = _strip_term(a) or a.lower().strip(), _strip_term(b) or b.lower().strip()
    for (x, y), note in PAIR_NOTES.items():
        for left, right in ((a, b), (b, a)):
            if _similar(left, x) and _similar(right, y):
                return note
    return None


def _similar(term: str, key: str) -> bool:
    if term == key:
        return True
    if re.sub(r"[\s_-]|s$", "", term) == re.sub(r"[\s_-]|s$", "", key):   # "f strings" is "f-string"
        return True
    if key.isalpha() and re.search(rf"(?<!\w){re.escape(key)}(?:s|es)?(?!\w)", term):
        return True
    if key.replace("()", "") == term.replace("()", "").replace(".", ""):
        return True
    return term.isalpha() and len(term) > 3 and difflib.SequenceMatcher(None, term, key).ratio() > 0.85


_PRONOUN = re.compile(r"^(it|this|that|they|these|those|this one|that one)$", re.I)


def comparison_sides(question: str) -> tuple[str, str] | None:
    """The two things a comparison question contrasts, as written ("remove", "discard on a set")."""
    for pattern in _COMPARE:
        match = pattern.search(question or "")
        if not match:
            continue
        a, b = match.group(1), match.group(2)
        if _PRONOUN.match(a.strip()):   # "what does yield do, how is it different from return": it = yield
            a = question[:match.start()]
        # "a normal loop" next to "list comprehension" is a for loop: agents/concepts/plain_side.py
        return plain_side.resolve_pair(a, b)
    return None


def _comparison(question: str) -> tuple[str, str, str | None] | None:
    """(left topic, right topic, note) when the question contrasts two things we know about."""
    sides = comparison_sides(question)
    if sides is None:
        return None
    (a, _), (b, _) = compare_docs.split_context(sides[0]), compare_docs.split_context(sides[1])
    note = _pair_note(a, b)
    ta, tb = _term_topic(a), _term_topic(b)
    if note and not (ta and tb):   # "for vs while": the note itself says which topic this is
        found = detect_topics(note, limit=1)
        ta, tb = ta or (found[0][0] if found else None), tb or (found[0][0] if found else None)
    if note or (ta and tb):
        return ta or tb or "", tb or ta or "", note
    return None


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, str]:
    vocabulary: dict[str, str] = {}
    for topic, data in ENTRIES.items():
        for word in (topic, *topic.split("-"), *data["aliases"], *KEYWORDS.get(topic, ())):
            if len(word) > 3 and word.replace(" ", "").isalpha():
                vocabulary.setdefault(word.lower(), topic)
    return vocabulary


def _fuzzy_topic(text: str, min_length: int = 6, cutoff: float = 0.85) -> str | None:
    """Typos ('recursoin', 'dictonary') should still land on a topic; compare words to ids/titles/aliases."""
    vocabulary = _vocabulary()
    for word in re.findall(r"[a-zA-Z_]{%d,}" % min_length, text.lower()):
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=cutoff)
        # Similar is not enough: "country" looks like "counter" but is a word of its own, not a typo of it.
        if close and offtopic.edit_distance(word, close[0]) <= offtopic.typo_budget(word):
            return vocabulary[close[0]]
    return None

