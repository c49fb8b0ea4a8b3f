"""Text and numbers mixed up: the conversion a TypeError asks for, as a fix of the student's line, and the kind
of value (text or number) a function uses a parameter as, for calls that left it out.

`total + price` failing on 'int' and 'str', `price * qty` where qty is text ("can't multiply sequence by
non-int of type 'str'"), and `sum(words)` of `input().split()` (text items) each get the int()/float() placed
on the operand that holds text.
"""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import Finding, last_value, nodes_on_line, replace_node, segment

_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**"}


def _split_input(tree, name: str, line: int) -> ast.AST | None:
    """The `input(...).split()` value `name` was last assigned before `line`, if it was."""
    value = last_value(tree, name, line)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "split" \
            and isinstance(value.func.value, ast.Call) and isinstance(value.func.value.func, ast.Name) \
            and value.func.value.func.id == "input":
        return value
    return None


def text_operand(code, tree, line, msg) -> Finding | None:
    """`total + price` failing on 'int' and 'str': arithmetic was meant, so convert the text operand."""
    shape = re.search(r"for ([^:]+): '(\w+)' and '(\w+)'", msg)
    if not shape or "str" not in shape.group(2, 3) or not ({"int", "float"} & set(shape.group(2, 3))):
        return None
    number = "float" if "float" in shape.group(2, 3) else "int"
    for node in nodes_on_line(tree, line):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sum" and node.args \
                and isinstance(node.args[0], ast.Name) and _split_input(tree, node.args[0].id, line) is not None:
            value = _split_input(tree, node.args[0].id, line)
            new = f"list(map({number}, {segment(code, value)}))"
            return Finding(f"`{node.args[0].id}` holds the words of `{segment(code, value)}` - text, not numbers - "
                           f"so `{segment(code, node)}` on line {line} cannot add them up.",
                           f"Convert every item when you read them: `{node.args[0].id} = {new}`.",
                           fixed_code=replace_node(code, value, new), confidence=0.88)
    text_on_left = shape.group(2) == "str"
    symbol = shape.group(1).strip().rstrip("=")
    candidates = sorted((n for n in nodes_on_line(tree, line) if isinstance(n, (ast.BinOp, ast.AugAssign))
                         and _OPS.get(type(n.op)) == symbol),
                        key=lambda n: (n.end_lineno or 0, n.end_col_offset or 0))   # the first to run fails first
    for node in candidates:
        if isinstance(node, ast.AugAssign) and text_on_left:
            continue
        left = node.target if isinstance(node, ast.AugAssign) else node.left
        right = node.value if isinstance(node, ast.AugAssign) else node.right
        text_side, number_side = (left, right) if text_on_left else (right, left)
        if _is_text(text_side) or _is_text(number_side):
            if symbol != "+" or _is_text(number_side):
                continue
            shown = segment(code, number_side)   # building a message: every number in it becomes text
            chain = max((c for c in candidates if isinstance(c, ast.BinOp) and _inside(node, c)),
                        key=lambda c: len(segment(code, c)))
            parts = [segment(code, p) if _is_text(p) else f"str({segment(code, p)})" for p in _leaves(chain)]
            return Finding(f"Line {line} builds text with `+`, but `{shown}` is a number; `+` cannot join a number "
                           "to a string.", f"Convert it: `str({shown})` (and every other number in the message), "
                           "or write the whole line as an f-string.",
                           fixed_code=replace_node(code, chain, " + ".join(parts)), confidence=0.9)
        text = segment(code, text_side)
        return Finding(f"On line {line}, `{text}` holds text (a str) while the other side is a number, so "
                       f"`{shape.group(1).strip()}` cannot combine them. Text read from input() or a file stays "
                       "text until you convert it.",
                       f"Convert it to a number: `{number}({text})` (best where the value is first read).",
                       fixed_code=replace_node(code, text_side, f"{number}({text})"), confidence=0.85)
    return None


