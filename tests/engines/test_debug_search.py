"""The expected-vs-got repair search (agents/debug/repair_search.py, mutations.py, expect_match.py): the student's
stated expectation is read, single-edit variants of the program are run in one job, and the first variant that
prints the expected value names the line and the fix. Runs are real (local_run; one test uses the sandbox)."""
from __future__ import annotations

import re

import pytest

from agents.debug import expect_match, inputs, mutations, repair_search
from agents.debug.explainer import explain_failure
from agents.debug.local_run import run
from pitfalls.ast_tools import parse

CASES = [
    # (id, code, question, line, regex on fix + fixed code)
    ("regroup", "w = 70\nh = 1.75\nbmi = w / h * h\nprint(round(bmi, 1))\n", "bmi should be 22.9 but it prints 70.0",
     3, r"w / \(h \* h\)"),
    ("reorder", "c = 100\nf = c + 32 * 9 / 5\nprint(f)\n", "100 should give 212 but I get 157.6", 2,
     r"c \* 9 / 5 \+ 32"),
    ("floor-division", "m = 150\nh = m // 60\nprint(h)\n", "150 minutes should be 2.5 hours but it says 2", 2, r"m / 60"),
    ("off-by-one-bound", "t = 0\nfor n in range(2, 10, 2):\n    t += n\nprint(t)\n", "2+4+6+8+10 is 30 but I get 20", 2,
     r"range\(2, 11, 2\)"),
    ("index-is-loop-var", "xs = ['a', 'b', 'c']\nfor i in range(len(xs)):\n    print(xs[0])\n",
     "I expected a, b and c but it prints a three times", 3, r"xs\[i\]"),
    ("reset-in-loop", "ws = ['hi', 'hello', 'hey']\nfor w in ws:\n    best = ''\n    if len(w) > len(best):\n"
     "        best = w\nprint(best)\n", "the longest should be hello but it prints hey", 3, r"before the loop"),
    ("left-after-loop", "t = 0\nfor n in [1, 2, 3]:\n    sq = n * n\nt += sq\nprint(t)\n",
     "the sum of squares is 14 but it prints 9", 4, r"inside the loop"),
    ("and-or", "s = 150\nif s < 0 and s > 100:\n    print('invalid')\n", "150 is wrong but it doesn't print invalid", 2,
     r"\bor\b"),
    ("accumulate", "c = {}\nfor ch in 'hello':\n    c[ch] = 1\nprint(c['l'])\n", "expected 2 but got 1", 3,
     r"c\.get\(ch, 0\) \+ 1"),
    ("text-not-number", "age = '15'\nprint(age + '1')\n", "next year should be 16 but it says 151", 2,
     r"int\(age\) \+ 1"),
]


@pytest.mark.parametrize("case_id,code,question,line,fix", CASES, ids=[c[0] for c in CASES])
def test_search_names_line_and_fix(case_id, code, question, line, fix):
    tree = parse(code)
    first = run(code)
    assert first.status == "ok"
    search = repair_search.plan(code, tree, question, first.stdout)
    assert search is not None
    found = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(""), timeout=10).stdout)
    assert found is not None and found.line == line
    expl = explain_failure(code, first, question=question, searched=found)
    assert expl.line == line
    assert re.search(fix, f"{expl.fix}\n{expl.fixed_code}"), expl.fix
    assert run(expl.fixed_code).stdout != first.stdout


def test_search_reads_the_students_input():
    code = "total = int(input('Seconds: '))\nminutes = total / 60\nprint(minutes, 'min', total % 60, 's')\n"
    question = "When I enter 150 I expect 2 min 30 s but it says 2.5 min 30 s"
    choice = inputs.choose("", question, parse(code))
    assert choice.text == "150\n"   # "I expect" ends the stated input
    first = run(code, stdin=choice.text)
    search = repair_search.plan(code, parse(code), question, first.stdout)
    found = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text)).stdout)
    assert found is not None and found.line == 2 and "total // 60" in found.fixed_code


def test_no_expectation_no_search():
    code = "x = 1\nprint(x + 1)\n"
    assert repair_search.plan(code, parse(code), "why does this print 2?", "2\n") is None
    assert repair_search.plan(code, parse(code), "please explain my code", "2\n") is None


