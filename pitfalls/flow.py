"""Silent bugs about where values FLOW: statements that look like they store something but do not, and
functions that ignore what they are given or give nothing back on some path.

The families: `total =+ n` (assigns +n instead of adding), `x == 5` written as a statement (compares, stores
nothing), `a = b` then `b = a` (a swap that loses a value), `xs = xs.append(4)` (an in-place method's None
stored), a parameter never used while the body reads a global instead, and a function whose if/elif returns
a value on some paths and falls off the end (None) on the others.
"""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import Finding, replace_node, segment

_IN_PLACE = ("append", "extend", "insert", "remove", "sort", "reverse", "clear", "update", "add")


def plus_equals_swapped(code: str, tree) -> list[Finding]:
    """`total =+ n` parses as `total = +n`: the old total is thrown away every time."""
    found = []
    rows = code.split("\n")
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.UnaryOp) and isinstance(node.value.op, (ast.UAdd, ast.USub)):
            row = rows[node.lineno - 1] if node.lineno <= len(rows) else ""
            sign = "+" if isinstance(node.value.op, ast.UAdd) else "-"
            if f"={sign}" not in row.replace(" ", ""):
                continue
            name, operand = node.targets[0].id, segment(code, node.value.operand)
            fixed_text = f"{name} {sign}= {operand}"
            found.append(Finding(
                f"`{segment(code, node)}` on line {node.lineno} is `{name} = {sign}{operand}`: Python reads `={sign}` as "
                f"`=` followed by a {'plus' if sign == '+' else 'minus'} sign, so `{name}` is replaced by the new "
                "value instead of being added to.",
                f"Write the operator the other way round: `{fixed_text}`.",
                fixed_code=replace_node(code, node, fixed_text), confidence=0.92, line=node.lineno,
                title="`=+` instead of `+=`", topic="variables"))
    return found


def comparison_as_statement(code: str, tree) -> list[Finding]:
    """`x == 5` on its own line compares and throws the answer away; `=` was meant."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Compare) and len(node.value.ops) == 1 \
                and isinstance(node.value.ops[0], ast.Eq) \
                and isinstance(node.value.left, (ast.Name, ast.Subscript, ast.Attribute)):
            target, value = segment(code, node.value.left), segment(code, node.value.comparators[0])
            found.append(Finding(
                f"`{segment(code, node.value)}` on line {node.lineno} COMPARES `{target}` with {value} and throws the "
                f"answer away, so `{target}` never changes.",
                f"Assign with a single `=`: `{target} = {value}`.",
                fixed_code=replace_node(code, node, f"{target} = {value}"), confidence=0.9, line=node.lineno,
                title="`==` used to assign", topic="variables"))
    return found


def lost_swap(code: str, tree) -> list[Finding]:
    """`a = b` directly followed by `b = a`: both end up holding b's old value."""
    found = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for first, second in zip(body, body[1:]):
            if all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
                   and isinstance(s.value, ast.Name) for s in (first, second)) \
                    and first.targets[0].id == second.value.id and first.value.id == second.targets[0].id:
                a, b = first.targets[0].id, first.value.id
                rows = code.split("\n")
                indent = rows[first.lineno - 1][:len(rows[first.lineno - 1]) - len(rows[first.lineno - 1].lstrip())]
                rows[first.lineno - 1] = f"{indent}{a}, {b} = {b}, {a}"
                del rows[second.lineno - 1]
                found.append(Finding(
                    f"Line {first.lineno} sets `{a} = {b}`, so the old value of `{a}` is gone before line "
                    f"{second.lineno} copies it back: both names end up holding {b}'s value.",
                    f"Swap in one step: `{a}, {b} = {b}, {a}`.", fixed_code="\n".join(rows), confidence=0.9,
                    line=first.lineno, title="Swap loses a value", topic="variables"))
    return found


