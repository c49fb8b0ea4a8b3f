"""Code-review analyzer on the dev set, and on LearnFlow's own held-out set.

Run: .venv/bin/python bench/review_eval.py [path/to/set.jsonl]     # must-mention set (default: shared dev set)
     .venv/bin/python bench/review_eval.py --heldout [--split dev|test|all] [--show-misses]
Must-mention: each item's rendered beginner review must match every `must_mention` regex (case-insensitive).
Held-out (bench/review_heldout.jsonl, written before the engines changed): the FIRST finding of the review
(rule, message and rewrite) must match `main`, and code marked `severe` (a security or correctness problem)
must never get "nothing to fix" nor a score above 80. Both report the issue-10 figures: "nothing to fix" or
score > 80 despite a security/correctness/performance finding (must be 0), and the first finding's category.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review.analyzer import render, review  # noqa: E402

DEV = ROOT / ".." / "shared" / "eval" / "review-dev.jsonl"
HELDOUT = ROOT / "bench" / "review_heldout.jsonl"


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def must_mention(path: Path) -> int:
    items = _load(path)
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


def heldout(split: str, show_misses: bool, path: Path = HELDOUT) -> int:
    items = [i for i in _load(path) if split == "all" or i["split"] == split]
    rows = []
    for item in items:
        report = review(item["code"], item.get("question", ""))
        text = render(report, "beginner")
        first = report.findings[0] if report.findings else None
        said = f"{first.rule} {first.code or ''} {first.message} {first.suggestion}" if first else ""
        praised = "nothing to fix" in text or report.score > 80
        rows.append({**item, "ok": bool(first) and bool(re.search(item["main"], said, re.I)),
                     "unsafe": item["severe"] and praised, "said": said[:150], "score": report.score})
    for part_name in ("dev", "test", "test2"):
        part = [r for r in rows if r["split"] == part_name]
        if not part:
            continue
        cats = ", ".join(f"{c} {sum(r['ok'] for r in part if r['category'] == c)}/"
                         f"{sum(r['category'] == c for r in part)}"
                         for c in ("security", "correctness", "performance", "style"))
        ok = sum(r["ok"] for r in part)
        print(f"review held-out {part_name}: main issue first {ok}/{len(part)} = {100 * ok / len(part):.1f}% ({cats}); "
              f"'nothing to fix'/score > 80 on severe code: {sum(r['unsafe'] for r in part)}/"
              f"{sum(r['severe'] for r in part)}")
    ok = sum(r["ok"] for r in rows)
    print(f"review held-out all: main issue first {ok}/{len(rows)} = {100 * ok / max(1, len(rows)):.1f}%; "
          f"unsafe praise {sum(r['unsafe'] for r in rows)}")
    for r in rows:
        if (not r["ok"] or r["unsafe"]) and (r["split"] == "dev" or show_misses):
            print(f"  miss {r['id']} ({r['split']}, score {r['score']}): /{r['main']}/ vs {r['said']!r}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEV)
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--split", choices=("dev", "test", "test2", "all"), default="all")
    parser.add_argument("--set", type=Path, default=HELDOUT, help="bench/review_heldout2.jsonl: a second fresh set")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    return heldout(args.split, args.show_misses, args.set) if args.heldout else must_mention(args.path)


if __name__ == "__main__":
    sys.exit(main())
