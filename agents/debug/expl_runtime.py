"""Diagnosing runtime exceptions from the real exception, its message and the offending line of THIS code.

Each handler returns a Finding whose cause names the student's own variables and values when they can be
inferred statically (literal lengths, dict keys, defined names) and, where a safe mechanical edit exists, a
fixed program. Handlers never run code; the caller checks fixed programs compile.
"""
from __future__ import annotations

import ast
import re
import sys

from agents.debug.expl_code import (BUILTIN_NAMES, Finding, assignments_to, closest, defined_names, frame_field,
                                    dict_literal_keys, enclosing_function, functions, last_value, line_text,
                                    literal_length, nodes_on_line, plural, quoted, replace_line, replace_node,
                                    returns_value, segment, statement_at)

_IN_PLACE = {"sort", "append", "extend", "insert", "reverse", "remove", "clear", "update", "add", "shuffle"}
_COMMON_MODULES = {"math", "random", "os", "sys", "time", "json", "re", "datetime", "string", "collections",
                   "itertools", "functools", "statistics", "copy", "csv"}


def _subscripts(tree, line):
    return [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Subscript)]


def _why_none(code: str, tree, name: str, line: int | None) -> str | None:
    """Explain where a None value came from: `x = None`, `x = lst.sort()`, or a function without return."""
    value = last_value(tree, name, line)
    if value is None:
        return None
    if isinstance(value, ast.Constant) and value.value is None:
        return f"`{name}` was set to None on purpose (`{segment(code, value)}`) and never given a real value"
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in _IN_PLACE:
        return (f"`{name}` holds the result of `.{value.func.attr}()`, which changes the object in place and "
                f"returns None")
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        func = functions(tree).get(value.func.id)
        if func is not None and not returns_value(func):
            return (f"`{name}` comes from calling `{func.name}()`, and `{func.name}` has no `return <value>` "
                    f"(it may print its result instead), so it returns None")
        if func is not None:
            return f"`{name}` comes from `{func.name}()`, which returns None on at least one path"
    return None


def _none_receiver_fix(code: str, tree, name: str, line: int | None) -> str | None:
    """`lst = lst.sort()` -> `lst.sort()`; `x = y.sort()` -> `x = sorted(y)`."""
    for where, value in reversed(assignments_to(tree, name, line)):
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in _IN_PLACE:
            stmt = statement_at(tree, where)
            receiver = segment(code, value.func.value)
            if receiver == name:
                return replace_node(code, stmt, segment(code, value))
            if value.func.attr == "sort" and not value.args:
                kwargs = ", ".join(segment(code, k) for k in value.keywords)
                return replace_node(code, value, f"sorted({receiver}{', ' + kwargs if kwargs else ''})")
        break
    return None


