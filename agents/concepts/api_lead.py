"""When the answer comes from one function's documentation entry rather than a curated page.

A question that names or implies a builtin or standard-library function (knowledge/docs_index/api_names.py:
"len()", "convert string to int", "square root", "sum all numbers") is answered from that function's entry,
which the search ranks first. A curated page still wins when it claims the name as one of its own specific
keywords ("how do I sort a list": the Sorting page teaches sort and sorted; "open a file": File I/O), unless the
question writes the name as a call ("what does sorted() return"), which asks about the function itself.
"""
from __future__ import annotations

import re

from agents.concepts import docs_answer
from knowledge.docs_index import api_names
from knowledge.docs_index.search import NAMED_BONUS
from knowledge.topics import _WEAK, KEYWORDS


def claims(topic: str | None, name: str) -> bool:
    """The curated page declares the function as a specific keyword of its own (not a generic word)."""
    if not topic:
        return False
    spelled = re.compile(rf"{re.escape(name)}(?:\(\))?")
    return any(spelled.fullmatch(k) and k not in _WEAK for k in KEYWORDS.get(topic, ()))


def lead(question: str, passages, topic: str | None):
    """The entry among the best passages for the function the question asks about, or None."""
    best = [p for p in list(passages)[:3] if p.kind == "api" and p.page in api_names.PAGES]
    if not best:
        return None
    for named in api_names.named(question):
        spellings = api_names.variants(named.name)
        for passage in best:
            name = api_names.entry_name(passage.anchor)
            if name not in spellings or not api_names.addressable(passage.anchor, question):
                continue
            if named.how != "call" and claims(topic, name):
                return None
            if named.how == "head" and not _covers(passage, passages, question):
                continue
            return passage
    return None


def _covers(entry, passages, question: str) -> bool:
    """The first key term names the entry, but does its text cover the question as well as the best other
    section? ("format a number with commas as thousands separator": str.format's entry does not.)"""
    others = [p for p in passages if p is not entry]
    if not others or passages[0] is entry:
        return True
    text = docs_answer.passage_text
    return docs_answer.coverage(question, text(entry)) >= docs_answer.coverage(question, text(others[0]))


def demoted(passages) -> list:
    """The passages in their text order: the entries ranked first only because the question named their
    function go last (for when a curated page answers instead and the rest of the choice reads the text rank)."""
    passages = list(passages)
    return [p for p in passages if p.rank < NAMED_BONUS / 2] + [p for p in passages if p.rank >= NAMED_BONUS / 2]
