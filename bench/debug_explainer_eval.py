"""Evaluate the debug explainer on the labelled sets beside the repo (../shared/eval, ../shared/ext-eval).

    .venv/bin/python bench/debug_explainer_eval.py [--limit N]

Each snippet is run in a fresh `python -I` subprocess by agents/debug/local_run.py (the sandbox's stand-in that
the explainer's unit tests use too), the explainer is applied to the real result, and we report: how often the
run matches the label (sanity), how often the explanation points at the labelled line, how often it is specific
(confidence >= 0.7), how often a fixed program is offered, how often a *concrete* fix is offered (bench/fixcheck.py: a corrected
program that changes the error line, or a specific edit of it), and how often an offered fix runs without
raising the original exception.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from agents.debug.explainer import explain_failure  # noqa: E402
from agents.debug.local_run import run  # noqa: E402
from fixcheck import concrete  # noqa: E402

SHARED = ROOT / ".." / "shared"

def _cases(limit: int | None) -> dict[str, list[tuple[str, str, int]]]:
    sets: dict[str, list[tuple[str, str, int]]] = {}
    dev = SHARED / "eval" / "debug-dev.jsonl"
    if dev.exists():
        sets["debug-dev"] = [(c["code"], c["exception"], c["line"]) for c in map(json.loads, dev.open())]
    syntax = SHARED / "ext-eval" / "friendly-syntax.jsonl"
    if syntax.exists():
        sets["friendly-syntax"] = [(c["code"], c["exception"], c["line"]) for c in map(json.loads, syntax.open())]
    crashes = SHARED / "ext-eval" / "refactory-crashes.jsonl"
    if crashes.exists():
        sets["refactory-crashes"] = [(c["snippet"], c["exception"], c["snippet_line"])
                                     for c in map(json.loads, crashes.open())]
    return {name: cases[:limit] if limit else cases for name, cases in sets.items()}


def evaluate_case(case: tuple[str, str, int]) -> dict:
    code, exception, line = case
    result = run(code)
    started = time.perf_counter()
    expl = explain_failure(code, result)
    elapsed = (time.perf_counter() - started) * 1000
    fix_ok = None
    if expl.fixed_code:
        after = run(expl.fixed_code, timeout=3.0)
        fix_ok = not (after.exception_type == result.exception_type and after.line == result.line) \
            and after.status != "syntax_error"
    text = f"{expl.cause}\n{expl.fix}"
    return {"ran_as_labelled": result.exception_type == exception, "line_match": expl.line == line,
            "specific": expl.confidence >= 0.7, "fix": expl.fixed_code is not None, "fix_ok": fix_ok,
            "concrete": concrete(code, expl.fixed_code, text, line),
            "ms": elapsed, "crashed": expl.title == "Could not analyse the code", "exception": exception}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N cases per set")
    args = parser.parse_args(argv)
    for name, cases in _cases(args.limit).items():
        with ThreadPoolExecutor(max_workers=2) as pool:
            rows = list(pool.map(evaluate_case, cases))
        n = len(rows)
        fixes = [r for r in rows if r["fix"]]
        pct = lambda k: 100.0 * sum(bool(r[k]) for r in rows) / max(1, n)   # noqa: E731
        print(f"{name}: {n} cases | ran as labelled {pct('ran_as_labelled'):.1f}% | line match "
              f"{pct('line_match'):.1f}% | specific {pct('specific'):.1f}% | fixed program {pct('fix'):.1f}% | "
              f"concrete fix {pct('concrete'):.1f}% | "
              f"fix runs past the error {100.0 * sum(bool(r['fix_ok']) for r in fixes) / max(1, len(fixes)):.1f}% "
              f"of fixes | explainer crashes {sum(r['crashed'] for r in rows)} | "
              f"mean {sum(r['ms'] for r in rows) / max(1, n):.2f} ms/explanation")
        by_type: dict[str, list[dict]] = {}
        for r in rows:
            by_type.setdefault(r["exception"], []).append(r)
        detail = ", ".join(f"{t} {sum(x['concrete'] for x in v)}/{len(v)}" for t, v in
                           sorted(by_type.items(), key=lambda kv: -len(kv[1])))
        print(f"  concrete fix by type: {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
