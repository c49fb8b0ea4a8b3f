"""The review's silent-bug rules (shared with the debugger), performance and security rules, and ordering:
each case's first finding is the main issue, with a rewrite of the student's line, and severe code never scores
as clean. Clean code gets none of these findings."""
from __future__ import annotations

import pytest

from agents.code_review.analyzer import render, review

CASES = [
    # (id, code, question, first rule, category, text the rewrite must contain)
    ("method-not-called", "def ok(s):\n    if s.isdigit:\n        return int(s)\n    return None\n", "",
     "method-not-called", "correctness", "if s.isdigit():"),
    ("is-value", "def same(a, b):\n    x = int(a)\n    y = int(b)\n    return x is y\n", "", "is-value",
     "correctness", "x == y"),
    ("constant-condition", "def stop(ans):\n    while ans != 'n' or ans != 'N':\n        ans = input()\n", "",
     "constant-condition", "correctness", "ans not in ('n', 'N')"),
    ("unreachable-branch", "def grade(s):\n    if s >= 50:\n        return 'pass'\n    elif s >= 90:\n"
     "        return 'top'\n    return 'fail'\n", "", "unreachable-branch", "correctness", "if s >= 90:"),
    ("list-changed-in-loop", "def clean(xs):\n    for x in xs:\n        if x < 0:\n            xs.remove(x)\n"
     "    return xs\n", "", "list-changed-in-loop", "correctness", ""),
    ("loop-returns-first-item", "def has_neg(xs):\n    for x in xs:\n        if x < 0:\n            return True\n"
     "        else:\n            return False\n", "", "loop-returns-first-item", "correctness", "AFTER the loop"),
    ("plus-equals-swapped", "def total(xs):\n    t = 0\n    for x in xs:\n        t =+ x\n    return t\n", "",
     "plus-equals-swapped", "correctness", "t += x"),
    ("division-before-addition", "def average(a, b):\n    return a + b / 2\n", "", "division-before-addition",
     "correctness", "(a + b) / 2"),
    ("total-replaced", "def total(prices):\n    result = 0\n    for p in prices:\n        result = p\n    return result\n",
     "", "total-replaced", "correctness", "result += p"),
    ("exponential-recursion", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
     "why is fib(35) so slow?", "exponential-recursion", "performance", "lru_cache"),
    ("list-as-queue", "def drain(q):\n    out = []\n    while q:\n        out.append(q.pop(0))\n    return out\n", "",
     "list-as-queue", "performance", "popleft()"),
    ("string-concat-loop", "def csv(words):\n    s = ''\n    for w in words:\n        s += w + ','\n    return s\n",
     "", "string-concat-loop", "performance", "join"),
    ("hardcoded-secret", "def login(user, pw):\n    return user == 'admin' and pw == 'letmein'\n", "",
     "hardcoded-secret", "security", "os.environ"),
    ("path-from-input", "name = input('file: ')\nwith open('data/' + name) as f:\n    print(f.read())\n", "",
     "path-from-input", "security", "is_relative_to"),
    ("docstring-never-first", "def is_adult(age):\n    if age >= 18:\n        return True\n    else:\n"
     "        return False\n", "", "return-bool", "style", "return age >= 18"),
]


@pytest.mark.parametrize("case_id,code,question,rule,category,rewrite", CASES, ids=[c[0] for c in CASES])
def test_main_issue_first(case_id, code, question, rule, category, rewrite):
    report = review(code, question)
    first = report.findings[0]
    assert (first.rule, first.category) == (rule, category), [(f.rule, f.category) for f in report.findings]
    assert rewrite in first.suggestion + first.message, first.suggestion
    text = render(report, "beginner")
    if category in ("security", "correctness", "performance"):
        assert text.startswith(f"**Line {first.line} — ")
        assert "nothing to fix" not in text and report.score <= 80


def test_random_is_only_a_security_finding_for_secrets():
    game = review("import random\nroll = random.randint(1, 6)\nprint(roll)\n")
    token = review("import random\n\n\ndef make_token():\n    return random.randint(0, 10 ** 6)\n")
    assert not any(f.code == "S311" for f in game.findings)
    assert token.findings[0].code == "S311" and token.findings[0].category == "security"


@pytest.mark.parametrize("code", [
    "def parse(node):\n    return node.values[0] if node.values else None\n",
    "def walk(n, out):\n    if n:\n        out.append(n)\n        walk(n - 1, out)\n",
    "LIMIT = 3\n\n\ndef run(args):\n    return LIMIT\n\n\nrun(1)\n",
    "def swap(a, b):\n    a, b = b, a\n    return a, b\n",
    "def latest(xs):\n    last = 0\n    for x in xs:\n        last = x\n    return last\n",
    "def biggest(xs):\n    best = 0\n    for x in xs:\n        if x > best:\n            best = x\n    return best\n",
])
def test_correct_code_gets_no_silent_bug_finding(code):
    rules = {f.rule for f in review(code).findings}
    assert not rules & {"method-not-called", "recursive-result-dropped", "parameter-ignored", "lost-swap",
                        "total-replaced"}
