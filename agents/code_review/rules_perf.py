"""Performance rules ruff lacks, each with the complexity before and after: a recursive function that calls
itself twice without remembering results (exponential), and a list used as a queue (`pop(0)` / `insert(0, x)`
inside a loop shift every item each time)."""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk


def exponential_recursion(tree: ast.AST) -> list[Finding]:
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        memoized = any("cache" in ast.unparse(d) for d in fn.decorator_list)
        calls = [n for n in walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == fn.name]
        same_expr = any(sum(1 for c in walk(n) if c in calls) >= 2 for n in walk(fn)
                        if isinstance(n, (ast.BinOp, ast.Return)))
        if memoized or len(calls) < 2 or not same_expr:
            continue
        out.append(Finding(
            "exponential-recursion", fn.lineno, "warning",
            f"{fn.name}() calls itself twice for every value, so the same smaller cases are computed again and "
            f"again: O(2^n) calls. {fn.name}(40) alone makes hundreds of millions of calls.",
            f"from functools import lru_cache\n\n@lru_cache(maxsize=None)   # remember each result: O(n)\n"
            f"def {fn.name}(...):\n    ...   # or build the values up in a loop from the smallest case",
            "performance"))
    return out


def list_as_queue(tree: ast.AST) -> list[Finding]:
    out, seen = [], set()
    for loop in (n for n in walk(tree) if isinstance(n, (ast.For, ast.While))):
        for node in (n for s in loop.body for n in walk(s)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0
                    and ((node.func.attr == "pop" and len(node.args) == 1)
                         or (node.func.attr == "insert" and len(node.args) == 2))):
                continue
            name = node.func.value.id
            if (name, node.lineno) in seen:
                continue
            seen.add((name, node.lineno))
            new = f"{name}.popleft()" if node.func.attr == "pop" else \
                f"{name}.appendleft({ast.unparse(node.args[1])})"
            out.append(Finding(
                "list-as-queue", node.lineno, "warning",
                f"`{ast.unparse(node)}` inside a loop shifts every other item of `{name}` by one place each time: "
                "O(n) per call, O(n²) for the loop.",
                f"from collections import deque\n{name} = deque({name})   # once\n{new}   # O(1)", "performance"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    return exponential_recursion(tree) + list_as_queue(tree)