def index_error(code, tree, line, msg) -> Finding:
    kind = "string" if "string" in msg else "tuple" if "tuple" in msg else "list"
    if "pop index out of range" in msg:
        calls = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == "pop" and n.args] if tree is not None else []
        if calls:
            arg = segment(code, calls[0].args[0])
            return Finding(f"`.pop({arg})` on line {line} treats `{arg}` as a POSITION, and there is no such position "
                           "in the list. If `" + arg + "` is a value you want to delete, `.remove()` is the method "
                           "for that.", f"Use `.remove({arg})` to delete by value, or make sure {arg} < len(list).",
                           confidence=0.8)
    if "pop from empty" in msg:
        return Finding(f"`.pop()` was called on an empty list on line {line}: there is nothing left to remove.",
                       "Check the list is not empty first: `if items: items.pop()`.", confidence=0.8)
    for node in _subscripts(tree, line):
        if not isinstance(node.value, ast.Name) or isinstance(node.slice, ast.Slice):
            continue
        name, index_src = node.value.id, segment(code, node.slice)
        index = node.slice
        size = literal_length(tree, name, line)
        func = enclosing_function(tree, line)
        # x[len(x)]: one past the end
        if isinstance(index, ast.Call) and isinstance(index.func, ast.Name) and index.func.id == "len" \
                and index.args and segment(code, index.args[0]) == name:
            return Finding(f"`{name}[{index_src}]` asks for position len({name}), but the last valid index is "
                           f"len({name}) - 1 because indexing starts at 0.",
                           f"Use `{name}[-1]` (or `{name}[len({name}) - 1]`) for the last item.",
                           fixed_code=replace_node(code, node.slice, "-1"), confidence=0.9)
        loop_fix = _off_by_one_loop(code, tree, line, name, index)
        if loop_fix is not None:
            return loop_fix
        if size is not None:
            valid = f"0..{size - 1}" if size else "none - it is empty"
            value = index.value if isinstance(index, ast.Constant) else None
            shown = f" (= {value})" if value is not None and str(value) != index_src else ""
            return Finding(f"`{name}` has {plural(size, 'item')}, so the valid indices are {valid}"
                           f"{f' (or -{size}..-1)' if size else ''}, but line {line} asks for "
                           f"`{name}[{index_src}]`{shown}.",
                           f"Use an index between 0 and {size - 1}, or check first: "
                           f"`if {index_src} < len({name}):`." if size else
                           f"Add items to `{name}` before reading them, or check `if {name}:` first.",
                           confidence=0.9)
        if func is not None and name in {a.arg for a in func.args.args}:
            return Finding(f"`{name}` is a parameter of `{func.name}()`, and `{name}[{index_src}]` fails when the "
                           f"function is called with a {kind} that is too short (for example empty).",
                           f"Handle short/empty input first, e.g. `if not {name}: return ...` at the start of "
                           f"`{func.name}`, or check `{index_src} < len({name})`.", confidence=0.75)
        return Finding(f"`{name}[{index_src}]` on line {line} uses a position that does not exist in `{name}` "
                       f"(valid positions are 0..len({name}) - 1).",
                       f"Print `len({name})` and `{index_src}` just before line {line} to see the mismatch; loop "
                       f"with `for item in {name}:` to avoid managing indices.", confidence=0.7)
    return Finding(f"A {kind} index on line {line} is outside the valid range 0..len - 1.",
                   "Check the length before indexing, and remember the last index is len - 1.", confidence=0.55)


def _off_by_one_loop(code, tree, line, name, index) -> Finding | None:
    """`for i in range(len(x) + 1)` / `range(1, len(x) + 1)` / `while i <= len(x)` around the failing index."""
    if not isinstance(index, (ast.Name, ast.BinOp)):
        return None
    loop_var = index.id if isinstance(index, ast.Name) else None
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and node.lineno < line <= node.end_lineno and isinstance(node.target, ast.Name) \
                and isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) \
                and node.iter.func.id == "range" and node.iter.args:
            stop = node.iter.args[1] if len(node.iter.args) > 1 else node.iter.args[0]
            if isinstance(stop, ast.BinOp) and isinstance(stop.op, ast.Add) and "len(" in segment(code, stop.left) \
                    and isinstance(stop.right, ast.Constant):
                return Finding(f"The loop on line {node.lineno} runs `{node.target.id}` up to "
                               f"`{segment(code, stop)} - 1`, one step past the last valid index of `{name}`.",
                               f"Loop to `{segment(code, stop.left)}` instead (range stops before its end).",
                               fixed_code=replace_node(code, stop, segment(code, stop.left)), confidence=0.9,
                               line=line)
            if isinstance(index, ast.BinOp) and isinstance(index.op, ast.Add) and loop_var is None \
                    and isinstance(index.left, ast.Name) and index.left.id == node.target.id \
                    and "len(" in segment(code, stop):
                return Finding(f"On the last round of the loop on line {node.lineno}, `{segment(code, index)}` is "
                               f"len({name}), one past the last valid index.",
                               f"Stop the loop one earlier: `range(len({name}) - 1)`.",
                               fixed_code=replace_node(code, stop, f"{segment(code, stop)} - 1"), confidence=0.85)
        if isinstance(node, ast.While) and node.lineno < line <= node.end_lineno and loop_var \
                and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 \
                and isinstance(node.test.ops[0], ast.LtE) and segment(code, node.test.left) == loop_var \
                and "len(" in segment(code, node.test.comparators[0]):
            fixed = replace_line(code, node.lineno, line_text(code, node.lineno).replace("<=", "<", 1))
            return Finding(f"The condition `{segment(code, node.test)}` on line {node.lineno} lets `{loop_var}` "
                           f"reach len({name}), one past the last valid index.",
                           "Use `<` instead of `<=` when comparing an index with a length.",
                           fixed_code=fixed, confidence=0.9, line=line)
    return None


