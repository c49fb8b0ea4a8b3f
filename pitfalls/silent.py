"""Silent bugs: programs that run cleanly but do the wrong thing, found statically and fixed in place.

Each detector names the line, says what Python really does there, and returns the student's program with
that line fixed (checked to compile by the explainer). The families: late-binding closures in loops,
mutable default arguments, list aliasing (`b = a` then changing b), `[[0] * n] * m`, a function defined but
never called, a recursive call whose result is dropped, a method used without calling it (`s.isdigit`),
`x == "a" or "e"`, and chained comparisons with True (`age >= 18 == True`).
"""
from __future__ import annotations

import ast

from pitfalls.ast_tools import Finding, functions, replace_node, segment

_MUTATORS = ("append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "add", "discard",
             "setdefault", "popitem")
_PREDICATES = ("isdigit", "isalpha", "isalnum", "isnumeric", "isdecimal", "isspace", "isupper", "islower",
               "istitle", "startswith", "endswith", "is_integer", "lower", "upper", "strip", "is_file", "exists")
# (keys/values/items are left out: in a condition they are far more often data attributes of an object)


def late_binding(code: str, tree) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)):
            continue
        var = loop.target.id
        for node in (n for s in loop.body for n in ast.walk(s)):
            if not isinstance(node, (ast.Lambda, ast.FunctionDef)):
                continue
            params = {a.arg for a in node.args.args + node.args.kwonlyargs}
            body = node.body if isinstance(node.body, list) else [node.body]
            uses = any(isinstance(n, ast.Name) and n.id == var and isinstance(n.ctx, ast.Load)
                       for b in body for n in ast.walk(b))
            if not uses or var in params:
                continue
            if isinstance(node, ast.Lambda):
                args = segment(code, node.args)
                fixed = replace_node(code, node, f"lambda {args + ', ' if args else ''}{var}={var}: "
                                                 f"{segment(code, node.body)}")
            else:
                rows = code.split("\n")
                header = rows[node.lineno - 1]
                rows[node.lineno - 1] = header.replace("):", f"{', ' if node.args.args else ''}{var}={var}):", 1)
                fixed = "\n".join(rows)
            found.append(Finding(
                f"The function made on line {node.lineno} uses the loop variable `{var}`, but Python looks `{var}` "
                f"up when the function is CALLED, not when it is made. By then the loop has finished, so every "
                f"function sees the last value of `{var}` - which is why all of them print the same thing.",
                f"Bind the current value as a default argument: `{var}={var}` in the parameters.",
                fixed_code=fixed, confidence=0.9, line=node.lineno, title="Late-binding closure in a loop",
                topic="functions"))
    return found


def mutable_default(code: str, tree) -> list[Finding]:
    found = []
    for func in functions(tree).values():
        positional = func.args.args
        for arg, default in zip(positional[len(positional) - len(func.args.defaults):], func.args.defaults):
            if not isinstance(default, (ast.List, ast.Dict, ast.Set)):
                continue
            mutated = any((isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
                           and isinstance(n.func.value, ast.Name) and n.func.value.id == arg.arg)
                          or (isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store)
                              and isinstance(n.value, ast.Name) and n.value.id == arg.arg)
                          for n in ast.walk(func)) or _kept_and_mutated(tree, func, arg.arg)
            if not mutated:
                continue
            fixed = replace_node(code, default, "None")
            rows = fixed.split("\n")
            indent = " " * (func.body[0].col_offset)
            first = func.body[0].lineno - 1
            if ast.get_docstring(func):
                first = func.body[0].end_lineno
            rows[first:first] = [f"{indent}if {arg.arg} is None:", f"{indent}    {arg.arg} = {segment(code, default)}"]
            found.append(Finding(
                f"`{arg.arg}={segment(code, default)}` on line {func.lineno} is created ONCE, when the function is "
                f"defined, and every call that leaves out `{arg.arg}` shares that same object - so items from "
                "earlier calls are still there in later ones.",
                f"Default to None and create a fresh object inside: `if {arg.arg} is None: {arg.arg} = "
                f"{segment(code, default)}`.", fixed_code="\n".join(rows), confidence=0.9, line=func.lineno,
                title="Mutable default argument", topic="functions"))
    return found


def _changes(tree, name: str, after: int) -> list:
    """Nodes after line `after` that change the list `name` in place (a mutating method or item assignment)."""
    return [n for n in ast.walk(tree) if getattr(n, "lineno", 0) > after and (
        (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
         and isinstance(n.func.value, ast.Name) and n.func.value.id == name)
        or (isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name)
            and n.value.id == name))]


