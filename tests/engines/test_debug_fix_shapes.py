"""Issue 10, fourth round: every named line gets concrete code (agents/debug/fix_shapes.py, review_fix.py and the
repair search's natural-edit order). Pure logic: no mesh, no sandbox."""
from __future__ import annotations

import ast
from types import SimpleNamespace

from agents.debug import fix_shapes, mutations, repair_search, review_fix, review_handoff
from agents.debug.explainer import explain_failure
from pitfalls.ast_tools import Finding


def _crash(msg: str, line: int, etype: str = "TypeError"):
    return SimpleNamespace(status="exception", exception_type=etype, exception_message=msg, line=line, stdout="",
                           stderr=f"Traceback (most recent call last):\n  File \"main.py\", line {line}, in <module>\n"
                                  f"{etype}: {msg}\n", traceback="")


def test_input_with_decimals_gets_float_and_counts_get_int():
    code = "h = input('? ')\nprint(h ** 2)\n"
    result = _crash("unsupported operand type(s) for ** or pow(): 'str' and 'int'", 2)
    assert "float(input('? '))" in explain_failure(code, result, stdin="1.8\n").fixed_code
    assert "int(input('? '))" in explain_failure(code, result, stdin="3\n").fixed_code
    tree = ast.parse("count = input('How many? ')\n")
    assert fix_shapes.number_kind("", tree, "count", tree.body[0].value) == "int"
    tree = ast.parse("w = input('Weight in kg: ')\n")
    assert fix_shapes.number_kind("", tree, "w", tree.body[0].value) == "float"


def test_function_without_return_gets_the_value_it_builds():
    code = ("def load_scores():\n    scores = []\n    for s in ['1', '2']:\n        scores.append(int(s))\n\n"
            "data = load_scores()\nprint(data[0])\n")
    tree = ast.parse(code)
    line, fixed = fix_shapes.missing_return(tree.body[0], code)
    assert line == "return scores" and "    return scores\n" in fixed
    expl = explain_failure(code, _crash("'NoneType' object is not subscriptable", 7))
    assert "`return scores`" in expl.fix and "<result>" not in expl.fix
    printed = "def area(w, h):\n    a = w * h\n    print(a * 2)\n"
    assert fix_shapes.missing_return(ast.parse(printed).body[0], printed)[0] == "return a * 2"


def test_some_paths_return_none_shows_the_missing_line():
    code = "def is_even(n):\n    if n % 2 == 0:\n        return True\n\nprint(is_even(3))\n"
    expl = explain_failure(code, SimpleNamespace(status="ok", stdout="None\n", stderr=""),
                           question="is_even(3) prints None, it should print False")
    assert expl.line in (2, 3) and "`return False`" in expl.fix
    assert "    return False" in expl.fixed_code and "e.g. like" not in expl.fix


def test_threshold_ladder_reordered_strictest_first():
    code = ("s = 95\nif s >= 60:\n    print('D')\nelif s >= 75:\n    print('B')\nelif s >= 90:\n    print('A')\n"
            "else:\n    print('F')\n")
    fixed = fix_shapes.reordered_ladder(code, ast.parse(code), 6)
    assert fixed.split("\n")[1:8] == ["if s >= 90:", "    print('A')", "elif s >= 75:", "    print('B')",
                                      "elif s >= 60:", "    print('D')", "else:"]


def test_fizzbuzz_reorder_is_tried_before_a_flipped_comparison():
    code = ("for i in range(1, 16):\n    if i % 3 == 0:\n        print('Fizz')\n    elif i % 5 == 0:\n"
            "        print('Buzz')\n    elif i % 15 == 0:\n        print('FizzBuzz')\n    else:\n        print(i)\n")
    whats = [what for _, _, what in mutations.generate(code, ast.parse(code))]
    reorder = next(i for i, w in enumerate(whats) if w.startswith("test `i % 15 == 0` first"))
    flip = next(i for i, w in enumerate(whats) if "!=" in w)
    assert reorder < flip