def key_error(code, tree, line, msg) -> Finding:
    key = msg.strip()
    for node in _subscripts(tree, line):
        if not isinstance(node.value, ast.Name):
            continue
        name, key_src = node.value.id, segment(code, node.slice)
        keys = dict_literal_keys(tree, name, line)
        known = ""
        hint = ""
        if keys is not None:
            known = f" `{name}` only has the keys {', '.join(repr(k) for k in keys) or '(none - it is empty)'}."
            try:
                wanted = ast.literal_eval(key)
            except (ValueError, SyntaxError):
                wanted = key
            near = closest(str(wanted), [str(k) for k in keys], cutoff=0.7)
            if near is not None:
                hint = f" Did you mean {near!r}? Keys are case- and spelling-sensitive."
            elif isinstance(wanted, str) and wanted.isdigit() and int(wanted) in keys:
                hint = " The dict uses the NUMBER as key, but you looked up the TEXT; convert with int()."
        stmt = statement_at(tree, line)
        fixed = None
        if isinstance(stmt, ast.AugAssign) and stmt.target is node and isinstance(stmt.op, ast.Add):
            fixed = replace_node(code, stmt, f"{name}[{key_src}] = {name}.get({key_src}, 0) + "
                                             f"{segment(code, stmt.value)}")
            fix = f"Start missing keys at 0: `{name}[{key_src}] = {name}.get({key_src}, 0) + ...`."
        elif isinstance(node.ctx, ast.Load):
            fixed = replace_node(code, node, f"{name}.get({key_src})")
            fix = (f"Check first with `if {key_src} in {name}:` or use `{name}.get({key_src}, default)`, which "
                   "returns a default (None if you give none) instead of failing.")
        else:
            fix = f"Check the key exists with `if {key_src} in {name}:` before deleting or reading it."
        return Finding(f"Line {line} looks up the key {key} in `{name}`, but that key is not in the dictionary."
                       f"{known}{hint}", fix, fixed_code=fixed, confidence=0.9 if keys is not None else 0.8)
    return Finding(f"The key {key} was looked up in a dictionary on line {line}, but it is not there.",
                   "Check with `key in d` or use `d.get(key, default)`.", confidence=0.6)


