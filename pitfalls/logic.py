"""Bugs that raise nothing: wrong output, None results, infinite loops, runaway memory or printing.

The program ran (or was stopped by a limit), so there is no exception to read; we reason from the code's
structure with `ast` and rank the findings by what the student says is wrong ("returns None", "wrong total",
"never ends"). Each check is small and independent so new ones are easy to add.
"""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import (Finding, functions, line_text, names_in, replace_node, returns_value, segment,
                                    stored_names)
from pitfalls.values import discarded_results


def _calls_used_as_values(tree, name: str) -> tuple[int, int]:
    """(#calls whose result is used, #calls as bare statements) for a function name."""
    used = bare = 0
    bare_calls = {id(s.value) for s in ast.walk(tree) if isinstance(s, ast.Expr)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            if id(node) in bare_calls:
                bare += 1
            else:
                used += 1
    return used, bare


def prints_instead_of_returning(code, tree) -> list[Finding]:
    found = []
    for func in functions(tree).values():
        if returns_value(func) or func.name.startswith("__"):
            continue
        if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(func)):
            continue
        used, bare = _calls_used_as_values(tree, func.name)
        prints = [n for n in ast.walk(func) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                  and isinstance(n.value.func, ast.Name) and n.value.func.id == "print"]
        if not used:
            continue
        fixed = None
        if len(prints) == 1 and len(prints[0].value.args) == 1 and not prints[0].value.keywords and not bare \
                and prints[0] in func.body:
            fixed = replace_node(code, prints[0], f"return {segment(code, prints[0].value.args[0])}")
        if prints:
            cause = (f"`{func.name}()` prints its result (line {prints[0].lineno}) but never returns it, so the "
                     f"caller receives None - that is why the value you store or print from `{func.name}(...)` "
                     "is None.")
            fix = f"Replace the `print(...)` inside `{func.name}` with `return ...` and print where you call it."
        else:
            cause = (f"`{func.name}()` has no `return <value>` statement, so every call returns None, but its "
                     "result is used as if it had a value.")
            fix = f"Add `return <result>` at the end of `{func.name}`."
        found.append(Finding(cause, fix, fixed_code=fixed, confidence=0.85,
                             line=prints[0].lineno if prints else func.lineno,
                             title="Function returns None", topic="functions"))
    return found


def off_by_one_range(code, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"):
            continue
        args = node.args
        if len(args) == 2 and isinstance(args[0], ast.Constant) and args[0].value == 1 \
                and isinstance(args[1], ast.Name):
            stop = args[1].id
            found.append(Finding(f"`range(1, {stop})` on line {node.lineno} stops at {stop} - 1: the end of a "
                                 f"range is excluded, so {stop} itself is never used.",
                                 f"If {stop} should be included, use `range(1, {stop} + 1)`.",
                                 fixed_code=replace_node(code, args[1], f"{stop} + 1"), confidence=0.6,
                                 line=node.lineno, title="Off-by-one range", topic="loops"))
        if len(args) == 1 and isinstance(args[0], ast.BinOp) and isinstance(args[0].op, ast.Sub) \
                and isinstance(args[0].right, ast.Constant) and args[0].right.value == 1 \
                and "len(" in segment(code, args[0].left):
            found.append(Finding(f"`range({segment(code, args[0])})` on line {node.lineno} skips the last item: "
                                 f"range already stops before its end.",
                                 f"Use `range({segment(code, args[0].left)})` to visit every index.",
                                 fixed_code=replace_node(code, args[0], segment(code, args[0].left)), confidence=0.55,
                                 line=node.lineno, title="Off-by-one range", topic="loops"))
    return found


def mutating_while_iterating(code, tree) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name)):
            continue
        name = loop.iter.id
        for node in ast.walk(loop):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == name \
                    and node.func.attr in ("remove", "append", "pop", "insert", "clear", "extend"):
                grows = node.func.attr in ("append", "insert", "extend")
                found.append(Finding(f"The loop on line {loop.lineno} changes `{name}` (`.{node.func.attr}()` on "
                                     f"line {node.lineno}) while iterating over it, so items get "
                                     f"{'added to the part still to visit (it may never end)' if grows else 'skipped'}.",
                                     f"Loop over a copy: `for ... in {name}[:]:`, or build a new list.",
                                     fixed_code=replace_node(code, loop.iter, f"{name}[:]"), confidence=0.8,
                                     line=loop.lineno, title="List changed while looping", topic="lists"))
                break
    return found


