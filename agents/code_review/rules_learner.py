"""Learner rules ruff does not have: quadratic searches (with the complexity before and after), chained
comparisons with True, `x == "a" or "e"`, duplicated blocks, and print used where a return was meant.

Each finding names the line and rewrites the student's own code.
"""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _parents(tree: ast.AST) -> None:
    for node in walk(tree):
        for child in ast.iter_child_nodes(node):
            child._lf_parent = node  # type: ignore[attr-defined]


def _enclosing_loops(node: ast.AST) -> list[ast.For]:
    loops, cur = [], getattr(node, "_lf_parent", None)
    while cur is not None and not isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        if isinstance(cur, (ast.For, ast.comprehension)):
            loops.append(cur)
        cur = getattr(cur, "_lf_parent", None)
    return loops


def _set_like(tree: ast.AST, name: str) -> bool:
    """True when `name` is only ever assigned a set or dict (membership on it is already O(1))."""
    values = [n.value for n in walk(tree) if isinstance(n, ast.Assign)
              for t in n.targets if isinstance(t, ast.Name) and t.id == name]
    return bool(values) and all(isinstance(v, (ast.Set, ast.Dict, ast.SetComp, ast.DictComp)) or (
        isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in ("set", "dict", "frozenset",
                                                                                   "Counter", "defaultdict"))
                                for v in values)


def quadratic_searches(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    seen: set[int] = set()
    for node in walk(tree):
        loops = _enclosing_loops(node)
        if not loops:
            continue
        outer = loops[-1]
        outer_it = _src(outer.iter)
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            hay = node.comparators[0]
            if isinstance(hay, ast.Name) and not _set_like(tree, hay.id) and hay.id not in outer_it.split(".")[0] \
                    and node.lineno not in seen:
                seen.add(node.lineno)
                out.append(Finding(
                    "list-membership-in-loop", node.lineno, "warning",
                    f"`{_src(node)}` scans the whole list `{hay.id}` on every pass of the loop over {outer_it}: "
                    f"O(n·m) for n items and m entries in {hay.id}.",
                    f"{hay.id}_set = set({hay.id})   # once, before the loop\n"
                    f"{_src(node).replace(hay.id, hay.id + '_set')}   # each check is O(1): O(n+m) in total",
                    "performance"))
        elif isinstance(node, ast.For) and node is not outer and isinstance(node.target, ast.Name) \
                and isinstance(outer, ast.For) and isinstance(outer.target, ast.Name) and node.lineno not in seen:
            pair = _pair_test(node, outer.target.id, node.target.id)
            pair_sum = _pair_sum(node, outer)
            if pair_sum is not None:
                seen.add(node.lineno)
                out.append(pair_sum)
            elif pair is not None:
                seen.add(node.lineno)
                key_outer, key_inner = pair
                out.append(Finding(
                    "nested-pair-search", node.lineno, "warning",
                    f"The loop over {_src(node.iter)} inside the loop over {outer_it} compares every pair: "
                    "O(n·m) steps (for 50,000 items on each side that is 2.5 billion comparisons).",
                    f"index = {{{key_inner}: {node.target.id} for {node.target.id} in {_src(node.iter)}}}   "
                    f"# built once: O(m)\nfor {outer.target.id} in {outer_it}:\n"
                    f"    match = index.get({key_outer})   # O(1) lookup, O(n+m) in total",
                    "performance"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "count" \
                and isinstance(node.func.value, ast.Name) and node.lineno not in seen:
            seen.add(node.lineno)
            name = node.func.value.id
            out.append(Finding(
                "count-in-loop", node.lineno, "warning",
                f"`{_src(node)}` walks all of `{name}` each time round the loop: O(n²) in total.",
                f"from collections import Counter\ncounts = Counter({name})   # one pass: O(n)\n"
                f"... counts[{_src(node.args[0]) if node.args else 'item'}] ...   # O(1) each", "performance"))
    return out + _prime_loops(tree)


def _sequence(loop: ast.For) -> str | None:
    """What a loop walks: `xs` for `for x in xs` and for `for i in range(len(xs))` / `range(i + 1, len(xs))`."""
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" and it.args:
        stop = it.args[-1]
        if isinstance(stop, ast.Call) and isinstance(stop.func, ast.Name) and stop.func.id == "len" and stop.args:
            return _src(stop.args[0])
        return None
    return _src(it)


def _pair_sum(inner: ast.For, outer: ast.For) -> Finding | None:
    """Two loops over one sequence looking for two values that add up to a target (two-sum): one pass with a dict
    of the values seen so far finds each complement in one step."""
    seq = _sequence(outer)
    if seq is None or _sequence(inner) != seq:
        return None
    a, b = outer.target.id, inner.target.id
    for node in (n for s in inner.body for n in walk(s)):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq) \
                and isinstance(node.left, ast.BinOp) and isinstance(node.left.op, ast.Add):
            names = {n.id for n in walk(node.left) if isinstance(n, ast.Name)}
            target = node.comparators[0]
            if {a, b} <= names and not {a, b} & {n.id for n in walk(target) if isinstance(n, ast.Name)}:
                goal = _src(target)
                return Finding(
                    "nested-pair-search", inner.lineno, "warning",
                    f"The two loops over {seq} try every pair to find two values that add up to {goal}: O(n²) steps "
                    "(2.5 billion for 50,000 values). A dict of the values seen so far finds each one's complement "
                    f"({goal} - value) in one step: O(n).",
                    f"seen = {{}}   # value -> index, filled as you go: one pass, O(n) in total\n"
                    f"for i, value in enumerate({seq}):\n    if {goal} - value in seen:\n"
                    f"        return seen[{goal} - value], i\n    seen[value] = i", "performance")
    return None


def _pair_test(inner: ast.For, a: str, b: str) -> tuple[str, str] | None:
    """`if a == b` / `if a.key == b.key` / `if a + b == target` inside the inner loop -> the two keys."""
    for node in (n for s in inner.body for n in walk(s)):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
            left, right = node.left, node.comparators[0]
            names_l = {n.id for n in walk(left) if isinstance(n, ast.Name)}
            names_r = {n.id for n in walk(right) if isinstance(n, ast.Name)}
            if a in names_l and b in names_r and b not in names_l and a not in names_r:
                return _src(left), _src(right).replace(b, b)
            if b in names_l and a in names_r and a not in names_l and b not in names_r:
                return _src(right), _src(left)
            if isinstance(left, ast.BinOp) and {a, b} <= names_l and not names_r & {a, b}:
                return f"{_src(right)} - {a}", b   # two-sum: look the complement up
    return None


def _prime_loops(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Name)
                and loop.iter.func.id == "range" and len(loop.iter.args) == 2 and isinstance(loop.target, ast.Name)
                and isinstance(loop.iter.args[1], ast.Name)):
            continue
        n, i = loop.iter.args[1].id, loop.target.id
        if any(isinstance(x, ast.BinOp) and isinstance(x.op, ast.Mod) and _src(x) == f"{n} % {i}"
               for s in loop.body for x in walk(s)):
            out.append(Finding("divisor-search-to-n", loop.lineno, "warning",
                               f"Trying every divisor up to {n} is O(n); a divisor above √{n} always pairs with "
                               f"one below it.", f"for {i} in range({_src(loop.iter.args[0])}, int({n} ** 0.5) + 1):"
                               "   # O(√n)", "performance"))
    return out


def chained_true(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) >= 2):
            continue
        values = [node.left, *node.comparators]
        for pos, value in enumerate(values[1:], 1):
            if isinstance(value, ast.Constant) and isinstance(value.value, bool):
                before = ast.Compare(values[0], node.ops[:pos - 1], values[1:pos - 1]) if pos > 2 else None
                middle, op = _src(values[pos - 1]), {ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is"}.get(
                    type(node.ops[pos - 1]), "==")
                cond = _src(before) if before is not None else _src(values[0])
                if pos == 2:
                    cond = _src(ast.Compare(values[0], node.ops[:1], values[1:2]))
                out.append(Finding(
                    "chained-comparison-bool", node.lineno, "error",
                    f"`{_src(node)}` is a chained comparison: Python reads it as `{cond} and {middle} {op} "
                    f"{value.value}`, and `{middle} {op} {value.value}` is always "
                    f"{(op == '!=') != (middle == str(value.value))}, so the whole test never does what you meant.",
                    f"if {cond}:   # the comparison is already True or False; drop `{op} {value.value}`",
                    "correctness"))
                break
    return out


