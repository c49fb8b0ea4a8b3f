"""A function or type used as if it were data: `seq.index[i]`, `len[i]`, `for x in list:`, `for d in days:`.

The message says which kind of object it was ('builtin_function_or_method', 'function', 'method', 'type'). The
fix is the name the student most likely meant - a variable in scope spelled like it (`list` -> `lst`) - or else
the call the brackets were meant to be (`seq.index[i]` -> `seq.index(i)`, `days` -> `days()`).
"""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import (BUILTIN_NAMES, Finding, closest, enclosing_function, functions, nodes_on_line,
                                    replace_node, segment)

_KINDS = ("builtin_function_or_method", "function", "method", "type", "builtin_function")


def _names_in_scope(tree, line: int) -> list[str]:
    func = enclosing_function(tree, line)
    scope = func if func is not None else tree
    names = [a.arg for a in func.args.args] if func is not None else []
    names += [n.id for n in ast.walk(scope) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
    return list(dict.fromkeys(names))


def _similar(tree, line: int, name: str) -> str | None:
    if name in BUILTIN_NAMES and name not in ("list", "str", "dict", "tuple", "set"):
        return None   # `len[x]` is a call written with the wrong brackets, not a misspelt variable
    pool = [n for n in _names_in_scope(tree, line) if n != name]
    near = closest(name, pool, cutoff=0.5)
    if near is None and name in ("list", "str", "dict", "tuple", "set"):
        near = closest(name[0] + "st" if name == "list" else name, pool, cutoff=0.5)
    return near


def callable_as_data(code, tree, line, msg) -> Finding | None:
    shape = re.search(r"'(\w+)' object is not (subscriptable|iterable)", msg)
    if not shape or shape.group(1) not in _KINDS:
        return None
    kind, problem = shape.groups()
    for node in nodes_on_line(tree, line):
        if problem == "subscriptable" and isinstance(node, ast.Subscript) \
                and isinstance(node.value, (ast.Name, ast.Attribute)):
            name = segment(code, node.value)
            near = (_indexed_sequence(tree, line, node.slice) or _similar(tree, line, name)) \
                if isinstance(node.value, ast.Name) else None
            if near:
                return _rename(code, node.value, name, near, line, kind)
            stored = _method_stored(tree, name, line) if isinstance(node.value, ast.Name) else None
            if stored is not None:   # `words = text.split` then `words[0]`: the call is missing where it was stored
                new = f"{segment(code, stored.value)}()"
                return Finding(f"Line {stored.lineno} stores the method `{segment(code, stored.value)}` itself in "
                               f"`{name}` - without brackets it is never called - so line {line} indexes a "
                               f"{_what(kind)}, not its result.", f"Call it where you store it: `{name} = {new}`.",
                               fixed_code=replace_node(code, stored.value, new), confidence=0.88, line=stored.lineno)
            new = f"{name}({segment(code, node.slice)})"
            return Finding(f"`{name}` on line {line} is a {_what(kind)}, and `[...]` only reads items of a list, "
                           "string or dict: a function is called with round brackets.",
                           f"Call it: `{new}`.", fixed_code=replace_node(code, node, new), confidence=0.85)
        if problem == "iterable" and isinstance(node, (ast.For, ast.comprehension)) \
                and isinstance(node.iter, ast.Name):
            name = node.iter.id
            near = _similar(tree, line, name)
            if near:
                return _rename(code, node.iter, name, near, line, kind)
            func = functions(tree).get(name)
            if func is not None and not func.args.args:
                return Finding(f"`{name}` on line {line} is the function itself, not the list it returns: the loop "
                               "needs the function's result.", f"Call it: `for ... in {name}():`.",
                               fixed_code=replace_node(code, node.iter, f"{name}()"), confidence=0.85)
    return None


def _method_stored(tree, name: str, line: int) -> ast.Assign | None:
    """The last `name = something.method` (no call) before `line`."""
    found = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.lineno < line and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name \
                and isinstance(node.value, ast.Attribute) and (found is None or node.lineno > found.lineno):
            found = node
    return found


def _indexed_sequence(tree, line: int, index: ast.AST) -> str | None:
    """`len[i]` inside `for i in range(len(seq))`: the sequence that loop walks is what `[i]` was meant for."""
    if not isinstance(index, ast.Name):
        return None
    for loop in ast.walk(tree):
        it = getattr(loop, "iter", None)
        if isinstance(loop, ast.For) and loop.lineno <= line <= (loop.end_lineno or loop.lineno) \
                and isinstance(loop.target, ast.Name) and loop.target.id == index.id and isinstance(it, ast.Call) \
                and isinstance(it.func, ast.Name) and it.func.id == "range" and it.args \
                and isinstance(it.args[-1], ast.Call) and isinstance(it.args[-1].func, ast.Name) \
                and it.args[-1].func.id == "len" and it.args[-1].args and isinstance(it.args[-1].args[0], ast.Name):
            return it.args[-1].args[0].id
    return None


def _what(kind: str) -> str:
    return "type (a class such as list)" if kind == "type" else "function"


def _rename(code, node, name: str, near: str, line: int, kind: str) -> Finding:
    return Finding(f"`{name}` on line {line} is a {_what(kind)}, not your data - the variable you meant is probably "
                   f"`{near}`.", f"Use `{near}` there.", fixed_code=replace_node(code, node, near), confidence=0.85)