def test_expectation_forms():
    assert repair_search.expectation("should be 7 but it prints 9.0", set(), "9.0\n")["key"] == 7
    assert repair_search.expectation("it prints 23 instead of 5", set(), "23\n")["key"] == 5
    assert repair_search.expectation("there are two l's but it says 1", set(), "1\n")["key"] == 2
    assert repair_search.expectation("I want cherry but it prints banana", {"cherry", "banana"}, "banana\n")[
        "words"] == ["cherry"]
    assert repair_search.expectation("it doesn't print invalid", {"invalid"}, "ok\n")["words"] == ["invalid"]


def test_verdict_rejects_outputs_that_keep_the_wrong_value():
    want = {"numbers": [], "key": None, "words": ["hello"], "text": ""}
    assert expect_match.verdict("hi\nhello\nhey\n", "hey\n", want) == 0     # the wrong output is still there
    assert expect_match.verdict("hello\n", "hey\n", want) == 1
    assert expect_match.verdict("hello\n<NameError>", "hey\n", want) == 0  # a new crash is not a repair
    assert expect_match.verdict("7.0\n", "9.0\n", {"numbers": [], "key": 7.0, "words": [], "text": ""}) == 1


def test_mutations_are_single_compiling_edits():
    code = "a = 1\nb = 2\na = b\nb = a\nprint(a, b)\n"
    found = mutations.generate(code, parse(code))
    assert any("a, b = b, a" in new for new, _, _ in found)
    for new, line, what in found:
        assert parse(new) is not None and what


def test_harness_in_the_real_sandbox():
    from sandbox import run_sync

    code = "low = 4\nhigh = 10\nmid = low + high / 2\nprint(mid)\n"
    first = run_sync(code)
    search = repair_search.plan(code, parse(code), "the middle should be 7 but it prints 9.0", first.stdout)
    job = run_sync(repair_search.harness(), stdin=search.job_input(""))
    assert job.status == "ok"
    found = repair_search.pick(search, job.stdout)
    assert found is not None and "(low + high) / 2" in found.fixed_code


CRASHES = [
    # concrete crash fixes: (code, line, regex on fix + fixed code, the fixed program no longer raises)
    ("stock = {'a': 0, 'b': 3}\nfor k in stock:\n    if stock[k] == 0:\n        del stock[k]\nprint(stock)\n", 2,
     r"for k in list\(stock\)"),
    ("p = (3, 4)\np[0] = 5\nprint(p)\n", 2, r"p = list\(p\)"),
    ("nums = [1, 2, 3]\nprint(nums(0))\n", 2, r"nums\[0\]"),
    ("n = 10 / 2\nfor i in range(n):\n    print(i)\n", 2, r"range\(int\(n\)\)"),
    ("n = 3\nnames = []\nfor i in range(n):\n    names.append('x')\nprint(names[n])\n", 5, r"names\[n - 1\]"),
]


@pytest.mark.parametrize("code,line,fix", CRASHES)
def test_crash_fixes_are_concrete(code, line, fix):
    first = run(code)
    assert first.status == "exception"
    expl = explain_failure(code, first)
    assert expl.line == line
    assert re.search(fix, f"{expl.fix}\n{expl.fixed_code}"), expl.fix
    assert run(expl.fixed_code).status == "ok"


TYPE_FIXES = [
    # TypeErrors that used to get advice only (shapes from real student submissions)
    ("def f(lst):\n    result = []\n    for i in lst:\n        result = result + i\n    return result\nprint(f([1, 2]))\n",
     4, r"result \+ \[i\]"),
    ("t = (1, 2)\nt = t + [3]\nprint(t)\n", 2, r"tuple\(\[3\]\)"),
    ("lst = [3, 1]\nlst = lst.append(4)\nprint(lst[0])\n", 3, r"^lst\.append\(4\)$"),
    ("new = []\nfor i in [1, 2]:\n    new += new.append(i)\nprint(new)\n", 3, r"^    new\.append\(i\)$"),
    ("res = []\nfor x in [1, 2]:\n    res += x\nprint(res)\n", 3, r"res\.append\(x\)"),
    ("n = 5\nfor i in n:\n    print(i)\n", 2, r"range\(n\)"),
]


