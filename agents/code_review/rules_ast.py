"""Beginner-focused AST rules that ruff lacks: the anti-patterns a human reviewer would raise on student code.

Every check works on the parsed tree (never runs the code) and yields Findings with a line number
and a concrete rewrite built from the student's own names, so the advice reads as "yours, fixed".
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import _const, _is_call, _is_name, _same, _src, walk
from agents.code_review.rules_loops import LoopRules
from agents.code_review.rules_naming import NamingRules
from agents.code_review.rules_structure import StructureRules

_DEBUG_TEXT = re.compile(r"^\s*(?:debug|dbg|here|got here|test|testing|checking|check|>>>|---|\*\*\*|xxx)\b", re.I)
_LIKELY_EXC = ((ast.Div, "ZeroDivisionError"), (ast.FloorDiv, "ZeroDivisionError"), (ast.Mod, "ZeroDivisionError"))
_CALL_EXC = {"int": "ValueError", "float": "ValueError", "open": "FileNotFoundError", "index": "ValueError"}


class AstRules(StructureRules, LoopRules, NamingRules):
    """Runs every AST rule over one parsed module; `findings` holds the results after run()."""

    def __init__(self, tree: ast.Module, lines: list[str]):
        self.tree = tree
        self.lines = lines
        self.findings: list[Finding] = []
        self._named: set[str] = set()
        self.metrics = {"functions": 0, "classes": 0, "max_complexity": 0, "max_nesting": 0, "docstrings": 0}
        for node in walk(tree):
            for child in ast.iter_child_nodes(node):
                child._parent = node  # type: ignore[attr-defined]

    def add(self, rule: str, node_or_line, severity: str, message: str, suggestion: str,
            category: str = "style") -> None:
        line = node_or_line if isinstance(node_or_line, int) else getattr(node_or_line, "lineno", 1)
        self.findings.append(Finding(rule, line, severity, message, suggestion, category))

    def run(self) -> list[Finding]:
        for node in walk(self.tree):
            for check in self._checks_for(node):
                check(node)
        for body in self._bodies(self.tree):
            self._statement_list(body)
        self._module_nesting()
        self._naming()
        self._string_concat()
        return self.findings

    def _checks_for(self, node: ast.AST):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return (self._function,)
        table = {ast.ClassDef: (self._class,), ast.Compare: (self._compare,), ast.For: (self._range_len,),
                 ast.If: (self._if,), ast.Call: (self._call,), ast.While: (self._while_index,)}
        return table.get(type(node), ())

    # ---- expressions -------------------------------------------------------------------------
    def _compare(self, node: ast.Compare) -> None:
        """`len(x) == 0` / `len(x) > 0` (ruff's PLC1802 only sees a bare `if len(x):`)."""
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if _is_call(left, "len") and left.args and _const(right, 0, 1) and type(right.value) is int:
                empty = (isinstance(op, ast.Eq) and right.value == 0) or (isinstance(op, ast.Lt) and right.value == 1)
                nonempty = (isinstance(op, (ast.NotEq, ast.Gt)) and right.value == 0) or (
                    isinstance(op, ast.GtE) and right.value == 1)
                if empty or nonempty:
                    target = _src(left.args[0])
                    self.add("len-compare", node, "suggestion",
                             f"`{_src(node)}` can use truthiness: empty containers are False.",
                             f"if not {target}:" if empty else f"if {target}:")
            left = right


    def _if(self, node: ast.If) -> None:
        if node.orelse and _same(ast.Module(node.body, []), ast.Module(node.orelse, [])):
            self.add("identical-branches", node, "warning",
                     f"Both branches of `if {_src(node.test)}` do exactly the same thing.",
                     "Keep the body once and drop the if/else (or fix the branch that should differ).")
        self._counting(node)

    def _counting(self, node: ast.If) -> None:
        test = node.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))):
            return
        key, table = test.left, test.comparators[0]

        def targets(stmts):
            out = []
            for s in stmts:
                tgt = s.targets[0] if isinstance(s, ast.Assign) and len(s.targets) == 1 else getattr(s, "target", None)
                if isinstance(tgt, ast.Subscript) and _same(tgt.value, table) and _same(tgt.slice, key):
                    out.append(s)
            return out

        inc, init = (node.body, node.orelse) if isinstance(test.ops[0], ast.In) else (node.orelse, node.body)
        if len(targets(inc)) == 1 and len(targets(init)) == 1 and len(inc) == 1 and len(init) == 1:
            d, k = _src(table), _src(key)
            self.add("counting-pattern", node, "suggestion",
                     f"The `if {k} in {d}` / else counting pattern can be one line with dict.get(), or use "
                     "collections.Counter / defaultdict.",
                     f"{d}[{k}] = {d}.get({k}, 0) + 1\n# or: from collections import Counter; {d} = Counter(items)")

    def _call(self, call: ast.Call) -> None:
        if _is_name(call.func, "breakpoint") or (isinstance(call.func, ast.Attribute) and call.func.attr == "set_trace"):
            self.add("debug-print", call, "warning", "A debugger breakpoint was left in the code.",
                     "Remove the breakpoint before sharing the code.")
        elif _is_name(call.func, "print") and call.args and _debug_like(call.args[0]):
            self.add("debug-print", call, "suggestion", f"`{_src(call)}` looks like leftover debugging output.",
                     "Remove it, or use logging.debug(...) so it can be switched off.")

    # ---- statement sequences -----------------------------------------------------------------
    def _bodies(self, tree: ast.AST) -> Iterator[list[ast.stmt]]:
        for node in walk(tree):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(node, field, None)
                if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                    yield body



def likely_exception(try_node: ast.AST | None) -> str | None:
    """Guesses the exception a try body can raise, so the advice names a real one."""
    if not isinstance(try_node, ast.Try):
        return None
    for node in (n for s in try_node.body for n in walk(s)):
        if isinstance(node, ast.BinOp):
            for op, exc in _LIKELY_EXC:
                if isinstance(node.op, op):
                    return exc
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALL_EXC:
            return _CALL_EXC[node.func.id]
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            return "KeyError" if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) \
                else "IndexError"
    return None


def _debug_like(arg: ast.AST) -> bool:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return bool(_DEBUG_TEXT.match(arg.value))
    if isinstance(arg, ast.JoinedStr):
        first = arg.values[0] if arg.values else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return bool(_DEBUG_TEXT.match(first.value)) or first.value.rstrip().endswith("=")
    return False

