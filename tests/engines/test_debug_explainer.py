"""The debug explainer on real runs: each snippet is executed in a subprocess (a stand-in for the sandbox), the
explanation must name the right cause and line, and any fixed_code must compile and - run again - no longer
raise the original error. Statuses without an exception (ok, timeout, limits) use hand-built results."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from agents.debug.explainer import DebugExplanation, explain_failure, render
from agents.debug.local_run import Run as FakeRun, run




# (id, code, exception type, line, regex the cause/fix must match, fix expected?)
CRASHES = [
    ("index-literal", "arr = [1, 2, 3]\nprint(arr[5])", "IndexError", 2, r"3 items.*0\.\.2", False),
    ("index-len", "arr = [1, 2, 3]\nprint(arr[len(arr)])", "IndexError", 2, r"len\(arr\) - 1", True),
    ("index-range-plus-one", "xs = [1, 2, 3]\nfor i in range(len(xs) + 1):\n    print(xs[i])", "IndexError", 3,
     r"one step past", True),
    ("index-while-lte", "xs = [4, 5]\ni = 0\nwhile i <= len(xs):\n    print(xs[i])\n    i += 1", "IndexError", 4,
     r"`<` instead of `<=`", True),
    ("index-param-empty", "def first(seq):\n    return seq[0]\n\nfirst([])", "IndexError", 2, r"parameter.*empty",
     False),
    ("key-missing", "ages = {'ann': 31}\nprint(ages['bob'])", "KeyError", 2, r"'ann'.*|\.get", True),
    ("key-case", "ages = {'Bob': 31}\nprint(ages['bob'])", "KeyError", 2, r"Did you mean 'Bob'", True),
    ("key-count", "counts = {}\nfor w in ['a', 'b', 'a']:\n    counts[w] += 1\nprint(counts)", "KeyError", 3,
     r"get\(w, 0\)", True),
    ("name-typo", "total = 0\nfor n in [1, 2]:\n    total += n\nprint(totl)", "NameError", 4, r"Did you mean `total`",
     True),
    ("name-missing-import", "print(math.sqrt(16))", "NameError", 1, r"import math", True),
    ("name-before-assignment", "print(score)\nscore = 10", "NameError", 1, r"line 2", False),
    ("name-local-outside", "def make():\n    result = 5\n\nmake()\nprint(result)", "NameError", 5,
     r"only inside `make\(\)`", False),
    ("type-str-plus-int", "age = 20\nprint('I am ' + age)", "TypeError", 2, r"str\(age\)", True),
    ("type-str-item-assign", "word = 'cat'\nword[0] = 'b'", "TypeError", 2, r"immutable", True),
    ("type-tuple-item-assign", "point = (1, 2)\npoint[0] = 5", "TypeError", 2, r"tuple.*immutable", False),
    ("type-none-subscript", "nums = [3, 1, 2]\nordered = nums.sort()\nprint(ordered[0])", "TypeError", 3,
     r"\.sort\(\).*returns None", True),
    ("type-missing-arg", "def add(a, b):\n    return a + b\n\nprint(add(1))", "TypeError", 4, r"def add\(a, b\)",
     False),
    ("type-missing-self", "class Dog:\n    def bark():\n        return 'woof'\n\nprint(Dog().bark())", "TypeError", 5,
     r"no `self`", True),
    ("type-shadowed-builtin", "sum = 0\nfor n in [1, 2]:\n    sum += n\nprint(sum([3, 4]))", "TypeError", 4,
     r"built-in", False),
    ("type-loop-over-len", "xs = [1, 2]\nfor i in len(xs):\n    print(i)", "TypeError", 2, r"range\(len\(xs\)\)", True),
    ("type-float-slice", "xs = [1, 2, 3, 4]\nhalf = xs[:len(xs) / 2]\nprint(half)", "TypeError", 2, r"`//`", True),
    ("type-sort-positional", "pairs = [(1, 'b'), (2, 'a')]\npairs.sort(lambda p: p[1])\nprint(pairs)", "TypeError", 2,
     r"key=", True),
    ("attr-none-literal", "x = None\nprint(x.upper())", "AttributeError", 2, r"`x` is None", False),
    ("attr-append-result", "items = [1]\nitems = items.append(2)\nitems.append(3)", "AttributeError", 3,
     r"in place", True),
    ("attr-typo", "items = []\nitems.appendd(3)\nprint(items)", "AttributeError", 2, r"Did you mean `\.append`", True),
    ("unbound-global", "count = 0\n\ndef bump():\n    count += 1\n\nbump()\nprint(count)", "UnboundLocalError", 4,
     r"LOCAL", True),
    ("unbound-branch", "def find(xs):\n    for x in xs:\n        found = x\n    return found\n\nfind([])",
     "UnboundLocalError", 4, r"only gets a value inside a `for` loop", False),
    ("recursion-no-base", "def countdown(n):\n    return countdown(n - 1)\n\ncountdown(3)", "RecursionError", 2,
     r"no base case", False),
    ("recursion-same-args", "def f(n):\n    if n == 0:\n        return 0\n    return f(n)\n\nf(3)", "RecursionError", 4,
     r"same arguments", False),
    ("zero-div-empty", "nums = []\nprint(sum(nums) / len(nums))", "ZeroDivisionError", 2, r"empty", True),
    ("zero-div-counter", "count = 0\ntotal = 10\nprint(total / count)", "ZeroDivisionError", 3, r"`count` is 0", True),
    ("value-word", "print(int('seven'))", "ValueError", 1, r"word", False),
    ("value-decimal", "print(int('3.5'))", "ValueError", 1, r"float", False),
    ("value-unpack", "a, b = [1, 2, 3]", "ValueError", 1, r"unpacks into 2", False),
    ("value-max-empty", "xs = []\nprint(max(xs))", "ValueError", 2, r"empty", False),
    ("module-typo", "import maths\nprint(maths.pi)", "ModuleNotFoundError", 1, r"`math`", True),
    ("file-missing", "open('no_such_file_here.txt')", "FileNotFoundError", 1, r"no_such_file_here\.txt", False),
    ("stop-iteration", "it = iter([1])\nnext(it)\nnext(it)", "StopIteration", 3, r"next", False),
    ("syntax-colon", "x = 5\nif x > 3\n    print(x)", "SyntaxError", 2, r"colon", True),
    ("syntax-two-colons", "for i in range(3)\n    if i > 1\n        print(i)", "SyntaxError", 1, r"colon", True),
    ("syntax-assign-in-if", "x = 5\nif x = 5:\n    print(x)", "SyntaxError", 2, r"==", True),
    ("syntax-unclosed-paren", "print('hi'\nx = 1", "SyntaxError", 1, r"never closed", True),
    ("syntax-unterminated-string", "print('hello)", "SyntaxError", 1, r"never ends", True),
    ("syntax-print-py2", "print 'hello'", "SyntaxError", 1, r"parentheses", True),
    ("syntax-keyword-name", "class = 'math'\nprint(class)", "SyntaxError", 1, r"keyword", False),
    ("indent-expected", "def greet():\nprint('hi')\n\ngreet()", "IndentationError", 2, r"indented", True),
    ("indent-unexpected", "x = 1\n    y = 2\nprint(x + y)", "IndentationError", 2, r"indented more", True),
    ("tab-mixed", "if True:\n        x = 1\n\ty = 2\nprint(x + y)", "TabError", 3, r"tabs and spaces", True),
]


def _run_fixed(code: str):
    return run(code, timeout=5)


@pytest.mark.parametrize("case_id,code,exc,line,pattern,expect_fix", CRASHES, ids=[c[0] for c in CRASHES])
def test_crash_explained(case_id, code, exc, line, pattern, expect_fix):
    result = run(code)
    assert result.exception_type == exc and result.line == line, (result.exception_type, result.line)
    expl = explain_failure(code, result)
    assert isinstance(expl, DebugExplanation)
    assert expl.error_type == exc and expl.line == line
    assert re.search(pattern, expl.cause + " " + expl.fix), (expl.cause, expl.fix)
    assert expl.confidence >= 0.7
    if expect_fix:
        assert expl.fixed_code is not None, expl
    if expl.fixed_code is not None:
        compile(expl.fixed_code, "<fixed>", "exec")
        after = _run_fixed(expl.fixed_code)
        assert after.status != "syntax_error"
        assert not (after.exception_type == exc and after.line == line), (after.exception_type, after.line)


LOGIC = [
    ("prints-not-returns", "def add(a, b):\n    print(a + b)\n\nresult = add(2, 3)\nprint(result)",
     "why does my function return None", 2, r"never returns", "functions"),
    ("accumulator-discarded", "total = 0\nfor n in [1, 2, 3]:\n    total + n\nprint(total)", "total is always 0", 3,
     r"throws the result away", "loops"),
    ("accumulator-reset", "for n in [1, 2, 3]:\n    total = 0\n    total += n\nprint(total)", "wrong total", 2,
     r"reset on every round", "loops"),
    ("is-literal", "x = 1000\nif x is 1000.0:\n    print('same')", "never prints", 2, r"SAME object", "conditionals"),
    ("mutate-while-iterating", "xs = [1, 2, 2, 3]\nfor x in xs:\n    if x == 2:\n        xs.remove(x)\nprint(xs)",
     "it skips an item", 2, r"while iterating", "lists"),
    ("early-return", "def has_even(xs):\n    for x in xs:\n        if x % 2 == 0:\n            return True\n"
                     "        else:\n            return False\n\nprint(has_even([1, 2]))",
     "only checks the first item", 6, r"first item", "loops"),
    ("off-by-one", "def total_to(n):\n    s = 0\n    for i in range(1, n):\n        s += i\n    return s\n\nprint(total_to(3))",
     "sum up to n is one short", 3, r"range\(1, n \+ 1\)", "loops"),
    ("string-method-ignored", "name = 'ann'\nname.upper()\nprint(name)", "it does not change", 2, r"NEW string",
     "strings"),
]


@pytest.mark.parametrize("case_id,code,question,line,pattern,topic", LOGIC, ids=[c[0] for c in LOGIC])
def test_wrong_output_reasoned(case_id, code, question, line, pattern, topic):
    result = run(code)
    assert result.status == "ok"
    expl = explain_failure(code, result, question=question)
    assert expl.error_type is None
    assert expl.line == line and expl.concept_topic == topic
    assert re.search(pattern, expl.cause + " " + expl.fix), expl.cause
    if expl.fixed_code:
        compile(expl.fixed_code, "<fixed>", "exec")


def test_input_compared_with_number():
    code = "answer = input('2 + 2 = ')\nif answer == 4:\n    print('correct')\nelse:\n    print('wrong')"
    expl = explain_failure(code, FakeRun(stdout="2 + 2 = wrong\n"), question="it always says wrong")
    assert expl.line == 2 and "input()" in expl.cause
    assert "int(input(" in expl.fixed_code


def test_input_not_converted_before_adding():
    code = "n = input('n? ')\nprint(n + 1)"
    result = FakeRun(status="exception", exception_type="TypeError", line=2,
                     exception_message='can only concatenate str (not "int") to str', source_line="print(n + 1)")
    expl = explain_failure(code, result)
    assert "input()" in expl.cause and "int(input('n? '))" in expl.fixed_code


def test_timeout_names_the_stuck_variable_and_fix_terminates():
    code = "i = 0\ntotal = 0\nwhile i < 5:\n    total += i\nprint(total)"
    expl = explain_failure(code, FakeRun(status="timeout"))
    assert expl.line == 3 and "`i`" in expl.cause and expl.concept_topic == "loops"
    assert expl.fixed_code and run(expl.fixed_code).stdout == "10\n"


def test_timeout_while_true_without_break():
    expl = explain_failure("n = 0\nwhile True:\n    n += 1\n", FakeRun(status="timeout"))
    assert expl.line == 2 and "always true" in expl.cause


def test_timeout_without_obvious_loop_is_honest():
    code = "total = 0\nfor i in range(10 ** 12):\n    total += i\n"
    expl = explain_failure(code, FakeRun(status="timeout"))
    assert expl.confidence < 0.5 and "slow" in expl.cause


def test_memory_and_output_limits():
    grow = "xs = [1]\nfor x in xs:\n    xs.append(x)\n"
    expl = explain_failure(grow, FakeRun(status="memory_limit"))
    assert expl.line == 3 and "bigger" in expl.cause
    spam = "i = 0\nwhile i < 10:\n    print(i)\n"
    expl = explain_failure(spam, FakeRun(status="output_limit"))
    assert expl.line in (2, 3) and ("prints" in expl.cause or "never" in expl.cause)


def test_killed_and_ok_without_findings_are_honest():
    assert explain_failure("import os", FakeRun(status="killed")).confidence <= 0.4
    expl = explain_failure("print(1 + 1)", FakeRun(stdout="2\n"), question="is this right?")
    assert expl.confidence < 0.4 and expl.fixed_code is None


def test_error_without_code_and_malformed_results_never_crash():
    expl = explain_failure("", FakeRun(status="exception", exception_type="KeyError", exception_message="'x'"))
    assert expl.error_type == "KeyError" and expl.concept_topic == "dictionaries" and expl.confidence <= 0.5

    class Weird:
        status = "exception"
        exception_type = "IndexError"
        exception_message = None
        line = 99
        traceback = [("x", None, None)]

    expl = explain_failure("print([][0])", Weird())
    assert expl.error_type == "IndexError" and len(expl.cause) > 10
    assert explain_failure("def (:", object()).title
    nothing = explain_failure("", FakeRun())
    assert nothing.confidence < 0.3 and "Paste the code" in nothing.fix


def test_render_with_and_without_concept_text():
    code = "ages = {'ann': 31}\nprint(ages['bob'])"
    expl = explain_failure(code, run(code))
    full = render(expl, "Dictionaries map keys to values.")
    degraded = render(expl)
    for text in (full, degraded):
        assert "KeyError" in text and "line 2" in text and "ages.get('bob')" in text
    assert "Dictionaries map keys to values." in full
    assert "### The concept behind it: Dictionaries" in degraded


def test_fixed_code_is_never_offered_when_it_would_not_compile():
    code = "x = (1,\nif x\n    pass"
    expl = explain_failure(code, run(code))
    assert expl.fixed_code is None or subprocess.run([sys.executable, "-c", f"compile({expl.fixed_code!r}, 'f', 'exec')"]
                                                     ).returncode == 0


@dataclass(frozen=True)
class FrameObj:
    """Traceback frames may come as objects with attributes (the sandbox's Frame) rather than tuples."""
    line: int
    function: str
    source: str


def test_traceback_frames_as_objects():
    code = "def f(n):\n    return f(n - 1)\n\nf(3)"
    frames = [FrameObj(4, "<module>", "f(3)")] + [FrameObj(2, "f", "return f(n - 1)")] * 30
    result = FakeRun(status="exception", exception_type="RecursionError",
                     exception_message="maximum recursion depth exceeded", line=None, traceback=frames)
    expl = explain_failure(code, result)
    assert expl.line == 2 and "no base case" in expl.cause and expl.concept_topic == "recursion"
