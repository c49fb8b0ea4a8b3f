"""Fingerprint of what the review says over a fixed corpus, to prove a speed change kept behaviour identical.

Run: PYTHONHASHSEED=0 .venv/bin/python bench/review_fingerprint.py [--ext N] > before.txt   (again after; diff)
(a fixed hash seed: a few messages list names collected in a set, whose order follows string hashing)
One line per program: a hash of the report (findings with rule, line, severity, message, rewrite, category, code;
score; summary) and of the beginner/advanced renderings. The corpus is every bench/review_*.jsonl set plus every
k-th Refactory submission (../shared/ext-eval/, read in place) so that about N are included.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review.analyzer import render, review  # noqa: E402

EXT = Path("/work/shared/ext-eval/refactory-submissions.jsonl")


def corpus(ext: int) -> list[tuple[str, str, str]]:
    items = []
    for path in sorted((ROOT / "bench").glob("review_*.jsonl")):
        for n, line in enumerate(path.read_text().splitlines()):
            if line.strip():
                item = json.loads(line)
                items.append((f"{path.name}:{n}", item["code"], item.get("question", "")))
    if ext and EXT.exists():
        rows = [json.loads(line) for line in EXT.read_text().splitlines() if line.strip()]
        for n, row in enumerate(rows[::max(1, len(rows) // ext)]):
            items.append((f"ext:{n}", row["code"], ""))
    return items


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ext", type=int, default=600)
    args = parser.parse_args(argv)
    for name, code, question in corpus(args.ext):
        report = review(code, question)
        text = repr((report.findings, report.score, report.summary, report.parse_error,
                     sorted((k, v) for k, v in report.metrics.items())))
        text += render(report, "beginner") + render(report, "advanced")
        print(name, hashlib.sha256(text.encode()).hexdigest()[:16])
    return 0


if __name__ == "__main__":
    sys.exit(main())
