"""Exception type + line accuracy of Sandbox.run on the debug sets.

Sets (read from ../shared beside the repo, never copied):
  eval/debug-dev.jsonl              code / exception / line
  ext-eval/refactory-crashes.jsonl  snippet / exception / snippet_line
  ext-eval/friendly-syntax.jsonl    code / exception / line
Prints per-set accuracy, how often the explainer offers a concrete fix for the real run (bench/fixcheck.py:
a corrected program changing the error line, or a specific edit of it), and every miss.
Usage: python bench/debug_locate_eval.py [--limit N]
"""
import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sandbox import Sandbox  # noqa: E402
from agents.debug.explainer import explain_failure  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixcheck import concrete  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SETS = [("debug-dev", SHARED / "eval" / "debug-dev.jsonl", "code", "line"),
        ("refactory-crashes", SHARED / "ext-eval" / "refactory-crashes.jsonl", "snippet", "snippet_line"),
        ("friendly-syntax", SHARED / "ext-eval" / "friendly-syntax.jsonl", "code", "line")]


async def evaluate(limit: int | None) -> int:
    total_miss = 0
    async with Sandbox(max_concurrency=2, max_queue=10_000) as sb:
        for name, path, code_key, line_key in SETS:
            rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()][:limit]
            t0 = time.perf_counter()
            results = await asyncio.gather(*(sb.run(r[code_key]) for r in rows))
            wall = time.perf_counter() - t0
            misses = []
            for i, (row, res) in enumerate(zip(rows, results)):
                if res.exception_type != row["exception"] or res.line != row[line_key]:
                    misses.append((i, row, res))
            ok = len(rows) - len(misses)
            fixes = 0
            for row, res in zip(rows, results):
                expl = explain_failure(row[code_key], res)
                fixes += concrete(row[code_key], expl.fixed_code, f"{expl.cause}\n{expl.fix}", row[line_key])
            print(f"{name:20s} type+line {ok}/{len(rows)} = {100 * ok / max(len(rows), 1):.2f}%   concrete fix "
                  f"{fixes}/{len(rows)} = {100 * fixes / max(len(rows), 1):.1f}%   ({wall:.1f} s)")
            for i, row, res in misses:
                print(f"   MISS #{i} {row.get('file', '')}: expected {row['exception']}@{row[line_key]}, "
                      f"got {res.status} {res.exception_type}@{res.line}: {res.exception_message!r}")
            total_miss += len(misses)
    return total_miss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    asyncio.run(evaluate(args.limit))


if __name__ == "__main__":
    main()
