"""Repair-search candidates about whole lines (split out of mutations.py): an `if` that should continue the
ladder above it (`elif`), a print that should stay on one line, a range that should include its end, input
words that should be numbers."""
from __future__ import annotations

import ast

from agents.debug.mutations import _bodies, _loops, _replace, _segment


def ladder_and_line_edits(code, tree, add) -> None:
    """An `if` right after another `if` that should continue its ladder (`elif`), and a print inside a loop
    that should keep the output on one line (`end=""` / `end=" "`)."""
    rows = code.split("\n")
    for block, _ in _bodies(tree):
        for before, node in zip(block, block[1:]):
            if isinstance(before, ast.If) and isinstance(node, ast.If):
                row = rows[node.lineno - 1]
                head = row[node.col_offset:]
                if head.startswith("if "):
                    add("\n".join(rows[: node.lineno - 1] + [row[: node.col_offset] + "el" + head]
                                  + rows[node.lineno:]), node.lineno, "write `elif` instead of `if`, so this test "
                        "only runs when the one above was False")
    for node in ast.walk(tree):   # `range(n)` that should include n; `input().split()` that should be numbers
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "range" and node.args \
                and isinstance(node.args[-1], ast.Name) and len(node.args) <= 2:
            stop = node.args[-1].id
            # `range(1, n + 1)` states the intent (1..n) and gives the same sum or count: tried first unless the
            # loop variable indexes something (then 0 is a real index)
            single = [f"range(1, {stop} + 1)", f"range({stop} + 1)"]
            if _indexes_with_target(tree, node):
                single.reverse()
            for new in (single if len(node.args) == 1 else [f"range({_segment(code, node.args[0])}, {stop} + 1)"]):
                same = f" (for a sum the same as `range({stop} + 1)`: adding 0 changes nothing)" \
                    if new.startswith("range(1, ") and _sums_target(tree, node) else ""
                add(_replace(code, node, new), node.lineno, f"write `{new}` so {stop} itself is included{same}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Call) and getattr(node.func.value.func, "id", "") == "input":
            text = _segment(code, node)
            if text:
                new = f"list(map(int, {text}))"
                add(_replace(code, node, new), node.lineno, f"write `{new}` so the words become numbers")
    for node in ast.walk(tree):   # `continue` where the loop should stop, and the other way round
        if isinstance(node, (ast.Continue, ast.Break)):
            row = rows[node.lineno - 1]
            old_word, new_word = ("continue", "break") if isinstance(node, ast.Continue) else ("break", "continue")
            if row[node.col_offset:].startswith(old_word):
                add("\n".join(rows[: node.lineno - 1] + [row[: node.col_offset] + new_word
                                                         + row[node.col_offset + len(old_word):]] + rows[node.lineno:]),
                    node.lineno, f"write `{new_word}` instead of `{old_word}`")
    for node in ast.walk(tree):   # a True/False keyword the other way round (`sort(reverse=True)`)
        if isinstance(node, ast.keyword) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, bool):
            old_kw = _segment(code, node)
            if old_kw:
                new_kw = f"{node.arg}={not node.value.value}"
                add(_replace(code, node, new_kw), node.value.lineno, f"write `{new_kw}` instead of `{old_kw}`")
    for node in ast.walk(tree):   # a constant term too many: `total / n - 1` -> `total / n`
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) \
                and isinstance(node.right, ast.Constant) and isinstance(node.right.value, (int, float)) \
                and not isinstance(node.left, ast.Constant):
            left = _segment(code, node.left)
            if left:
                add(_replace(code, node, left), node.lineno, f"drop `{_segment(code, node)[len(left):].strip()}`: "
                    f"write `{left}`")
    for node in ast.walk(tree):   # two texts glued together with no space between them
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) \
                and all(isinstance(side, (ast.Name, ast.Constant, ast.Subscript)) for side in (node.left, node.right)) \
                and not any(isinstance(side, ast.Constant) and not isinstance(side.value, str)
                            for side in (node.left, node.right)):
            left, right = _segment(code, node.left), _segment(code, node.right)
            if left and right:
                new = _replace(code, node, f'{left} + " " + {right}')
                add(new, node.lineno, f'write `{left} + " " + {right}` so a space separates them')
    for loop in _loops(tree):
        for node in ast.walk(loop):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print" \
                    and not node.keywords and node.lineno == node.end_lineno:
                for end in ('""', '" "'):
                    row = rows[node.lineno - 1]
                    text = _segment(code, node)
                    if text and text in row:
                        new_call = text[:-1] + (", " if node.args else "") + f"end={end})"
                        add("\n".join(rows[: node.lineno - 1] + [row.replace(text, new_call, 1)]
                                      + rows[node.lineno:]), node.lineno,
                            f"write `{new_call}` so the loop prints on one line")


def _indexes_with_target(tree, call) -> bool:
    """Is `call` the range of a `for` whose variable is used as an index (`xs[i]`)?"""
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For) and loop.iter is call and isinstance(loop.target, ast.Name):
            return any(isinstance(n, ast.Subscript) and any(isinstance(x, ast.Name) and x.id == loop.target.id
                                                           for x in ast.walk(n.slice)) for n in ast.walk(loop))
    return False


def _sums_target(tree, call) -> bool:
    """Is `call` the range of a `for` whose body adds its variable to a total (`total += i`)?"""
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For) and loop.iter is call and isinstance(loop.target, ast.Name):
            return any(isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add) and isinstance(n.value, ast.Name)
                       and n.value.id == loop.target.id for n in ast.walk(loop))
    return False
