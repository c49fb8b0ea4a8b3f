"""Concrete edits for TypeErrors whose first diagnosis gave advice but no corrected line (real student code:
Refactory crashes). Tried only when the diagnosis has no fixed program; every edit is made on the AST positions
of the failing line (or of the assignment that produced its None), never by pattern-matching text.

- a list/tuple `+` a single item: wrap the item (`result + [i]`, `t + (x,)`, `t + tuple(xs)`);
- a None that comes from storing an in-place method's result (`lst = lst.append(x)`): keep the call, drop
  the assignment;
- `for x in n` / `len(n)` over an int: `range(n)` / `len(str(n))`;
- a list/dict/str variable called with round brackets (`nums(0)`): `nums[0]`.
"""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import Finding, assignments_to, nodes_on_line, replace_node, segment

_IN_PLACE = {"append", "extend", "insert", "remove", "sort", "reverse", "clear", "update", "add", "discard"}


def concrete(code: str, tree, line: int | None, msg: str) -> Finding | None:
    if tree is None or not line:
        return None
    for rule in (_concat_item, _extend_with_item, _in_place_none, _int_as_collection, _called_collection):
        found = rule(code, tree, line, msg)
        if found is not None:
            return found
    return None


def _concat_item(code, tree, line, msg) -> Finding | None:
    kind = re.search(r'can only concatenate (list|tuple) \(not "(\w+)"\) to (?:list|tuple)', msg)
    if not kind:
        return None
    container, item_type = kind.group(1), kind.group(2)
    for node in nodes_on_line(tree, line):
        right = node.right if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) else \
            node.value if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) else None
        if right is None or isinstance(right, ast.List if container == "list" else ast.Tuple) or right.lineno != line:
            continue
        if isinstance(right, ast.BinOp):   # result += result + i: the item is the innermost right operand
            continue
        text = segment(code, right)
        if item_type in ("list", "tuple") and item_type != container:
            new = f"{container}({text})"
        else:
            new = f"[{text}]" if container == "list" else f"({text},)"
        return Finding(f"Line {line} adds a {item_type} (`{text}`) to a {container} with `+`, but `+` only joins "
                       f"two {container}s.", f"Make it a {container} first: write `{new}` (or use `.append({text})` "
                       "to add one item to a list).", fixed_code=replace_node(code, right, new), confidence=0.85)
    return None


def _extend_with_item(code, tree, line, msg) -> Finding | None:
    """`result += item` on a list: `+=` extends by every element of a sequence, and an int has none."""
    kind = re.search(r"'(int|float|bool)' object is not iterable", msg)
    if not kind:
        return None
    for node in nodes_on_line(tree, line):
        if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and isinstance(node.target, ast.Name) \
                and any(isinstance(a, ast.Assign) and isinstance(a.value, ast.List) and any(
                    isinstance(t, ast.Name) and t.id == node.target.id for t in a.targets) for a in ast.walk(tree)):
            name, text = node.target.id, segment(code, node.value)
            return Finding(f"`{name}` is a list, and `{name} += {text}` on line {line} tries to add every element "
                           f"of `{text}`, but it is a single {kind.group(1)}.",
                           f"Add one item with `{name}.append({text})`.",
                           fixed_code=replace_node(code, node, f"{name}.append({text})"), confidence=0.85)
    return None


def _in_place_none(code, tree, line, msg) -> Finding | None:
    if "NoneType" not in msg:
        return None
    for node in nodes_on_line(tree, line):   # new_lst += new_lst.append(i)
        if isinstance(node, (ast.Assign, ast.AugAssign)) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr in _IN_PLACE:
            call = segment(code, node.value)
            return Finding(f"Line {line} uses the result of `.{node.value.func.attr}()`, which changes the list in "
                           "place and returns None.", f"Just call it: `{call}`.",
                           fixed_code=replace_node(code, node, call), confidence=0.88)
    used = {n.id for n in nodes_on_line(tree, line) if isinstance(n, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id in used and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr in _IN_PLACE:
            name, call = node.targets[0].id, segment(code, node.value)
            return Finding(f"`{name}` is None on line {line} because line {node.lineno} stores the result of "
                           f"`.{node.value.func.attr}()`, which changes the object in place and returns None.",
                           f"On line {node.lineno} just call it: `{call}` (without `{name} =`).",
                           fixed_code=replace_node(code, node, call), confidence=0.88, line=line)
    return None


def _int_as_collection(code, tree, line, msg) -> Finding | None:
    if not re.search(r"'int' object is not iterable|object of type 'int' has no len\(\)|"
                     r"argument of type 'int' is not iterable", msg):
        return None
    for node in nodes_on_line(tree, line):
        if isinstance(node, ast.For) and node.iter.lineno == line and "not iterable" in msg \
                and isinstance(node.iter, (ast.Name, ast.Attribute, ast.Subscript)):
            text = segment(code, node.iter)
            return Finding(f"`for ... in {text}` on line {line} loops over a number; a for loop needs a sequence.",
                           f"Loop over `range({text})` to count from 0 to {text} - 1.",
                           fixed_code=replace_node(code, node.iter, f"range({text})"), confidence=0.8)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "len" and len(node.args) == 1 \
                and "has no len" in msg:
            text = segment(code, node.args[0])
            return Finding(f"`len({text})` on line {line} asks for the length of a number.",
                           f"For its number of digits use `len(str({text}))`; if you meant the number itself, "
                           f"use `{text}` without len().",
                           fixed_code=replace_node(code, node.args[0], f"str({text})"), confidence=0.75)
    return None


def _called_collection(code, tree, line, msg) -> Finding | None:
    kind = re.search(r"'(list|dict|str|tuple)' object is not callable", msg)
    if not kind:
        return None
    for call in nodes_on_line(tree, line):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and len(call.args) == 1 \
                and not call.keywords and assignments_to(tree, call.func.id, line):
            item = f"{call.func.id}[{segment(code, call.args[0])}]"
            return Finding(f"`{call.func.id}` is a {kind.group(1)}, and line {line} uses round brackets "
                           f"`{segment(code, call)}`, which call it like a function. Items are read with square "
                           "brackets.", f"Write `{item}` to get that item.",
                           fixed_code=replace_node(code, call, item), confidence=0.88)
    return None