def is_with_literal(code, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators):
                literal = right if isinstance(right, ast.Constant) else node.left \
                    if isinstance(node.left, ast.Constant) else None
                if isinstance(op, (ast.Is, ast.IsNot)) and literal is not None \
                        and literal.value not in (None, True, False, Ellipsis):
                    fixed = replace_node(code, node, segment(code, node).replace(" is not ", " != ")
                                         .replace(" is ", " == "))
                    found.append(Finding(f"Line {node.lineno} compares with `is`, which checks whether two values are "
                                         "the SAME object, not whether they are equal; it can be False for equal "
                                         "numbers or strings.", "Use `==` (or `!=`) to compare values.",
                                         fixed_code=fixed, confidence=0.85, line=node.lineno,
                                         title="`is` used instead of `==`", topic="conditionals"))
    return found


def input_compared_with_number(code, tree) -> list[Finding]:
    found = []
    inputs = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) \
                and node.value.func.id == "input":
            for target in node.targets:
                if isinstance(target, ast.Name):
                    inputs[target.id] = node.value
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            sides = [node.left, *node.comparators]
            names = [s.id for s in sides if isinstance(s, ast.Name) and s.id in inputs]
            numbers = [s for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, (int, float))
                       and not isinstance(s.value, bool)]
            if names and numbers:
                call = inputs[names[0]]
                found.append(Finding(f"`{names[0]}` comes from input(), which returns text, so "
                                     f"`{segment(code, node)}` on line {node.lineno} compares a string with a "
                                     "number and is never equal.",
                                     f"Convert the input: `{names[0]} = int({segment(code, call)})`.",
                                     fixed_code=replace_node(code, call, f"int({segment(code, call)})"),
                                     confidence=0.88, line=node.lineno, title="Text compared with a number",
                                     topic="input-output"))
    return found


def accumulator_problems(code, tree) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        if not isinstance(loop, (ast.For, ast.While)):
            continue
        for stmt in ast.walk(loop):
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.BinOp) and isinstance(stmt.value.left, ast.Name):
                name = stmt.value.left.id
                op = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*="}.get(type(stmt.value.op))
                if op:
                    fixed = replace_node(code, stmt, f"{name} {op} {segment(code, stmt.value.right)}")
                    found.append(Finding(f"Line {stmt.lineno} computes `{segment(code, stmt.value)}` but throws the "
                                         f"result away; `{name}` never changes.",
                                         f"Store it: `{name} {op} {segment(code, stmt.value.right)}`.",
                                         fixed_code=fixed, confidence=0.9, line=stmt.lineno,
                                         title="Accumulator never updated", topic="loops"))
        for stmt in loop.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) \
                    and isinstance(stmt.value.value, (int, float, str)) and len(stmt.targets) == 1 \
                    and isinstance(stmt.targets[0], ast.Name):
                name = stmt.targets[0].id
                updated = any(isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name
                              for n in ast.walk(loop))
                if updated:
                    found.append(Finding(f"`{name} = {segment(code, stmt.value)}` on line {stmt.lineno} is inside the "
                                         f"loop, so `{name}` is reset on every round and only the last round counts.",
                                         f"Move `{name} = {segment(code, stmt.value)}` above the loop (line "
                                         f"{loop.lineno}).", confidence=0.85, line=stmt.lineno,
                                         title="Accumulator reset inside the loop", topic="loops"))
    return found


def early_return_in_loop(code, tree) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.For) or not loop.body:
            continue
        last = loop.body[-1]
        if isinstance(last, ast.If) and last.orelse and any(isinstance(s, ast.Return) for s in last.body) \
                and any(isinstance(s, ast.Return) for s in last.orelse):
            early = next(s for s in last.orelse if isinstance(s, ast.Return))
            found.append(Finding(f"The `if/else` on line {last.lineno} returns in BOTH branches, so the loop on "
                                 f"line {loop.lineno} stops after its first item: `{segment(code, early)}` on line "
                                 f"{early.lineno} runs as soon as one item does not match.",
                                 "Return the 'not found' answer AFTER the loop (dedent the else-return), so every "
                                 "item is checked first.", confidence=0.85, line=early.lineno,
                                 title="Loop returns on its first item", topic="loops"))
        elif isinstance(last, ast.Return) and len(loop.body) >= 1:
            found.append(Finding(f"`return` on line {last.lineno} is directly inside the loop, so the function ends "
                                 "during the first round.",
                                 "Dedent the `return` so it runs after the loop has finished.", confidence=0.75,
                                 line=last.lineno, title="return inside the loop", topic="functions"))
    return found


