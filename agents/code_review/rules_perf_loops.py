"""Work repeated on every round of a loop although its result cannot change there, with the complexity before and
after: a whole-collection call on data the loop does not change (`max(xs)`, `sorted(xs)`, `set(b)`, `sum(xs)`,
`xs.index(v)` ...: O(n) per round, O(n·m) in all -> once before the loop, O(n+m)), a file opened and read inside
the loop, and a list grown by copying (`xs = xs + [x]`: O(n²) -> `append`, O(n))."""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_WHOLE = ("max", "min", "sum", "sorted", "set", "list", "tuple", "dict", "reversed", "Counter")
_METHODS = ("index", "copy")


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in walk(node) if isinstance(n, ast.Name)}


def _changed(loop: ast.AST) -> set[str]:
    """Names the loop assigns or mutates (method calls on them, item assignment), and its own target."""
    out = set()
    if isinstance(loop, ast.For):
        out |= _names(loop.target)
    for node in (n for s in loop.body for n in walk(s)):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                root = target
                while isinstance(root, (ast.Subscript, ast.Attribute)):
                    root = root.value
                out |= _names(root)
        elif isinstance(node, (ast.For, ast.comprehension)):
            out |= _names(node.target)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.attr not in ("index", "count", "get", "copy"):
            out.add(node.func.value.id)
        elif isinstance(node, ast.NamedExpr):
            out |= _names(node.target)
        elif isinstance(node, ast.Delete):
            for t in node.targets:
                out |= _names(t)
    return out


def _innermost_loops(tree: ast.AST):
    for loop in walk(tree):
        if isinstance(loop, (ast.For, ast.While)):
            yield loop


_COMPS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def _loops_with_bodies(tree: ast.AST):
    """(description of what is looped over, names the loop changes, nodes run on every round)."""
    for loop in walk(tree):
        if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id == "_":
            continue   # `for _ in range(tries)`: a retry loop normally runs once
        if isinstance(loop, (ast.For, ast.While)):
            over = ast.unparse(loop.iter) if isinstance(loop, ast.For) else ast.unparse(loop.test)
            yield over, _changed(loop), [n for s in loop.body for n in walk(s)]
        elif isinstance(loop, _COMPS):
            targets = set().union(*(_names(g.target) for g in loop.generators))
            rounds = [loop.key, loop.value] if isinstance(loop, ast.DictComp) else [loop.elt]
            rounds += [c for g in loop.generators for c in g.ifs] + [g.iter for g in loop.generators[1:]]
            yield ast.unparse(loop.generators[0].iter), targets, [n for r in rounds for n in walk(r)]


def loop_invariant_calls(tree: ast.AST) -> list[Finding]:
    out, seen = [], set()
    for over, changed, body in _loops_with_bodies(tree):
        for node in body:
            if not isinstance(node, ast.Call) or node.lineno in seen:
                continue
            whole = isinstance(node.func, ast.Name) and node.func.id in _WHOLE and len(node.args) == 1 \
                and isinstance(node.args[0], ast.Name)
            method = isinstance(node.func, ast.Attribute) and node.func.attr in _METHODS \
                and isinstance(node.func.value, ast.Name)
            if not (whole or method):
                continue
            used = _names(node) - ({node.func.id} if isinstance(node.func, ast.Name) else set())
            if not used or used & changed:
                continue
            seen.add(node.lineno)
            call = ast.unparse(node)
            data = node.args[0].id if whole else node.func.value.id
            keep = f"{data}_{node.func.id if whole else node.func.attr}".replace("sorted", "sorted_")
            out.append(Finding(
                "repeated-work-in-loop", node.lineno, "warning",
                f"`{call}` goes through all of `{data}` on every round of the loop over {over}, although `{data}` "
                f"does not change in the loop: O(n·m) in all (O(n) on each of the m rounds).",
                f"{keep} = {call}   # once, before the loop: O(n+m) in all\n... use {keep} inside the loop ...",
                "performance"))
    return out


def file_read_in_loop(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in _innermost_loops(tree):
        changed = _changed(loop)
        for node in (n for s in loop.body for n in walk(s)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open" \
                    and node.args and not (_names(node.args[0]) & changed):
                mode = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else "r"
                if isinstance(mode, str) and any(c in mode for c in "wax+"):
                    continue
                out.append(Finding(
                    "repeated-work-in-loop", node.lineno, "warning",
                    f"`{ast.unparse(node)}` opens and reads the same file on every round of the loop: O(n·m) in all "
                    "(the whole file, size n, on each of the m rounds).",
                    f"with {ast.unparse(node)} as f:   # once, before the loop: O(n+m) in all\n    text = f.read()\n"
                    "... use text inside the loop ...", "performance"))
                break
    return out


def list_grown_by_copy(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in _innermost_loops(tree):
        for node in (n for s in loop.body for n in walk(s)):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Add) \
                    and isinstance(node.value.left, ast.Name) and node.value.left.id == node.targets[0].id \
                    and isinstance(node.value.right, ast.List) and len(node.value.right.elts) == 1:
                name, item = node.targets[0].id, ast.unparse(node.value.right.elts[0])
                out.append(Finding(
                    "list-grown-by-copy", node.lineno, "warning",
                    f"`{ast.unparse(node)}` builds a new list and copies all of `{name}` into it on every round: "
                    "O(n²) for n items.", f"{name}.append({item})   # adds in place: O(n) in all", "performance"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    return loop_invariant_calls(tree) + file_read_in_loop(tree) + list_grown_by_copy(tree)
