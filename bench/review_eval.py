"""Code-review analyzer on the dev set, and on LearnFlow's own held-out set.

Run: .venv/bin/python bench/review_eval.py [path/to/set.jsonl]     # must-mention set (default: shared dev set)
     .venv/bin/python bench/review_eval.py --heldout [--split dev|test|all] [--show-misses]
Must-mention: each item's rendered beginner review must match every `must_mention` regex (case-insensitive).
Held-out (bench/review_heldout.jsonl, written before the engines changed): the FIRST finding of the review
(rule, message and rewrite) must match `main`, and code marked `severe` (a security or correctness problem)
must never get "nothing to fix" nor a score above 80. Both report the issue-10 figures: "nothing to fix" or
score > 80 despite a security/correctness/performance finding (must be 0), and the first finding's category.
The held-out mode also scores the answer TEXT as a student reads it (first_finding_text(): the first line
after any greeting, score line or heading, with its indented Try/Why lines) and counts all-clears
("nothing to fix", 100/100, "no bugs/security problems") given to severe code. Cases marked `symptom` report a
wrong output; with --with-debug their text is the one the service sends after consulting the debug agent
(the program run by agents/debug/local_run.py instead of the sandbox).
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


_GREETING = re.compile(r"^(hi|hello|hey|thanks|thank you|great|nice|good|well done|sure|ok(ay)?)\b", re.I)
_SCORE = re.compile(r"^\W*(score\b.*\d+ ?/ ?100|\d+ ?/ ?100)\W*$", re.I)
_ALL_CLEAR = re.compile(r"nothing to fix|100 ?/ ?100|no (issues|problems) found|clean code|flagged nothing|found nothing|"
                        r"no bugs or security problems", re.I)
_PRAISE_ONLY = re.compile(r"nothing to fix|100 ?/ ?100|no (issues|problems) found|clean code|flagged nothing|found nothing", re.I)


_LEAD = re.compile(r"^\s*([-*+] |\d+[.)] |#|\*\*|line \d+\b)", re.I)


def first_finding_text(text: str) -> str:
    """The first finding as a structure reader cuts it: findings start at bullets, numbered items, headings, bold
    leads and "Line N" leads (outside ``` fences), and the first finding is the first such block after any greeting
    or score line (plain sentences before it are preamble; a praise bullet counts as a finding). Without any lead
    the first plain line after the greeting is the finding (an all-clear, say)."""
    lines = text.splitlines()
    starts, fenced = [], False
    for i, line in enumerate(lines):
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        bare = line.strip().strip("*#").strip()
        if fenced or not bare or _SCORE.match(bare):
            continue
        if _GREETING.match(bare) and not re.search(r"\bline \d", bare, re.I) and not _PRAISE_ONLY.search(bare):
            continue
        starts.append(i)
    leads = [i for i in starts if _LEAD.match(lines[i])]
    if not starts:
        return ""
    start = leads[0] if leads else starts[0]
    block, fenced = [lines[start]], False
    for line in lines[start + 1:]:
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced and _LEAD.match(line):
            break
        block.append(line)
    return "\n".join(block)


def _debug_text(code: str, question: str) -> tuple[str, str, int]:
    """What DebugService.Diagnose answers (its text and fixed code), with agents/debug/local_run.py as the sandbox:
    the same input choice, run, repair search and explainer."""
    from agents.debug import explainer, inputs, repair_search   # noqa: PLC0415
    from agents.debug.local_run import run   # noqa: PLC0415
    from pitfalls.ast_tools import parse   # noqa: PLC0415
    tree = parse(code)
    choice = inputs.choose("", question, tree)
    result = run(code, stdin=choice.text, timeout=5.0)
    searched = None
    if repair_search.searchable(result, question):
        search = repair_search.plan(code, tree, question, result.stdout, result)
        if search is not None:
            searched = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text),
                                                      timeout=10.0).stdout)
    diagnosis = explainer.explain_failure(code, result, question=question, ran_with=choice.describe(),
                                          stdin_lines=choice.text.count("\n"), searched=searched)
    return explainer.render(diagnosis, None), diagnosis.fixed_code or "", diagnosis.line or 0


def _ask_text(item: dict, with_debug: bool):
    question = item.get("question", "")
    report = review(item["code"], question)
    text = render(report, "beginner")
    if with_debug:   # as CodeReviewService: a reported symptom is run by the debug agent first
        from agents.code_review import handoff, symptom   # noqa: PLC0415
        if handoff.wants_run(question, item["code"], report):
            text_, fixed, line = _debug_text(item["code"], question)
            diagnosis = handoff.read_diagnosis(text_, fixed, line)
            raised = re.match(r"`?(\w+)", diagnosis.error)
            if not symptom.reports_symptom(question) and not handoff.bug_exception(raised.group(1) if raised else ""):
                diagnosis = handoff.Diagnosis(0, "", "", "", "", diagnosis.ran)   # as consult_debug
            text = handoff.compose(diagnosis, text, render(report, "beginner", lead="First review note"),
                                   bool(report.findings), symptom.reports_symptom(question))
    return report, text


def heldout(split: str, show_misses: bool, path: Path = HELDOUT, with_debug: bool = False) -> int:
    items = [i for i in _load(path) if split == "all" or i["split"] == split]
    rows = []
    for item in items:
        report, text = _ask_text(item, with_debug)
        first = report.findings[0] if report.findings else None
        said = f"{first.rule} {first.code or ''} {first.message} {first.suggestion}" if first else ""
        praised = "nothing to fix" in text or report.score > 80
        lead = first_finding_text(text)
        rows.append({**item, "ok": bool(first) and bool(re.search(item["main"], said, re.I)),
                     "ask_ok": bool(re.search(item["main"], lead, re.I)),
                     "unsafe": item["severe"] and praised,
                     "all_clear": item["severe"] and bool(_ALL_CLEAR.search(text)),
                     "said": said[:150], "lead": lead[:200], "score": report.score})
    for part_name in sorted({r["split"] for r in rows}):
        part = [r for r in rows if r["split"] == part_name]
        if not part:
            continue
        for key, label in (("ok", "main issue first (findings[0])"), ("ask_ok", "main issue first (answer text)")):
            cats = ", ".join(f"{c} {sum(r[key] for r in part if r['category'] == c)}/"
                             f"{sum(r['category'] == c for r in part)}"
                             for c in ("security", "correctness", "performance", "style", "symptom")
                             if any(r["category"] == c for r in part))
            ok = sum(r[key] for r in part)
            print(f"review held-out {part_name}: {label} {ok}/{len(part)} = {100 * ok / len(part):.1f}% ({cats})")
        severe = sum(r["severe"] for r in part)
        print(f"review held-out {part_name}: 'nothing to fix'/score > 80 on severe code: "
              f"{sum(r['unsafe'] for r in part)}/{severe}; all-clear wording on severe code: "
              f"{sum(r['all_clear'] for r in part)}/{severe}")
    ok, ask_ok = sum(r["ok"] for r in rows), sum(r["ask_ok"] for r in rows)
    print(f"review held-out all: main issue first {ok}/{len(rows)} = {100 * ok / max(1, len(rows)):.1f}%; "
          f"answer text {ask_ok}/{len(rows)} = {100 * ask_ok / max(1, len(rows)):.1f}%; "
          f"unsafe praise {sum(r['unsafe'] for r in rows)}; all-clear on severe {sum(r['all_clear'] for r in rows)}")
    for r in rows:
        if (not r["ask_ok"] or not r["ok"] or r["unsafe"] or r["all_clear"]) and (r["split"] == "dev" or show_misses):
            print(f"  miss {r['id']} ({r['split']}, score {r['score']}): /{r['main']}/ vs {r['said']!r}\n"
                  f"      answer leads with: {r['lead'][:160]!r}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEV)
    parser.add_argument("--heldout", action="store_true")
    parser.add_argument("--split", choices=("dev", "test", "test2", "test3", "all"), default="all")
    parser.add_argument("--set", type=Path, default=HELDOUT, help="bench/review_heldout2.jsonl or review_heldout3.jsonl: fresh sets")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--with-debug", action="store_true",
                        help="symptom questions answered as the service does, consulting the debug engine")
    args = parser.parse_args(argv)
    if args.heldout:
        return heldout(args.split, args.show_misses, args.set, args.with_debug)
    return must_mention(args.path)


if __name__ == "__main__":
    sys.exit(main())
