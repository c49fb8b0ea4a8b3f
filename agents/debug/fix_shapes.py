"""Concrete code for findings that used to give only advice (issue 10, fourth round).

  - number_kind: int or float for text read by input() - float when the run's input has a decimal point, the
    prompt or the variable names a measurement, or the value is divided; int for counts, ages and indexes;
  - missing_return: the `return <value>` a function that computes something but returns nothing needs (the
    accumulated / last assigned local, or the expression it prints at the end);
  - boolean_fallback: `return False` after an if that only returns True (and the other way round);
  - reordered_ladder: an if/elif ladder on thresholds of one value, rewritten from the strictest test down.
"""
from __future__ import annotations

import ast
import re
from contextvars import ContextVar

from pitfalls.ast_tools import compiles, segment
from pitfalls.values import threshold

# the standard input the run was given (set by explainer.explain_failure for the findings it builds)
STDIN: ContextVar[str] = ContextVar("debug_stdin", default="")

_MEASURE = re.compile(r"price|cost|height|weight|temp|celsius|fahrenheit|kg|meter|metre|\bm\b|_m\b|\bcm\b|km|mile|"
                      r"average|avg|mean|amount|salary|wage|rate|percent|bmi|distance|speed|money|balance|"
                      r"total|gpa|grade_point|decimal|float|liter|litre|inch|feet|pound|dollar|euro|tax|tip", re.I)
_COUNT = re.compile(r"count|how many|number of|\bage\b|^age|year|index|\bidx\b|^n$|^i$|num_|times|qty|quantity|"
                    r"rows|cols|size|length|score|points|level|guess", re.I)


def number_kind(code: str, tree, name: str, call: ast.AST | None) -> str:
    """'float' or 'int': the conversion the text `name` (read by `call`, an input(...) call) should get."""
    typed = STDIN.get()
    if re.search(r"(?m)^\s*-?\d*\.\d+\s*$", typed or ""):
        return "float"
    prompt = ""
    if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant) \
            and isinstance(call.args[0].value, str):
        prompt = call.args[0].value
    if _MEASURE.search(name) or _MEASURE.search(prompt):
        return "float"
    if _COUNT.search(name) or _COUNT.search(prompt):
        return "int"
    if tree is not None:
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and any(
                    isinstance(side, ast.Name) and side.id == name for side in (node.left, node.right)):
                return "float"
            if isinstance(node, ast.BinOp) and any(isinstance(side, ast.Constant) and isinstance(side.value, float)
                                                   for side in (node.left, node.right)) \
                    and any(isinstance(side, ast.Name) and side.id == name for side in (node.left, node.right)):
                return "float"
    return "int"


def _body_indent(code: str, func: ast.AST) -> str:
    row = code.split("\n")[func.body[0].lineno - 1]
    return row[: len(row) - len(row.lstrip())]


def returned_value(func: ast.AST, code: str) -> str | None:
    """What a function that returns nothing computes: the expression printed by its last statement, else the
    local accumulated in a loop, else the last local it assigns (not a loop variable)."""
    last = func.body[-1]
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and isinstance(last.value.func, ast.Name) \
            and last.value.func.id == "print" and len(last.value.args) == 1:
        return segment(code, last.value.args[0])
    loop_vars = {n.id for f in ast.walk(func) if isinstance(f, (ast.For, ast.comprehension))
                 for n in ast.walk(f.target) if isinstance(n, ast.Name)}
    params = {a.arg for a in func.args.args}
    updated: list[str] = []
    assigned: list[str] = []
    for node in ast.walk(func):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            updated.append(node.target.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("append", "extend", "add", "update", "insert") \
                and isinstance(node.func.value, ast.Name):
            updated.append(node.func.value.id)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.append(target.id)
                elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    updated.append(target.value.id)
    for name in updated:
        if name in assigned and name not in loop_vars:
            return name
    top = [t.id for s in func.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)]
    candidates = [n for n in top if n not in loop_vars and n not in params]
    return candidates[-1] if candidates else None


def missing_return(func: ast.AST, code: str) -> tuple[str, str] | None:
    """(`return value`, fixed program) for a function that computes a value but never returns it."""
    value = returned_value(func, code)
    if not value:
        return None
    rows = code.split("\n")
    last = func.body[-1]
    line = f"return {value}"
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and getattr(last.value.func, "id", "") == "print" \
            and last.lineno == last.end_lineno:
        row = rows[last.lineno - 1]
        rows[last.lineno - 1] = row[: len(row) - len(row.lstrip())] + line
    else:
        rows.insert(last.end_lineno, _body_indent(code, func) + line)
    fixed = "\n".join(rows)
    return (line, fixed) if compiles(fixed) else None


