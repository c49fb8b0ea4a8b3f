"""Debug and code review through Envoy on the real mesh (sandbox, agents): programs that read input,
silent bugs, pasted tracebacks, the prevention follow-up, and the review cases of issue 10."""
from __future__ import annotations

import re

import pytest
from learnflow.v1 import (code_review_service_pb2 as cr, code_review_service_pb2_grpc as cr_grpc, common_pb2,
                          debug_service_pb2 as dbg, debug_service_pb2_grpc as dbg_grpc, enums_pb2,
                          triage_service_pb2)

from server import enums


def diagnose(client, code: str, question: str = "", stdin: str = "", context=None):
    stub = dbg_grpc.DebugServiceStub(client.channel)
    return stub.Diagnose(dbg.DiagnoseRequest(context=context or common_pb2.TutorContext(), code=code,
                                             question=question, stdin=stdin), metadata=client.metadata, timeout=60)


# ---- programs that read input -------------------------------------------------------------------------------
AGE = "age = input('Age? ')\nif age >= 18:\n    print('adult')\n"


def test_stdin_sent_with_ask_reaches_the_program_through_triage(client):
    reply = client.triage.Ask(triage_service_pb2.AskRequest(
        query_text="Why does my program crash?", code_snippet=AGE, stdin="20\n",
        language=enums_pb2.CODE_LANGUAGE_PYTHON), metadata=client.metadata, timeout=60)
    assert enums.agent(reply.routing.routed_to_agent) == "debug"
    meta = reply.response.metadata
    assert meta["error_type"] == "TypeError" and int(meta["line"]) == 2 and meta["stdin_source"] == "given"
    assert "the input you provided: `20`" in reply.response.response_text
    assert "int(" in reply.response.response_text


def test_input_stated_in_the_question_is_used(client):
    reply = diagnose(client, "n = input('Number: ')\nprint(n + 1)\n", "When I enter 5 it crashes, why?")
    assert (reply.execution.exception_type, reply.execution.line) == ("TypeError", 2)
    assert "input from your question: `5`" in reply.response.response_text


def test_without_any_input_samples_are_chosen_and_named_never_eof(client):
    code = "word = input('Continue? ')\nif word == 'yes':\n    print('going on')\nprint(wrd)\n"
    reply = diagnose(client, code, "what is wrong?")
    assert (reply.execution.exception_type, reply.execution.line) == ("NameError", 4)
    text = reply.response.response_text
    assert "sample input" in text and "`yes`" in text and "EOFError" not in text


def test_reading_past_the_given_input_is_explained_as_such(client):
    code = "while True:\n    line = input()\n    print(line.upper())\n"
    reply = diagnose(client, code, "why does it stop?", stdin="a\nb\n")
    assert reply.execution.exception_type == "EOFError"
    assert "2 lines of input it was given" in reply.response.response_text
    assert "break" in reply.response.response_text


# ---- silent bugs: each family names its line and fixes it -------------------------------------------------------
SILENT = {
    "late-binding": ("fns = []\nfor i in range(3):\n    fns.append(lambda: i)\nfor f in fns:\n    print(f())\n",
                     "It prints 2 2 2 but I expected 0 1 2", 3, r"lambda i=i: i"),
    "mutable-default": ("def add(item, items=[]):\n    items.append(item)\n    return items\n\nprint(add(1))\n"
                        "print(add(2))\n", "expected [2] but got [1, 2]", 1, r"if items is None:"),
    "aliasing": ("a = [1, 2, 3]\nb = a\nb.append(4)\nprint(a)\n", "why did a change too?", 2, r"b = a\.copy\(\)"),
    "grid": ("grid = [[0] * 3] * 3\ngrid[0][0] = 1\nprint(grid)\n", "every row changes", 1,
             r"\[\[0\] \* 3 for _ in range\(3\)\]"),
    "never-called": ("def greet():\n    print('hello')\n", "nothing happens when I run it", 1, r"\ngreet\(\)"),
    "print-not-return": ("def double(x):\n    print(x * 2)\n\nresult = double(4)\nprint('Result:', result)\n",
                         "why is result None?", 2, r"return x \* 2"),
    "recursion-not-returned": ("def find(items, target, i=0):\n    if i == len(items):\n        return -1\n"
                               "    if items[i] == target:\n        return i\n    find(items, target, i + 1)\n\n"
                               "print(find([4, 5, 6], 6))\n", "it returns None", 6,
                               r"return find\(items, target, i \+ 1\)"),
    "off-by-one": ("nums = [1, 2, 3]\ntotal = 0\nfor i in range(1, len(nums)):\n    total += nums[i]\nprint(total)\n",
                   "expected 6 but got 5", 3, r"range\(len\(nums\)\)|range\(0, len\(nums\)\)"),
    "integer-division": ("avg = 7 // 2\nprint(avg)\n", "expected 3.5 but got 3", 1, r"7 / 2"),
    "is-literal": ("name = 'ad'\nname += 'min'\nif name is 'admin':\n    print('welcome')\nelse:\n    print('denied')\n",
                   "always prints denied", 3, r"name == 'admin'"),
    "modify-while-iterating": ("nums = [1, 2, 2, 3]\nfor n in nums:\n    if n == 2:\n        nums.remove(n)\n"
                               "print(nums)\n", "expected [1, 3] but got [1, 2, 3]", 2, r"nums\[:\]|list\(nums\)|copy"),
    "or-constant": ("letter = 'x'\nif letter == 'a' or 'e':\n    print('vowel')\n", "it always prints vowel", 2,
                    r"letter in \('a', 'e'\)"),
    "chained-true": ("age = 20\nif age >= 18 == True:\n    print('adult')\nelse:\n    print('minor')\n",
                     "it always prints minor", 2, r"if age >= 18:"),
    "method-not-called": ("s = 'abc'\nif s.isdigit:\n    print('number')\nelse:\n    print('not a number')\n",
                          "it always says number", 2, r"s\.isdigit\(\)"),
}


