"""Round 3 of the debug engine: the hand-off of clean runs to code review (agents/debug/review_handoff.py), the
loop rule on the verified caller, concrete rewrites of the named line (concrete_fix.py), the extra silent-bug
rules (silent_more.py) and the input samples read from prompts. Runs are real (local_run); the review findings
come from the real review engine (agents/code_review/analyzer.py) or, for the ordering logic alone, plain
records."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from agents.code_review import analyzer
from agents.debug import inputs, repair_search, review_handoff, silent_more
from agents.debug.explainer import explain_failure
from agents.debug.local_run import run
from pitfalls.ast_tools import parse
from server import auth


def _answer(code: str, question: str, stdin: str = ""):
    """What DebugService answers, with the review agent's engine in-process in place of the gRPC hop."""
    choice = inputs.choose(stdin, question, parse(code))
    result = run(code, stdin=choice.text, timeout=8.0)
    searched = None
    if repair_search.searchable(result, question):   # as DebugService: one more job tries single edits
        search = repair_search.plan(code, parse(code), question, result.stdout, result)
        if search is not None:
            searched = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text),
                                                      timeout=10.0).stdout)
    expl = explain_failure(code, result, question=question, ran_with=choice.describe(),
                           stdin_lines=choice.text.count("\n"), searched=searched)
    if review_handoff.wanted(result.status, question, expl):
        expl = review_handoff.lead(expl, analyzer.review(code, question).findings, question, code, result.status)
    return result, expl


# --- the hand-off ----------------------------------------------------------------------------------------------
def test_eval_of_input_asked_is_this_ok_leads_with_the_security_finding():
    code = "expr = input('Calc: ')\nvalue = eval(expr)\nprint('=', value)\n"
    result, expl = _answer(code, "is this ok?")
    assert result.status == "ok"            # the sample input is an expression, so the program runs cleanly
    assert expl.line == 2 and expl.title.startswith("Security")
    assert re.search(r"literal_eval|float\(|int\(", expl.fix), expl.fix


def test_sql_built_by_concatenation_leads_with_the_parameterised_query():
    code = ("import sqlite3\nconn = sqlite3.connect(':memory:')\nconn.execute('CREATE TABLE t (name TEXT)')\n"
            "who = 'ann'\nrows = conn.execute(\"SELECT * FROM t WHERE name = '\" + who + \"'\").fetchall()\n"
            "print(rows)\n")
    _, expl = _answer(code, "is this secure?")
    assert expl.line == 5 and "Security" in expl.title
    assert "?" in expl.fix and "who" in expl.fix


def test_speed_question_leads_with_the_performance_finding_and_its_complexity():
    code = ("blocked = [str(i) for i in range(0, 500, 3)]\nnames = [str(i) for i in range(500)]\nok = []\n"
            "for n in names:\n    if n not in blocked:\n        ok.append(n)\nprint(len(ok))\n")
    _, expl = _answer(code, "this works but it will be slow with 100k names?")
    assert expl.title.startswith("Performance") and "set(" in expl.fix
    assert re.search(r"O\(", expl.cause + expl.fix)


def test_symptom_with_a_located_bug_keeps_the_debug_diagnosis():
    code = "total = 0\nfor n in [1, 2, 3]:\n    total = n\nprint(total)\n"
    result, expl = _answer(code, "the total should be 6 but it prints 3")
    assert not review_handoff.asks_review("the total should be 6 but it prints 3")
    assert expl.line == 3 and not expl.title.startswith(("Security", "Correctness problem", "Performance"))


def test_timeout_without_an_endless_loop_is_handed_to_review():
    slow = SimpleNamespace(title="Program took too long", line=None)
    endless = SimpleNamespace(title="Infinite loop", line=2)
    assert review_handoff.wanted("timeout", "", slow)
    assert not review_handoff.wanted("timeout", "", endless)
    assert not review_handoff.wanted("exception", "is this ok?", slow)


def test_top_finding_follows_what_the_question_asks():
    findings = [SimpleNamespace(category="correctness", line=1, rule="implicit-return"),
                SimpleNamespace(category="performance", line=3, rule="nested-pair-search"),
                SimpleNamespace(category="style", line=2, rule="magic-number"),
                SimpleNamespace(category="security", line=4, rule="eval")]
    assert review_handoff.top_finding(findings, "is it ok?").rule == "eval"
    assert review_handoff.top_finding(findings, "is it efficient?").rule == "nested-pair-search"
    assert review_handoff.top_finding(findings, "", status="timeout").rule == "nested-pair-search"
    assert review_handoff.top_finding(findings[2:3], "is it ok?") is None   # style never leads