def name_error(code, tree, line, msg) -> Finding:
    name = quoted(msg) or ""
    if "free variable" in msg or "cannot access" in msg:
        return unbound_local_error(code, tree, line, msg)
    defined = defined_names(tree) if tree is not None else set()
    suggestion = re.search(r"Did you mean: '([^']+)'", msg)
    near = suggestion.group(1) if suggestion else closest(name, defined | (BUILTIN_NAMES - {"_"}), cutoff=0.75)
    if name in _COMMON_MODULES or name in getattr(sys, "stdlib_module_names", ()) and name not in defined:
        return Finding(f"`{name}` is a module, but it was never imported, so the name does not exist yet.",
                       f"Add `import {name}` at the top of the file.", fixed_code=f"import {name}\n{code}",
                       confidence=0.9)
    later = [w for w, _ in assignments_to(tree, name)] if tree is not None else []
    funcs = functions(tree) if tree is not None else {}
    if later and min(later) > (line or 0):
        return Finding(f"`{name}` is used on line {line} but only gets its value on line {min(later)}; Python runs "
                       "top to bottom, so at line {line} it does not exist yet.".replace("{line}", str(line)),
                       f"Move the assignment to `{name}` above line {line}.", confidence=0.85)
    inside = [f for f in funcs.values() if name in {n.id for n in ast.walk(f) if isinstance(n, ast.Name)
                                                    and isinstance(n.ctx, ast.Store)} | {a.arg for a in f.args.args}]
    if inside and not enclosing_function(tree, line) in inside and name not in defined - _locals_of(inside):
        func = inside[0]
        return Finding(f"`{name}` exists only inside `{func.name}()` (it is a local variable there); line {line} "
                       "is outside that function, where the name is unknown.",
                       f"Return the value from `{func.name}` and store it: `{name} = {func.name}(...)`.",
                       confidence=0.8)
    if near and near != name:
        fixed = re.sub(rf"(?<![\w.]){re.escape(name)}(?!\w)", near, code) if name not in defined else \
            replace_line(code, line, re.sub(rf"(?<![\w.]){re.escape(name)}(?!\w)", near, line_text(code, line)))
        return Finding(f"`{name}` on line {line} was never defined. Did you mean `{near}`? Python names must be "
                       "spelled exactly the same everywhere (including upper/lower case).",
                       f"Rename `{name}` to `{near}`.", fixed_code=fixed, confidence=0.9)
    if name and name[0].isalpha() and line_text(code, line).count(name) and tree is not None:
        return Finding(f"`{name}` on line {line} is not defined anywhere in your code. If you meant the text "
                       f"'{name}', put it in quotes; if it is a variable, assign it before this line.",
                       f"Either write `'{name}'` (a string) or add `{name} = ...` above line {line}.",
                       confidence=0.7)
    return Finding(f"The name `{name}` is used on line {line} but was never created.",
                   "Assign it before use, fix its spelling, or import it.", confidence=0.6)


def _locals_of(funcs) -> set[str]:
    names = set()
    for f in funcs:
        names |= {n.id for n in ast.walk(f) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        names |= {a.arg for a in f.args.args}
    return names


def unbound_local_error(code, tree, line, msg) -> Finding:
    name = quoted(msg) or ""
    func = enclosing_function(tree, line) if tree is not None else None
    where = f"`{func.name}()`" if func else "the function"
    module_level = [w for w, _ in assignments_to(tree, name) if func is None or not func.lineno <= w <= func.end_lineno] \
        if tree is not None else []
    if func is not None and module_level:
        body_line = func.body[0]
        indent = " " * body_line.col_offset
        first = body_line.lineno
        if isinstance(body_line, ast.Expr) and isinstance(body_line.value, ast.Constant) and len(func.body) > 1:
            first = func.body[1].lineno
        rows = code.split("\n")
        fixed = "\n".join(rows[:first - 1] + [f"{indent}global {name}"] + rows[first - 1:])
        return Finding(f"{where} assigns to `{name}`, which makes `{name}` a LOCAL variable for the whole "
                       f"function - so on line {line} the local `{name}` has no value yet, even though a global "
                       f"`{name}` exists (line {module_level[0]}).",
                       f"Best: pass `{name}` in as a parameter and return the new value. Quick fix: add "
                       f"`global {name}` at the top of {where}.", fixed_code=fixed, confidence=0.9)
    if func is not None:
        branches = [n for n in ast.walk(func) if isinstance(n, (ast.If, ast.For, ast.While, ast.Try))
                    and any(isinstance(t, ast.Name) and t.id == name and isinstance(t.ctx, ast.Store)
                            for t in ast.walk(n)) and n.lineno < (line or 0)]
        if branches:
            kind = {ast.If: "an `if`", ast.For: "a `for` loop", ast.While: "a `while` loop",
                    ast.Try: "a `try` block"}[type(branches[0])]
            return Finding(f"`{name}` only gets a value inside {kind} (line {branches[0].lineno}); when that "
                           f"{'branch' if isinstance(branches[0], ast.If) else 'loop body'} does not run (e.g. the "
                           f"input is empty), `{name}` is still unassigned when line {line} reads it.",
                           f"Give `{name}` a starting value before line {branches[0].lineno}, or handle that case "
                           "separately.", confidence=0.85)
    return Finding(f"`{name}` is read on line {line} before it is assigned inside {where}.",
                   f"Assign `{name}` before reading it in {where}.", confidence=0.7)


def zero_division_error(code, tree, line, msg) -> Finding:
    divisions = [n for n in nodes_on_line(tree, line)
                 if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Div, ast.FloorDiv, ast.Mod))]
    for node in divisions:
        divisor = node.right
        if isinstance(divisor, ast.Call) and isinstance(divisor.func, ast.Name) and divisor.func.id == "len" \
                and divisor.args:
            seq = segment(code, divisor.args[0])
            size = literal_length(tree, seq, line) if isinstance(divisor.args[0], ast.Name) else None
            empty = f" (`{seq}` is an empty literal)" if size == 0 else ""
            return Finding(f"Line {line} divides by `len({seq})`, and `{seq}` is empty{empty}, so the length is 0.",
                           f"Guard the empty case: compute the division only `if {seq}:` and decide what the "
                           f"answer should be otherwise (the fixed version uses 0).",
                           fixed_code=replace_node(code, node, f"({segment(code, node)} if {seq} else 0)"),
                           confidence=0.9)
        if isinstance(divisor, ast.Constant):
            return Finding(f"Line {line} divides by the constant {divisor.value!r}.",
                           "Dividing by zero is undefined; use a non-zero divisor.", confidence=0.9)
        expr = segment(code, divisor)
        fixed = None
        if isinstance(divisor, (ast.Name, ast.Attribute, ast.Subscript)):
            fixed = replace_node(code, node, f"({segment(code, node)} if {expr} != 0 else 0)")
        return Finding(f"On line {line}, `{expr}` is 0 when `{segment(code, node)}` is computed.",
                       f"Check `if {expr} != 0:` before dividing, or find out why `{expr}` stayed 0 (a counter that "
                       "was never increased, empty input...).", fixed_code=fixed, confidence=0.8)
    return Finding(f"A division or modulo on line {line} has a divisor equal to 0.",
                   "Check the divisor before dividing.", confidence=0.6)