def _kept_and_mutated(tree, func, name: str) -> bool:
    """`self.items = items` in a method, and `self.items.append(...)` anywhere: the default is shared by objects."""
    kept = {t.attr for n in ast.walk(func) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Name)
            and n.value.id == name for t in n.targets if isinstance(t, ast.Attribute)}
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
               and isinstance(n.func.value, ast.Attribute) and n.func.value.attr in kept for n in ast.walk(tree))


def aliasing(code: str, tree) -> list[Finding]:
    found = []
    lists = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, (ast.List, ast.ListComp,
                                                                                               ast.Dict, ast.Set))
             for t in n.targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Name) and node.value.id in lists):
            continue
        alias, original = node.targets[0].id, node.value.id
        changed, which = _changes(tree, alias, node.lineno), alias
        if not changed:   # `backup = scores` then `scores.append(...)`: the backup changes too, if it is read
            changed, which = _changes(tree, original, node.lineno), original
            if not (changed and any(isinstance(n, ast.Name) and n.id == alias and isinstance(n.ctx, ast.Load)
                                    and n.lineno > changed[0].lineno for n in ast.walk(tree))):
                continue
        other = original if which == alias else alias
        found.append(Finding(
            f"`{alias} = {original}` on line {node.lineno} does not copy anything: both names now point to the "
            f"SAME list, so changing `{which}` (line {changed[0].lineno}) changes `{other}` too.",
            f"Make a real copy: `{alias} = {original}.copy()` (or `list({original})`).",
            fixed_code=replace_node(code, node.value, f"{original}.copy()"), confidence=0.85, line=node.lineno,
            title="Two names for one list", topic="lists"))
    return found


def repeated_rows(code: str, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and isinstance(node.left, ast.List) \
                and len(node.left.elts) == 1 and isinstance(node.left.elts[0], (ast.List, ast.BinOp)):
            row, times = segment(code, node.left.elts[0]), segment(code, node.right)
            found.append(Finding(
                f"`{segment(code, node)}` on line {node.lineno} makes {times} references to ONE inner list, not "
                f"{times} lists: changing one row changes every row.",
                f"Build a new row each time: `[{row} for _ in range({times})]`.",
                fixed_code=replace_node(code, node, f"[{row} for _ in range({times})]"), confidence=0.9,
                line=node.lineno, title="Every row is the same list", topic="lists"))
    return found


def never_called(code: str, tree) -> list[Finding]:
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    bare = {s.value.id: s for s in ast.walk(tree) if isinstance(s, ast.Expr) and isinstance(s.value, ast.Name)}
    bare_ids = {id(s.value) for s in bare.values()}
    referenced = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                  and id(n) not in bare_ids}
    top = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
    found = []
    for func in top:
        if func.name in called or func.name in referenced or func.name.startswith("_"):
            continue
        call = f"{func.name}()" if not func.args.args else None
        named = bare.get(func.name)
        if named is not None:   # `show_menu` on its own line: the name is looked up, nothing is run
            found.append(Finding(
                f"Line {named.lineno} names `{func.name}` without brackets, which only looks the function up - it "
                "does not run it, so none of its code runs.",
                f"Call it with brackets: `{call or func.name + '(...)'}`.",
                fixed_code=replace_node(code, named, call) if call else None, confidence=0.88, line=named.lineno,
                title="Function never called", topic="functions"))
            continue
        found.append(Finding(
            f"`{func.name}` is defined on line {func.lineno} but never called, so none of its code runs - "
            "defining a function only stores it.",
            f"Call it after the definition: `{call or func.name + '(...)'}`" + ("" if call else
                                                                                " with the values it needs."),
            fixed_code=code.rstrip("\n") + f"\n\n{call}\n" if call else None, confidence=0.8, line=func.lineno,
            title="Function never called", topic="functions"))
    return found


def recursion_result_dropped(code: str, tree) -> list[Finding]:
    found = []
    for func in functions(tree).values():
        returns = [n for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
        for stmt in ast.walk(func):
            if returns and isinstance(stmt, ast.Expr) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == func.name
                    for n in ast.walk(stmt.value)):   # a function that returns nothing recurses for its effects
                base = f" The base case (line {returns[0].lineno}) is fine." if returns else ""
                found.append(Finding(
                    f"Line {stmt.lineno} calls `{func.name}` recursively but throws the result away: the value "
                    f"computed by the inner call never reaches the caller, so `{func.name}` returns None on this "
                    f"path.{base}",
                    f"Return it: `return {segment(code, stmt.value)}`.",
                    fixed_code=replace_node(code, stmt, f"return {segment(code, stmt.value)}"), confidence=0.9,
                    line=stmt.lineno, title="Recursive result not returned", topic="recursion"))
    return found