def test_a_one_line_rewrite_becomes_the_fixed_program():
    finding = SimpleNamespace(category="correctness", line=2, rule="chained-comparison-bool",
                              message="`age >= 18 == True` is a chained comparison.",
                              suggestion="if age >= 18:   # drop == True")
    base = explain_failure("age = 20\nif age >= 18 == True:\n    print('vote')\n", SimpleNamespace(status="ok", stdout=""))
    expl = review_handoff.lead_with_review(base, finding, "age = 20\nif age >= 18 == True:\n    print('vote')\n")
    assert expl.fixed_code == "age = 20\nif age >= 18:\n    print('vote')\n"
    assert "Rewrite line 2" in expl.fix and expl.line == 2


class _Context:
    def __init__(self, metadata):
        self._metadata = metadata

    def invocation_metadata(self):
        return self._metadata


@pytest.mark.parametrize("caller,signed,expected", [("code-review", True, True), ("debug", True, True),
                                                    ("triage", True, False), ("code-review", False, False)])
def test_loop_rule_reads_the_verified_caller(caller, signed, expected):
    method = "/learnflow.v1.DebugService/Diagnose"
    metadata = auth.internal_metadata("s3cret", method, caller)
    context = _Context(metadata)
    verify = (lambda ctx: auth.verify_internal("s3cret", method, ctx.invocation_metadata())) if signed else \
        (lambda ctx: auth.verify_internal("other-secret", method, ctx.invocation_metadata()))
    assert review_handoff.called_by_specialist(context, verify) is expected


# --- concrete rewrites ------------------------------------------------------------------------------------------
def test_function_never_called_gets_a_call_with_example_arguments():
    code = "def shout(words):\n    for w in words:\n        print(w.upper())\n"
    _, expl = _answer(code, "nothing happens when I run it")
    assert expl.line == 1 and expl.fixed_code.rstrip().endswith("shout([1, 2, 3])")


def test_constant_index_past_a_written_list_gets_the_last_index():
    code = "colors = ['red', 'green', 'blue']\nprint(colors[3])\n"
    _, expl = _answer(code, "index error?")
    assert expl.line == 2 and "colors[2]" in expl.fixed_code and "Line 2 becomes: `print(colors[2])`" in expl.fix


# --- silent-bug rules --------------------------------------------------------------------------------------------
def test_counter_stepped_after_the_loop_is_indented_into_it():
    code = "tries = 0\nwhile tries < 3:\n    pw = input('pw: ')\n    if pw == 'x':\n        break\ntries += 1\n"
    result, expl = _answer(code, "if I type the wrong password it never stops")
    assert result.exception_type == "EOFError"   # no quit word in the samples: the loop asks past its input
    assert expl.line == 6 and "\n    tries += 1" in expl.fixed_code and expl.error_type is None


def test_local_assignment_that_shadows_a_global():
    code = "level = 1\ndef level_up():\n    level = 2\nlevel_up()\nprint(level)\n"
    _, expl = _answer(code, "expected 2 but it prints 1")
    assert expl.line == 3 and "global level" in expl.fixed_code


def test_shallow_copy_of_rows_gets_deepcopy():
    [finding] = silent_more.shallow_copy_of_rows(
        "g = [[1, 2], [3, 4]]\nh = g.copy()\ng[0][0] = 9\nprint(h)\n", parse("g = [[1, 2], [3, 4]]\nh = g.copy()\n"
                                                                            "g[0][0] = 9\nprint(h)\n"))
    assert finding.line == 2 and "copy.deepcopy(g)" in finding.fixed_code and "import copy" in finding.fixed_code


def test_input_text_ordered_against_a_quoted_number():
    code = "x = input('x: ')\nif x < '9':\n    print('small')\n"
    _, expl = _answer(code, "when I type 12 it says small")
    assert expl.line == 2 and "x = int(input('x: '))" in expl.fixed_code and "if x < 9:" in expl.fixed_code


# --- inputs and expectations -------------------------------------------------------------------------------------
def test_samples_come_from_prompts_and_eval():
    assert inputs.choose("", "", parse("data = input('Enter a list: ')\nprint(sum(eval(data)))\n")).text == "[3, 5, 7]\n"
    assert inputs.choose("", "", parse("print(eval(input('> ')))\n")).text == "2 + 3\n"
    assert inputs.choose("", "", parse("a = input('Your age: ')\nprint(a)\n")).text == "5\n"


