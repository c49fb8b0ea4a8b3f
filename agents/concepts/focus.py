"""What a "how do I ..." question is about: the operation it asks for, else the thing it acts on.

"how to sort a dictionary by value" asks about sorting (the dictionary is only what is sorted); "how do I create a
set from a list" asks about sets (the list is only where the items come from). Keyword scores alone let the
noun that happens to be more specific win; the question's grammar says which topic leads: the verb after "how
do I / how to / can I", when it names a topic, else the words right after it (its object). kb._rank puts the
leading topic first; every other topic keeps its score (they stay related topics).
"""
from __future__ import annotations

import re

from agents.concepts.docs_answer import named_terms
from knowledge.topics import _WEAK, text_scores

FACTOR = 2.0
_ASK = re.compile(r"(?:^|[.?!,;]\s*)(?:how\s+(?:do|can|could|would|should|does)\s+(?:i|you|we|one)\s+|how\s+to\s+|"
                  r"(?:can|could)\s+(?:i|you)\s+|i\s+(?:want|need|have)\s+to\s+)(\w+)((?:\s+[\w*.()\[\]-]+){0,6})",
                  re.I)
_TYPES = frozenset({"lists", "tuples", "dictionaries", "sets", "strings", "numbers", "data-types"})
_CONVERT = frozenset({"convert", "turn", "change", "cast", "transform", "make"})
_TARGET = re.compile(r"\b(?:to|into)\s+(?:an?\s+|the\s+)?([\w-]+(?:\s[\w-]+)?)", re.I)
# "what does append give back", "what does the find method return": the name before the verb is the subject
_SUBJECT = re.compile(r"\bwhat\s+(?:does|do|will|would)\s+(?:the\s+|a\s+)?([A-Za-z_]\w*)(?:\(\))?"
                      r"(?:\s+(?:method|function|keyword|statement))?(?:\s+(?:of|on|in)\s+(?:an?\s+|the\s+)?\w+)?"
                      r"\s+(?:return|give|do|mean|produce|output)", re.I)
_SKIP = frozenset("a an the my your our this that these those some all each every any its their it them if "
                  "whether".split())


def focus(question: str) -> dict[str, float]:
    """{topic: factor} for the topic the question's verb (or else its object) names; {} when none does."""
    return _focus(question)[0]


def words(question: str) -> str:
    """The words that decided the focus ("sort"; "set from"), '' when nothing did."""
    return _focus(question)[1]


def _focus(question: str) -> tuple[dict[str, float], str]:
    subject = _SUBJECT.search(question or "")
    if subject:   # "what does append give back": the name asked about is the subject, whatever else is said
        topics = text_scores(subject.group(1))[0]
        if topics:
            return {topic: FACTOR for topic in topics}, subject.group(1)
    match = _ASK.search(question or "")
    if not match:
        return {}, ""
    # A verb leads only through a specific keyword: "remove" (a list method, and a word for many things) does
    # not make "remove duplicates from a list" a lists question, and then its object does not lead either
    # ("format a number": the object is not the subject there).
    verb, rest = match.group(1), match.group(2)
    target = _TARGET.search(rest) if verb.lower() in _CONVERT else None
    if target:   # "convert a list to a string": what it becomes is the subject
        topics = text_scores(target.group(1))[0]
        return ({topic: FACTOR for topic in topics}, target.group(1)) if topics else ({}, "")
    _, matched = text_scores(verb)
    # A method name used as a verb ("append", "split") names its type, not the subject: "append to a file".
    verb_topics = [topic for topic, phrases in matched.items()
                   if topic not in _TYPES and any(p not in _WEAK for p in phrases)]
    if verb_topics:
        return {topic: FACTOR for topic in verb_topics}, verb
    if matched and not set(matched) <= _TYPES:   # a generic keyword verb ("format"): no telling what leads
        return {}, ""
    found = [w for w in rest.split() if w.lower() not in _SKIP][:2]
    if not found:
        return {}, ""
    object_topics = text_scores(" ".join(found))[0]
    return {topic: FACTOR for topic in object_topics}, " ".join(found) if object_topics else ""


def page_leads(question: str, topic: str, section, page_names: str) -> bool:
    """The question's grammar chose the page (`topic`) and the best section (`section`, a Passage or None) is
    about something else it mentions, or the page's own name is the question's head noun and the section names
    nothing the page does not ("create a set from a list": Sets, whatever the set() entry covers; "use a list as
    a queue": the section on queues)."""
    if topic not in focus(question):
        return False
    head = words(question)
    name = f"{section.title.split('(')[0]} {section.anchor}" if section is not None else ""
    if not named_terms(head, name):
        return True
    return bool(named_terms(head.split()[0] if head else "", page_names)) and not (
        named_terms(question, name) - named_terms(question, page_names))
