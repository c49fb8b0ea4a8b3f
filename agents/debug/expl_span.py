"""An off-by-one loop found from the span the student states: "1 to 5", "from 1 to 20", "1+2+3+4",
"between 1 and 10". When a `for ... in range(...)` whose bounds are known (literals, or names assigned a literal)
covers that span shifted or cut by one at an end, the fix is the range that states the intent,
`range(1, n + 1)` written with the program's own names. A counting `while` loop (`i = 1`, `while i < 10:`,
`i += 1`) that stops one short of the span, or of the number the student says it should include / reach
("should include 1 but it stops at 2"), gets the comparison that includes it (`<=`, `>=`)."""
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
    reach = _mentioned(question) if _REACH.search(question or "") else set()
    if not (spans or reach) or tree is None:
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
        # "it never reaches 10": the stop value itself, named as what the loop should include
        for a, b in spans + [(start, x) for x in sorted(reach) if x == stop and start < x]:
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


_REACH = re.compile(r"\b(includ\w*|reach\w*|stops? (at|before)|missing|never|skip\w*|up to|until|through|last|"
                    r"forgot\w*|leaves? out|left out|(does ?n[o']t|won'?t) (show|print|get|go))\b", re.I)
_FLIP = {ast.Lt: ("<=", 1), ast.Gt: (">=", -1)}


def _counting_while(loop: ast.While, block: list, constants) -> tuple[str, int, int, int, ast.Compare] | None:
    """(name, first value, last value, step, test) of `name = s` ... `while name < / > end:` stepping by +-1."""
    test = loop.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _FLIP
            and isinstance(test.left, ast.Name)):
        return None
    name = test.left.id
    end = _value(test.comparators[0], constants)
    steps = [n for n in ast.walk(loop) if isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name)
             and n.target.id == name and isinstance(n.value, ast.Constant) and n.value.value == 1
             and isinstance(n.op, (ast.Add, ast.Sub))]
    starts = [s for s in block[:block.index(loop)] if isinstance(s, ast.Assign) and len(s.targets) == 1
              and isinstance(s.targets[0], ast.Name) and s.targets[0].id == name]
    if end is None or len(steps) != 1 or not starts:
        return None
    first = _value(starts[-1].value, constants)
    step = 1 if isinstance(steps[0].op, ast.Add) else -1
    _, direction = _FLIP[type(test.ops[0])]
    if first is None or step != direction:
        return None
    return name, first, end - step, step, test


def _mentioned(question: str) -> set[int]:
    return {int(n) for n in re.findall(r"(?<![\d.])-?\d+(?![\d.])", question or "")}


def while_span(code: str, tree, question: str) -> list[Finding]:
    if tree is None:
        return []
    spans = _spans(question)
    reach = _mentioned(question) if _REACH.search(question or "") else set()
    constants = _constants(tree)
    found = []
    for parent in ast.walk(tree):
        block = getattr(parent, "body", None)
        if not isinstance(block, list):
            continue
        for loop in (s for s in block if isinstance(s, ast.While)):
            shape = _counting_while(loop, block, constants)
            if shape is None:
                continue
            name, first, last, step, test = shape
            beyond = last + step
            wanted = any(lo <= beyond <= hi and first in (lo, hi) and (min(first, last), max(first, last)) != (lo, hi)
                         for lo, hi in spans) or beyond in reach
            if not wanted:
                continue
            op, _ = _FLIP[type(test.ops[0])]
            new = f"{name} {op} {segment(code, test.comparators[0])}"
            fixed = replace_node(code, test, new)
            found.append(Finding(
                f"`while {segment(code, test)}:` on line {loop.lineno} stops as soon as `{name}` reaches "
                f"{beyond}, so the last value the loop runs with is {last}: {beyond} itself is never used.",
                f"Let the loop run for {beyond} too: Line {loop.lineno} becomes: `while {new}:`",
                fixed_code=fixed if compiles(fixed) else None, confidence=0.88, line=loop.lineno,
                title="Off-by-one range", topic="loops"))
    return found
