"""Answers from the official Python documentation when no curated page fits, and citations when one does.

Passages come from knowledge.docs_index.search (PostgreSQL full-text search). An answer quotes only the
paragraphs of the best sections that share the question's key terms (not whole pages), links each section
(https://docs.python.org/3/<page>.html#<anchor>) and shows only examples that were run in the sandbox when the
index was built (knowledge/docs_index/verify.py), with the output they really printed.
"""
from __future__ import annotations

import re

from knowledge.docs_index.search import Passage, key_terms
from knowledge.topics import detect_topics

_SENTENCE_LIMIT = {"beginner": 2, "intermediate": 3, "advanced": 5}


def _stem(word: str) -> str:
    return re.sub(r"(ing|ed|es|s)$", "", word.lower()) if len(word) > 4 else word.lower()


def condense(passage: Passage, question: str, level: str) -> str:
    """The paragraphs of a section that mention the question's key terms, best first, kept in page order."""
    terms = {_stem(t) for t in key_terms(question)}
    paragraphs = [p for p in passage.body.split("\n\n") if p.strip()]
    scored = []
    for index, paragraph in enumerate(paragraphs):
        words = {_stem(w) for w in re.findall(r"[A-Za-z_]+", paragraph)}
        scored.append((len(terms & words) + (0.5 if index == 0 else 0), index, paragraph))
    keep = sorted(sorted(scored, key=lambda s: -s[0])[:_SENTENCE_LIMIT.get(level, 3)], key=lambda s: s[1])
    text = "\n\n".join(p for _, _, p in keep)
    return text if len(text) <= 1500 else text[:1500].rsplit(" ", 1)[0] + " ..."


def example_block(example: dict) -> str:
    if example.get("transcript"):
        return f"```pycon\n{example['code'].rstrip()}\n```"
    block = f"```python\n{example['code'].rstrip()}\n```"
    if example.get("output", "").strip():
        block += f"\nOutput:\n```\n{example['output'].rstrip()}\n```"
    return block


def passage_topics(passages: list[Passage]) -> dict[str, float]:
    """Curated topics the best documentation sections are about (their titles and headings), rank-weighted:
    scored together with the question's own keywords, so retrieval helps pick the curated page."""
    bonus: dict[str, float] = {}
    for position, passage in enumerate(passages[:3]):
        for topic, score in detect_topics(f"{passage.title} {passage.trail}", limit=1):
            bonus[topic] = bonus.get(topic, 0.0) + score * (0.6 / (position + 1))
    return bonus


def citations(passages: list[Passage], limit: int = 2) -> str:
    if not passages:
        return ""
    links = [f"- [{p.title}]({p.url})" for p in passages[:limit]]
    return "\n\n**In the Python documentation:**\n" + "\n".join(links)


def answer(question: str, passages: list[Passage], level: str, style: str, skip_codes: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """(text, example codes) from the best passages; the caller checks there is at least one passage."""
    best = passages[:2 if level != "advanced" else 3]
    examples = [e for p in passages[:3] for e in p.examples if e["code"] not in skip_codes][:1 if level == "beginner" else 2]
    parts = [f"## {best[0].title}"]
    code_first = style == "example-driven"
    blocks = "\n\n".join(example_block(e) for e in examples)
    if code_first and blocks:
        parts.append(f"### See it in action\n{blocks}")
    for passage in best:
        heading = "" if passage is best[0] else f"### {passage.title}\n"
        parts.append(f"{heading}{condense(passage, question, level)}\n\nSource: {passage.url}")
    if blocks and not code_first:
        parts.append(f"### Example (run and checked)\n{blocks}")
    return "\n\n".join(parts), tuple(e["code"] for e in examples)
