"""Learner correctness bugs that neither ruff nor the shared `pitfalls` detectors report, each as a correctness
Finding with its line, why it goes wrong and the student's line rewritten:

- an index one past the end (`xs[len(xs)]`): IndexError on every call;
- a float used as an index (`xs[len(xs) / 2]`, or a name assigned from `/`): TypeError, `//` keeps it whole;
- a comparison loop that updates the wrong variable (`if v > best: v = best`): the answer never changes;
- a function that computes a value into a local and never returns it, while callers use its result (None);
- statements after return/raise/break/continue in the same block: they never run;
- `//` where the name says a mean/average/ratio/percentage is computed: the fraction is thrown away;
- with a reported wrong output naming the end of a `range(a, N)`: the end N is excluded.
"""
from __future__ import annotations

import ast
import re

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_FRACTION = re.compile(r"avg|average|mean|ratio|percent|pct|fraction|rate", re.I)
_MEAN = re.compile(r"avg|average|mean", re.I)


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _is_len_of(node: ast.AST, seq: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
        and len(node.args) == 1 and _src(node.args[0]) == _src(seq)


def index_past_end(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_len_of(node.slice, node.value):
            seq = _src(node.value)
            out.append(Finding(
                "index-past-end", node.lineno, "error",
                f"`{_src(node)}` is one past the end: the indexes of `{seq}` run from 0 to len({seq}) - 1, so this "
                "raises IndexError every time.",
                f"{seq}[-1]   # the last item (same as {seq}[len({seq}) - 1])", "correctness"))
    return out


def _division_names(scope: ast.AST) -> dict[str, int]:
    """Names only ever assigned from a true division `/` in this scope -> line of that assignment."""
    names: dict[str, int] = {}
    other: set[str] = set()
    for node in walk(scope):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            divided = isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp) \
                and isinstance(node.value.op, ast.Div)
            for target in targets:
                if isinstance(target, ast.Name):
                    if divided:
                        names[target.id] = node.lineno
                    else:
                        other.add(target.id)
    return {name: line for name, line in names.items() if name not in other}


def float_index(tree: ast.AST) -> list[Finding]:
    out, seen = [], set()
    scopes = [tree] + [n for n in walk(tree) if isinstance(n, _FUNCS)]
    for scope in scopes:
        divided = _division_names(scope)
        for node in walk(scope):
            if not (isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice)) or node.lineno in seen:
                continue
            index = node.slice
            if isinstance(index, ast.BinOp) and isinstance(index.op, ast.Div):
                fixed = _src(ast.BinOp(index.left, ast.FloorDiv(), index.right))
                where, line = f"`{_src(index)}`", node.lineno
            elif isinstance(index, ast.Name) and index.id in divided and divided[index.id] < node.lineno:
                line = divided[index.id]
                where, fixed = f"`{index.id}` (computed with `/` on line {line})", None
            else:
                continue
            seen.add(node.lineno)
            if fixed is None:
                assign = next(n for n in walk(scope) if isinstance(n, ast.Assign) and n.lineno == line)
                fixed_line = f"{index.id} = {_src(ast.BinOp(assign.value.left, ast.FloorDiv(), assign.value.right))}"
            else:
                fixed_line = f"{_src(node.value)}[{fixed}]"
            out.append(Finding(
                "float-index", line, "error",
                f"{where} is a float: `/` always gives a float (4 / 2 == 2.0), and a list index must be a whole "
                f"number, so `{_src(node)}` raises TypeError.",
                f"{fixed_line}   # // divides and keeps a whole number", "correctness"))
    return out


def _compared(test: ast.AST) -> set[str]:
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Gt, ast.GtE, ast.Lt,
                                                                                            ast.LtE)):
        return {n.id for n in (test.left, test.comparators[0]) if isinstance(n, ast.Name)}
    return set()


def backwards_update(tree: ast.AST) -> list[Finding]:
    """`for v in xs: if v > best: v = best` - the running answer is never updated (the assignment is reversed)."""
    out = []
    for loop in (n for n in walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)):
        var = loop.target.id
        for branch in (n for s in loop.body for n in walk(s) if isinstance(n, ast.If)):
            names = _compared(branch.test)
            if var not in names or len(names) != 2:
                continue
            best = (names - {var}).pop()
            for stmt in branch.body:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                        and stmt.targets[0].id == var and isinstance(stmt.value, ast.Name) and stmt.value.id == best:
                    out.append(Finding(
                        "backwards-update", stmt.lineno, "error",
                        f"`{var} = {best}` is the wrong way round: it overwrites the loop variable `{var}`, so "
                        f"`{best}` never changes and the function returns its starting value.",
                        f"{best} = {var}   # keep the better value in {best}", "correctness"))
    return out


