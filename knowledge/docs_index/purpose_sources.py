"""Where the purpose index (knowledge/docs_index/purposes.py) is read from: the learner pages' API entries, the
library sections and the FAQ/HOWTO recipes of the loaded documentation, plus the explanatory texts (HOWTOs, the
tutorial, the behaviour contracts and the curated pages the caller passes) whose sentences name functions."""
from __future__ import annotations

from knowledge.docs_index import api_names, call_examples
from knowledge.docs_index.purposes import Index


def selection_sql() -> tuple[str, dict]:
    """The rows the index is built from: the learner pages' API entries and the FAQ/HOWTO recipe sections."""
    return ("SELECT page, anchor, title, kind, trail, body, examples FROM docs_sections "
            "WHERE (kind <> 'glossary' AND page = ANY(%(pages)s)) OR (kind = 'section' AND "
            "(page LIKE 'faq/%%' OR page LIKE 'howto/%%') AND title ~* '^(how|what.*way)')",
            {"pages": sorted(call_examples.PAGES | set(api_names.PAGES))})


_TEXTS = "SELECT body FROM docs_sections WHERE page LIKE 'howto/%%' OR page LIKE 'tutorial/%%'"


def _index(rows, bodies, texts) -> Index:
    from knowledge import contracts
    from knowledge.docs_index.search import Passage

    explained = [*(b[0] for b in bodies), *texts, *(c[0] for c in contracts.CONTRACTS.values())]
    return Index((Passage(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()), 0.0) for r in rows), explained)


async def load(conn, texts=()) -> Index:
    """The index of the loaded documentation (built once per process: ~2,000 rows); `texts`: the curated pages."""
    from psycopg.rows import tuple_row

    sql, params = selection_sql()
    async with conn.cursor(row_factory=tuple_row) as cursor:
        await cursor.execute(sql, params)
        rows = await cursor.fetchall()
        await cursor.execute(_TEXTS)
        bodies = await cursor.fetchall()
    return _index(rows, bodies, texts)


def load_sync(conn, texts=()) -> Index:
    from psycopg.rows import tuple_row

    sql, params = selection_sql()
    with conn.cursor(row_factory=tuple_row) as cursor:
        rows = cursor.execute(sql, params).fetchall()
        bodies = cursor.execute(_TEXTS).fetchall()
    return _index(rows, bodies, texts)
