"""What counts as a *concrete* fix, for every debug evaluation (one definition, used by all of them).

Strict: the answer either
  (a) offers a corrected program whose difference from the original touches the error line (within two
      lines, or inside the function that contains it) - a changed line/code block, not a copy; or
  (b) names a specific edit: a code span (`...` or a ``` block) in the explanation that is not already in the
      student's code and uses at least one of the error line's own identifiers (e.g. "write `range(len(xs))`").
Generic advice ("check your indexes", "use try/except") is neither.
"""
from __future__ import annotations

import ast
import difflib
import keyword
import re

_SPAN = re.compile(r"```(?:python)?\n(.*?)```|`([^`\n]{3,200})`", re.S)


def _changed_lines(code: str, fixed: str) -> set[int]:
    """1-based lines of `code` that the fix replaces or inserts next to."""
    out: set[int] = set()
    matcher = difflib.SequenceMatcher(a=code.split("\n"), b=fixed.split("\n"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            out.update(range(i1 + 1, max(i1 + 1, i2) + 1))
    return out


def _function_span(code: str, line: int) -> tuple[int, int] | None:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= node.end_lineno:
            if best is None or node.lineno > best[0]:
                best = (node.lineno, node.end_lineno)
    return best


def program_fix(code: str, fixed: str | None, line: int | None) -> bool:
    if not fixed or fixed.strip() == code.strip() or not line:
        return False
    changed = _changed_lines(code, fixed)
    if any(abs(c - line) <= 2 for c in changed):
        return True
    span = _function_span(code, line)
    return bool(span and any(span[0] <= c <= span[1] for c in changed))


def _identifiers(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z_]\w*", text) if len(w) > 1 and not keyword.iskeyword(w)}


def specific_edit(code: str, text: str, line: int | None) -> bool:
    rows = code.split("\n")
    if not line or not 1 <= line <= len(rows):
        return False
    own = _identifiers(rows[line - 1])
    squashed = re.sub(r"\s+", "", code)
    for block, inline in _SPAN.findall(text or ""):
        span = (block or inline).strip()
        if len(span) < 3 or re.sub(r"\s+", "", span) in squashed:
            continue
        if own & _identifiers(span):
            return True
    return False


def concrete(code: str, fixed: str | None, text: str, line: int | None) -> bool:
    return program_fix(code, fixed, line) or specific_edit(code, text, line)