def stored_none(code: str, tree) -> list[Finding]:
    """`xs = xs.append(4)`: in-place methods return None, and that None replaces the list."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute) \
                and node.value.func.attr in _IN_PLACE and isinstance(node.value.func.value, ast.Name):
            name, receiver = node.targets[0].id, node.value.func.value.id
            call = segment(code, node.value)
            if node.value.func.attr == "sort":
                fixed_text = f"{name} = sorted({receiver})"
            elif name == receiver:
                fixed_text = call
            else:
                continue
            found.append(Finding(
                f"`.{node.value.func.attr}()` changes `{receiver}` in place and returns None, so line {node.lineno} "
                f"stores None in `{name}`.",
                f"Call it on its own line: `{call}`" + (f", or use `{fixed_text}`." if fixed_text != call else "."),
                fixed_code=replace_node(code, node, fixed_text), confidence=0.9, line=node.lineno,
                title="In-place method result stored", topic="lists"))
    return found


def parameter_ignored(code: str, tree) -> list[Finding]:
    """`def area(r): return 3.14 * radius ** 2`: the argument is ignored and a global is used instead."""
    found = []
    module_names = {t.id for s in tree.body if isinstance(s, (ast.Assign, ast.For))
                    for t in ast.walk(s.targets[0] if isinstance(s, ast.Assign) else s.target)
                    if isinstance(t, ast.Name)}
    for func in (n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        params = [a.arg for a in func.args.args if a.arg not in ("self", "cls")]
        loads = {n.id for s in func.body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        stores = {n.id for s in func.body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        unused = [p for p in params if p not in loads and p not in stores]
        globals_read = sorted(n for n in loads - stores - set(params) if n in module_names)
        called_with_it = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == func.name
                             and len(n.args) > params.index(unused[0]) for n in ast.walk(tree)) if len(unused) == 1 \
            else False
        if len(unused) != 1 or len(globals_read) != 1 or not called_with_it \
                or globals_read[0].startswith("_") or globals_read[0].isupper():   # constants are read on purpose
            continue
        param, glob = unused[0], globals_read[0]
        uses = [n for s in func.body for n in ast.walk(s) if isinstance(n, ast.Name) and n.id == glob]
        fixed = code
        for use in sorted(uses, key=lambda n: (n.lineno, n.col_offset), reverse=True):
            fixed = replace_node(fixed, use, param)
        found.append(Finding(
            f"`{func.name}` receives `{param}` but never uses it: line {uses[0].lineno} reads the global `{glob}` "
            f"instead, so every call gives the answer for `{glob}`, whatever you pass in.",
            f"Use the parameter: replace `{glob}` with `{param}` inside `{func.name}`.", fixed_code=fixed,
            confidence=0.85, line=uses[0].lineno, title="Parameter ignored", topic="functions"))
    return found


def missing_return_path(code: str, tree) -> list[Finding]:
    """An if/elif chain that returns in every branch it has, but has no else and nothing after it: the
    remaining cases fall off the end and return None."""
    found = []
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        last = func.body[-1] if func.body else None
        if not isinstance(last, ast.If):
            continue
        chain, node = [], last
        while isinstance(node, ast.If):
            chain.append(node)
            node = node.orelse[0] if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) else \
                ("else" if node.orelse else None)
        if node == "else" or not all(isinstance(n.body[-1], ast.Return) and n.body[-1].value is not None
                                     for n in chain):
            continue
        end = chain[-1]
        value = segment(code, end.body[-1].value)
        found.append(Finding(
            f"`{func.name}` returns a value only when one of the conditions from line {last.lineno} holds; for any "
            f"other input it reaches the end of the function and returns None.",
            f"Add an `else:` (or a final `return ...` after the chain, line {end.end_lineno + 1}) that returns the "
            f"answer for the remaining cases, e.g. like `return {value}` does for its case.", confidence=0.75, line=end.lineno, title="Some paths return None",
            topic="functions"))
    return found


_MEAN = ("avg", "average", "mean")


def _means(name: str) -> bool:
    return any(word in name.lower() for word in _MEAN)


def average_precedence(code: str, tree) -> list[Finding]:
    """`avg = a + b + c / 3`: division binds tighter than +, so only the last value is divided."""
    found = []
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for node in ast.walk(tree):
        value, context = None, ""
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value, context = node.value, node.targets[0].id
        elif isinstance(node, ast.Return) and node.value is not None:
            owner = next((f for f in funcs if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)), None)
            value, context = node.value, owner.name if owner else ""
        if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) and _means(context)
                and isinstance(value.right, ast.BinOp) and isinstance(value.right.op, (ast.Div, ast.FloorDiv))):
            continue
        division = value.right
        total = f"{segment(code, value.left)} + {segment(code, division.left)}"
        op = "/" if isinstance(division.op, ast.Div) else "//"
        fixed_text = f"({total}) {op} {segment(code, division.right)}"
        found.append(Finding(
            f"`{segment(code, value)}` on line {node.lineno} divides only `{segment(code, division.left)}`: `{op}` "
            "is done before `+` (like in maths), so the other values are added undivided.",
            f"Put the sum in brackets: `{fixed_text}`.", fixed_code=replace_node(code, value, fixed_text),
            confidence=0.88, line=node.lineno, title="Division before addition", topic="numbers"))
    return found


_ACCUMULATOR = re.compile(r"total|sum|count|amount|acc|score|points|balance|tally|result", re.I)


def _reads(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) for n in ast.walk(node))


def total_overwritten(code: str, tree) -> list[Finding]:
    """`total = 0` ... in the loop `total = int(line)` ... `print(total)`: each round replaces the total."""
    found = []
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    for loop in (n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))):
        for node in (n for s in loop.body for n in ast.walk(s)):
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and not isinstance(node.value, ast.Constant)):
                continue
            name = node.targets[0].id
            if not _ACCUMULATOR.search(name):
                continue   # `last = x` keeps the latest value on purpose
            starts = [s for s in ast.walk(tree) if isinstance(s, ast.Assign) and s.lineno < loop.lineno
                      and any(isinstance(t, ast.Name) and t.id == name for t in s.targets)
                      and isinstance(s.value, ast.Constant) and s.value.value == 0
                      and not isinstance(s.value.value, bool)]
            parent, guarded = parents.get(id(node)), False
            while parent is not None and parent is not loop:
                guarded = guarded or (isinstance(parent, ast.If) and _reads(parent.test, name))
                parent = parents.get(id(parent))
            used_after = any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
                             and n.lineno > (loop.end_lineno or loop.lineno) for n in ast.walk(tree))
            if not starts or guarded or _reads(node.value, name) or not used_after \
                    or not _reads(node.value, "") and not isinstance(node.value, (ast.Call, ast.BinOp, ast.Name,
                                                                                  ast.Subscript)):
                continue
            fixed_text = f"{name} += {segment(code, node.value)}"
            found.append(Finding(
                f"`{segment(code, node)}` on line {node.lineno} REPLACES `{name}` on every round of the loop, so "
                f"after the loop it holds only the last value, not the total it started counting from 0.",
                f"Add to it instead: `{fixed_text}`.", fixed_code=replace_node(code, node, fixed_text),
                confidence=0.8, line=node.lineno, title="Total replaced instead of added to", topic="loops"))
            break
    return found


ALL = (average_precedence, total_overwritten, plus_equals_swapped, comparison_as_statement, lost_swap, stored_none, parameter_ignored, missing_return_path)