def boolean_fallback(func: ast.AST, code: str) -> tuple[str, str] | None:
    """(`return False`, fixed program) for a function whose if-chain only returns True (or only False)."""
    returns = [n.value for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
    values = {r.value for r in returns if isinstance(r, ast.Constant) and isinstance(r.value, bool)}
    if len(values) != 1 or len(returns) != sum(isinstance(r, ast.Constant) for r in returns):
        return None
    line = f"return {not values.pop()}"
    rows = code.split("\n")
    rows.insert(func.body[-1].end_lineno, _body_indent(code, func) + line)
    fixed = "\n".join(rows)
    return (line, fixed) if compiles(fixed) else None


def _chains(code: str, tree):
    """Each if/elif chain: (head, branches, blocks, indent, end line) - a block is the branch's condition text
    (after `if `/`elif `) and its body rows; the end line includes an else."""
    rows = code.split("\n")
    elifs = {id(n.orelse[0]) for n in ast.walk(tree) if isinstance(n, ast.If) and len(n.orelse) == 1
             and isinstance(n.orelse[0], ast.If) and rows[n.orelse[0].lineno - 1].lstrip().startswith("elif")}
    for head in ast.walk(tree):
        if not isinstance(head, ast.If) or id(head) in elifs:
            continue
        chain, node = [], head
        while isinstance(node, ast.If):
            chain.append(node)
            node = node.orelse[0] if len(node.orelse) == 1 and id(node.orelse[0]) in elifs else None
        if len(chain) < 2:
            continue
        indent = rows[head.lineno - 1][: head.col_offset]
        blocks = []
        for pos, n in enumerate(chain):
            end = chain[pos + 1].lineno - 1 if pos + 1 < len(chain) else n.body[-1].end_lineno
            block = rows[n.lineno - 1: end]
            first = block[0][len(indent):]
            block[0] = first[len("elif "):] if first.startswith("elif ") else first[len("if "):]
            blocks.append(block)
        tail = chain[-1].orelse
        yield head, chain, blocks, indent, (tail[-1].end_lineno if tail else chain[-1].body[-1].end_lineno)


def _rebuild(code: str, head, chain, blocks, indent: str, end: int) -> str | None:
    rows = code.split("\n")
    out = []
    for pos, block in enumerate(blocks):
        out.append(indent + ("if " if pos == 0 else "elif ") + block[0])
        out.extend(block[1:])
    out.extend(rows[chain[-1].body[-1].end_lineno: end])   # the else, unchanged
    fixed = "\n".join(rows[: head.lineno - 1] + out + rows[end:])
    return fixed if compiles(fixed) and fixed != code else None


def reordered_ladder(code: str, tree, line: int) -> str | None:
    """The if/elif ladder containing `line`, its threshold branches sorted strictest first (an else stays last)."""
    for head, chain, blocks, indent, end in _chains(code, tree):
        if not any(n.lineno == line for n in chain):
            continue
        tests = [threshold(n.test) for n in chain]
        if any(t is None for t in tests) or len({(t[0], t[1]) for t in tests}) != 1:
            return None
        sign = -1 if tests[0][1] == "up" else 1
        order = sorted(range(len(chain)), key=lambda i: sign * tests[i][2])
        return _rebuild(code, head, chain, [blocks[i] for i in order], indent, end)
    return None


def chain_reorders(code: str, tree) -> list[tuple[str, int, str]]:
    """Repair-search candidates: an if/elif chain with one later branch tested first (the most specific case,
    like a FizzBuzz `% 15`, must come before the cases it overlaps), and a threshold ladder sorted."""
    out = []
    for head, chain, blocks, indent, end in _chains(code, tree):
        ladder = reordered_ladder(code, tree, head.lineno)
        if ladder:
            out.append((ladder, chain[1].lineno, "order the branches from the strictest test down, so each one can "
                        "be reached"))
        for k in range(1, len(chain)):
            fixed = _rebuild(code, head, chain, [blocks[k]] + blocks[:k] + blocks[k + 1:], indent, end)
            if fixed:
                cond = blocks[k][0].rstrip().rstrip(":")
                out.append((fixed, chain[k].lineno, f"test `{cond}` first - an earlier branch "
                            f"(`{blocks[0][0].rstrip().rstrip(':')}`) also catches its cases, and only the first true "
                            "branch of an if/elif chain runs"))
    return out


def none_guard(code: str, tree, name: str, line: int) -> str | None:
    """The statement on `line` run only when `name` is not None (a one-line statement, not a block header)."""
    rows = code.split("\n")
    stmt = next((n for n in ast.walk(tree) if isinstance(n, ast.stmt) and n.lineno == line == n.end_lineno
                 and not hasattr(n, "body")), None)
    if stmt is None or not 1 <= line <= len(rows) or not re.fullmatch(r"[\w.\[\]'\"]+", name):
        return None
    row = rows[line - 1]
    indent = row[: len(row) - len(row.lstrip())]
    rows[line - 1: line] = [f"{indent}if {name} is not None:", f"{indent}    {row.strip()}"]
    fixed = "\n".join(rows)
    return fixed if compiles(fixed) else None


def scale_edits(code: str, tree) -> list[tuple[str, int, str]]:
    """Last-resort repair-search candidates for a formula: a constant off by a factor of 10 or 100 (a percentage
    written as `/ 1000`), and a value that should be squared (`pi * r` for the area)."""
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, (ast.Mult, ast.Div)):
            continue
        for side in (node.left, node.right):
            text = segment(code, side)
            if isinstance(side, ast.Constant) and type(side.value) in (int, float) and side.value not in (0, 1):
                for factor in (10, 100):
                    for new in (side.value * factor, side.value / factor):
                        shown = repr(int(new)) if float(new).is_integer() else f"{new:g}"
                        fixed = _swap(code, side, shown)
                        if fixed:
                            out.append((fixed, side.lineno, f"write `{shown}` instead of `{text}` (the factor is "
                                        f"off by {factor})"))
            elif isinstance(side, ast.Name) and isinstance(node.op, ast.Mult):
                fixed = _swap(code, side, f"{text} ** 2")
                if fixed:
                    out.append((fixed, side.lineno, f"write `{text} ** 2` instead of `{text}` (the formula needs "
                                "the square)"))
    return out


def _swap(code: str, node, text: str) -> str | None:
    rows = code.split("\n")
    if node.lineno != node.end_lineno:
        return None
    row = rows[node.lineno - 1]
    rows[node.lineno - 1] = row[: node.col_offset] + text + row[node.end_col_offset:]
    fixed = "\n".join(rows)
    return fixed if compiles(fixed) else None
