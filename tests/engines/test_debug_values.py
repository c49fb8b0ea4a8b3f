"""The explainer's value and flow mechanisms on real runs (agents/debug/local_run.py stands in for the sandbox):
each names the bug's line and a fix, the fixed program compiles and no longer shows the bug, and input-reading
programs get samples that reach the bug instead of an EOFError."""
from __future__ import annotations

import re

import pytest

from agents.debug import inputs, pasted
from pitfalls.ast_tools import parse
from agents.debug.explainer import explain_failure, render
from agents.debug.local_run import run

CASES = [
    # (id, code, question, line, regex on the fix + fixed code, what the fixed program prints)
    ("is-between-values", "a = 1000\nb = int('1000')\nprint('same' if a is b else 'different')\n", "prints different",
     3, r"a == b", "same"),
    ("always-true", "x = 'no'\nif x != 'no' or x != 'No':\n    print('go')\nelse:\n    print('stop')\n",
     "always prints go", 2, r"x not in \('no', 'No'\)", "stop"),
    ("always-false", "c = 'a'\nif c == 'a' and c == 'b':\n    print('yes')\n", "never prints", 2, r"c in \('a', 'b'\)",
     "yes"),
    ("unreachable-elif", "t = 35\nif t > 20:\n    print('warm')\nelif t > 30:\n    print('hot')\n",
     "35 says warm instead of hot", 4, r"stricter condition first", None),
    ("product-from-zero", "p = 0\nfor x in [2, 3, 4]:\n    p *= x\nprint(p)\n", "expected 24 but got 0", 1, r"p = 1",
     "24"),
    ("max-from-zero", "best = 0\nnums = [-4, -1, -7]\nfor n in nums:\n    if n > best:\n        best = n\nprint(best)\n",
     "should be -1 but prints 0", 1, r"best = ", None),
    ("plus-equals", "s = 0\nfor n in [1, 2, 3]:\n    s =+ n\nprint(s)\n", "expected 6 but got 3", 3, r"s \+= n", "6"),
    ("compare-as-assign", "found = False\nfor w in ['a', 'b']:\n    if w == 'b':\n        found == True\nprint(found)\n",
     "found stays False", 4, r"found = True", "True"),
    ("lost-swap", "a = 1\nb = 2\na = b\nb = a\nprint(a, b)\n", "swap gives 2 2", 3, r"a, b = b, a", "2 1"),
    ("append-result-stored", "xs = [1]\nxs = xs.append(2)\nprint(xs)\n", "prints None", 2, r"xs\.append\(2\)",
     "[1, 2]"),
    ("parameter-ignored", "size = 2\n\n\ndef square(n):\n    return size * size\n\n\nprint(square(5))\n",
     "square(5) always prints 4", 5, r"replace `size` with `n`", "25"),
    ("average-precedence", "def mean(x, y):\n    return x + y / 2\n\n\nprint(mean(4, 6))\n", "mean of 4 and 6 gives 7",
     2, r"\(x \+ y\) / 2", "5.0"),
    ("total-replaced", "total = 0\nfor price in [3, 4]:\n    total = price\nprint(total)\n", "expected 7 but got 4", 3,
     r"total \+= price", "7"),
    ("original-changed-alias-read", "a = [1]\nb = a\na.append(2)\nprint(b)\n", "b should stay [1]", 2, r"b = a\.copy\(\)",
     "[1]"),
    ("function-named-not-called", "def hello():\n    print('hi')\n\n\nhello\n", "nothing happens", 5, r"hello\(\)",
     "hi"),
    ("mutable-default-kept-on-self", "class Bag:\n    def __init__(self, things=[]):\n        self.things = things\n\n"
     "    def put(self, x):\n        self.things.append(x)\n\n\nBag().put(1)\nprint(Bag().things)\n", "new bag not empty", 2,
     r"if things is None", "[]"),
    ("percentage-floor-division", "right = 3\nqs = 4\nprint(right // qs * 100)\n", "it prints 0", 3, r"right / qs",
     "75.0"),
    ("paths-return-none", "def sign(n):\n    if n > 0:\n        return 'positive'\n    elif n < 0:\n"
     "        return 'negative'\n\n\nprint(sign(0))\n", "prints None for 0", 4, r"else:", None),
]


@pytest.mark.parametrize("case_id,code,question,line,fix,prints", CASES, ids=[c[0] for c in CASES])
def test_silent_value_bug_named_and_fixed(case_id, code, question, line, fix, prints):
    expl = explain_failure(code, run(code), question=question)
    assert expl.error_type is None and expl.line == line, render(expl)
    assert re.search(fix, expl.fix + "\n" + (expl.fixed_code or "")), expl.fix
    if prints is not None:
        assert expl.fixed_code and run(expl.fixed_code).stdout.strip() == prints