def test_prints_x_not_y_states_the_expectation():
    want = repair_search.expectation("when I type 5 5 it prints 55 not 10", {"5"}, "55\n")
    assert want is not None and want["key"] == 10


# --- round 3, second batch: more families, phrasings and edits ---------------------------------------------------
@pytest.mark.parametrize("code,question,line,fix", [
    ("def tax(p):\n    p * 1.2\n\nprint(tax(10))\n", "something is off", 2, "return p * 1.2"),
    ("cash = 100\ncost = 30\ncash - cost\nprint(cash)\n", "bug somewhere", 3, "cash -= cost"),
    ("def hi(n):\n    return 'Hi ' + n\n\nhi('Al')\n", "not working", 4, "print(hi('Al'))"),
    ("c = {}\nfor w in 'x y x'.split():\n    c[w] = 1\nprint(c)\n", "the counts are wrong", 3, "c[w] = c.get(w, 0) + 1"),
    ("def odd(n):\n    if n % 2:\n        return True\n    else:\n        return True\n\nprint(odd(2))\n", "wrong result",
     5, "return False"),
    ("xs = ['p', 'q']\nfor i in range(len(xs)):\n    print(i)\n", "it prints the wrong thing", 3, "print(xs[i])"),
    ("w = 'abc'\nif w == w.reverse:\n    print('same')\n", "what is the bug", 2, "w == w[::-1]"),
    ("m = int(input())\nif m >= 90:\n    g = 'A'\nif m >= 70:\n    g = 'B'\nelse:\n    g = 'C'\nprint(g)\n",
     "typed 97 got B. should be A", 4, "elif m >= 70:"),
    ("n = int(input())\nfor i in range(n):\n    print('#')\n", "when I type 3 i want ###", 3, "end="),
    ("a = 'good'\nb = 'day'\nprint(a + b)\n", "i expected good day but it prints goodday", 3, 'a + " " + b'),
    ("p = '4'\nprint(p * 1.5)\n", "error", 2, "float(p) * 1.5"),
    ("parts = 'x y'.split\nprint(parts[0])\n", "help", 1, "parts = 'x y'.split()"),
])
def test_more_families_name_the_line_and_rewrite(code, question, line, fix):
    _, expl = _answer(code, question)
    assert expl.line == line, (expl.title, expl.fix)
    assert fix in (expl.fixed_code or "") + expl.fix, (expl.fix, expl.fixed_code)


def test_stated_inputs_without_subject_or_as_a_list():
    assert inputs.from_question("typed 97 got C. should be A") == ["97"]
    assert inputs.from_question("I enter 1, 2 and 3 and it prints 3") == ["1", "2", "3"]
    assert inputs.from_question("if I type exactly 100 it should say full marks") == ["100"]
    assert inputs.from_question("the program crashes after typing my age") is None
    loop = "while True:\n    w = input()\n    if w == 'STOP':\n        break\n"
    assert "STOP" in inputs.choose("", "", parse(loop)).text
    assert "STOP" not in inputs.choose("", "I type stop but it carries on", parse(loop)).text


@pytest.mark.parametrize("question", ["expected 6, got 5", "Expected output: 6. Actual output: 5",
                                      "result is 5, must be 6", "I'm getting 5 but the answer is 6",
                                      "correct answer is 6", "Expected result = 6", "i get 5?? 6 is right",
                                      "answer 6 expected, program says 5", "shouldn't it be 6?", "why 5 and not 6"])
def test_ways_of_stating_the_expected_value(question):
    want = repair_search.expectation(question, {"3"}, "5\n")
    assert want is not None and want["key"] == 6


def test_an_expectation_phrased_loosely_still_drives_the_search():
    code = "def area(w, h):\n    return w + h\n\nprint(area(2, 3))\n"
    _, expl = _answer(code, "area(2, 3) is 5, must be 6")
    assert expl.line == 2 and "return w * h" in expl.fixed_code