def recursion_error(code, tree, line, msg, frames=()) -> Finding:
    counts: dict[str, int] = {}
    for frame in frames or ():
        name = frame_field(frame, 1, "function")
        if name and name != "<module>":
            counts[name] = counts.get(name, 0) + 1
    funcs = functions(tree) if tree is not None else {}
    recursive = [f for f in funcs.values() if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                                                  and n.func.id == f.name for n in ast.walk(f))]
    if counts:
        top = max(counts, key=counts.get)
        recursive.sort(key=lambda f: f.name != top)
    if not recursive:
        func = enclosing_function(tree, line) if tree is not None else None
        name = func.name if func else "a function"
        return Finding(f"{name} keeps calling itself (directly or through other functions) without stopping.",
                       "Add a base case that returns without calling again.", confidence=0.6)
    func = recursive[0]
    calls = [n for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id == func.name]
    params = [a.arg for a in func.args.args]
    base_returns = [n for n in ast.walk(func) if isinstance(n, ast.If)
                    and any(isinstance(s, ast.Return) and not any(c in ast.walk(s) for c in calls) for s in n.body)]
    same_args = [c for c in calls if [segment(code, a) for a in c.args] == params[:len(c.args)] and c.args]
    if same_args:
        return Finding(f"`{func.name}` calls itself with the same arguments "
                       f"(`{segment(code, same_args[0])}` on line {same_args[0].lineno}), so the problem never gets "
                       "smaller and the recursion never ends.",
                       f"Call `{func.name}` on a smaller input (for example `{params[0]} - 1` or the rest of a list).",
                       confidence=0.85, line=same_args[0].lineno)
    if not base_returns:
        first = params[0] if params else "n"
        return Finding(f"`{func.name}` (line {func.lineno}) has no base case: every call makes another call to "
                       f"`{func.name}` (line {calls[0].lineno}), so it never stops until Python's recursion limit "
                       "(about 1000 calls) is hit.",
                       f"Add a base case at the top of `{func.name}`, e.g. `if {first} <= 0: return ...` (or "
                       f"`if not {first}:` for lists), and make each call move toward it.", confidence=0.9,
                       line=calls[0].lineno)
    test = segment(code, base_returns[0].test)
    steps = ", ".join(f"`{segment(code, c)}`" for c in calls[:2])
    return Finding(f"`{func.name}` has a base case (`if {test}` on line {base_returns[0].lineno}), but the "
                   f"recursive call {steps} never reaches it for this input - e.g. it steps over the value, "
                   "moves away from it, or the input never matches it.",
                   "Make the base case cover every stopping value (e.g. `<=` instead of `==`) and make sure each "
                   "call moves toward it.", confidence=0.75, line=calls[0].lineno)


