"""Silent-bug rules the shared pitfalls/ package lacks, used only by the debug explainer. Each returns
Findings with the line and a fixed program (checked to compile by the explainer):
  step_after_loop        - the counter a `while` waits for is changed on the line after the loop, not in it
  local_shadows_global   - a function assigns a module-level name without `global`, so the module's value
                           never changes
  shallow_copy_of_rows   - copy.copy / .copy() / [:] / list() of a list of lists, then a row item is changed
  text_ordered_as_number - input() text compared with <, > against a number written as text ("12" < "9")
  ladder_without_elif    - `if x >= 90: g = "A"` then `if x >= 80: g = "B"`: the second test overwrites the first
  while_stops_one_short  - `while i < len(xs) - 1:` reading `xs[i]`: the last item is never reached
(a variable's name written inside a string literal: agents/debug/silent_text.py)
"""
from __future__ import annotations

import ast

from pitfalls.ast_tools import Finding, compiles, names_in, replace_node, segment, stored_names


def _loop_exits_only_on_break(loop: ast.While, names: set[str]) -> bool:
    return bool(names) and not (names & stored_names(loop.body))


def step_after_loop(code: str, tree) -> list[Finding]:
    found = []
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        if not isinstance(body, list):
            continue
        for index, loop in enumerate(body[:-1]):
            if not isinstance(loop, ast.While):
                continue
            after = body[index + 1]
            names = names_in(loop.test) - {"True", "False"}
            if not (isinstance(after, ast.AugAssign) and isinstance(after.target, ast.Name)
                    and after.target.id in names and _loop_exits_only_on_break(loop, names)):
                continue
            rows = code.split("\n")
            indent = " " * loop.body[-1].col_offset
            rows[after.lineno - 1] = indent + rows[after.lineno - 1].strip()
            fixed = "\n".join(rows)
            text = segment(code, after)
            found.append(Finding(
                f"`{text}` on line {after.lineno} is after the loop, not inside it: the loop `while "
                f"{segment(code, loop.test)}:` (line {loop.lineno}) never changes `{after.target.id}`, so it only "
                "stops on a `break` and runs forever otherwise.",
                f"Indent line {after.lineno} into the loop body so it runs every round.",
                fixed_code=fixed if compiles(fixed) else None, confidence=0.9, line=after.lineno,
                title="Step outside the loop", topic="loops"))
    return found


def local_shadows_global(code: str, tree) -> list[Finding]:
    module_names = {t.id for s in tree.body if isinstance(s, (ast.Assign, ast.AugAssign))
                    for t in (s.targets if isinstance(s, ast.Assign) else [s.target]) if isinstance(t, ast.Name)}
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    found = []
    for func in (s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name in called):
        declared = {name for n in ast.walk(func) if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}
        params = {a.arg for a in func.args.args + func.args.kwonlyargs}
        returned = {n.id for r in ast.walk(func) if isinstance(r, ast.Return) and r.value is not None
                    for n in ast.walk(r.value) if isinstance(n, ast.Name)}
        for stmt in ast.walk(func):
            if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                continue
            name = stmt.targets[0].id
            if name not in module_names or name in declared | params | returned:
                continue
            rows = code.split("\n")
            first = func.body[0]
            rows.insert(first.lineno - 1, " " * first.col_offset + f"global {name}")
            fixed = "\n".join(rows)
            found.append(Finding(
                f"Line {stmt.lineno} assigns `{name}` inside `{func.name}()`, which makes a new local `{name}` "
                f"there; the `{name}` outside the function never changes.",
                f"Return the new value and assign it where you call the function (`{name} = {func.name}()` with "
                f"`return {name}` at the end), or declare `global {name}` as the first line of `{func.name}()`.",
                fixed_code=fixed if compiles(fixed) else None, confidence=0.78, line=stmt.lineno,
                title="Assignment makes a local variable", topic="functions"))
            break
    return found


def _rows_lists(tree) -> set[str]:
    """Names assigned a list written out with lists inside ([[1, 2], [3, 4]])."""
    return {s.targets[0].id for s in ast.walk(tree) if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.List) and s.value.elts
            and all(isinstance(e, ast.List) for e in s.value.elts)}


def _shallow_source(node) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "copy" and isinstance(func.value, ast.Name) \
                and func.value.id == "copy" and node.args and isinstance(node.args[0], ast.Name):
            return node.args[0].id
        if isinstance(func, ast.Attribute) and func.attr == "copy" and isinstance(func.value, ast.Name) and not node.args:
            return func.value.id
        if isinstance(func, ast.Name) and func.id == "list" and node.args and isinstance(node.args[0], ast.Name):
            return node.args[0].id
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Slice) \
            and node.slice.lower is None and node.slice.upper is None:
        return node.value.id
    return None


def shallow_copy_of_rows(code: str, tree) -> list[Finding]:
    nested = _rows_lists(tree)
    row_item_set = {t.value.value.id for s in ast.walk(tree) if isinstance(s, (ast.Assign, ast.AugAssign))
                    for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
                    if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Subscript)
                    and isinstance(t.value.value, ast.Name)}
    found = []
    for stmt in ast.walk(tree):
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        source = _shallow_source(stmt.value)
        if source not in nested or not ({source, stmt.targets[0].id} & row_item_set):
            continue
        fixed = replace_node(code, stmt.value, f"copy.deepcopy({source})")
        if "import copy" not in fixed:
            fixed = "import copy\n" + fixed
        found.append(Finding(
            f"`{segment(code, stmt.value)}` on line {stmt.lineno} copies only the outer list: both lists still share "
            "the same inner rows, so changing an item of a row shows up in both.",
            f"Copy the rows too: `{stmt.targets[0].id} = copy.deepcopy({source})` (with `import copy`).",
            fixed_code=fixed if compiles(fixed) else None, confidence=0.86, line=stmt.lineno,
            title="Shallow copy shares the rows", topic="lists"))
    return found