@pytest.mark.parametrize("code,question,line,fix", [
    ("xs = ['a', 'b', 'c']\ni = 0\nwhile i < len(xs) - 1:\n    print(xs[i])\n    i += 1\n", "the last one is missing",
     3, "while i < len(xs):"),
    ("who = 'Ann'\nprint('Hi, who')\n", "it prints the word instead of Ann", 2, "print(f'Hi, {who}')"),
    ("n = 3\nprint('n is {n}')\n", "prints {n}", 2, "print(f'n is {n}')"),
    ("for i in range(1, 9):\n    print(i)\n    if i == 4:\n        continue\n", "it should stop at 4 but goes to 8",
     4, "break"),
])
def test_third_batch_names_the_line_and_rewrite(code, question, line, fix):
    _, expl = _answer(code, question)
    assert expl.line == line, (expl.title, expl.fix)
    assert fix in (expl.fixed_code or "") + expl.fix, (expl.fix, expl.fixed_code)


def test_a_reported_wrong_result_is_never_answered_with_a_speed_finding():
    findings = [SimpleNamespace(category="performance", line=3, rule="list-membership-in-loop")]
    assert review_handoff.top_finding(findings, "the result should be 6 but I get 5") is None
    assert review_handoff.top_finding(findings, "is it fast enough?").rule == "list-membership-in-loop"
    assert review_handoff.top_finding(findings, "", status="timeout").rule == "list-membership-in-loop"


@pytest.mark.parametrize("question,values", [
    ("with 5 as input it crashes", ["5"]), ("input: 5", ["5"]), ("I put 5 and it says odd", ["5"]),
    ("for n = 5 it prints 4", ["5"]), ("when 5 is entered", ["5"]), ("on input 7 and 3 it prints 73", ["7", "3"]),
    ("I enter my name Bob and it says hi None", ["Bob"]), ("I tried everything", None), ("i used a for loop", None),
])
def test_more_ways_of_stating_the_input(question, values):
    assert inputs.from_question(question) == values


def test_a_reported_result_keeps_the_located_bug_even_when_asking_is_there_a_bug():
    located = SimpleNamespace(title="Count overwritten instead of increased", line=3)
    assert not review_handoff.wanted("ok", "is there a bug? it prints 1 instead of 2", located)
    assert review_handoff.wanted("ok", "is there a bug in here?", located)
    assert review_handoff.wanted("ok", "it prints 1 instead of 2", SimpleNamespace(title="Ran without errors", line=None))


def test_an_unusable_review_finding_keeps_the_debug_answer():
    base = SimpleNamespace(title="Ran without errors", line=None)
    odd = SimpleNamespace(category="security", line="not-a-number", rule="x", message="m", suggestion="s")
    assert review_handoff.lead(base, [odd], "is it safe?", "print(1)\n") is base


def test_return_in_the_else_of_a_loop_moves_after_the_loop():
    code = ("def has_big(xs):\n    for x in xs:\n        if x > 9:\n            return True\n        else:\n"
            "            return False\n\nprint(has_big([1, 20]))\n")
    _, expl = _answer(code, "should print True but it prints False")
    assert expl.line in (5, 6)
    assert expl.fixed_code.startswith("def has_big(xs):\n    for x in xs:\n        if x > 9:\n            return True\n"
                                      "    return False\n")


@pytest.mark.parametrize("question,code,stdin", [
    ("I type 3 numbers 4 5 6 and the average is wrong", "nums = input().split()\nprint(nums)\n", "4 5 6\n"),
    ("typing 5 should print 5 4 3 2 1 but it prints nothing", "n = int(input())\nprint(n)\n", "5\n"),
    ("if I type a negative number like -4 it should say negative", "x = int(input())\nprint(x)\n", "-4\n"),
])
def test_the_stated_input_is_read_as_the_kind_of_value_the_program_needs(question, code, stdin):
    assert inputs.choose("", question, parse(code)).text == stdin


@pytest.mark.parametrize("code,question,line,fix", [
    ("w = input()\nn = 0\nfor ch in w:\n    if ch in 'AEIOU':\n        n += 1\nprint(n)\n",
     "when I enter Hello it should count 2 vowels but says 0", 4, ".lower() in 'aeiou'"),
    ("n = int(input())\nfor i in range(1, 10):\n    print(n * i)\n", "i enter 4 and it should print the table up to 40",
     2, "range(1, 11)"),
    ("a = int(input())\nb = int(input())\nprint(round(a // b, 2))\n",
     "I enter 10 and 3, I want 10 divided by 3 = 3.33 but I get 3", 3, "a / b"),
])
def test_input_programs_with_the_value_in_the_question(code, question, line, fix):
    result, expl = _answer(code, question)
    assert result.status == "ok" and expl.line == line, (expl.title, expl.fix)
    assert fix in (expl.fixed_code or "") + expl.fix


