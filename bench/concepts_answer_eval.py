"""Are concept answers on point? The concepts engine (curated pages + documentation search, exactly what
ConceptsService answers offline) on question sets with the page or section a good answer is built on.

    .venv/bin/python bench/concepts_answer_eval.py            # both held-out sets + dev (part of `make eval`)
    .venv/bin/python bench/concepts_answer_eval.py -v         # also list the DEV set's misses
    .venv/bin/python bench/concepts_answer_eval.py bench/concepts_heldout2.jsonl [...]   # only these sets

Sets (JSONL, one question a line):
- bench/concepts_heldout.jsonl: the held-out TEST set, written before the engine changed and never tuned on
  (its misses are deliberately not listed);
- bench/concepts_dev.jsonl: the development set, free to look at and iterate on;
- bench/concepts_heldout2.jsonl: a second held-out set, written before the second round of changes (also never
  tuned on). Misses are listed only for the dev set, whatever the files.

Each case has a kind:
- single: `expect` lists what the answer may be built on: a curated topic id ("lists"), a documentation
  section ("howto/sorting#key-functions") or a whole page ("library/enum"). The answer's subject is its curated
  topic, or for an answer from the documentation the first section it quotes (its first "Source:" link).
- multi (X vs Y): every `must` regex appears in the answer, each of the `sides` is explained (a curated topic
  whose title heads a section or labels a paragraph, or a documentation section linked), and the answer
  states the difference.
- offtopic: the answer says it could not match the question to a Python topic.
Uses LEARNFLOW_DATABASE_URL when set, otherwise an embedded PostgreSQL in a temporary directory.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated")]

from knowledge.docs_index import build, search  # noqa: E402
from docs_db import docs_database  # noqa: E402  (bench/docs_db.py)

SETS = {"held-out (test)": ROOT / "bench" / "concepts_heldout.jsonl",
        "held-out 2 (test)": ROOT / "bench" / "concepts_heldout2.jsonl", "dev": ROOT / "bench" / "concepts_dev.jsonl"}
_SOURCE = re.compile(r"^Source: https://docs\.python\.org/3/([a-z0-9_./-]+)\.html#(\S+)", re.M)
_URL = re.compile(r"https://docs\.python\.org/3/([a-z0-9_./-]+)\.html#([A-Za-z0-9_.-]+)")
_DIFFERENCE = re.compile(r"\bdifferen(?:ce|t)\b|\bwhereas\b|\bunlike\b|\binstead\b", re.I)
UNMATCHED = "could not match"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def subject(topic: str, text: str) -> str:
    """What an answer is built on: the first quoted documentation section, else its curated topic."""
    source = _SOURCE.search(text)
    return f"{source.group(1)}#{source.group(2)}" if source else topic


def matches(target: str, expected: list[str]) -> bool:
    return any(target == e or ("/" in e or e == "glossary") and "#" not in e and target.startswith(e + "#")
               for e in expected)


def explains(side: list[str], topic: str, text: str) -> bool:
    from agents.concepts import kb

    links = {f"{m.group(1)}#{m.group(2)}" for m in _URL.finditer(text)}
    for target in side:
        if "/" in target or target.startswith("glossary"):
            if any(matches(link, [target]) for link in links):
                return True
        elif target in kb.ENTRIES:
            title = re.escape(kb.title(target))
            if target == topic or re.search(rf"^#+ .*{title}|\*\*{title}[:*]", text, re.M):
                return True
    return False


def judge(case: dict, topic: str, text: str) -> tuple[bool, str]:
    """(on point, what the answer was about)."""
    unmatched = UNMATCHED in text
    if case["kind"] == "offtopic":
        return unmatched, "unmatched" if unmatched else subject(topic, text)
    if unmatched:
        return False, "unmatched"
    if case["kind"] == "single":
        got = subject(topic, text)
        return matches(got, case["expect"]), got
    missing = [m for m in case.get("must", ()) if not re.search(m, text, re.I | re.S)]
    sides = [s for s in case.get("sides") or () if not explains(s, topic, text)]
    ok = not missing and not sides and bool(_DIFFERENCE.search(text))
    why = subject(topic, text) + (f" missing {missing}" if missing else "") + (f" sides {sides}" if sides else "")
    return ok, why + ("" if _DIFFERENCE.search(text) else " no-difference")


def run(conn, cases: list[dict], level: str = "beginner", style: str = "step-by-step") -> list[tuple]:
    from agents.concepts import compare_docs, kb, lead

    results = []
    sections = search.vocabulary_sync(conn)
    for case in cases:
        # as ConceptsService does: six sections (three choose and ground the answer), identifiers the question
        # spells in two words searched too, each side of a comparison searched on its own
        query = " ".join([case["q"], *lead.identifiers(case["q"], sections)])
        found = search.search_sync(conn, query, k=6)
        queries = kb.side_queries(case["q"], always=True)
        sides = tuple(compare_docs.best_fit(search.search_sync(conn, q, k=5), q) for q in queries) if queries else ()
        answer = kb.explain(case["q"], skill_level=level, learning_style=style, passages=found[:3],
                            sections=sections, side_passages=sides, more_passages=found[3:])
        results.append((case, *judge(case, answer.topic, answer.text)))
    return results


def report(name: str, results: list[tuple], verbose: bool) -> None:
    by_kind: dict[str, list[bool]] = {}
    for case, ok, _ in results:
        by_kind.setdefault(case["kind"], []).append(ok)
    total = sum(ok for _, ok, _ in results)
    kinds = "  ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items()))
    print(f"  {name:<16} on point {total}/{len(results)} = {100 * total / len(results):.1f}%   ({kinds})")
    if verbose:
        for case, ok, why in results:
            if not ok:
                print(f"     miss [{case['kind']}] {case['q'][:70]!r} -> {why}")


def main() -> int:
    cache_file = build.prepare()
    if cache_file is None:
        print("concepts answers: Python documentation not installed (scripts/bootstrap.sh installs it)")
        return 1
    import psycopg

    with docs_database(cache_file) as url:
        print("concepts answers (curated pages + documentation search, offline engine):")
        with psycopg.connect(url) as conn:
            files = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
            sets = {p.stem.replace("concepts_", ""): p for p in files} if files else SETS
            for name, path in sets.items():
                started = time.perf_counter()
                results = run(conn, load(path))
                report(name, results, verbose="-v" in sys.argv and path.name == "concepts_dev.jsonl")
                print(f"  {'':<16} ({(time.perf_counter() - started) * 1000 / len(results):.1f} ms/question)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