def integer_division(code, tree, question: str) -> list[Finding]:
    """`//` where decimals were wanted: the question says so, or the quotient is scaled (`a // b * 100` is 0 for
    any a < b, a percentage that is always 0)."""
    scaled = {id(n.left) for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult)
              and isinstance(n.left, ast.BinOp) and isinstance(n.left.op, ast.FloorDiv)}
    asked = re.search(r"decimal|float|average|mean|fraction|\.5|round|percent|%|ratio", question, re.I)
    return [Finding(f"Line {n.lineno} uses `//`, which throws away the fractional part (7 // 2 == 3"
                    + (", and 7 // 10 == 0, so the percentage is 0)." if id(n) in scaled else ")."),
                    "Use `/` for true division when you want decimals.",
                    fixed_code=replace_node(code, n, segment(code, n).replace("//", "/", 1)),
                    confidence=0.85 if id(n) in scaled else 0.7, line=n.lineno, title="Integer division",
                    topic="numbers")
            for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.FloorDiv)
            and (asked or id(n) in scaled)]


def shadowed_loop_variable(code, tree) -> list[Finding]:
    found = []
    for outer in ast.walk(tree):
        if isinstance(outer, ast.For) and isinstance(outer.target, ast.Name):
            for inner in ast.walk(outer):
                if inner is not outer and isinstance(inner, ast.For) and isinstance(inner.target, ast.Name) \
                        and inner.target.id == outer.target.id:
                    found.append(Finding(f"The inner loop on line {inner.lineno} reuses the loop variable "
                                         f"`{outer.target.id}` of the outer loop (line {outer.lineno}), overwriting it.",
                                         "Give the inner loop its own variable name (e.g. `j`).", confidence=0.8,
                                         line=inner.lineno, title="Loop variable reused", topic="loops"))
    return found


_QUESTION_TOPICS = [
    (r"\bnone\b|return", ("Function returns None",)),
    (r"never (ends|stops|finishes)|infinite|forever|hang", ("List changed while looping",)),
    (r"total|sum|count|accumul", ("Accumulator never updated", "Accumulator reset inside the loop",
                                  "Off-by-one range")),
    (r"first|only (one|the first)", ("Loop returns on its first item", "return inside the loop")),
    (r"skip|miss|last|one (less|short)|off.by", ("Off-by-one range", "List changed while looping")),
    (r"equal|compare|never true|always false|input", ("Text compared with a number", "`is` used instead of `==`")),
]


def wrong_output(code: str, tree, question: str) -> list[Finding]:
    """All logic findings for code that ran without an exception, most relevant to the question first."""
    findings: list[Finding] = []
    for check in (prints_instead_of_returning, accumulator_problems, input_compared_with_number, is_with_literal,
                  mutating_while_iterating, early_return_in_loop, discarded_results, shadowed_loop_variable,
                  off_by_one_range):
        findings += check(code, tree)
    findings += integer_division(code, tree, question)
    wanted = [titles for pattern, titles in _QUESTION_TOPICS if re.search(pattern, question or "", re.I)]
    wanted_titles = {t for titles in wanted for t in titles}
    findings.sort(key=lambda f: (f.title not in wanted_titles, -f.confidence))
    return findings


