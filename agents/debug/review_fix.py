"""The student's own rewrite for a reviewer finding, never a rule's documentation example.

A reviewer suggestion whose code names nothing of the student's program (ruff's "Use instead:" model rewrite,
`foo = {"bar": 1, ...}`) is documentation, not the student's fix: foreign() tells, and own_rewrite() derives the
rewrite from the student's line where the finding's shape allows (a dict literal with a repeated key keeps one
entry per key).
"""
from __future__ import annotations

import ast
import builtins
import re

from pitfalls.ast_tools import compiles, parse, replace_node, segment

_PLACEHOLDERS = {"foo", "bar", "baz", "qux", "spam", "eggs"}


def _names(text: str) -> set[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set(re.findall(r"[A-Za-z_]\w*", text))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.arg):
            found.add(node.arg)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            found.add(node.value)
    return found - set(dir(builtins))


def foreign(suggested_code: str, code: str) -> str:
    """"doc" for a documentation example (placeholder names like foo/bar that the student's program does not use),
    "template" for a generic pattern naming nothing of the student's program, "" for a rewrite of their code."""
    names = _names(suggested_code)
    if not names:
        return ""
    own = set(re.findall(r"[A-Za-z_]\w*", code))
    if names & _PLACEHOLDERS - own:
        return "doc"
    return "" if names & own else "template"


# ruff's terse F601 text ("Dictionary key literal `"a"` repeated") or the code review's own wording of it.
_REPEATED_KEY = re.compile(r"key (?:literal )?`(.+?)` repeated|The key (.+?) appears twice")


def repeated_key_name(message: str) -> str | None:
    """The key a repeated-dict-key finding names, as written in the code, or None for any other finding."""
    found = _REPEATED_KEY.search(message or "")
    return (found.group(1) or found.group(2)) if found else None


def own_rewrite(message: str, code: str, line: int) -> tuple[str, str] | None:
    """(the rewritten text, the fixed program) derived from the student's own line, or None."""
    repeated = repeated_key_name(message)
    tree = parse(code)
    if repeated is None or tree is None:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or not node.lineno <= line <= (node.end_lineno or node.lineno):
            continue
        seen, pairs = set(), []
        for key, value in zip(node.keys, node.values):
            text = segment(code, key) if key is not None else None
            if text is not None and text in seen:
                continue
            if text is not None:
                seen.add(text)
            pairs.append(f"{text}: {segment(code, value)}" if text is not None else f"**{segment(code, value)}")
        if len(pairs) == len(node.keys):
            continue
        new = "{" + ", ".join(pairs) + "}"
        fixed = replace_node(code, node, new)
        if compiles(fixed):
            return new, fixed
    return None


def splice(fragment: str, code: str, line: int) -> str | None:
    """A reviewer's one-expression rewrite (`range(4)`) put into the student's whole line (`for i in range(4):`):
    the expression of that line with the same callee (or the same source shape) is replaced. None when there is
    no such expression or the fragment is already a whole statement."""
    rows = code.split("\n")
    if not 1 <= line <= len(rows):
        return None
    try:
        new = ast.parse(fragment.strip(), mode="eval").body
    except SyntaxError:
        return None
    row = rows[line - 1]
    stripped = row.strip()
    if stripped == fragment.strip():
        return None
    head = stripped + ("\n    pass" if stripped.endswith(":") else "")
    try:
        tree = ast.parse(head)
    except SyntaxError:
        return None
    callee = ast.unparse(new.func) if isinstance(new, ast.Call) else None
    for node in ast.walk(tree):
        if node is new or not isinstance(node, ast.expr) or isinstance(node, ast.Name):
            continue
        same = (callee is not None and isinstance(node, ast.Call) and ast.unparse(node.func) == callee) or \
            (callee is None and type(node) is type(new) and not isinstance(node, ast.Constant))
        if same and node.lineno == 1:
            start, end = node.col_offset, node.end_col_offset
            whole = stripped[:start] + fragment.strip() + stripped[end:]
            return whole if whole != stripped else None
    return None


def repeated_key_cause(code: str, line: int, key: str | None = None) -> str | None:
    """Why a dict literal with a repeated key holds the later value, in words about the student's dict: the later
    entry replaces the earlier one (no error), so the earlier value is lost. None when there is no such dict."""
    tree = parse(code)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict) or not node.lineno <= line <= (node.end_lineno or node.lineno):
            continue
        entries: dict[str, list[str]] = {}
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant):
                entries.setdefault(segment(code, k), []).append(segment(code, v))
        twice = [(k, vals) for k, vals in entries.items() if len(vals) > 1 and (key is None or k == key)]
        if not twice:
            continue
        k, vals = twice[0]
        return (f"The later entry `{k}: {vals[-1]}` replaces (overwrites) the earlier `{k}: {vals[0]}` in the dict "
                f"on line {node.lineno}: a dict keeps ONE value per key, so a key written {len(vals)} times keeps only "
                f"its last value, without any error, and {k} gives {vals[-1]}.")
    return None