def value_error(code, tree, line, msg) -> Finding:
    literal = re.search(r"invalid literal for (int|float)\(\)(?: with base \d+)?: (.*)$", msg)
    if literal or "could not convert string to float" in msg:
        func = literal.group(1) if literal else "float"
        text = (literal.group(2) if literal else msg.split(":", 1)[-1]).strip()
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            value = text
        why = f"{text} is not written as a number"
        if isinstance(value, str):
            if value.strip() == "":
                why = "the text is empty (the user pressed Enter without typing, or a blank line was read)"
            elif re.fullmatch(r"-?\d+\.\d*", value.strip()) and func == "int":
                why = f"{text} has a decimal point, and int() only accepts whole numbers"
            elif value != value.strip():
                why = f"{text} has spaces or a newline around the number"
            elif value.isalpha():
                why = f"{text} is a word; int() only understands digits like '7', not words like 'seven'"
        fix = (f"Validate before converting: wrap `{func}(...)` in try/except ValueError and handle bad input "
               "(ask again or use a default).")
        if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d*", value.strip()) and func == "int":
            fix = "Use `float(...)` (or `int(float(...))` to drop the decimals)."
        elif isinstance(value, str) and value != value.strip():
            fix = "Strip the text first: `int(text.strip())`."
        return Finding(f"Line {line} calls {func}() on {text}, but {why}.", fix, confidence=0.9)
    unpack = re.search(r"(too many|not enough) values to unpack \(expected (\d+)(?:, got (\d+))?\)", msg)
    if unpack:
        got = f" but the value has {unpack.group(3)}" if unpack.group(3) else \
            (" but the value has more" if unpack.group(1) == "too many" else " but the value has fewer")
        return Finding(f"Line {line} unpacks into {unpack.group(2)} names{got}.",
                       "Make the number of names match the number of items, or use a star: `first, *rest = items`.",
                       confidence=0.85)
    if "not in list" in msg:
        return Finding(f"Line {line} asks a list to remove/find a value that is not in the list.",
                       "Check with `if value in items:` before `.remove(value)` / `.index(value)`.", confidence=0.85)
    empty = re.search(r"(max|min)\(\) (?:arg|iterable argument) is (?:an )?empty", msg)
    if empty:
        calls = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                 and n.func.id == empty.group(1) and n.args] if tree is not None else []
        arg = segment(code, calls[0].args[0]) if calls else "the sequence"
        return Finding(f"`{empty.group(1)}({arg})` on line {line} is called with an empty sequence - there is no "
                       f"{'largest' if empty.group(1) == 'max' else 'smallest'} item of nothing. `{arg}` is empty here "
                       "(the input was empty, or items were removed until none were left).",
                       f"Check first (`if {arg}:`), stop the loop when it is empty, or pass a default: "
                       f"`{empty.group(1)}({arg}, default=None)`.", confidence=0.85)
    if "math domain error" in msg:
        return Finding(f"Line {line} calls a math function outside its domain (e.g. sqrt of a negative number, "
                       "log of 0).", "Check the argument's range before the call.", confidence=0.85)
    return Finding(f"Line {line} passed a value of the right type but an unacceptable value: {msg}.",
                   "Check the value just before this line and validate inputs.", confidence=0.55)


