"""Concepts asked for by what they do, not by name: "how can a function keep a value after it returns",
"a function that gives back values one by one and pauses", "what is it called when a function calls itself".

The words of such a question name a broad topic ("function") that the engine would otherwise explain in general.
Here the question is matched against DEFINITIONS: the glossary of the documentation (closure variable, generator,
nested scope, ...) and the summary and opening sentences of every curated page, each of the question's terms
weighted by its rarity in the documentation, a related word counting at a lower weight
(knowledge/related_words.py). The definition that states most of the described behaviour names the concept;
the answer then explains that concept, opening with the definition that matched.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from agents.concepts.docs_answer import _stem
from knowledge.docs_index.search import key_terms
from agents.concepts.pages import ENTRIES
from knowledge.related_words import forms, related

_SUBJECT = r"(?:function|method|class|object|variable|loop|program|value|attribute|instance|module|code)s?"
_DESCRIBED = re.compile(
    rf"^\W*(?:how\s+(?:can|do|does|could|would|should)\s+(?:i\s+)?(?:make\s+|let\s+|get\s+)?(?:a|an|my|the|one)\s+"
    rf"{_SUBJECT}\b|(?:is\s+there\s+)?an?\s+{_SUBJECT}\s+(?:that|which)\b|"
    r"what(?:'?s|\s+is)\s+(?:it|this|that)\s+called|what\s+do\s+you\s+call|"
    rf"is\s+there\s+(?:a|any)\s+way\s+(?:for|to\s+make)\s+(?:a|an|my)\s+{_SUBJECT}\b|"
    rf"^\W*(?:my\s+|a\s+)?{_SUBJECT}\s+(?:that|which)\b)|\b(?:a|an)\s+{_SUBJECT}\s+(?:that|which)\s+(?:only\s+)?"
    r"(?:\w+s|can|will|does|has|keeps?|stores?)\b", re.I)
_NAMED = re.compile(r"\b(?:what\s+is\s+an?|explain|define)\b", re.I)
MIN_SHARE = 0.4


@dataclass(frozen=True)
class Definition:
    term: str          # "generator" or a curated page's title
    topic: str         # the curated topic it is (or "")
    sentence: str      # the definition as written
    url: str           # the glossary link, "" for a curated page
    stems: frozenset[str]


def _sentences(text: str, n: int = 2) -> str:
    return " ".join(re.split(r"(?<=[.!?])\s+(?=[A-Z`])", text.strip())[:n])


def _stems(text: str) -> frozenset[str]:
    return frozenset(f for w in re.findall(r"[A-Za-z_]+", text) for f in forms(w))


def definitions(glossary_passages=()) -> list[Definition]:
    found = [Definition(d["title"], topic, d["summary"], "", _stems(" ".join(
        [d["title"], *d["aliases"], d["summary"], _sentences(d["beginner"])]))) for topic, d in ENTRIES.items()]
    for p in glossary_passages:
        sentence = _sentences(p.body)
        found.append(Definition(p.title, "", sentence, p.url, _stems(f"{p.title} {sentence}")))
    return found


def described(question: str) -> bool:
    return bool(_DESCRIBED.search(question or "")) and not _NAMED.search(question or "")


def match(question: str, units: list[Definition], vocabulary: dict[str, int] | None) -> tuple[Definition, float] | None:
    """The definition that states most of the behaviour the question describes, with the share it states."""
    weights = _weights(question, vocabulary or {})
    if len(weights) < 2:
        return None
    total = sum(weights.values())
    subject = re.search(rf"\b{_SUBJECT}\b", question or "", re.I)
    kind = _stem(subject.group(0).rstrip("s")) if subject else ""
    best = None
    for unit in units:
        got, hits = 0.0, 0
        for term, w in weights.items():
            if term in unit.stems:
                got, hits = got + w, hits + 1
            elif related(term) & unit.stems:
                got += 0.6 * w
        share = got / total
        if kind and kind not in _stems(f"{unit.term} {unit.sentence}"):
            share *= 0.7   # "a function that ..." describes a kind of function: its definition says so
        if set(weights) & _stems(unit.term) - {kind}:
            share *= 1.2   # the concept's own name is a word of the description ("called": callable)
        if hits >= 2 and (best is None or share > best[1]):
            best = (unit, share)
    return best if best and best[1] >= MIN_SHARE else None


def _weights(question: str, vocabulary: dict[str, int]) -> dict[str, float]:
    """{stem: rarity} of the question's key terms; a word the index does not hold (PostgreSQL drops "itself" as
    a stop word) counts as rare."""
    total = max(4000, max(vocabulary.values(), default=0))
    found = {}
    for term in key_terms(question, expand=False):
        s = _stem(term)
        found[s] = math.log(total / (1 + vocabulary.get(s, 0))) if vocabulary.get(s) else math.log(total / 10)
    return found


def opening(unit: Definition) -> str:
    where = f" (from the [glossary]({unit.url}))" if unit.url else ""
    return f"**What you describe is {unit.term}:** {unit.sentence}{where}"


_SQL = "SELECT page, anchor, title, kind, trail, body FROM docs_sections WHERE kind = 'glossary'"


def _from_rows(rows) -> list[Definition]:
    from knowledge.docs_index.search import Passage

    return definitions([Passage(r[0], r[1], r[2], r[3], r[4], r[5], (), 0.0) for r in rows])


async def load(conn) -> list[Definition]:
    """The curated pages' definitions and the documentation glossary's (read once per process)."""
    from psycopg.rows import tuple_row

    async with conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(_SQL)
        return _from_rows(await cursor.fetchall())


def load_sync(conn) -> list[Definition]:
    from psycopg.rows import tuple_row

    with conn.cursor(row_factory=tuple_row) as cursor:
        return _from_rows(cursor.execute(_SQL).fetchall())
