"""Debug and review through Envoy on the real mesh, for the mechanisms added after the held-out measurement:
value-level silent bugs, input samples sized to the loops that read them, EOFError as the symptom of a loop bug,
cross-type method idioms, None from a print-not-return function, concrete argument and conversion fixes, and the
review's silent-bug, performance and ordering rules."""
from __future__ import annotations

import re

import pytest
from learnflow.v1 import code_review_service_pb2 as cr, code_review_service_pb2_grpc as cr_grpc, common_pb2

from tests.test_debug_review import diagnose

DEBUG = {
    # name: (code, question, stdin, expected line, regex on the fixed code or the answer)
    "loop-count-from-input": ("n = int(input('How many? '))\ntotal = 0\nfor i in range(n):\n    total += int(input())\n"
                              "print(totl / n)\n", "my average crashes", "", 5, r"total"),
    "always-true-loop-condition": ("answer = input()\nwhile answer != 'no' or answer != 'No':\n    answer = input()\n"
                                   "print('bye')\n", "typing no does not stop it", "", 2,
                                   r"answer not in \('no', 'No'\)"),
    "text-compared-with-number-variable": ("guess = input('Guess: ')\nsecret = 7\nif guess == secret:\n"
                                           "    print('yes')\nelse:\n    print('no')\n", "I type 7 and it says no",
                                           "", 3, r"guess = int\(input\('Guess: '\)\)"),
    "text-added-to-text": ("a = input()\nb = input()\nprint(a + b)\n", "it prints 23 instead of 5", "2\n3\n", 3,
                           r"a = int\(input\(\)\)\nb = int\(input\(\)\)"),
    "unreachable-elif": ("score = 95\nif score >= 50:\n    print('pass')\nelif score >= 90:\n    print('excellent')\n",
                         "95 says pass instead of excellent", "", 4, r"stricter condition first"),
    "is-between-values": ("a = 500\nb = int('500')\nif a is b:\n    print('same')\nelse:\n    print('different')\n",
                          "both are 500 but it prints different", "", 3, r"if a == b:"),
    "accumulator-start": ("def product(xs):\n    p = 0\n    for x in xs:\n        p *= x\n    return p\n\n"
                          "print(product([2, 3]))\n", "expected 6 but got 0", "", 2, r"p = 1"),
    "str-has-no-reverse": ("word = 'level'\nif word == word.reverse():\n    print('palindrome')\n", "it crashes", "",
                           2, r"word\[::-1\]"),
    "print-not-return-behind-type-error": ("def square(x):\n    print(x * x)\n\ntotal = square(3) + 1\n", "why?", "",
                                           2, r"return x \* x"),
    # --- debug2: the expected-vs-got repair search runs in the real sandbox behind the agent ---
    "search-regroups-formula": ("low = 4\nhigh = 10\nmid = low + high / 2\nprint(mid)\n",
                                "the middle of 4 and 10 should be 7 but it prints 9.0", "", 3,
                                r"mid = \(low \+ high\) / 2"),
    "search-reads-stated-input": ("s = int(input('Seconds: '))\nm = s / 60\nprint(m, 'min', s % 60, 's')\n",
                                  "When I enter 150 I expect 2 min 30 s but it says 2.5 min 30 s", "", 2,
                                  r"m = s // 60"),
    "search-hoists-reset": ("ws = ['hi', 'hello', 'hey']\nfor w in ws:\n    best = ''\n    if len(w) > len(best):\n"
                            "        best = w\nprint(best)\n", "the longest should be hello but it prints hey", "",
                            3, r"best = ''\nfor w in ws:"),
    "missing-argument": ("def greet(name):\n    return 'Hi ' + name\n\nprint(greet())\n", "why?", "", 4,
                         r"greet\(\"Sam\"\)"),
}


@pytest.mark.parametrize("case", sorted(DEBUG))
def test_debug_names_the_line_and_fix(client, case):
    code, question, stdin, line, fix = DEBUG[case]
    reply = diagnose(client, code, question, stdin=stdin)
    text = reply.response.response_text
    assert int(reply.response.metadata["line"]) == line, text
    assert re.search(fix, reply.fixed_code or text) or re.search(fix, text), (reply.fixed_code, text)
    assert reply.response.metadata["error_type"] != "EOFError" and "catch EOFError" not in text


def test_pasted_traceback_with_text_operand_offers_the_conversion(client):
    question = ("help:\nTraceback (most recent call last):\n  File \"main.py\", line 7, in <module>\n"
                "    total = total + price\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n")
    reply = diagnose(client, "", question)
    assert (reply.execution.exception_type, reply.execution.line) == ("TypeError", 7)
    assert "total = total + int(price)" in reply.response.response_text


REVIEWS = {
    # name: (code, question, first rule, first category)
    "method-not-called": ("def parse_age(s):\n    if s.isdigit:\n        return int(s)\n    return None\n", "",
                          "method-not-called", "correctness"),
    "list-changed-in-loop": ("def drop_negatives(nums):\n    for n in nums:\n        if n < 0:\n"
                             "            nums.remove(n)\n    return nums\n", "", "list-changed-in-loop", "correctness"),
    "exponential-recursion": ("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
                              "fib(40) takes forever", "exponential-recursion", "performance"),
    "counting-before-docstring": ("def count(words):\n    counts = {}\n    for w in words:\n        if w in counts:\n"
                                  "            counts[w] += 1\n        else:\n            counts[w] = 1\n"
                                  "    return counts\n", "", "counting-pattern", "style"),
}


@pytest.mark.parametrize("case", sorted(REVIEWS))
def test_review_puts_the_main_issue_first(client, case):
    code, question, rule, category = REVIEWS[case]
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    reply = stub.ReviewCode(cr.ReviewCodeRequest(context=common_pb2.TutorContext(), code=code, question=question),
                            metadata=client.metadata, timeout=30)
    first = reply.findings[0]
    assert (first.rule, first.category) == (rule, category), [(f.rule, f.category) for f in reply.findings]
    if category in ("correctness", "performance"):
        assert "nothing to fix" not in reply.response.response_text and reply.score <= 80
