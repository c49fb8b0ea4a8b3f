"""What a "how do I ..." question is about: the operation it asks for, else the thing it acts on.

"how to sort a dictionary by value" asks about sorting (the dictionary is only what is sorted); "how do I create a
set from a list" asks about sets (the list is only where the items come from). Keyword scores alone let the
noun that happens to be more specific win; the question's grammar says which topic leads: the verb after "how
do I / how to / can I", when it names a topic, else the words right after it (its object). kb._rank puts the
leading topic first; every other topic keeps its score (they stay related topics).
"""
from __future__ import annotations

import re

from knowledge.topics import _WEAK, text_scores

FACTOR = 2.0
_ASK = re.compile(r"(?:^|[.?!,;]\s*)(?:how\s+(?:do|can|could|would|should|does)\s+(?:i|you|we|one)\s+|how\s+to\s+|"
                  r"(?:can|could)\s+(?:i|you)\s+|i\s+(?:want|need|have)\s+to\s+)(\w+)((?:\s+[\w*.()\[\]-]+){0,4})",
                  re.I)
_SKIP = frozenset("a an the my your our this that these those some all each every any its their it them if "
                  "whether".split())


def focus(question: str) -> dict[str, float]:
    """{topic: factor} for the topic the question's verb (or else its object) names; {} when none does."""
    return _focus(question)[0]


def words(question: str) -> str:
    """The words that decided the focus ("sort"; "set from"), '' when nothing did."""
    return _focus(question)[1]


def _focus(question: str) -> tuple[dict[str, float], str]:
    match = _ASK.search(question or "")
    if not match:
        return {}, ""
    # A verb leads only through a specific keyword: "remove" (a list method, and a word for many things) does
    # not make "remove duplicates from a list" a lists question, and then its object does not lead either
    # ("format a number": the object is not the subject there).
    _, matched = text_scores(match.group(1))
    verb_topics = [topic for topic, phrases in matched.items() if any(p not in _WEAK for p in phrases)]
    if verb_topics:
        return {topic: FACTOR for topic in verb_topics}, match.group(1)
    if matched:   # a generic verb that is also a keyword ("format", "remove"): no telling which word leads
        return {}, ""
    found = [w for w in match.group(2).split() if w.lower() not in _SKIP][:2]
    if not found:
        return {}, ""
    object_topics = text_scores(" ".join(found))[0]
    return {topic: FACTOR for topic in object_topics}, " ".join(found) if object_topics else ""