@pytest.mark.parametrize("family", sorted(SILENT))
def test_silent_bug_is_named_with_its_line_and_fix(client, family):
    code, question, line, fix = SILENT[family]
    reply = diagnose(client, code, question)
    assert reply.execution.status == "ok", reply.execution
    assert int(reply.response.metadata["line"]) == line, reply.response.response_text
    assert re.search(fix, reply.fixed_code or reply.response.response_text), (reply.fixed_code,
                                                                               reply.response.response_text)
    assert "No error found" not in reply.response.response_text
    if family == "recursion-not-returned":
        assert "no base case" not in reply.response.response_text.lower()
    if family == "chained-true":
        assert "if 18:" not in reply.fixed_code + reply.response.response_text


def test_recursive_result_dropped_behind_a_type_error_is_still_named(client):
    code = "def fact(n):\n    if n <= 1:\n        return 1\n    n * fact(n - 1)\n\nprint(fact(3) + 1)\n"
    reply = diagnose(client, code, "why TypeError?")
    assert reply.execution.exception_type == "TypeError"
    assert "return n * fact(n - 1)" in reply.fixed_code
    assert "no base case" not in reply.response.response_text.lower()


def test_nothing_found_says_what_ran_and_asks_for_the_expected_output(client):
    reply = diagnose(client, "print(2 + 2)\n", "is this right?")
    text = reply.response.response_text
    assert "it printed" in text and "4" in text and "What output did you expect" in text
    assert "No error found" not in text


# ---- pasted tracebacks and the prevention follow-up ------------------------------------------------------------
def test_pasted_traceback_uses_its_own_line_code_and_message(client):
    question = ("My teacher says the loop is wrong, I get this:\nTraceback (most recent call last):\n"
                "  File \"/usr/lib/python3.12/runpy.py\", line 88, in _run_code\n    exec(code, run_globals)\n"
                "  File \"main.py\", line 3, in <module>\n    print(names[i])\nIndexError: list index out of range\n")
    reply = diagnose(client, "", question)
    assert (reply.execution.exception_type, reply.execution.line) == ("IndexError", 3)
    assert reply.execution.exception_message == "list index out of range"
    text = reply.response.response_text
    assert "line None" not in text and "teacher" not in text and "line 3" in text.lower()


def test_prevention_follow_up_answers_for_the_previous_error(client):
    context = common_pb2.TutorContext(follow_up=common_pb2.FOLLOW_UP_PREVENTION, recent_turns=[
        common_pb2.ConversationTurn(query_text="why does this crash?", code_snippet="print('a' + 1)",
                                    answer_excerpt="### TypeError on line 1\n**Error:** `TypeError` on line 1")])
    reply = diagnose(client, "", "how do I avoid this next time?", context=context)
    text = reply.response.response_text
    assert "How to avoid TypeError next time" in text and "int(input())" in text
    assert reply.execution.status == "not_run"


# ---- the review cases named in issue 10 ----------------------------------------------------------------------
REVIEWS = {
    "eval-input": ("x = eval(input('number: '))\nprint(x * 2)\n", "", 1, "security", r"int\(input\("),
    "sql-concat": ("import sqlite3\n\n\ndef find(name):\n    cur = sqlite3.connect('a.db').cursor()\n"
                   "    cur.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")\n    return cur.fetchall()\n",
                   "", 6, "security", r"WHERE name = \?', \(name,\)"),
    "nested-loop": ("def match(orders, customers):\n    out = []\n    for o in orders:\n        for c in customers:\n"
                    "            if o['cid'] == c['id']:\n                out.append((o, c))\n    return out\n",
                    "This is very slow with 50k orders. How can I make it faster?", 4, "performance",
                    r"About speed[\s\S]*O\(n·m\)[\s\S]*O\(n\+m\)"),
    "chained-true": ("age = int(input())\nif age >= 18 == True:\n    print('adult')\n", "", 2, "correctness",
                     r"```python\nif age >= 18:"),
    "shadowed-builtins": ("def stats(list):\n    sum = 0\n    max = list[0]\n    for x in list:\n        sum += x\n"
                          "        if x > max:\n            max = x\n    return sum, max\n", "", 1, "correctness",
                          r"shadows the built-in list"),
}


@pytest.mark.parametrize("case", sorted(REVIEWS))
def test_review_reports_the_main_issue_first(client, case):
    code, question, line, category, mention = REVIEWS[case]
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    reply = stub.ReviewCode(cr.ReviewCodeRequest(context=common_pb2.TutorContext(), code=code, question=question),
                            metadata=client.metadata, timeout=30)
    first = reply.findings[0]
    assert (first.line, first.category) == (line, category), [(f.rule, f.line, f.category) for f in reply.findings]
    text = reply.response.response_text
    assert text.startswith(f"**Line {line} — ") and re.search(mention, text), text
    assert "nothing to fix" not in text and reply.score <= 80
    if case == "shadowed-builtins":
        assert "follow PEP 8" not in text
    if case == "chained-true":
        assert "if 18:" not in text