def _loop_stops(loop: ast.While) -> bool:
    """Does the body contain a break/return (not inside a nested loop) that can end the loop?"""
    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Break, ast.Return)) or (isinstance(child, ast.Raise)):
                return True
            if isinstance(child, (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if walk(child):
                return True
        return False
    return walk(loop)


def infinite_loops(code: str, tree) -> list[Finding]:
    """`while` loops whose condition can never become false: no variable in the condition changes in the body."""
    found = []
    calls_in_test = lambda loop: any(isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name)  # noqa: E731
                                                                      and n.func.id in ("len", "abs", "int"))
                                     for n in ast.walk(loop.test))
    for loop in ast.walk(tree):
        if not isinstance(loop, ast.While):
            continue
        condition_names = names_in(loop.test) - {"True", "False"}
        changed = stored_names(loop.body)
        stops = _loop_stops(loop)
        test = segment(code, loop.test)
        if isinstance(loop.test, ast.Constant) and loop.test.value and not stops:
            found.append(Finding(f"`while {test}:` on line {loop.lineno} never ends: its condition is always true "
                                 "and the body has no `break` or `return`.",
                                 "Add a `break` when the work is done, or write a condition that becomes False.",
                                 confidence=0.9, line=loop.lineno, title="Infinite loop", topic="loops"))
            continue
        if condition_names and not (condition_names & changed) and not stops and not calls_in_test(loop):
            names = ", ".join(f"`{n}`" for n in sorted(condition_names))
            fixed = _add_step(code, loop)
            found.append(Finding(f"The loop `while {test}:` on line {loop.lineno} never ends: {names} "
                                 f"{'is' if len(condition_names) == 1 else 'are'} never changed inside the loop body, "
                                 "so the condition stays true forever.",
                                 "Update the condition variable inside the loop" +
                                 (" (the fixed version steps it by 1 at the end of the body)." if fixed else
                                  ", or add a `break`."),
                                 fixed_code=fixed, confidence=0.9, line=loop.lineno, title="Infinite loop",
                                 topic="loops"))
        elif condition_names & changed and not stops:
            only_in_branch = [n for n in condition_names & changed
                              if not any(n in stored_names([s]) for s in loop.body
                                         if not isinstance(s, (ast.If, ast.For, ast.While, ast.Try)))]
            if only_in_branch and len(only_in_branch) == len(condition_names & changed):
                found.append(Finding(f"In `while {test}:` (line {loop.lineno}), "
                                     f"{', '.join(f'`{n}`' for n in only_in_branch)} only changes inside an `if` or "
                                     "nested block; on rounds where that branch does not run, nothing changes and the "
                                     "loop can spin forever.", "Make sure every round moves the loop toward its end "
                                     "(e.g. increment the counter outside the if).", confidence=0.65,
                                     line=loop.lineno, title="Loop may never end", topic="loops"))
    return found


def _add_step(code: str, loop: ast.While) -> str | None:
    """For `while i < n` with i never changed, append `i += 1` (or `-= 1` for `>`) to the loop body."""
    test = loop.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)):
        return None
    op = test.ops[0]
    step = "+= 1" if isinstance(op, (ast.Lt, ast.LtE)) else "-= 1" if isinstance(op, (ast.Gt, ast.GtE)) else None
    if step is None:
        return None
    last = loop.body[-1]
    indent = " " * last.col_offset
    rows = code.split("\n")
    rows.insert(last.end_lineno, f"{indent}{test.left.id} {step}")
    return "\n".join(rows)


def runaway_growth(code: str, tree, status: str) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        if not isinstance(loop, (ast.While, ast.For)):
            continue
        prints = [n for n in ast.walk(loop) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                  and n.func.id == "print"]
        grows = [n for n in ast.walk(loop) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr in ("append", "extend", "insert")]
        grows += [n for n in ast.walk(loop) if isinstance(n, ast.AugAssign) and isinstance(n.op, (ast.Add, ast.Mult))
                  and not isinstance(n.value, ast.Constant)]
        if status == "output_limit" and prints:
            found.append(Finding(f"The loop on line {loop.lineno} prints on every round (line {prints[0].lineno}) "
                                 "and runs far too many times - probably forever - so the output grew past the limit.",
                                 "Make sure the loop ends; print less (e.g. only the result after the loop).",
                                 confidence=0.75, line=prints[0].lineno, title="Too much output", topic="loops"))
        if status == "memory_limit" and grows:
            found.append(Finding(f"The loop on line {loop.lineno} keeps making data bigger (line {grows[0].lineno}) "
                                 "without stopping, until memory runs out.",
                                 "Bound the loop, and avoid growing the same list you are iterating over.",
                                 confidence=0.75, line=grows[0].lineno, title="Unbounded growth", topic="lists"))
    if status == "memory_limit":
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Pow)) \
                    and any(isinstance(s, ast.Constant) and isinstance(s.value, int) and s.value >= 10 ** 7
                            or isinstance(s, ast.BinOp) and isinstance(s.op, ast.Pow) for s in (node.left, node.right)):
                found.append(Finding(f"Line {node.lineno} builds a huge object (`{segment(code, node)}`), larger than "
                                     "the memory available.", "Use a smaller size, or generate items lazily with a "
                                     "generator/range instead of materialising them.", confidence=0.7,
                                     line=node.lineno, title="Huge allocation", topic="generators"))
    return found


def quote_line(code: str, line: int | None) -> str:
    return line_text(code, line).strip()