def _inside(inner: ast.AST, outer: ast.AST) -> bool:
    return any(n is inner for n in ast.walk(outer))


def _leaves(node: ast.AST) -> list[ast.AST]:
    """The operands of a chain of `+` (`a + b + c` -> [a, b, c])."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _leaves(node.left) + _leaves(node.right)
    return [node]


def _is_text(node: ast.AST) -> bool:
    """A string literal, an f-string, or a `+` chain that contains one (a message being built)."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (_is_text(node.left)
                                                                          or _is_text(node.right))


def sequence_times_text(code, tree, line, msg) -> Finding | None:
    """`price * qty` with qty text: "can't multiply sequence by non-int of type 'str'" (or 'float')."""
    kind = re.search(r"non-int of type '(\w+)'", msg)
    for node in nodes_on_line(tree, line):
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.Mult):
            right = node.value if isinstance(node, ast.AugAssign) else node.right
            left = node.target if isinstance(node, ast.AugAssign) else node.left
            wrap = "int" if kind and kind.group(1) == "float" else "float"
            if kind and kind.group(1) == "str":
                new = f"float({segment(code, left)}) * int({segment(code, right)})" \
                    if not isinstance(node, ast.AugAssign) else None
                if new is None:
                    continue
                return Finding(f"Line {line} multiplies text: `{segment(code, right)}` is a str (and "
                               f"`{segment(code, left)}` is a string or list), so `*` repeats instead of "
                               "multiplying and cannot take a text count.",
                               f"Convert both to numbers: `{new}` (or convert each where it is read).",
                               fixed_code=replace_node(code, node, new), confidence=0.85)
            text_number = _number_held_as_text(tree, left, line)
            if kind and kind.group(1) == "float" and text_number is not None:   # '5' * 1.2: the text is the bug
                new = f"float({segment(code, left)})"
                return Finding(f"`{segment(code, left)}` holds text ({text_number}), so line {line} tries to repeat a "
                               "string instead of multiplying a number.",
                               f"Convert it to a number: `{new} * {segment(code, right)}`.",
                               fixed_code=replace_node(code, left, new), confidence=0.86)
            return Finding(f"Line {line} multiplies a string or list by a {kind.group(1) if kind else 'non-int'}; "
                           "repetition needs a whole number.",
                           f"Convert the count: `{segment(code, left)} * {wrap}({segment(code, right)})`"
                           if wrap == "int" else "Convert the text to a number first.",
                           fixed_code=replace_node(code, right, f"int({segment(code, right)})") if wrap == "int"
                           else None, confidence=0.8)
    return None


def _number_held_as_text(tree, node, line: int) -> str | None:
    """Where a name got its text: a number written in quotes ('5') or input()."""
    if not isinstance(node, ast.Name):
        return None
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.Assign) and stmt.lineno < line and len(stmt.targets) == 1 \
                and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == node.id:
            value = stmt.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str) \
                    and value.value.strip().replace(".", "", 1).isdigit():
                return f"the number written in quotes, {value.value!r}"
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "input":
                return "what input() returned"
    return None


def example_value(func, param: str) -> str | None:
    """A value of the kind the function uses `param` as: text it joins to strings, or a number it computes with."""
    for node in ast.walk(func):
        if isinstance(node, ast.BinOp) and any(isinstance(s, ast.Name) and s.id == param
                                               for s in (node.left, node.right)):
            other = node.right if isinstance(node.left, ast.Name) and node.left.id == param else node.left
            if _is_text(other) or (isinstance(other, ast.Call) and isinstance(other.func, ast.Name)
                                   and other.func.id in ("str", "input")):
                return '"Sam"'
            if (isinstance(other, ast.Constant) and isinstance(other.value, (int, float))) \
                    or not isinstance(node.op, ast.Add):   # only + also joins text; - * / ** % need numbers
                return "3"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
                and any(isinstance(a, ast.Name) and a.id == param for a in node.args):
            return "3"
    return None
