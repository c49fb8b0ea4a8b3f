"""Light typo repair for the handful of words that decide routing ("eror", "excercise", "reveiw").

Symmetric-delete lookup at edit distance 1: at import time every routing keyword contributes its
one-character deletions; at run time a token matches a keyword when the token *is* such a deletion
(missing letter), when one of its own deletions is the keyword (extra letter), or when both share a
deletion (substituted / swapped letter). Short keywords only allow the missing/extra-letter cases,
because substitutions at length 5 collide with real words ("clean"/"clear").
"""
from __future__ import annotations

import re
from functools import lru_cache

# Canonical spellings of the words the classifier keys on. Only words where a typo is plausible and
# a distance-1 neighbour is not itself a common English word that means something else.
KEYWORDS = (
    "error", "errors", "exception", "traceback", "crash", "crashes", "crashed", "crashing", "broken",
    "debug", "working", "wrong", "infinite", "exercise", "exercises", "practice", "practise",
    "challenge", "challenges", "problem", "problems", "question", "questions", "review", "reviews",
    "improve", "refactor", "feedback", "pythonic", "readable", "progress", "mastered", "explain",
    "difference", "understand", "recommend", "statistics", "achievements", "completed", "weakest",
    "strengths", "weaknesses", "optimize", "efficient", "undefined",
)
_SUBSTITUTION_MIN_LEN = 6
_WORD = re.compile(r"[a-z]+")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _transposes(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}


_EXACT = frozenset(KEYWORDS)
_BY_DELETE: dict[str, str] = {}
_BY_SUBST: dict[str, str] = {}
for _kw in KEYWORDS:
    for _d in _deletes(_kw):
        _BY_DELETE.setdefault(_d, _kw)
        if len(_kw) >= _SUBSTITUTION_MIN_LEN:
            _BY_SUBST.setdefault(_d, _kw)
_TRANSPOSED = {t: kw for kw in KEYWORDS for t in _transposes(kw) if t != kw}


@lru_cache(maxsize=4096)
def fix_word(token: str) -> str:
    """Returns the keyword a (lower-case) token is a likely typo of, or the token unchanged."""
    if len(token) < 4 or token in _EXACT:
        return token
    if token in _TRANSPOSED:
        return _TRANSPOSED[token]
    if token in _BY_DELETE and len(token) + 1 >= 5:       # one letter missing: "eror", "excercise"->no
        return _BY_DELETE[token]
    own = _deletes(token)
    for d in own:
        if d in _EXACT:                                    # one letter too many: "errror", "excercise"
            return d
    if len(token) >= _SUBSTITUTION_MIN_LEN:
        for d in own:                                      # one letter wrong: "progres" handled above, "revuew"
            if d in _BY_SUBST and len(_BY_SUBST[d]) == len(token):
                return _BY_SUBST[d]
    return token


def normalise(text: str) -> tuple[str, tuple[str, ...]]:
    """Lower-cases text and repairs keyword typos; also returns the repairs made (for signals)."""
    lowered = text.lower()
    repairs: list[str] = []

    def repl(match: re.Match) -> str:
        word = match.group(0)
        fixed = fix_word(word)
        if fixed != word:
            repairs.append(f"{word}->{fixed}")
        return fixed

    return _WORD.sub(repl, lowered), tuple(repairs)
