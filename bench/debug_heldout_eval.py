"""The debug explainer on LearnFlow's own held-out set (bench/debug_heldout.jsonl), as the agent runs it.

    .venv/bin/python bench/debug_heldout_eval.py [--split dev|test|all] [--show-misses]

Each case is a student's question and program (or a traceback pasted without code) with the line of the real
bug (one line or a list of acceptable lines) and a regex the fix must match. Like DebugService: the standard
input is chosen by agents/debug/inputs.py (the case's stdin, else the question's, else samples), the program
runs in agents/debug/local_run.py, a pasted traceback is read by agents/debug/pasted.py, and explain_failure()
answers (handing a clean run to the code review engine, in-process here, when DebugService would
consult the code review agent: agents/debug/review_handoff.py). A case counts when the answer names an accepted line AND its fix (the `fix` text plus the lines the
fixed program changes) matches the regex. The set was written before the engines were changed; the `test`
half is never looked at while iterating (misses are listed only for `dev` unless --show-misses).
bench/debug_heldout3.jsonl (`test3`, 44 cases) was written and measured before round 2 changed anything.
bench/debug_heldout4.jsonl (`test4`, 62 cases) was written and measured before round 3 changed anything; its
`review` cases are review-like questions about code that runs (is it secure / ok / slow): the answer's leading
finding must name the reviewer's main issue, its line and a rewrite.
bench/debug_heldout5.jsonl (`test5`, 41 cases) was written and measured before round 5 changed anything; its
`concept` cases are questions about how Python works sent without code: they count when debug hands them to the
concepts agent (agents/debug/concepts_handoff.py); its `nocode` cases ask for debugging help without code: they
count when debug keeps them and asks for the code; a `review` answer must also never say the code is all clear.
bench/debug_heldout2.jsonl (`test2`) was written after the first set's test half had been measured, before
the mechanisms its misses pointed to were generalised, to keep one untouched measurement.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review import analyzer  # noqa: E402
from agents.debug import inputs, pasted, repair_search, review_handoff  # noqa: E402
from pitfalls.ast_tools import parse  # noqa: E402
from agents.debug.explainer import explain_failure, render  # noqa: E402
from agents.debug.local_run import run  # noqa: E402

SET = ROOT / "bench" / "debug_heldout.jsonl"


def changed_lines(code: str, fixed: str | None) -> str:
    if not fixed:
        return ""
    return "\n".join(row[1:] for row in difflib.ndiff(code.split("\n"), fixed.split("\n")) if row.startswith("+ "))


_ALL_CLEAR = re.compile(r"found none of the usual|nothing (wrong|to fix)|runs? fine|no (problems?|issues?) found|"
                        r"looks (good|fine|correct)", re.I)


def _concepts_wanted(code: str, question: str, result) -> bool:
    """Would DebugService hand this request to the concepts agent? (False before the hand-off existed.)"""
    try:
        from agents.debug import concepts_handoff
    except ImportError:
        return False
    return concepts_handoff.wanted(code, question, result)


def evaluate(case: dict) -> dict:
    code, question = case["code"], case["question"]
    if not code.strip() and case["kind"] in ("concept", "nocode"):
        return _no_code(case)
    tree = parse(code) if code.strip() else None
    choice = inputs.choose(case.get("stdin", ""), question, tree)
    result = pasted.parse(question) if not code.strip() else run(code, stdin=choice.text, timeout=5.0)
    searched = None
    if code.strip() and repair_search.searchable(result, question):   # as DebugService: the repair search
        search = repair_search.plan(code, tree, question, result.stdout, result)
        if search is not None:
            searched = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text),
                                                      timeout=10.0).stdout)
    expl = explain_failure(code, result, question=question, ran_with=choice.describe(),
                           stdin_lines=choice.text.count("\n"), searched=searched, stdin=choice.text)
    if code.strip() and review_handoff.wanted(result.status, question, expl, code, result.stdout or ""):   # as DebugService: ask code review
        expl = review_handoff.lead(expl, analyzer.review(code, question).findings, question, code, result.status,
                                   printed=result.stdout or "")
    lines = case["line"] if isinstance(case["line"], list) else [case["line"]]
    fix_text = f"{expl.fix}\n{changed_lines(code, expl.fixed_code)}"
    line_ok = expl.line in lines
    fix_ok = bool(re.search(case["fix"], fix_text))
    if case["kind"] == "review" and _ALL_CLEAR.search(render(expl)):
        fix_ok = False
    return {"id": case["id"], "kind": case["kind"], "split": case["split"], "line_ok": line_ok, "fix_ok": fix_ok,
            "ok": line_ok and fix_ok, "eof": expl.error_type == "EOFError", "got_line": expl.line,
            "title": expl.title, "fix": expl.fix[:160], "status": result.status}


def _no_code(case: dict) -> dict:
    """A request without code: a concept question must be handed to concepts, a debugging request kept (and the
    code asked for)."""
    question = case["question"]
    result = pasted.parse(question)
    handed = _concepts_wanted("", question, result)
    expl = explain_failure("", result, question=question)
    if case["kind"] == "concept":
        ok = handed
    else:
        ok = not handed and bool(re.search(case["fix"], f"{expl.fix}\n{expl.cause}"))
    return {"id": case["id"], "kind": case["kind"], "split": case["split"], "line_ok": ok, "fix_ok": ok, "ok": ok,
            "eof": False, "got_line": None, "title": "handed to concepts" if handed else expl.title,
            "fix": expl.fix[:160], "status": getattr(result, "status", "")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=SET, help="bench/debug_heldout2.jsonl: a second fresh set")
    parser.add_argument("--split", choices=("dev", "test", "test2", "test3", "test4", "test5", "all"), default="all")
    parser.add_argument("--show-misses", action="store_true", help="list misses of the test half too")
    args = parser.parse_args(argv)
    cases = [json.loads(row) for row in args.set.read_text().splitlines() if row.strip()]
    cases = [c for c in cases if args.split == "all" or c["split"] == args.split]
    import sysconfig
    sysconfig.get_config_vars()   # filled once before the threads (ruff's finder reads it; a race left it None)
    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = list(pool.map(evaluate, cases))
    for split in ("dev", "test", "test2", "test3", "test4", "test5"):
        part = [r for r in rows if r["split"] == split]
        if not part:
            continue
        kinds = ", ".join(f"{k} {sum(r['ok'] for r in part if r['kind'] == k)}/{sum(r['kind'] == k for r in part)}"
                          for k in ("crash", "input", "silent", "pasted", "review", "concept", "nocode")
                          if any(r["kind"] == k for r in part))
        ok = sum(r["ok"] for r in part)
        print(f"debug held-out {split}: line+fix {ok}/{len(part)} = {100 * ok / len(part):.1f}% "
              f"(line {sum(r['line_ok'] for r in part)}, fix {sum(r['fix_ok'] for r in part)}; {kinds}; "
              f"EOFError diagnoses {sum(r['eof'] for r in part)})")
    ok = sum(r["ok"] for r in rows)
    print(f"debug held-out all: line+fix {ok}/{len(rows)} = {100 * ok / max(1, len(rows)):.1f}%")
    for r in rows:
        if not r["ok"] and (r["split"] == "dev" or args.show_misses):
            print(f"  miss {r['id']} ({r['split']}): line {r['got_line']} ok={r['line_ok']} fix ok={r['fix_ok']} "
                  f"[{r['status']}] {r['title']!r}: {r['fix']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
