"""Checks of the blind sets and their scoring (no mesh): `.venv/bin/python -m pytest -q bench/blind`.
Kept out of tests/ on purpose, so that the engines' suite never prints these cases."""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scoring  # noqa: E402
from run_eval import load  # noqa: E402


def test_sets_have_the_sizes_the_issues_ask_for():
    triage = load("triage")
    plain = Counter(c["intent"] for c in triage if not c.get("previous"))
    assert sum(plain.values()) >= 180 and min(plain.values()) >= 30 and len(plain) == 5
    assert sum(1 for c in triage if c.get("previous")) >= 20
    concepts = load("concepts")
    assert len(concepts) >= 70 and sum(1 for c in concepts if c.get("multi")) >= 12
    debug = load("debug")
    kinds = Counter(c["kind"] for c in debug)
    assert len(debug) >= 45 and kinds["silent"] * 2 >= len(debug) and kinds["traceback"] >= 4
    assert sum(c["reads_input"] for c in debug) * 4 >= len(debug)
    assert len(load("review")) >= 35 and len(load("followups")) >= 10


@pytest.mark.parametrize("name", ["triage", "concepts", "debug", "review", "followups"])
def test_ids_unique_and_regexes_compile(name):
    cases = load(name)
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["family"]
        for key in ("must", "must_not", "fix", "main"):
            for pattern in case.get(key, []):
                re.compile(pattern)


@pytest.mark.parametrize("case", [c for c in load("debug") if c["code"]], ids=lambda c: c["id"])
def test_debug_programs_behave_as_labelled(case):
    """Silent bugs run cleanly, crashes raise (sample input for programs that read input and have none)."""
    stdin = case.get("stdin") or case.get("check_input") or ("7\n" * 5 if case["reads_input"] else "")
    run = subprocess.run([sys.executable, "-I", "-c", case["code"]], input=stdin, capture_output=True, text=True,
                         timeout=20)
    if case["kind"] == "silent":
        assert run.returncode == 0, run.stderr
    else:
        assert run.returncode != 0 and "Error" in run.stderr
    lines = case["line"] if isinstance(case["line"], list) else [case["line"]]
    assert all(1 <= n <= len(case["code"].splitlines()) for n in lines)


def test_lines_named():
    assert scoring.lines_named("The bug is on line 3; see also Line 7:") == {3, 7}
    assert scoring.lines_named("lines 2-4 and line #9") == {2, 3, 4, 9}
    assert scoring.lines_named("It happened on line None") == set()


def test_debug_needs_line_and_fix_and_no_eof_for_input_programs():
    case = {"line": [1, 2], "fix": [r"int\(input\("], "reads_input": True}
    assert scoring.score_debug(case, "On line 2 you compare text: use `age = int(input())`.")["ok"]
    assert not scoring.score_debug(case, "Use int(input()) somewhere.")["ok"]
    assert not scoring.score_debug(case, "Line 1 raises EOFError; use int(input()).")["ok"]


def test_review_first_finding_skips_praise_and_labels():
    answer = ("Nice (score 90/100).\n\nWhat's good:\n- It parses cleanly.\n- Names are clear.\n\n"
              "Must fix (error):\n- Line 2: `eval(expr)` runs any code the user types.\n  Try: ast.literal_eval\n"
              "- Line 1: missing docstring\n")
    case = {"main": [r"\beval\b"], "severe": True}
    verdict = scoring.score_review(case, answer, [{"rule": "S307", "message": "eval", "suggestion": ""}], 90)
    assert verdict["ok"] and verdict["structured_first"]
    reordered = answer.replace("- Line 2: `eval(expr)`", "- Line 9: unused `x`\n- Line 2: `eval(expr)`")
    assert not scoring.score_review(case, reordered)["main_first"]
    assert scoring.score_review(case, "Great work - nothing to fix (score 100/100).")["all_clear_on_severe"]


def test_review_code_fences_are_code_not_labels_or_starts():
    answer = ("**Line 2 - style:** compare with `True` is noise.\n```python\nif flag:\n    # done\n```\n"
              "Why: `flag == True` reads worse.\n\n- Line 4: magic number\n")
    case = {"main": [r"== True"], "severe": False}
    assert scoring.score_review(case, answer)["main_first"]   # 'if flag:' and '# done' stay in the first finding
    assert len(scoring.finding_blocks(answer)) == 2
    unfenced = answer.replace("```python\n", "").replace("```\n", "")
    assert not scoring.score_review(case, unfenced)["main_first"]   # outside a fence, 'if flag:' reads as a label


def test_concept_rejects_declines_and_missing_ideas():
    case = {"must": [r"identity|same object", r"equal|value"]}
    assert scoring.score_concept(case, "`is` checks identity (same object); `==` compares values.")["ok"]
    assert not scoring.score_concept(case, "`==` compares values.")["ok"]
    assert not scoring.score_concept(case, "I could not match that; identity, value.")["ok"]
