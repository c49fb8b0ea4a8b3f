"""A comparison side written in plain words ("a normal loop", "a regular function", "the old way") means the
construct the OTHER side is the alternative to: "list comprehension vs a normal loop" is a `for` loop that
appends, "lambda vs a regular function" is a `def` function, "a generator vs a normal function" is a function
that returns, "f-strings vs the old way" is `str.format()`. Left in plain words the side matches no page or
section, so the difference line is about the wrong thing; resolved, it is searched and stated like any side.
"""
from __future__ import annotations

import re

_PLAIN = re.compile(r"\b(?:normal|regular|ordinary|usual|traditional|classic|plain|old(?:er)?|standard|simple|"
                    r"basic|conventional)\b", re.I)
# What the other side is the alternative to -> the construct a plain side means next to it (first match wins).
_BY_OTHER = (
    (re.compile(r"comprehension|\[\s*\w+\s+for\b", re.I), "for loop that appends"),
    (re.compile(r"\blambda\b", re.I), "def function"),
    (re.compile(r"\bgenerators?\b|\byield\b", re.I), "function that returns"),
    (re.compile(r"\bf[\s-]?strings?\b|\bf['\"]", re.I), "str.format()"),
    (re.compile(r"\bwith\b|context manager", re.I), "open() and close()"),
    (re.compile(r"\basync\b|coroutine", re.I), "def function"),
    (re.compile(r"\bwhile\b", re.I), "for loop"),
    (re.compile(r"\b(?:dataclass|namedtuple)", re.I), "class"),
    (re.compile(r"\bmap\s*\(|\bmap\b|\bfilter\b", re.I), "for loop"),
    (re.compile(r"\barrays?\b|numpy", re.I), "list"),
    (re.compile(r"\b(?:defaultdict|counter|ordereddict)\b", re.I), "dict"),
    (re.compile(r"\bfrozenset\b", re.I), "set"),
)
# Without a telling other side, the plain side's own noun says what it is.
_BY_NOUN = (
    (re.compile(r"\bloops?\b", re.I), "for loop"),
    (re.compile(r"\bfunctions?\b|\bfunc\b", re.I), "def function"),
    (re.compile(r"\bdivision\b", re.I), "/"),
    (re.compile(r"\bdict(?:ionar(?:y|ies))?\b", re.I), "dict"),
)


def is_plain(side: str) -> bool:
    """The side says only that it is the ordinary way ("normal loop", "the old way"), no construct of its own
    beyond a generic noun."""
    if not _PLAIN.search(side or ""):
        return False
    rest = _PLAIN.sub(" ", side.lower())
    rest = re.sub(r"\b(?:the|a|an|one|way|ways|style|approach|method|of|python|python's|to|do|doing|it|just|"
                  r"loops?|functions?|func|def|files?|opening|open|formatting|format|strings?|str|division|"
                  r"dict(?:ionar(?:y|ies))?|lists?|sets?|classes|class|code|writing|write|version)\b", " ", rest)
    return not rest.strip(" ?.!,'\"`")


def resolve(side: str, other: str) -> str:
    """The construct a plain-word side means next to `other`; the side unchanged when it is not plain or
    nothing tells."""
    if not is_plain(side):
        return side
    for pattern, construct in _BY_OTHER:
        if pattern.search(other or ""):
            return construct
    for pattern, construct in _BY_NOUN:
        if pattern.search(side):
            return construct
    return side


def resolve_pair(a: str, b: str) -> tuple[str, str]:
    """Both sides, each plain one resolved against the other (two plain sides tell nothing: unchanged)."""
    if is_plain(a) and is_plain(b):
        return a, b
    return resolve(a, b), resolve(b, a)
