"""An off-by-one range found from the span the student states: "1 to 5", "from 1 to 20", "1+2+3+4",
"between 1 and 10". When a `for ... in range(...)` whose bounds are known (literals, or names assigned a literal)
covers that span shifted or cut by one at an end, the fix is the range that states the intent,
`range(1, n + 1)` written with the program's own names."""
from __future__ import annotations

import ast
import re

from pitfalls.ast_tools import Finding, compiles, replace_node, segment

_SPAN = re.compile(r"\b(?:from\s+)?(-?\d+)\s*(?:to|through|thru|till|until|-|\.\.\.?|…)\s*(-?\d+)\b|"
                   r"\bbetween\s+(-?\d+)\s+and\s+(-?\d+)\b", re.I)
_SUM_CHAIN = re.compile(r"\b(\d+)\s*[+*]\s*\d+\s*[+*](?:\s*\d+\s*[+*])*\s*(\d+)\b")


def _spans(question: str) -> list[tuple[int, int]]:
    q = question or ""
    out = []
    for m in _SPAN.finditer(q):
        a, b = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        out.append((int(a), int(b)))
    out += [(int(m.group(1)), int(m.group(2))) for m in _SUM_CHAIN.finditer(q)]
    return [(a, b) for a, b in out if a < b and b - a < 10_000]


def _constants(tree) -> dict[str, int]:
    """Names assigned exactly once in the program, to an int literal."""
    seen: dict[str, list] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            seen.setdefault(node.id, []).append(node)
    out = {}
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Constant) and type(stmt.value.value) is int \
                and len(seen.get(stmt.targets[0].id, [])) == 1:
            out[stmt.targets[0].id] = stmt.value.value
    return out


def _value(node, constants) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        left, right = _value(node.left, constants), _value(node.right, constants)
        if left is not None and right is not None:
            return left + right if isinstance(node.op, ast.Add) else left - right
    return None


def _bound_text(code: str, node, wanted: int, constants) -> str:
    """The program's own expression for `wanted` (the name or literal it already uses, plus/minus 1)."""
    base = node.left if isinstance(node, ast.BinOp) else node
    have = _value(base, constants)
    if have is None or isinstance(base, ast.Constant):
        return str(wanted)
    text = segment(code, base)
    return text if have == wanted else f"{text} + {wanted - have}" if wanted > have else f"{text} - {have - wanted}"


def stated_span(code: str, tree, question: str) -> list[Finding]:
    spans = _spans(question)
    if not spans or tree is None:
        return []
    constants = _constants(tree)
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, ast.For)):
        call = loop.iter
        if not (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "range" and 1 <= len(call.args) <= 2):
            continue
        start_node = call.args[0] if len(call.args) == 2 else None
        stop_node = call.args[-1]
        start = _value(start_node, constants) if start_node is not None else 0
        stop = _value(stop_node, constants)
        if start is None or stop is None:
            continue
        for a, b in spans:
            if (start, stop) == (a, b + 1) or abs(start - a) > 1 or abs(stop - (b + 1)) > 1:
                continue
            stop_text = _bound_text(code, stop_node, b + 1, constants)
            new = f"range({stop_text})" if a == 0 else f"range({a}, {stop_text})"
            fixed = replace_node(code, call, new)
            covered = f"{start} to {stop - 1}"
            found.append(Finding(
                f"`{segment(code, call)}` on line {loop.lineno} gives {covered}: a range starts at its first "
                f"number and stops BEFORE its end, so it never reaches {b} the way you want {a} to {b}.",
                f"Write the range from {a} up to one past {b}: Line {loop.lineno} becomes: "
                f"`{code.split(chr(10))[loop.lineno - 1].strip().replace(segment(code, call), new, 1)}`",
                fixed_code=fixed if compiles(fixed) else None, confidence=0.9, line=loop.lineno,
                title="Off-by-one range", topic="loops"))
            break
    return found