INPUT_CASES = [
    # (id, code, question, line, regex): the run must reach the real bug, not stop at EOFError
    ("rounds-from-input", "n = int(input())\nt = 0\nfor _ in range(n):\n    t += int(input())\nprint(t / m)\n",
     "crashes", 5, r"NameError"),
    ("loop-never-stops", "a = input()\nwhile a != 'q' or a != 'Q':\n    a = input()\n", "q does not stop it", 2,
     r"a not in \('q', 'Q'\)"),
    ("text-plus-text", "x = input()\ny = input()\nprint(x + y)\n", "when I enter 2 and 3 it prints 23", 3,
     r"x = int\(input\(\)\)"),
    ("inputs-compared-as-text", "x = input()\ny = input()\nprint(x if x > y else y)\n",
     "when I type 10 and 9 it says 9", 3, r"x = int\(input\(\)\)"),
    ("max-of-text", "xs = []\nfor _ in range(3):\n    xs.append(input())\nprint(max(xs))\n",
     "when I enter 9, 10 and 2 it says 9", 3, r"xs\.append\(int\(input\(\)\)\)"),
]


@pytest.mark.parametrize("case_id,code,question,line,pattern", INPUT_CASES, ids=[c[0] for c in INPUT_CASES])
def test_input_programs_reach_the_real_bug(case_id, code, question, line, pattern):
    choice = inputs.choose("", question, parse(code))
    result = run(code, stdin=choice.text)
    expl = explain_failure(code, result, question=question, ran_with=choice.describe(),
                           stdin_lines=choice.text.count("\n"))
    assert expl.error_type != "EOFError" and expl.line == line, render(expl)
    assert re.search(pattern, render(expl) + (expl.fixed_code or "")), render(expl)


CRASHES = [
    ("str-reverse", "w = 'abc'\nprint(w == w.reverse())\n", 2, r"w\[::-1\]"),
    ("list-lower", "names = ['A', 'B']\nprint(names.lower())\n", 2, r"\[x\.lower\(\) for x in names\]"),
    ("print-not-return", "def half(x):\n    print(x / 2)\n\n\ntotal = half(4) + 1\n", 2, r"return x / 2"),
    ("missing-argument", "def area(w, h):\n    return w * h\n\n\nprint(area(3))\n", 5, r"area\(3, 3\)"),
    ("sum-of-split", "nums = input().split()\nprint(sum(nums))\n", 2, r"list\(map\(int, input\(\)\.split\(\)\)\)"),
    ("sort-indexed", "xs = [3, 1]\nprint(xs.sort()[0])\n", 2, r"sorted\(xs\)\[0\]"),
    ("number-in-message", "n = 3\nprint(n + ' x 2 = ' + n * 2)\n", 2, r"str\(n\) \+ ' x 2 = ' \+ str\(n \* 2\)"),
    ("neighbour-index", "xs = [1, 2, 3]\nfor i in range(len(xs)):\n    print(xs[i] + xs[i + 1])\n", 3,
     r"range\(len\(xs\) - 1\)"),
    ("split-on-empty", "w = 'abc'\nprint(w.split(''))\n", 2, r"list\(w\)"),
    ("for-over-number", "for i in 3:\n    print(i)\n", 1, r"range\(3\)"),
    ("method-indexed", "def last(seq):\n    return seq.index[0]\n\n\nprint(last([7]))\n", 2, r"seq\.index\(0\)"),
    ("builtin-indexed-in-index-loop", "def find(x, seq):\n    for i in range(len(seq)):\n        if x == len[i]:\n"
     "            return i\n\n\nprint(find(2, [1, 2]))\n", 3, r"x == seq\[i\]"),
    ("type-iterated", "def dedupe(lst):\n    out = []\n    for n in list:\n        out.append(n)\n    return out\n\n\n"
     "print(dedupe([1]))\n", 3, r"for n in lst:"),
]


@pytest.mark.parametrize("case_id,code,line,pattern", CRASHES, ids=[c[0] for c in CRASHES])
def test_crash_gets_a_concrete_fix(case_id, code, line, pattern):
    result = run(code, stdin="4 5\n")
    expl = explain_failure(code, result)
    assert expl.line == line and expl.fixed_code, render(expl)
    assert re.search(pattern, expl.fixed_code), expl.fixed_code
    after = run(expl.fixed_code, stdin="4 5\n")
    assert after.exception_type != result.exception_type or after.line != result.line


def test_pasted_traceback_gets_the_conversion_on_its_own_line():
    text = ("Traceback (most recent call last):\n  File \"shop.py\", line 9, in <module>\n    cost = price * qty\n"
            "TypeError: can't multiply sequence by non-int of type 'str'\nplease help")
    expl = explain_failure("", pasted.parse(text), text)
    assert (expl.error_type, expl.line) == ("TypeError", 9)
    assert "cost = float(price) * int(qty)" in expl.fix and "please help" not in render(expl)


def test_pasted_syntax_error_is_repaired_on_its_line():
    text = "  File \"a.py\", line 12\n    print('total'\n         ^\nSyntaxError: '(' was never closed"
    expl = explain_failure("", pasted.parse(text), text)
    assert expl.line == 12 and "print('total')" in expl.fix


def test_pop_from_empty_names_the_list():
    code = "stack = [1]\nstack.pop()\nstack.pop()\n"
    expl = explain_failure(code, run(code))
    assert expl.line == 3 and "`if stack:" in expl.fix


def test_pitfalls_package_imports_no_agent():
    """Both agents use `pitfalls`; it must stay neutral (the agents meet only over gRPC)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "pitfalls"
    for path in root.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(m.startswith("agents") for m in modules), f"{path.name} imports {modules}"
