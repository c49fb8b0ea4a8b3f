"""Structure rules: nesting depth, complexity metrics and missing docstrings of public functions."""
from __future__ import annotations

import ast

from agents.code_review.rules_astutil import walk

NEST_LIMIT = 4


class StructureRules:
    """Mixin of AstRules: definitions and nesting."""

    def _module_nesting(self) -> None:
        """Top-level scripts nest too: the same limit as inside functions."""
        body = [stmt for stmt in self.tree.body
                if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        depth, deep = _nesting(body, 1)
        self.metrics["max_nesting"] = max(self.metrics["max_nesting"], depth)
        if depth >= NEST_LIMIT and deep is not None:
            self.add("deep-nesting", deep, "warning",
                     f"This code is nested {depth} levels deep, which is hard to follow.",
                     "Flatten it with `continue` in loops, by combining conditions, or by moving the inner part "
                     "into a function.")

    # ---- definitions -------------------------------------------------------------------------
    def _function(self, fn) -> None:
        self.metrics["functions"] += 1
        complexity = _complexity(fn)
        self.metrics["max_complexity"] = max(self.metrics["max_complexity"], complexity)
        depth, deep = _nesting(fn.body, 1)
        self.metrics["max_nesting"] = max(self.metrics["max_nesting"], depth)
        if depth >= NEST_LIMIT and deep is not None:
            self.add("deep-nesting", deep, "warning",
                     f"Code in {fn.name}() is nested {depth} levels deep, which is hard to follow.",
                     "Flatten it with early returns (`if not ok: return`), `continue` in loops, or a helper function.")
        if ast.get_docstring(fn):
            self.metrics["docstrings"] += 1
        elif not fn.name.startswith("_") and isinstance(getattr(fn, "_parent", None), (ast.Module, ast.ClassDef)):
            span = (getattr(fn, "end_lineno", fn.lineno) or fn.lineno) - fn.lineno
            if span >= 4:
                self.add("missing-docstring", fn, "suggestion",
                         f"Public function {fn.name}() has no docstring.",
                         f'def {fn.name}(...):\n    """One line saying what {fn.name} returns or does."""')

    def _class(self, cls: ast.ClassDef) -> None:
        self.metrics["classes"] += 1



def _complexity(fn: ast.AST) -> int:
    score = 1
    for node in walk(fn):
        if node is not fn and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.If, ast.For, ast.While, ast.AsyncFor, ast.IfExp, ast.ExceptHandler, ast.Assert)):
            score += 1
        elif isinstance(node, ast.BoolOp):
            score += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            score += 1 + len(node.ifs)
        elif isinstance(node, ast.match_case):
            score += 1
    return score


_BLOCKS = (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.AsyncFor, ast.AsyncWith, ast.Match)


def _nesting(body: list[ast.stmt], depth: int) -> tuple[int, ast.AST | None]:
    """Deepest block nesting inside a function body and the first statement at that depth."""
    best, where = 0, None
    for stmt in body:
        if isinstance(stmt, _BLOCKS):
            inner = [b for f in ("body", "orelse", "finalbody") for b in [getattr(stmt, f, None)] if b]
            inner += [h.body for h in getattr(stmt, "handlers", [])]
            inner += [c.body for c in getattr(stmt, "cases", [])]
            if best < depth:
                best, where = depth, stmt
            for block in inner:
                d, w = _nesting(block, depth + 1)
                if d > best:
                    best, where = d, w
    return best, where
