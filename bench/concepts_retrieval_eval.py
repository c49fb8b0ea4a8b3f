"""Retrieval over the Python documentation index: recall@1/@3/@5 on the dev set, PostgreSQL full-text search
(what the concepts agent uses) against bm25s on the same sections (the alternative the issue named).

    .venv/bin/python bench/concepts_retrieval_eval.py        # part of `make eval`

The dev set (tests/docs_index/retrieval_dev.jsonl) holds questions phrased as students ask them, each with the
page#anchor sections that answer it; a hit is any of them in the top k. Uses LEARNFLOW_DATABASE_URL when set,
otherwise an embedded PostgreSQL in a temporary directory.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]

from knowledge.docs_index import build, search  # noqa: E402
from docs_db import docs_database  # noqa: E402  (bench/docs_db.py)

DEV_SET = ROOT / "tests" / "docs_index" / "retrieval_dev.jsonl"
KS = (1, 3, 5)


def load_dev() -> list[dict]:
    return [json.loads(line) for line in DEV_SET.read_text().splitlines() if line.strip()]


def recall(ranked: list[list[str]], dev: list[dict]) -> dict[int, float]:
    return {k: sum(any(r in set(case["expect"]) for r in ranks[:k]) for ranks, case in zip(ranked, dev)) / len(dev)
            for k in KS}


# The ablation: the same candidates ranked by ts_rank_cd alone, without the per-term rarity weights.
_PLAIN_SQL = """
SELECT page || '#' || anchor FROM docs_sections, websearch_to_tsquery('english', %(any)s) AS query
 WHERE search @@ query ORDER BY ts_rank_cd(search, query, 1) DESC, length(body) LIMIT 5
"""


def postgres_ranks(url: str, dev: list[dict], weighted: bool = True) -> tuple[list[list[str]], float]:
    import psycopg

    with psycopg.connect(url) as conn:
        started = time.perf_counter()
        if weighted:
            ranked = [[f"{p.page}#{p.anchor}" for p in search.search_sync(conn, case["q"], k=5)] for case in dev]
        else:
            ranked = [[r[0] for r in conn.execute(_PLAIN_SQL, search.query_params(case["q"])).fetchall()]
                      if search.query_params(case["q"]) else [] for case in dev]
        return ranked, (time.perf_counter() - started) * 1000 / len(dev)


def bm25_ranks(sections: list[dict], dev: list[dict]) -> tuple[list[list[str]], float]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    # Title and identifier words twice: the same title boost the PostgreSQL index gives with weight A.
    corpus = [f"{s['title']} {s['terms']} {s['title']} {s['terms']} {s['trail']} {s['body']}" for s in sections]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer, show_progress=False),
                    show_progress=False)
    ids = [f"{s['page']}#{s['anchor']}" for s in sections]
    started = time.perf_counter()
    ranked = []
    for case in dev:
        tokens = bm25s.tokenize([" ".join(search.key_terms(case["q"])) or case["q"]], stopwords="en",
                                stemmer=stemmer, show_progress=False)
        docs, _ = retriever.retrieve(tokens, k=5, show_progress=False)
        ranked.append([ids[i] for i in docs[0]])
    return ranked, (time.perf_counter() - started) * 1000 / len(dev)


def main() -> int:
    cache_file = build.prepare()
    if cache_file is None:
        print("concepts retrieval: Python documentation not installed (scripts/bootstrap.sh installs it)")
        return 1
    sections = build.read_cache(cache_file)["sections"]
    dev = load_dev()
    with docs_database(cache_file) as url:
        results = {"postgres-fts": postgres_ranks(url, dev), "pg-fts-no-idf": postgres_ranks(url, dev, False),
                   "bm25s": bm25_ranks(sections, dev)}
    print(f"concepts retrieval: {len(dev)} dev questions, {len(sections)} documentation sections")
    for name, (ranked, ms) in results.items():
        scores = recall(ranked, dev)
        print(f"  {name:<14} " + "  ".join(f"recall@{k} {scores[k]:.2f}" for k in KS) + f"  ({ms:.1f} ms/query)")
    if "-v" in sys.argv:
        for case, ranks in zip(dev, results["postgres-fts"][0]):
            if not any(r in case["expect"] for r in ranks[:3]):
                print(f"  miss@3: {case['q']!r} -> {ranks[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
