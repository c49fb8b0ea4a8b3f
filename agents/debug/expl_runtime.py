"""Diagnosing runtime exceptions from the real exception, its message and the offending line of THIS code.

Each handler returns a Finding whose cause names the student's own variables and values when they can be
inferred statically (literal lengths, dict keys, defined names) and, where a safe mechanical edit exists, a
fixed program. Handlers never run code; the caller checks fixed programs compile.
"""
from __future__ import annotations

import ast
import re

from agents.debug.expl_names import (attribute_error, import_error, module_not_found, name_error,
                                     unbound_local_error)
from agents.debug.expl_types import type_error
from pitfalls.ast_tools import (Finding, closest, frame_field,
                                    dict_literal_keys, enclosing_function, functions, line_text,
                                    literal_length, nodes_on_line, plural, quoted, replace_line, replace_node,
                                    segment, statement_at)



def _subscripts(tree, line):
    return [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Subscript)]


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
        pops = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr == "pop"] if tree is not None else []
        owner = segment(code, pops[0].func.value) if pops else "items"
        return Finding(f"`{owner}.pop()` was called on an empty list on line {line}: there is nothing left to "
                       "remove (every item was already taken out).",
                       f"Check the list is not empty first: `if {owner}: ... {owner}.pop()` (or "
                       f"`while {owner}:` around the loop that pops).", confidence=0.85)
    for node in _subscripts(tree, line):   # a loop that runs one step too far explains any index on the line
        if isinstance(node.value, ast.Name) and not isinstance(node.slice, ast.Slice):
            loop_fix = _off_by_one_loop(code, tree, line, node.value.id, node.slice)
            if loop_fix is not None:
                return loop_fix
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
        if isinstance(index, ast.Name) and any(
                isinstance(c, ast.Call) and getattr(c.func, "id", "") == "range" and len(c.args) == 1
                and isinstance(c.args[0], ast.Name) and c.args[0].id == index.id for c in ast.walk(tree)):
            return Finding(f"`{index_src}` is how many items `{name}` holds (the loop ran `range({index_src})` times), "
                           f"so `{name}[{index_src}]` is one past the end: positions go from 0 to {index_src} - 1.",
                           f"Use `{name}[{index_src} - 1]` (or `{name}[-1]`) for the last item.",
                           fixed_code=replace_node(code, index, f"{index_src} - 1"), confidence=0.88)
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
                    and f"len({name})" in segment(code, stop):   # the loop walks this same sequence
                step = index.right.value if isinstance(index.right, ast.Constant) \
                    and isinstance(index.right.value, int) else 1
                return Finding(f"On the last round of the loop on line {node.lineno}, `{segment(code, index)}` is "
                               f"past the last valid index of `{name}`.",
                               f"Stop the loop {step} earlier: `range({segment(code, stop)} - {step})`.",
                               fixed_code=replace_node(code, stop, f"{segment(code, stop)} - {step}"),
                               confidence=0.85)
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
    if "empty separator" in msg and tree is not None:   # `text.split("")` to get the letters
        calls = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == "split" and n.args]
        if calls:
            new = f"list({segment(code, calls[0].func.value)})"
            return Finding(f"`{segment(code, calls[0])}` on line {line} splits on an empty string, which Python does "
                           "not allow: split() needs something to split AT.",
                           f"To get the letters one by one, use `{new}`.",
                           fixed_code=replace_node(code, calls[0], new), confidence=0.9)
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


def _changed_while_looping(code, tree, line, msg) -> Finding | None:
    """`for k in d:` while the body adds/deletes keys (or items of a set): loop over a snapshot instead."""
    if tree is None or "changed size during iteration" not in msg:
        return None
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For) and loop.lineno == line and isinstance(loop.iter, ast.Name):
            name = loop.iter.id
            return Finding(f"Line {line} loops over `{name}` while the loop body adds or deletes its items; Python "
                           f"stops the loop because `{name}` changed size under it.",
                           f"Loop over a snapshot of the keys: `for {segment(code, loop.target)} in list({name}):` "
                           "(or build a new dict with a comprehension).",
                           fixed_code=replace_node(code, loop.iter, f"list({name})"), confidence=0.9)
    return None


def generic(code, tree, line, msg, exc) -> Finding:
    from knowledge.errors import ERRORS
    if exc == "RuntimeError":
        found = _changed_while_looping(code, tree, line, msg)
        if found is not None:
            return found
    known = ERRORS.get(exc)
    if known:
        where = f" It happened on line {line}" if line else ""
        return Finding(f"{known['meaning']}{where}" + (f": {msg}" if msg else "."), known["fix"], confidence=0.6)
    where = f" on line {line}" if line else ""
    return Finding(f"`{exc}` was raised{where}" + (f" with the message: {msg}" if msg else "") + ".",
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