def method_not_called(code: str, tree) -> list[Finding]:
    found = []
    tests = [n.test for n in ast.walk(tree) if isinstance(n, (ast.If, ast.While, ast.IfExp))]
    for test in tests:
        for node in _truth_values(test):
            if isinstance(node, ast.Attribute) and node.attr in _PREDICATES and isinstance(node.ctx, ast.Load):
                found.append(Finding(
                    f"`{segment(code, node)}` on line {node.lineno} is missing its brackets: it is the method "
                    "itself, which always counts as True, so the condition never depends on the value.",
                    f"Call it: `{segment(code, node)}()`.",
                    fixed_code=replace_node(code, node, f"{segment(code, node)}()"), confidence=0.9,
                    line=node.lineno, title="Method used without calling it", topic="conditionals"))
    return found


def _truth_values(test: ast.AST):
    """The parts of a condition whose truth decides it: the test itself, `not x`, the operands of and/or, and the
    sides of `x == True` (an attribute inside `len(node.values)` is a value, not a condition)."""
    yield test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from _truth_values(test.operand)
    elif isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from _truth_values(value)
    elif isinstance(test, ast.Compare) and any(isinstance(c, ast.Constant) and isinstance(c.value, bool)
                                               for c in test.comparators):
        yield test.left


def or_constant(code: str, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and isinstance(node.values[0], ast.Compare) \
                and isinstance(node.values[0].ops[0], ast.Eq) and len(node.values[0].ops) == 1 \
                and any(isinstance(v, ast.Constant) and v.value for v in node.values[1:]):
            subject = segment(code, node.values[0].left)
            options = [segment(code, node.values[0].comparators[0])] + [
                segment(code, v.comparators[0] if isinstance(v, ast.Compare) else v) for v in node.values[1:]]
            fixed_text = f"{subject} in ({', '.join(options)})"
            found.append(Finding(
                f"`{segment(code, node)}` on line {node.lineno} is always true: Python reads it as "
                f"`({segment(code, node.values[0])}) or {options[1]}`, and a non-empty value on its own counts as "
                "True.", f"Test membership: `{fixed_text}`.", fixed_code=replace_node(code, node, fixed_text),
                confidence=0.9, line=node.lineno, title="`or` with a bare value is always true",
                topic="conditionals"))
    return found


def chained_true(code: str, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 2 and isinstance(node.comparators[1], ast.Constant) \
                and isinstance(node.comparators[1].value, bool):
            first = ast.Compare(left=node.left, ops=node.ops[:1], comparators=node.comparators[:1])
            first.lineno, first.col_offset = node.left.lineno, node.left.col_offset
            first.end_lineno, first.end_col_offset = node.comparators[0].end_lineno, node.comparators[0].end_col_offset
            cond = segment(code, first)
            middle, flag = segment(code, node.comparators[0]), node.comparators[1].value
            found.append(Finding(
                f"`{segment(code, node)}` on line {node.lineno} is a chained comparison: Python reads it as "
                f"`{cond} and {middle} == {flag}`, and `{middle} == {flag}` is False, so the whole condition is "
                "always False.",
                f"Drop the `== {flag}`: `{cond}` is already True or False.",
                fixed_code=replace_node(code, node, cond), confidence=0.9, line=node.lineno,
                title="Chained comparison with True", topic="conditionals"))
    return found


def range_from_one(code: str, tree) -> list[Finding]:
    """`for i in range(1, len(xs))` indexing xs skips xs[0] (lists start at index 0)."""
    found = []
    for loop in ast.walk(tree):
        it = getattr(loop, "iter", None)
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and isinstance(it, ast.Call)
                and isinstance(it.func, ast.Name) and it.func.id == "range" and len(it.args) == 2
                and isinstance(it.args[0], ast.Constant) and it.args[0].value == 1
                and isinstance(it.args[1], ast.Call) and isinstance(it.args[1].func, ast.Name)
                and it.args[1].func.id == "len" and it.args[1].args and isinstance(it.args[1].args[0], ast.Name)):
            continue
        seq, var = it.args[1].args[0].id, loop.target.id
        indexes = any(isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == seq
                      and isinstance(n.slice, ast.Name) and n.slice.id == var
                      for s in loop.body for n in ast.walk(s))
        if indexes:
            found.append(Finding(
                f"`range(1, len({seq}))` on line {loop.lineno} starts at 1, but the first item of a list is "
                f"`{seq}[0]`: the loop skips it.", f"Start at 0: `range(len({seq}))` (or loop over `{seq}` directly).",
                fixed_code=replace_node(code, it, f"range(len({seq}))"), confidence=0.85, line=loop.lineno,
                title="Off-by-one range", topic="loops"))
    return found


ALL = (range_from_one, recursion_result_dropped, late_binding, mutable_default, aliasing, repeated_rows, method_not_called,
       or_constant, chained_true, never_called)