def test_documentation_example_is_never_the_students_fix():
    code = 'ages = {\n    "ann": 12,\n    "bob": 13,\n    "ann": 14,\n}\nprint(ages)\n'
    assert review_fix.foreign('foo = {\n    "bar": 1,\n}', code) == "doc"
    assert review_fix.foreign('ages = {"ann": 12}', code) == ""
    finding = SimpleNamespace(line=4, category="correctness", message='Dictionary key literal `"ann"` repeated.',
                              suggestion='Use instead:\nfoo = {\n    "bar": 1,\n    "baz": 2,\n}')
    diagnosis = explain_failure(code, SimpleNamespace(status="ok", stdout="{'ann': 14, 'bob': 13}\n", stderr=""),
                                question="is this ok?")
    led = review_handoff.lead_with_review(diagnosis, finding, code)
    assert "foo" not in led.fix and '{"ann": 12, "bob": 13}' in led.fix
    assert led.fixed_code.startswith('ages = {"ann": 12, "bob": 13}')


def test_never_called_does_not_lead_for_a_pasted_function():
    code = "def average(nums):\n    total = 0\n    for n in nums:\n        total += n\n    return total / len(nums)\n"
    never = Finding("`average` is defined on line 1 but never called - x", "Call it", line=1,
                    title="Function never called")
    assert review_handoff.definitions_only(code)
    assert review_handoff.pasted_to_check(code, "is this function ok?", never)
    assert not review_handoff.pasted_to_check(code, "nothing happens when I run it", never)
    assert not review_handoff.pasted_to_check(code + "\nprint('hi')\n", "is this ok?", never)
    expl = explain_failure(code, SimpleNamespace(status="ok", stdout="", stderr=""), question="is this function ok?")
    assert expl.title != "Function never called" and "average([" in expl.fix


def test_stated_text_expectation_with_input():
    code = "x = int(input())\nif x > 5:\n    print('five or more')\nelse:\n    print('small')\n"
    tree = ast.parse(code)
    plan = repair_search.plan(code, tree, "when I type 5 it should say 'five or more' but it says 'small'",
                              "small\n")
    assert plan.want == {"line": "five or more"}


def test_search_edits_are_explained_or_flagged():
    assert "boundary" in repair_search.edit_reason("write `x <= 5` instead of `x < 5`")
    assert "one past" in repair_search.edit_reason("write `range(1, 11)` instead of `range(1, 10)`")
    assert repair_search.edit_reason("write `-2` instead of `-1`") is None   # arbitrary: flagged, not presented


def test_pasted_attribute_error_on_none_gets_a_guard():
    from agents.debug import pasted
    tb = ("Traceback (most recent call last):\n  File \"game.py\", line 11, in <module>\n    print(player.name)\n"
          "AttributeError: 'NoneType' object has no attribute 'name'\n")
    expl = explain_failure("", pasted.parse("why?\n" + tb), question="why?\n" + tb)
    assert expl.line == 11 and "if player is not None:\n    print(player.name)" in expl.fix


def test_formula_edits_and_number_format_expectations():
    code = "price = 200\ndiscount = price / 1000\nprint(discount)\n"
    whats = [what for _, _, what in fix_shapes.scale_edits(code, ast.parse(code))]
    assert "write `10` instead of `1000` (the factor is off by 100)" in whats
    code = "import math\nr = 2\narea = math.pi * r\n"
    assert any("`r ** 2`" in w for _, _, w in fix_shapes.scale_edits(code, ast.parse(code)))
    assert repair_search.expectation("it says 5.0 should be 5", set(), "5.0\n") == {"line": "5"}


def test_a_condition_part_too_many_is_a_candidate_with_its_reason():
    code = "x = -4\nif x > 0 or x == 0 or x < 0:\n    print('positive')\n"
    whats = [what for _, _, what in mutations.generate(code, ast.parse(code))]
    drop = whats.index("drop `x < 0`: write `x > 0 or x == 0` instead of `x > 0 or x == 0 or x < 0`")
    assert repair_search.edit_reason(whats[drop])