@pytest.mark.parametrize("code,line,fix", TYPE_FIXES)
def test_type_errors_get_a_corrected_line(code, line, fix):
    first = run(code)
    assert first.exception_type == "TypeError"
    expl = explain_failure(code, first)
    assert expl.fixed_code is not None
    assert re.search(fix, expl.fixed_code, re.M), expl.fixed_code
    assert run(expl.fixed_code).status == "ok"


def _search(code, question, stdin=""):
    tree = parse(code)
    choice = inputs.choose(stdin, question, tree)
    first = run(code, stdin=choice.text)
    search = repair_search.plan(code, tree, question, first.stdout, first) if repair_search.searchable(
        first, question) else None
    found = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text)).stdout) \
        if search else None
    return first, found, explain_failure(code, first, question=question, ran_with=choice.describe(),
                                         stdin_lines=choice.text.count("\n"), searched=found)


def test_it_says_one_branch_so_the_other_was_expected():
    code = "c = input('Again? ')\nif c == 'Y':\n    print('Starting')\nelse:\n    print('Bye')\n"
    assert repair_search.other_branch("I type y and it says Bye", parse(code)) == "Starting"
    first, found, expl = _search(code, "I type y and it says Bye")
    assert first.stdout.endswith("Bye\n") and expl.line == 2 and "c.lower() == 'y'" in expl.fixed_code


def test_a_loop_that_never_stops_is_searched_for_an_end():
    code = "a = input('3 + 4? ')\nwhile a != 7:\n    a = input('Again: ')\nprint('Correct')\n"
    first, found, expl = _search(code, "I type 7 and it keeps asking me again")
    assert first.exception_type == "EOFError" and found is not None
    assert expl.error_type is None and expl.line in (1, 2) and re.search(r"int\(input|'7'", expl.fixed_code)
    assert run(expl.fixed_code, stdin="7\n").stdout.endswith("Correct\n")


def test_stated_input_first_then_samples_for_the_rest():
    code = "n = int(input())\nnames = []\nfor i in range(n):\n    names.append(input())\nprint(names[-1])\n"
    choice = inputs.choose("", "I enter 3 and then Ann, Bob and Cy, then it crashes", parse(code))
    assert choice.text.split("\n")[0] == "3" and choice.text.count("\n") == 4
    assert run(code, stdin=choice.text).status == "ok"


def test_one_element_short_is_searched_by_count():
    code = "xs = ['a', 'b', 'c', 'd']\nfirst = xs[0:2]\nprint(first)\n"
    assert repair_search.expectation("I want the first three items but I only get ['a', 'b']", set(), "")[
        "count"] == 3
    assert expect_match.verdict("['a', 'b', 'c']\n", "['a', 'b']\n", {"count": 3}) == 1
    assert expect_match.verdict("['a', 'b', 'c', 'd']\n", "['a', 'b']\n", {"count": 3}) == 0
    first, found, expl = _search(code, "I want the first three items but I only get ['a', 'b']")
    assert expl.line == 2 and "xs[0:3]" in expl.fixed_code and "3 items" in expl.cause


def test_a_pitfall_rule_proposing_the_same_edit_keeps_its_explanation():
    code = "guess = input('Guess: ')\nsecret = 7\nif guess == secret:\n    print('yes')\nelse:\n    print('no')\n"
    first, found, expl = _search(code, "I type 7 and it says no")
    assert found is not None and "guess = int(input('Guess: '))" in found.fixed_code   # verified by running
    assert expl.line == 3 and expl.fixed_code == found.fixed_code  # the rule that names the comparison leads
    assert "Line 1 is where the output goes wrong" not in expl.cause


def test_stated_values_keep_their_decimals():
    from agents.debug.expl_expect import parse as stated

    assert stated("150 minutes should be 2.5 hours but it says 2").expected == "2.5 hours"
    assert stated("My BMI should be about 22.9 but it prints 70.0").got == "70.0"
    assert stated("should be 5. It prints 4.").expected == "5"
