"""Answers show the form of syntax their question names (knowledge/syntax_forms.py).

"list comprehension with an if filter" answered by the comprehensions page is on topic, but when none of the
examples it shows writes `[x for x in xs if ...]` it does not show what was asked. After the answer is composed,
every form the question names that no code in it writes gets an example that does: from the curated pages'
examples (their printed output is checked by the test suite), the retrieved documentation sections, or any
documentation example that writes it (run in the sandbox when the index was built), the one that shares most
of the question's key terms first. It goes right after the answer's opening, under a heading naming the form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agents.concepts import compose, docs_answer
from agents.concepts.pages import ENTRIES
from knowledge import syntax_forms
from knowledge.docs_index.pages import link


@dataclass(frozen=True)
class Example:
    code: str
    block: str        # as shown: code fence and output
    source: str       # "" for a curated page, else the documentation link
    label: str        # the page or section title


def curated() -> list[Example]:
    return [Example(e["code"], compose.example_block(e), "", data["title"])
            for data in ENTRIES.values() for e in data["examples"]]


_CURATED: list[Example] = curated()


def from_rows(rows) -> list[Example]:
    """Examples of documentation rows (page, anchor, title, examples), skipping bare transcripts of one line."""
    found = []
    for page, anchor, title, examples in rows:
        for e in examples or ():
            if e.get("code", "").strip():
                found.append(Example(e["code"], docs_answer.example_block(e), link(page, anchor), title))
    return found


_SQL = "SELECT page, anchor, title, examples FROM docs_sections WHERE jsonb_array_length(examples) > 0 ORDER BY id"


async def load(conn) -> list[Example]:
    """Every verified example of the loaded documentation (a few thousand; read once per process)."""
    from psycopg.rows import tuple_row

    async with conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(_SQL)
        return from_rows(await cursor.fetchall())


def load_sync(conn) -> list[Example]:
    from psycopg.rows import tuple_row

    with conn.cursor(row_factory=tuple_row) as cursor:
        return from_rows(cursor.execute(_SQL).fetchall())


def _score(example: Example, question: str) -> float:
    curated_first = 0.5 if not example.source else 0.0
    return docs_answer.coverage(question, f"{example.label} {example.code}") + curated_first - len(example.code) / 4000


def ensure(result, question: str, pool=(), passages=()):
    """The explanation with an example of every syntax form the question names that it does not show yet."""
    if not result.text or result.title == "No matching topic":
        return result
    # the form must be written in code the answer shows (its examples and code blocks), not named in its prose
    shown = "\n".join([*re.findall(r"```(?:python|pycon)?\n(.*?)```", result.text, re.S), *result.examples])
    wanted = []
    for form in syntax_forms.asked(question):
        exact = syntax_forms.specialised(form, question)   # "3 decimals": .3f, not any number of decimals
        pattern = exact[0] if exact else form.code
        if not pattern.search(shown):
            wanted.append((form, pattern, exact))
    if not wanted:
        return result
    candidates = [*_CURATED, *from_rows((p.page, p.anchor, p.title, p.examples) for p in passages), *pool]
    text, examples = result.text, list(result.examples)
    for form, pattern, exact in wanted:
        fitting = [e for e in candidates if pattern.search(e.code)]
        if not fitting and exact:
            code, output = exact[1], exact[2]
            fitting = [Example(code, f"```python\n{code}\n```\nOutput:\n```\n{output}\n```", "", "String formatting")]
        if not fitting:
            continue
        best = max(fitting, key=lambda e: _score(e, question))
        where = f"\n(from [{best.label}]({best.source}))" if best.source else f"\n(from the {best.label} page)"
        block = f"### Example: {form.label}\n{_without_title(best.block)}{where}"
        head, sep, rest = text.partition("\n\n")
        text = f"{head}\n\n{block}\n\n{rest}" if sep else f"{text}\n\n{block}"
        examples.append(best.code)
    return replace(result, text=text, examples=tuple(dict.fromkeys(examples)))


def _without_title(block: str) -> str:
    return re.sub(r"^\*\*[^\n]*\*\*\n", "", block)