@pytest.mark.parametrize("code,line,fix", [
    ("def area():\n    side = 4\n    return side * side\n\narea()\nprint(side)\n", 6, "side = area()"),
    ("x = int('3.7')\nprint(x)\n", 1, "x = int(float('3.7'))"),
    ("def fact(n):\n    return n * fact(n - 1)\n\nprint(fact(5))\n", 2, "    if n <= 1:\n        return 1\n"),
    ("words = ['a', 'b']\nwords.push('c')\nprint(words)\n", 2, "words.append('c')"),
])
def test_crashes_get_a_concrete_rewrite(code, line, fix):
    result, expl = _answer(code, "why does it crash?")
    assert result.status == "exception" and expl.line == line
    assert fix in (expl.fixed_code or ""), (expl.fix, expl.fixed_code)


@pytest.mark.parametrize("code,fix", [
    ("d = {'a': 1}\nprint(d.get('a') + d.get('b'))\n", "print(d.get('a', 0) + d.get('b', 0))"),
    ("a, b = [1, 2, 3]\nprint(a, b)\n", "a, b, *rest = [1, 2, 3]"),
])
def test_none_from_get_and_too_many_values_get_a_rewrite(code, fix):
    _, expl = _answer(code, "why does it crash?")
    assert fix in (expl.fixed_code or "")


def test_a_function_pasted_for_review_is_not_answered_with_never_called():
    code = "def find_user(db, name):\n    query = \"SELECT * FROM users WHERE name = '\" + name + \"'\"\n" \
           "    return db.execute(query).fetchall()\n"
    _, expl = _answer(code, "is this function safe?")
    assert expl.title == "Security problem on line 2" and "?" in expl.fix
    never = SimpleNamespace(title="Function never called", line=1)
    assert review_handoff.wanted("ok", "can you check my function", never)
    assert not review_handoff.wanted("ok", "nothing happens when I run it", never)


def test_a_third_party_import_the_sandbox_lacks_is_reviewed_instead():
    code = "import requests\n\nurl = input('url: ')\ndata = eval(requests.get(url).text)\nprint(data)\n"
    result, expl = _answer(code, "can you check this?")
    assert result.exception_type == "ModuleNotFoundError"
    assert expl.line == 4 and expl.error_type is None and "literal_eval" in expl.fix
    assert any("sandbox's limit" in n for n in expl.notes)


def test_the_first_block_states_the_problem_and_the_fixed_line():
    from agents.debug.explainer import render

    _, expl = _answer("total = 0\nfor n in [1, 2, 3]:\n    total = n\nprint(total)\n", "should be 6 but it prints 3")
    first_block = render(expl).split("\n\n**")[0]
    assert "Line 3:" in first_block and "```python\ntotal += n\n```" in first_block


@pytest.mark.parametrize("code,question,stdin,line,fix", [
    ("n = int(input())\ntotal = 0\nfor i in range(n):\n    total += i\nprint(total)\n",
     "it should add 1 to n, for 4 that is 10 but it prints 6", "4\n", 3, "range(n + 1)"),
    ("w = input()\nif w == w[::-1]:\n    print('not a palindrome')\nelse:\n    print('palindrome')\n",
     "racecar is a palindrome but it says not a palindrome", "racecar\n", 2, "w != w[::-1]"),
    ("nums = input().split()\nprint(max(nums))\n", "the largest is 10 not 9", "9 10 3\n", 1, "map(int"),
    ("name = input()\nprint('Hello' + name)\n", "there is no space, I want Hello Bob", "Bob\n", 2, "'Hello' + \" \" + name"),
])
def test_input_programs_with_stdin_given_and_the_symptom_stated(code, question, stdin, line, fix):
    result, expl = _answer(code, question, stdin)
    assert result.status == "ok" and expl.line == line, (expl.title, expl.fix)
    assert fix in (expl.fixed_code or "") + expl.fix


def test_a_branch_that_can_never_run_gets_the_stricter_test_first():
    code = "score = 95\nif score >= 50:\n    print('Pass')\nelif score >= 90:\n    print('Excellent')\nelse:\n    print('Fail')\n"
    _, expl = _answer(code, "95 says Pass instead of Excellent")
    assert expl.line == 4
    assert expl.fixed_code.startswith("score = 95\nif score >= 90:\n    print('Excellent')\nelif score >= 50:\n")
