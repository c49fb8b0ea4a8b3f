"""Finds the documentation sections that answer a question: PostgreSQL full-text search over docs_sections.

The question is reduced to its key terms (words that say what is asked about, not how it is asked), OR-ed
into a websearch_to_tsquery so a long question still matches, and ranked with ts_rank_cd over the weighted
vector (title A, body B, headings C), normalised by section length so a focused section beats a long page
that mentions everything once. bench/concepts_retrieval_eval.py measures this against bm25s on the same
sections (README: "Python documentation").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.docs_index.pages import link

# Words about the asking, not the subject; PostgreSQL's English stop list already drops "the", "is", "how"...
_ASKING = frozenset("""
    python pythons explain explanation mean means meaning please help understand understanding tell show work
    works working use used using usage way ways thing things something example examples doing make makes want
    need get know difference different differences between vs versus better best good bad correct right
    question questions someone anyone really actually simple simply basically exactly kind type like just also
    can could would should will shall may might must im dont doesnt cant whats hows wats pls plz u ur ya
""".split())
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Students say the English word, the documentation names the type: both are searched.
_TYPE_NAMES = {"string": "str", "strings": "str", "integer": "int", "integers": "int", "dictionary": "dict",
               "dictionaries": "dict", "boolean": "bool", "booleans": "bool", "number": "int", "text": "str"}
# Operators as the language reference names them (a question "is vs ==" has no other words to search for).
_OPERATORS = (("==", "comparison equal"), ("!=", "comparison"), (":=", "assignment expression"),
              ("//", "floor division"), ("**", "power"), ("%", "modulo"), ("+=", "augmented assignment"),
              ("->", "annotation"), ("@", "decorator"))


@dataclass(frozen=True)
class Passage:
    page: str
    anchor: str
    title: str
    kind: str
    trail: str
    body: str
    examples: tuple[dict, ...]
    rank: float

    @property
    def url(self) -> str:
        return link(self.page, self.anchor)


def key_terms(question: str) -> list[str]:
    """'how do I sort a list of dicts by one value?' -> ['sort', 'list', 'dicts', 'one', 'value']."""
    question = question or ""
    terms = []
    for symbol, words in _OPERATORS:
        if symbol in question:
            terms += words.split()
            question = question.replace(symbol, " ")
    if re.search(r"\bis\b", question) and re.search(r"==|\bvs\.?\b|\bversus\b|\bor\b", question or ""):
        terms.append("identity")   # "is" is a stop word; in a comparison with == it is the operator
    for word in _WORD.findall(question):
        lowered = word.lower().strip("_") if not word.startswith("__") else word.lower()
        if len(lowered) > 1 and lowered not in _ASKING:
            terms.append(lowered)
            if lowered in _TYPE_NAMES:
                terms.append(_TYPE_NAMES[lowered])
    return list(dict.fromkeys(terms))[:16]


def tsquery_text(question: str) -> str:
    return " or ".join(key_terms(question))


_SQL = """
SELECT page, anchor, title, kind, trail, body, examples,
       ts_rank_cd(search, query, 1) AS rank
  FROM docs_sections, websearch_to_tsquery('english', %(q)s) AS query
 WHERE search @@ query
 ORDER BY rank DESC, length(body)
 LIMIT %(k)s
"""


def _passages(rows) -> list[Passage]:
    return [Passage(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()), float(r[7])) for r in rows]


def search_sync(conn, question: str, k: int = 5) -> list[Passage]:
    text = tsquery_text(question)
    if not text:
        return []
    return _passages(conn.execute(_SQL, {"q": text, "k": k}).fetchall())


async def search(conn, question: str, k: int = 5) -> list[Passage]:
    text = tsquery_text(question)
    if not text:
        return []
    cursor = await conn.execute(_SQL, {"q": text, "k": k})
    return _passages(await cursor.fetchall())
