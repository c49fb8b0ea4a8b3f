"""TypeError "'str'/'tuple' object does not support item assignment": the immutable value, and the concrete
rewrite (a new string built around the changed character, or the tuple turned into a list first)."""
from __future__ import annotations

import ast

from pitfalls.ast_tools import Finding, replace_line, replace_node, segment, statement_at


def item_assignment(code, tree, line, kind) -> Finding:
    stmt = statement_at(tree, line)
    fixed = None
    if kind == "str" and isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            and isinstance(stmt.targets[0], ast.Subscript) and isinstance(stmt.targets[0].value, ast.Name) \
            and isinstance(stmt.targets[0].slice, ast.Constant) and isinstance(stmt.targets[0].slice.value, int):
        name, i = stmt.targets[0].value.id, stmt.targets[0].slice.value
        value = segment(code, stmt.value)
        head = f"{name}[:{i}] + " if i else ""
        fixed = replace_node(code, stmt, f"{name} = {head}{value} + {name}[{i + 1}:]")
        target = f"`{name}[{i}]`"
    else:
        target = "an item"
    if kind == "str":
        return Finding(f"Line {line} tries to change {target} of a string, but strings are immutable: their "
                       "characters can never be changed in place.",
                       "Build a new string instead, e.g. `word = 'b' + word[1:]`, or convert to a list, change it, "
                       "and `''.join(...)` it back.", fixed_code=fixed, confidence=0.92)
    fixed, fix = None, "Use a list if the items must change (`items = list(items)`), or build a new tuple."
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Subscript) \
            and isinstance(stmt.targets[0].value, ast.Name) and stmt.lineno == stmt.end_lineno:
        name = stmt.targets[0].value.id
        row = code.split("\n")[stmt.lineno - 1]
        indent = row[: len(row) - len(row.lstrip())]
        fixed = replace_line(code, stmt.lineno, f"{indent}{name} = list({name})\n{row}")
        fix = (f"Turn `{name}` into a list before changing it: add `{name} = list({name})` above line {line} "
               f"(or build a new tuple, e.g. `{name} = (new_value,) + {name}[1:]`).")
    return Finding(f"Line {line} tries to change an item of a tuple, but tuples are immutable.", fix,
                   fixed_code=fixed, confidence=0.9)