def or_constant(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if not (isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or)):
            continue
        first = node.values[0]
        consts = [v for v in node.values[1:] if isinstance(v, ast.Constant) and v.value]
        if isinstance(first, ast.Compare) and len(first.ops) == 1 and isinstance(first.ops[0], ast.Eq) and consts:
            options = [first.comparators[0]] + [v.comparators[0] if isinstance(v, ast.Compare) else v
                                                for v in node.values[1:]]
            subject = _src(first.left)
            out.append(Finding(
                "or-constant", node.lineno, "error",
                f"`{_src(node)}` is always true: Python reads it as `({_src(first)}) or {_src(consts[0])}`, and "
                f"{_src(consts[0])} on its own is a non-empty value, which counts as True.",
                f"{subject} in ({', '.join(_src(o) for o in options)})", "correctness"))
    return out


def duplicated_blocks(tree: ast.AST) -> list[Finding]:
    seen: dict[str, ast.stmt] = {}
    out = []
    for node in walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for pos in range(len(body) - 2):
            window = body[pos:pos + 3]
            if all(isinstance(s, ast.Pass) for s in window):
                continue
            key = "|".join(ast.dump(s) for s in window)
            if key in seen and seen[key] is not window[0]:
                first = seen[key]
                if window[0].lineno > (first.end_lineno or first.lineno) and not any(
                        f.line == window[0].lineno for f in out):
                    out.append(Finding("duplicated-block", window[0].lineno, "warning",
                                       f"Lines {window[0].lineno}-{window[-1].end_lineno} repeat lines {first.lineno}-"
                                       f"{first.lineno + window[-1].end_lineno - window[0].lineno} exactly.",
                                       "Move the repeated lines into one function and call it from both places.",
                                       "style"))
            else:
                seen.setdefault(key, window[0])
    return out


def print_instead_of_return(tree: ast.AST) -> list[Finding]:
    out = []
    fns = {f.name: f for f in walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    used = {n.func.id for n in walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and not isinstance(getattr(n, "_lf_parent", None), ast.Expr)}
    for name, fn in fns.items():
        returns = [r for r in walk(fn) if isinstance(r, ast.Return) and r.value is not None]
        last = fn.body[-1]
        if returns or name not in used or not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                                               and isinstance(last.value.func, ast.Name)
                                               and last.value.func.id == "print" and len(last.value.args) == 1):
            continue
        out.append(Finding("print-instead-of-return", last.lineno, "error",
                           f"{name}() prints its result but returns None, and the caller uses the returned value.",
                           f"return {_src(last.value.args[0])}", "correctness"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    _parents(tree)
    return (chained_true(tree) + or_constant(tree) + print_instead_of_return(tree) + quadratic_searches(tree)
            + duplicated_blocks(tree))