def _raw_input_names(tree) -> dict[str, ast.Call]:
    out = {}
    for s in ast.walk(tree):
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
            value = s.value
            while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                    and value.func.attr in ("strip", "lower", "upper", "rstrip", "lstrip"):
                value = value.func.value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "input":
                out[s.targets[0].id] = value
    return out


def text_ordered_as_number(code: str, tree) -> list[Finding]:
    texts = _raw_input_names(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1
                and isinstance(node.ops[0], (ast.Lt, ast.Gt, ast.LtE, ast.GtE))):
            continue
        sides = [node.left, node.comparators[0]]
        name = next((s.id for s in sides if isinstance(s, ast.Name) and s.id in texts), None)
        digits = next((s for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)
                       and s.value.strip().lstrip("-").replace(".", "", 1).isdigit()), None)
        if name is None or digits is None:
            continue
        call = texts[name]
        number = digits.value.strip()
        fixed = replace_node(code, digits, number)
        fixed_tree = ast.parse(fixed) if compiles(fixed) else None
        if fixed_tree is not None:
            again = _raw_input_names(fixed_tree).get(name)
            fixed = replace_node(fixed, again, f"int({segment(fixed, again)})") if again is not None else None
        found.append(Finding(
            f"`{name}` holds the text input() returned, and line {node.lineno} compares it with the text "
            f"\"{number}\": text is compared letter by letter, so \"12\" < \"9\" is True.",
            f"Read a number and compare with a number: `{name} = int({segment(code, call)})` and "
            f"`{segment(code, node).replace(repr(digits.value), number).replace(chr(34) + digits.value + chr(34), number)}`.",
            fixed_code=fixed if fixed and compiles(fixed) else None, confidence=0.86, line=node.lineno,
            title="Numbers compared as text", topic="input-output"))
    return found


def _tested_names(test) -> set[str]:
    return {n.id for c in ast.walk(test) if isinstance(c, ast.Compare) for n in [c.left, *c.comparators]
            if isinstance(n, ast.Name)}


def _assigned_in(block) -> set[str]:
    return {t.id for s in block if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name)}


def ladder_without_elif(code: str, tree) -> list[Finding]:
    found = []
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        if not isinstance(body, list):
            continue
        for before, node in zip(body, body[1:]):
            if not (isinstance(before, ast.If) and isinstance(node, ast.If)):
                continue
            shared = _tested_names(before.test) & _tested_names(node.test)
            target = _assigned_in(before.body) & (_assigned_in(node.body) | _assigned_in(node.orelse))
            if not shared or not target:
                continue
            rows = code.split("\n")
            row = rows[node.lineno - 1]
            if not row[node.col_offset:].startswith("if "):
                continue
            rows[node.lineno - 1] = row[: node.col_offset] + "el" + row[node.col_offset:]
            fixed = "\n".join(rows)
            name = sorted(target)[0]
            found.append(Finding(
                f"Line {node.lineno} starts a new `if` instead of continuing the one on line {before.lineno}: both "
                f"test `{sorted(shared)[0]}` and set `{name}`, so when line {before.lineno} is True the second test "
                f"still runs and overwrites `{name}`.",
                f"Make it `elif` so it is only tested when line {before.lineno} was False.",
                fixed_code=fixed if compiles(fixed) else None, confidence=0.84, line=node.lineno,
                title="`if` that should be `elif`", topic="conditionals"))
    return found


def while_stops_one_short(code: str, tree) -> list[Finding]:
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, ast.While)):
        test = loop.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Lt)
                and isinstance(test.left, ast.Name) and isinstance(test.comparators[0], ast.BinOp)
                and isinstance(test.comparators[0].op, ast.Sub) and isinstance(test.comparators[0].right, ast.Constant)
                and test.comparators[0].right.value == 1 and isinstance(test.comparators[0].left, ast.Call)
                and getattr(test.comparators[0].left.func, "id", "") == "len" and test.comparators[0].left.args):
            continue
        seq = segment(code, test.comparators[0].left.args[0])
        index = test.left.id
        reads = any(isinstance(n, ast.Subscript) and segment(code, n.value) == seq and isinstance(n.slice, ast.Name)
                    and n.slice.id == index for n in ast.walk(loop))
        if not reads or any(isinstance(n, ast.Subscript) and isinstance(n.slice, ast.BinOp) for n in ast.walk(loop)):
            continue   # `xs[i + 1]` inside: stopping one short is on purpose
        new = f"{index} < len({seq})"
        found.append(Finding(f"`while {segment(code, test)}:` on line {loop.lineno} stops one item early: the last "
                             f"index of `{seq}` is len({seq}) - 1, and the loop ends before reading it.",
                             f"Loop while `{new}`.", fixed_code=_checked(replace_node(code, test, new)),
                             confidence=0.84, line=loop.lineno, title="Loop stops one item early", topic="loops"))
    return found


def _checked(fixed: str) -> str | None:
    return fixed if compiles(fixed) else None


ALL = (step_after_loop, local_shadows_global, shallow_copy_of_rows, text_ordered_as_number, ladder_without_elif,
       while_stops_one_short)