def attribute_error(code, tree, line, msg) -> Finding:
    match = re.search(r"'(\w+)' object has no attribute '(\w+)'", msg)
    module = re.search(r"module '([\w.]+)' has no attribute '(\w+)'", msg)
    suggestion = re.search(r"Did you mean: '(\w+)'", msg)
    attrs = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Attribute)] if tree is not None else []
    if match and match.group(1) == "NoneType":
        attr = match.group(2)
        target = next((n for n in attrs if n.attr == attr), None)
        name = segment(code, target.value) if target is not None else "the value"
        why = _why_none(code, tree, name, line) if target is not None and isinstance(target.value, ast.Name) else None
        fixed = _none_receiver_fix(code, tree, name, line) if why and "in place" in why else None
        return Finding(f"On line {line}, `{name}` is None, and None has no `.{attr}`. "
                       f"{(why[0].upper() + why[1:] + '.') if why else 'A function returned None (no return), or the variable was set to None.'}",
                       ("Don't assign the result of an in-place method; call it on its own line. "
                        if why and "in place" in why else
                        f"Give `{name}` a real value before line {line}, or check `if {name} is not None:` first."
                        if why and "on purpose" in why else
                        "Make the function `return` its result, or check `if x is not None:` before using it."),
                       fixed_code=fixed, confidence=0.9 if why else 0.75)
    if match:
        type_name, attr = match.groups()
        near = suggestion.group(1) if suggestion else None
        if near is None:
            builtin_type = {"list": list, "str": str, "dict": dict, "int": int, "float": float, "tuple": tuple,
                            "set": set}.get(type_name)
            if builtin_type is not None:
                near = closest(attr, [a for a in dir(builtin_type) if not a.startswith("_")], cutoff=0.75)
            elif tree is not None:
                near = closest(attr, _class_attributes(tree, type_name), cutoff=0.7)
        advice = {("str", "append"): "Strings are immutable: build a new string with `s = s + 'x'` or collect "
                                     "pieces in a list.",
                  ("list", "split"): "split() is a string method; call it on a string, not on the list.",
                  ("list", "lower"): "lower() is a string method: use `[x.lower() for x in items]`.",
                  ("list", "upper"): "upper() is a string method: use `[x.upper() for x in items]`.",
                  ("dict", "append"): "dicts have no append: assign `d[key] = value`.",
                  ("int", "append"): "An int is a single number; use a list to collect values."}.get((type_name, attr))
        fixed = None
        target = next((n for n in attrs if n.attr == attr), None)
        if near and target is not None:
            start = code.split("\n")
            row = start[target.end_lineno - 1]
            head = row.encode()[:target.end_col_offset].decode("utf-8", "replace")
            tail = row[len(head):]
            if head.endswith(attr):
                start[target.end_lineno - 1] = head[: -len(attr)] + near + tail
                fixed = "\n".join(start)
        cause = f"Line {line} uses `.{attr}` on a {type_name}, but {type_name} objects have no attribute `{attr}`."
        if near:
            cause += f" Did you mean `.{near}`?"
        elif type_name not in ("list", "str", "dict", "int", "float", "tuple", "set") and tree is not None:
            cause += (f" Check that `{type_name}.__init__` sets `self.{attr} = ...` (a typo or a missing `self.` is "
                      "the usual reason).")
        return Finding(cause, advice or (f"Use `.{near}`." if near else
                                         "Check the object's type with `print(type(x))` and use a method it has."),
                       fixed_code=fixed, confidence=0.85 if near or advice else 0.7)
    if module:
        near = suggestion.group(1) if suggestion else None
        return Finding(f"Module `{module.group(1)}` has no `{module.group(2)}`."
                       + (f" Did you mean `{near}`?" if near else
                          " If you named one of your files like that module, Python imported YOUR file instead."),
                       f"Check the name in the module's documentation{f' (`{near}`)' if near else ''}.",
                       confidence=0.8)
    return Finding(f"Line {line} accesses an attribute that does not exist: {msg}.",
                   "Check the spelling and the object's type.", confidence=0.55)