def _result_used(tree: ast.AST, name: str) -> bool:
    """Is a call of `name` used as a value (printed, assigned, added, returned) anywhere?"""
    for node in walk(tree):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id == name \
                    and not isinstance(node, ast.Expr):
                return True
    return False


def value_not_returned(tree: ast.AST) -> list[Finding]:
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        inner = [n for n in walk(fn) if n is not fn]
        if any(isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom)) and getattr(n, "value", None) is not None
               for n in inner) or not fn.body:
            continue
        last = fn.body[-1]
        if not (isinstance(last, ast.Assign) and len(last.targets) == 1 and isinstance(last.targets[0], ast.Name)):
            continue
        local = last.targets[0].id
        declared = {name for g in inner if isinstance(g, (ast.Global, ast.Nonlocal)) for name in g.names}
        if local in declared or not _result_used(tree, fn.name):
            continue
        out.append(Finding(
            "value-not-returned", last.lineno, "error",
            f"{fn.name}() computes `{local}` but never returns it, so every call gives None "
            f"(`print({fn.name}(...))` prints None).",
            f"return {_src(last.value)}", "correctness"))
    return out


def _bodies(node: ast.AST):
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(node, "handlers", ()):
        yield handler.body
    for case in getattr(node, "cases", ()):
        yield case.body


def unreachable_code(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        for block in _bodies(node):
            for i, stmt in enumerate(block[:-1]):
                if isinstance(stmt, (ast.Return, ast.Raise, ast.Break, ast.Continue)):
                    dead = block[i + 1]
                    word = type(stmt).__name__.lower()
                    out.append(Finding(
                        "unreachable-code", dead.lineno, "warning",
                        f"Line {dead.lineno} (`{_src(dead).splitlines()[0]}`) comes after the `{word}` on line "
                        f"{stmt.lineno}, so it never runs.",
                        f"{_src(dead).splitlines()[0]}\n{_src(stmt).splitlines()[0]}   # do it before the {word}, "
                        "or delete it", "correctness"))
                    break
    return out


def fraction_floor_division(tree: ast.AST) -> list[Finding]:
    """`//` computing a value whose name says it has a fraction (average, mean, ratio, percentage)."""
    out = []
    for fn_or_assign in walk(tree):
        if isinstance(fn_or_assign, ast.Assign) and len(fn_or_assign.targets) == 1 \
                and isinstance(fn_or_assign.targets[0], ast.Name):
            label, values = fn_or_assign.targets[0].id, [fn_or_assign.value]
        elif isinstance(fn_or_assign, _FUNCS):
            label = fn_or_assign.name
            values = [n.value for n in walk(fn_or_assign) if isinstance(n, ast.Return) and n.value is not None]
        else:
            continue
        if not _FRACTION.search(label):
            continue
        for value in values:
            scaled = isinstance(value, ast.BinOp) and isinstance(value.left, ast.BinOp) \
                and isinstance(value.left.op, ast.Mult)   # `a * 100 // b`: a whole-number percentage on purpose
            if isinstance(value, ast.BinOp) and isinstance(value.op, ast.FloorDiv) and not scaled:
                fixed = _src(ast.BinOp(value.left, ast.Div(), value.right))
                out.append(Finding(
                    "integer-division", value.lineno, "error" if _MEAN.search(label) else "warning",
                    f"`{_src(value)}` uses `//`, which throws away the fraction (5 // 2 == 2), but {label} should "
                    "keep it (2.5).", f"{fixed}   # / keeps the decimals", "correctness"))
    return out


def range_end_named(tree: ast.AST, question: str) -> list[Finding]:
    """The student reports a wrong output and names the end of a `range(a, N)` (N a number): the stop value
    itself is excluded, so the last value they expect is never produced."""
    said = {int(n) for n in re.findall(r"(?<![\d.])\d{1,6}(?![\d.])", question or "")}
    out = []
    for call in walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range" \
                and 1 <= len(call.args) <= 2 and isinstance(call.args[-1], ast.Constant) \
                and type(call.args[-1].value) is int and call.args[-1].value in said:
            stop = call.args[-1].value
            fixed = "range(" + ", ".join([_src(a) for a in call.args[:-1]] + [str(stop + 1)]) + ")"
            out.append(Finding(
                "off-by-one-range", call.lineno, "error",
                f"`{_src(call)}` stops BEFORE {stop}: the end of a range is excluded, so {stop} itself never comes "
                "out of it.", f"{fixed}   # the end is excluded, so go one past the last value you want",
                "correctness"))
    return out


def run(tree: ast.AST, question: str = "", symptom: bool = False) -> list[Finding]:
    out: list[Finding] = []
    checks = [index_past_end, float_index, backwards_update, value_not_returned, unreachable_code,
              fraction_floor_division]
    if symptom:
        checks.append(lambda t: range_end_named(t, question))
    for check in checks:
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, StopIteration):   # an odd shape of code: skip that check
            continue
    return out
