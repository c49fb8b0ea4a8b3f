"""Severe-problem coverage of the review: no all-clear on code with a security or correctness problem.

Run: .venv/bin/python bench/review_severe_eval.py [--set bench/review_severe_heldout5.jsonl] [--show-misses]

Each severe item has one security/correctness problem and `main`, a regex the first finding (rule, message,
rewrite) and the answer's lead must match. Reports, over the severe items: all-clear answers (score 100,
"nothing to fix", "flagged nothing"... — the same wording bench/review_eval.py counts), items with no
security/correctness finding at all, main issue first (findings[0] and answer text), split by whether the
program is only definitions (nothing runs at module level). Over the clean items: a false severe finding
(a security or correctness *error*) and any security/correctness finding at all.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review.analyzer import render, review  # noqa: E402
from bench.review_eval import _ALL_CLEAR, first_finding_text  # noqa: E402

DEFAULT = ROOT / "bench" / "review_severe_heldout5.jsonl"
_SERIOUS = ("security", "correctness")


def evaluate(items: list[dict]) -> list[dict]:
    rows = []
    for item in items:
        report = review(item["code"], item.get("question", ""))
        text = render(report, "beginner")
        first = report.findings[0] if report.findings else None
        said = f"{first.rule} {first.code or ''} {first.message} {first.suggestion}" if first else ""
        serious = [f for f in report.findings if f.category in _SERIOUS]
        rows.append({**item, "score": report.score, "said": said[:160],
                     "all_clear": bool(_ALL_CLEAR.search(text)) or report.score > 80,
                     "no_serious": not serious,
                     "ok": bool(first) and bool(re.search(item["main"], said, re.I)),
                     "ask_ok": bool(re.search(item["main"], first_finding_text(text), re.I)),
                     "false_error": any(f.severity == "error" for f in serious),
                     "false_any": bool(serious),
                     "serious": [f"{f.rule}@{f.line}" for f in serious][:4]})
    return rows


def report_rows(rows: list[dict], show: bool) -> None:
    severe = [r for r in rows if r["severe"]]
    clean = [r for r in rows if not r["severe"]]
    for label, part in (("all severe", severe), ("definitions-only severe", [r for r in severe if r["defs_only"]]),
                        ("security", [r for r in severe if r["category"] == "security"]),
                        ("correctness", [r for r in severe if r["category"] == "correctness"])):
        n = max(1, len(part))
        print(f"{label}: n={len(part)}; all-clear {sum(r['all_clear'] for r in part)}; no security/correctness "
              f"finding {sum(r['no_serious'] for r in part)}; main first (findings[0]) {sum(r['ok'] for r in part)}"
              f" = {100 * sum(r['ok'] for r in part) / n:.1f}%; (answer text) {sum(r['ask_ok'] for r in part)} = "
              f"{100 * sum(r['ask_ok'] for r in part) / n:.1f}%")
    print(f"clean: n={len(clean)}; false severe (security/correctness error) {sum(r['false_error'] for r in clean)}; "
          f"any security/correctness finding {sum(r['false_any'] for r in clean)}")
    if show:
        for r in severe:
            if not (r["ok"] and r["ask_ok"]) or r["all_clear"]:
                print(f"  miss {r['id']} [{r['family']}] score {r['score']}: /{r['main']}/ vs {r['said']!r}")
        for r in clean:
            if r["false_any"]:
                print(f"  clean {r['id']}: {r['serious']}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    items = [json.loads(line) for line in args.set.read_text().splitlines() if line.strip()]
    report_rows(evaluate(items), args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
