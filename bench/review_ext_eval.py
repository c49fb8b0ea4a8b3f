"""The review on real student code (Refactory submissions, ../shared/ext-eval/, read in place, never copied):
how often a program that passes every test gets a correctness/security *error* as its first finding (a false
alarm that would lead the answer), and how often a program that fails a test gets a correctness finding at all.

Run: .venv/bin/python bench/review_ext_eval.py [--limit N] [--show 5]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review.analyzer import review  # noqa: E402

_MOVED = ("RET503", "SIM115")
SUBMISSIONS = ROOT / ".." / ".." / "shared" / "ext-eval" / "refactory-submissions.jsonl"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=SUBMISSIONS)
    parser.add_argument("--limit", type=int, default=0, help="every k-th submission so that about N are reviewed")
    parser.add_argument("--show", type=int, default=0, help="print this many false alarms per rule")
    args = parser.parse_args(argv)
    path = args.path if args.path.exists() else Path("/work/shared/ext-eval/refactory-submissions.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if args.limit:
        rows = rows[::max(1, len(rows) // args.limit)]
    passing = [r for r in rows if r["tests_passed"] and all(r["tests_passed"].values())]
    failing = [r for r in rows if r["tests_passed"] and not all(r["tests_passed"].values())]
    alarms: Counter = Counter()
    shown: dict[str, list] = {}
    for row in passing:
        report = review(row["code"])
        first = report.findings[0] if report.findings else None
        if first and first.category in ("security", "correctness") and first.severity == "error":
            alarms[first.rule] += 1
            shown.setdefault(first.rule, []).append((row["file"], first.line, first.message[:120]))
    caught, caught_same = Counter(), Counter()
    for row in failing:
        report = review(row["code"])
        caught[any(f.category == "correctness" for f in report.findings)] += 1
        # comparable across versions: RET503 and SIM115 were correctness before round 3 and are style now
        caught_same[any(f.category == "correctness" and f.code not in _MOVED for f in report.findings)] += 1
    n_alarms = sum(alarms.values())
    print(f"passing every test: {len(passing)}; a correctness/security error leads the review on {n_alarms} "
          f"({100 * n_alarms / max(1, len(passing)):.1f} %): {dict(alarms.most_common())}")
    print(f"failing a test: {len(failing)}; some correctness finding on {caught[True]} "
          f"({100 * caught[True] / max(1, len(failing)):.1f} %); without RET503/SIM115: {caught_same[True]} "
          f"({100 * caught_same[True] / max(1, len(failing)):.1f} %)")
    for rule, items in shown.items():
        for item in items[:args.show]:
            print(f"  {rule}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
