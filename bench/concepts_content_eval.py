"""Do concept answers STATE what was asked? The answer text a student sees (ConceptsService.Explain's
response_text followed by its code_examples), judged by regexes for the key ideas of the question.

    .venv/bin/python bench/concepts_content_eval.py          # held-out + dev (part of `make eval`)
    .venv/bin/python bench/concepts_content_eval.py -v       # also list the DEV set's misses
    .venv/bin/python bench/concepts_content_eval.py bench/concepts_content_dev.jsonl   # only these sets

Unlike bench/concepts_answer_eval.py (which judges WHICH page or section an answer is built on), this judges
the composed text: a correct page that never says the thing asked is a miss.

Sets (JSONL, one question a line; `kind` is narrow / multi / single):
- bench/concepts_content_heldout.jsonl: the held-out TEST set, written from Python knowledge before the engine
  changed and never tuned on (its misses are deliberately not listed);
- bench/concepts_content_dev.jsonl: the development set, free to look at and iterate on.

A case is on point when every `must` regex (case-insensitive, `.` spans lines) occurs in the text, no
`must_not` regex does, the answer is not a decline ("I could not match"), and for a comparison (`multi`) the
text also states a difference (difference / whereas / unlike / instead / while / but ...).

The answer comes from the real ConceptsService (agents/concepts/service.py) with a real PostgreSQL holding the
migrations and the documentation index (LEARNFLOW_DATABASE_URL when set, otherwise an embedded server in a
temporary directory), offline (no Claude), beginner / step-by-step.
"""
from __future__ import annotations

import asyncio
import json
import re
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "generated"), str(ROOT / "bench")]

from knowledge.docs_index import build  # noqa: E402
from docs_db import docs_database  # noqa: E402  (bench/docs_db.py)

SETS = {"held-out (test)": ROOT / "bench" / "concepts_content_heldout.jsonl",
        "dev": ROOT / "bench" / "concepts_content_dev.jsonl"}
_DIFFERENCE = re.compile(r"\bdifferen(?:ce|t|s)\b|\bwhereas\b|\bunlike\b|\binstead\b|\bwhile\b|\bbut\b|"
                         r"\bcompared?\b|\bon the other hand\b", re.I)
DECLINE = "could not match"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def answer_text(response) -> str:
    """What the student sees: the answer's text, then its code examples."""
    return "\n".join([response.response_text, *response.code_examples])


def judge(case: dict, text: str) -> tuple[bool, str]:
    """(on point, why not)."""
    if DECLINE in text:
        return False, "declined"
    missing = [m for m in case.get("must", ()) if not re.search(m, text, re.I | re.S)]
    present = [m for m in case.get("must_not", ()) if re.search(m, text, re.I | re.S)]
    difference = case["kind"] != "multi" or bool(_DIFFERENCE.search(text))
    why = (f"missing {missing}" if missing else "") + (f" has {present}" if present else "") + \
        ("" if difference else " no-difference")
    return not missing and not present and difference, why.strip()


class _Runtime:
    """The two things ConceptsServicer uses of server.runtime.Runtime: the settings and the database pool."""

    def __init__(self, pool, url: str):
        from server.config import Settings

        self.settings = Settings(agent="concepts", listen="127.0.0.1:0", database_url=url)   # no Claude key
        self.pool = pool


async def _answers(url: str, cases: list[dict]) -> list[str]:
    from learnflow.v1 import common_pb2, concepts_service_pb2 as pb, enums_pb2

    from agents.concepts.service import ConceptsServicer
    from db.pool import open_async_pool

    pool = await open_async_pool(url, max_size=2)
    try:
        servicer = ConceptsServicer(_Runtime(pool, url))
        texts = []
        for case in cases:
            context = common_pb2.TutorContext(query_id=str(uuid.uuid4()), student_id="eval",
                                              skill_level=enums_pb2.SKILL_LEVEL_BEGINNER,
                                              learning_style=enums_pb2.LEARNING_STYLE_STEP_BY_STEP)
            result = await servicer.Explain(pb.ExplainRequest(question=case["q"], context=context), None)
            texts.append(answer_text(result.response))
        return texts
    finally:
        await pool.close()


def report(name: str, cases: list[dict], texts: list[str], verbose: bool) -> int:
    by_kind: dict[str, list[bool]] = {}
    misses = []
    for case, text in zip(cases, texts):
        ok, why = judge(case, text)
        by_kind.setdefault(case["kind"], []).append(ok)
        if not ok:
            misses.append((case, why))
    total = sum(sum(v) for v in by_kind.values())
    kinds = "  ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items()))
    print(f"  {name:<16} states what was asked {total}/{len(cases)} = {100 * total / len(cases):.1f}%   ({kinds})")
    if verbose:
        for case, why in misses:
            print(f"     miss [{case['kind']}] {case['q'][:70]!r} -> {why}")
    return total


def main() -> int:
    cache_file = build.prepare()
    if cache_file is None:
        print("concepts content: Python documentation not installed (scripts/bootstrap.sh installs it)")
        return 1
    files = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    sets = {p.stem.replace("concepts_content_", ""): p for p in files} if files else SETS
    with docs_database(cache_file) as url:
        print("concepts answer content (ConceptsService.Explain offline; the text a student sees):")
        for name, path in sets.items():
            cases = load(path)
            started = time.perf_counter()
            texts = asyncio.run(_answers(url, cases))
            report(name, cases, texts, verbose="-v" in sys.argv and "dev" in path.name)
            print(f"  {'':<16} ({(time.perf_counter() - started) * 1000 / len(cases):.1f} ms/question)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
