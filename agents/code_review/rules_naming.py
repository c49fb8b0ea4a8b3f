"""Naming rules: names that say nothing (`l`, `tmp`, `data2`) get a descriptive suggestion (ruff's N8xx and
A00x cover case style and shadowed built-ins)."""
from __future__ import annotations

import ast
import builtins
import re

from agents.code_review.rules_astutil import _scope, walk

SHADOWABLE = frozenset({
    "list", "dict", "str", "int", "float", "set", "tuple", "id", "sum", "max", "min", "input", "len", "type",
    "range", "print", "open", "map", "filter", "zip", "sorted", "all", "any", "abs", "round", "iter", "next",
    "object", "bool", "format", "hash", "vars", "dir", "bytes", "chr", "ord", "pow", "slice", "file", "reversed",
    "sorted", "enumerate", "compile", "eval", "exec", "help", "super", "property", "callable",
})
_SNAKE = re.compile(r"^_{0,2}[a-z][a-z0-9_]*$")
_UPPER = re.compile(r"^_{0,2}[A-Z][A-Z0-9_]*$")
_GENERIC = frozenset({"tmp", "temp", "foo", "bar", "baz", "stuff", "thing", "things", "var", "val", "obj", "asdf",
                      "xx", "yy", "aa", "bb", "lst2", "my_var", "my_list", "myvar", "mylist", "data1", "data2"})
_NUMBERED = re.compile(r"^[a-z]{3,}\d+$")
_OK_SHORT = frozenset({"i", "j", "k", "n", "m", "x", "y", "z", "_", "e", "f", "a", "b"})
_AMBIGUOUS = frozenset({"l", "O", "I"})


class NamingRules:
    """Mixin of AstRules: one whole-module pass over every name the code binds."""

    def _naming(self) -> None:
        seen: set[str] = set()
        loop_names = {n.id for node in walk(self.tree)
                      if isinstance(node, (ast.For, ast.comprehension, ast.withitem))
                      for n in walk(node.target if not isinstance(node, ast.withitem) else
                                        (node.optional_vars or ast.Pass())) if isinstance(n, ast.Name)}
        for node in walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._check_name(node.name, node, "function", seen, loop_names)
                for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
                    if arg.arg not in ("self", "cls"):
                        self._check_name(arg.arg, arg, "parameter", seen, loop_names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self._check_name(node.id, node, "variable", seen, loop_names)

    def _check_name(self, name: str, node, kind: str, seen: set[str], loop_names: set[str]) -> None:
        if name in seen or name.startswith("__"):
            return
        seen.add(name)
        at_module = kind == "variable" and _scope(node) is None
        if (name in SHADOWABLE and hasattr(builtins, name)) or (  # ruff's A001/A002 and N8xx say these
                not _SNAKE.match(name) and not (at_module and _UPPER.match(name))):
            return
        non_descriptive = (name in _AMBIGUOUS or name in _GENERIC or _NUMBERED.match(name)
                           or (len(name) == 1 and kind == "function")
                           or (len(name) == 1 and kind == "variable" and name not in _OK_SHORT
                               and name not in loop_names))
        if non_descriptive:
            why = " (it is easily confused with 1 or 0)" if name in _AMBIGUOUS else ""
            self.add("descriptive-name", node, "suggestion",
                     f"`{name}` is not a descriptive name{why}; "
                     + ("say what the function does." if kind == "function" else f"say what the {kind} holds."),
                     f"Rename `{name}` to something like `{_describe(name, kind)}`.")


def _describe(name: str, kind: str) -> str:
    return {"l": "items", "d": "counts", "r": "result", "s": "text", "t": "total", "c": "count", "v": "value",
            "tmp": "previous_value", "temp": "previous_value", "O": "origin", "I": "index", "f": "describe_what_it_does",
            "data2": "cleaned_data", "w": "word", "p": "person", "q": "queue", "g": "grade", "h": "height"}.get(
        name, "total" if kind == "variable" else "what_it_holds")
