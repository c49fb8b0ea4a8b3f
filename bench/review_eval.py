"""Code-review analyzer on the dev set: must-mention hit rate, misses, and mean milliseconds per review.

Run: .venv/bin/python bench/review_eval.py [path/to/set.jsonl]
Each item's rendered beginner review must match every `must_mention` regex (case-insensitive). Also
reports the review figures of issue 10: how often a review with a security/correctness/performance finding
still says "nothing to fix" or scores above 80 (must be 0), and the category of the first finding.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review.analyzer import render, review  # noqa: E402

DEV = ROOT / ".." / "shared" / "eval" / "review-dev.jsonl"


def main(path: Path) -> int:
    items = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    hits = total = unsafe_praise = 0
    misses = []
    first_categories: dict[str, int] = {}
    started = time.perf_counter()
    for item in items:
        report = review(item["code"], item.get("question", ""))
        text = render(report, "beginner")
        serious = [f for f in report.findings if f.category in ("security", "correctness", "performance")]
        unsafe_praise += bool(serious) and ("nothing to fix" in text or report.score > 80)
        if report.findings:
            first = report.findings[0].category
            first_categories[first] = first_categories.get(first, 0) + 1
        for pattern in item["must_mention"]:
            total += 1
            if re.search(pattern, text, re.I):
                hits += 1
            else:
                misses.append((item["code"], pattern, [f.rule for f in report.findings]))
    elapsed = (time.perf_counter() - started) / len(items) * 1000
    print(f"must-mention hit rate: {hits}/{total} = {100 * hits / total:.1f}%")
    print("misses:" if misses else "misses: none")
    for code, pattern, rules in misses:
        print(f"  /{pattern}/ not found; rules={rules}; code={code[:70]!r}")
    print(f"'nothing to fix' or score > 80 despite a security/correctness/performance finding: {unsafe_praise}")
    print(f"first finding by category: {first_categories}")
    print(f"mean review+render time: {elapsed:.2f} ms per snippet")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV))
