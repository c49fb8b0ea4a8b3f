"""The curated pages (agents/concepts/knowledge/) as one mapping, with their headings and the version of the data.

Heading and summary come from the shared outline (knowledge/outline.py), the rest from the curated pages.
KB_VERSION changes whenever the data changes, so caches keyed on it never serve stale text.
"""
from __future__ import annotations

import hashlib

from agents.concepts.knowledge import control, core, gaps, objects, tools
from agents.concepts.knowledge.pairs import PAIR_NOTES
from knowledge.errors import ERRORS
from knowledge.outline import OUTLINE

ENTRIES: dict[str, dict] = {topic: {"title": OUTLINE[topic][0], "summary": OUTLINE[topic][1], **data}
                            for topic, data in {**core.ENTRIES, **control.ENTRIES, **objects.ENTRIES,
                                                **tools.ENTRIES, **gaps.ENTRIES}.items()}
KB_VERSION = hashlib.sha256(repr((sorted(ENTRIES.items()), sorted(ERRORS.items()),
                                  sorted(PAIR_NOTES.items()))).encode()).hexdigest()[:16]


def title(topic: str) -> str:
    return ENTRIES[topic]["title"] if topic in ENTRIES else topic.replace("-", " ").title()


def summary(topic: str) -> str:
    return ENTRIES[topic]["summary"] if topic in ENTRIES else ""


def entry(topic: str) -> dict | None:
    return ENTRIES.get(topic)


def page_texts() -> list[str]:
    """The curated pages' explanations and mistakes (their sentences that name a function say what it is for)."""
    return [" ".join([d["beginner"], d["intermediate"], *d["mistakes"]]) for d in ENTRIES.values()]