def _class_attributes(tree, class_name) -> list[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            names = [n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
            names += [n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
                      and isinstance(n.value, ast.Name) and n.value.id == "self"]
            return names
    return []


def module_not_found(code, tree, line, msg) -> Finding:
    name = quoted(msg) or ""
    top = name.split(".")[0]
    stdlib = set(getattr(sys, "stdlib_module_names", ()))
    near = closest(top, stdlib, cutoff=0.8) if top not in stdlib else None
    if near:
        fixed = replace_line(code, line, re.sub(rf"\b{re.escape(top)}\b", near, line_text(code, line), count=1)) \
            if line else None
        return Finding(f"There is no module named `{name}`. Did you mean the standard-library module `{near}`?",
                       f"Import `{near}` instead.", fixed_code=fixed, confidence=0.9)
    return Finding(f"Python cannot find a module named `{name}`: it is misspelled, or it is a third-party "
                   "package that is not installed for this Python.",
                   f"Check the spelling; if it is a package, install it with `python -m pip install {top}` "
                   "(in the learning sandbox only the standard library is available).", confidence=0.75)


def import_error(code, tree, line, msg) -> Finding:
    match = re.search(r"cannot import name '(\w+)' from '([\w.]+)'", msg)
    if match:
        return Finding(f"Module `{match.group(2)}` exists but has no `{match.group(1)}`.",
                       "Check the exact name (spelling and case) in the module's documentation, and make sure no "
                       f"file of yours is called `{match.group(2)}.py`.", confidence=0.8)
    return Finding(f"An import on line {line} failed: {msg}.", "Check module and name spelling.", confidence=0.6)


def type_error(code, tree, line, msg) -> Finding:
    from agents.debug.expl_types import type_error as detailed
    return detailed(code, tree, line, msg)


def generic(code, tree, line, msg, exc) -> Finding:
    from knowledge.errors import ERRORS
    known = ERRORS.get(exc)
    if known:
        return Finding(f"{known['meaning']} It happened on line {line}" + (f": {msg}" if msg else "."),
                       known["fix"], confidence=0.6)
    return Finding(f"`{exc}` was raised on line {line}" + (f" with the message: {msg}" if msg else "") + ".",
                   "Read the message, print the values used on that line, and check they are what you expect.",
                   confidence=0.4)


def file_not_found(code, tree, line, msg) -> Finding:
    path = quoted(msg) or "the file"
    return Finding(f"Line {line} opens `{path}`, but no such file exists. Relative paths are looked up from the "
                   "folder the program is run from, not from where the script lives.",
                   f"Check the spelling and location of `{path}`; create it first, use an absolute path, or catch "
                   "FileNotFoundError and explain the problem to the user.", confidence=0.85)


def stop_iteration(code, tree, line, msg) -> Finding:
    return Finding(f"Line {line} calls `next()` on an iterator that has no items left.",
                   "Use a `for` loop, or give next a default: `next(it, None)`.", confidence=0.85)


def assertion_error(code, tree, line, msg) -> Finding:
    stmt = statement_at(tree, line) if tree is not None else None
    condition = segment(code, stmt.test) if isinstance(stmt, ast.Assert) else line_text(code, line).strip()
    return Finding(f"The assertion `{condition}` on line {line} is False" + (f" ({msg})" if msg else "") + ".",
                   "Print the values in the condition just before the assert to see which assumption is wrong.",
                   confidence=0.8)


HANDLERS = {
    "IndexError": index_error, "KeyError": key_error, "NameError": name_error,
    "UnboundLocalError": unbound_local_error, "ZeroDivisionError": zero_division_error,
    "ValueError": value_error, "AttributeError": attribute_error, "ModuleNotFoundError": module_not_found,
    "ImportError": import_error, "TypeError": type_error, "FileNotFoundError": file_not_found,
    "StopIteration": stop_iteration, "AssertionError": assertion_error,
}
