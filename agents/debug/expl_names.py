"""Runtime errors about names and attributes: NameError, UnboundLocalError, AttributeError, failed imports.

Split out of expl_runtime so each module stays small; the shared AST helpers all live in pitfalls/ast_tools.py.
"""
from __future__ import annotations

import ast
import re
import sys

from agents.debug import fix_shapes

from pitfalls.ast_tools import (BUILTIN_NAMES, Finding, assignments_to, closest, defined_names, enclosing_function,
                                    functions, last_value, line_text, none_receiver_fix, nodes_on_line,
                                    returns_value,
                                    quoted, replace_line, replace_node, segment, statement_at, why_none)

COMMON_MODULES = {"math", "random", "os", "sys", "time", "json", "re", "datetime", "string", "collections",
                  "itertools", "functools", "statistics", "copy", "csv"}


def name_error(code, tree, line, msg) -> Finding:
    name = quoted(msg) or ""
    if "free variable" in msg or "cannot access" in msg:
        return unbound_local_error(code, tree, line, msg)
    defined = defined_names(tree) if tree is not None else set()
    suggestion = re.search(r"Did you mean: '([^']+)'", msg)
    near = suggestion.group(1) if suggestion else closest(name, defined | (BUILTIN_NAMES - {"_"}), cutoff=0.75)
    if name in COMMON_MODULES or name in getattr(sys, "stdlib_module_names", ()) and name not in defined:
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
            start = branches[0]
            numeric = any(isinstance(n, (ast.BinOp, ast.AugAssign, ast.Compare)) and name in
                          {m.id for m in ast.walk(n) if isinstance(m, ast.Name)}
                          for n in nodes_on_line(tree, line))
            initial = "0" if numeric else "None"
            rows = code.split("\n")
            indent = rows[start.lineno - 1][: start.col_offset]
            fixed = "\n".join(rows[:start.lineno - 1] + [f"{indent}{name} = {initial}"] + rows[start.lineno - 1:])
            return Finding(f"`{name}` only gets a value inside {kind} (line {start.lineno}); when that "
                           f"{'branch' if isinstance(start, ast.If) else 'loop body'} does not run (e.g. the "
                           f"input is empty), `{name}` is still unassigned when line {line} reads it.",
                           f"Give `{name}` a starting value before line {start.lineno} (`{name} = {initial}`, or "
                           "whatever the answer should be when the loop finds nothing), or handle that case "
                           "separately.", fixed_code=fixed, confidence=0.85)
    return Finding(f"`{name}` is read on line {line} before it is assigned inside {where}.",
                   f"Assign `{name}` before reading it in {where}.", confidence=0.7)


def _return_fix(code, tree, value, line):
    """(`return x`, fixed program, function name) when `value` was assigned from a call of a function that
    never returns anything."""
    if not isinstance(value, ast.Name):
        return None
    source = last_value(tree, value.id, line)
    if isinstance(source, ast.Call) and isinstance(source.func, ast.Name):
        func = functions(tree).get(source.func.id)
        if func is not None and not returns_value(func):
            added = fix_shapes.missing_return(func, code)
            return (added[0], added[1], func.name) if added else None
    return None


def attribute_error(code, tree, line, msg) -> Finding:
    match = re.search(r"'(\w+)' object has no attribute '(\w+)'", msg)
    module = re.search(r"module '([\w.]+)' has no attribute '(\w+)'", msg)
    suggestion = re.search(r"Did you mean: '(\w+)'", msg)
    attrs = [n for n in nodes_on_line(tree, line) if isinstance(n, ast.Attribute)] if tree is not None else []
    if match and match.group(1) == "NoneType":
        attr = match.group(2)
        target = next((n for n in attrs if n.attr == attr), None)
        name = segment(code, target.value) if target is not None else "the value"
        why = why_none(code, tree, name, line) if target is not None and isinstance(target.value, ast.Name) else None
        fixed = none_receiver_fix(code, tree, name, line) if why and "in place" in why else None
        if fixed is None and target is not None and not (why and "on purpose" in why):
            returned = _return_fix(code, tree, target.value, line)
            if returned is not None:
                return Finding(f"On line {line}, `{name}` is None, and None has no `.{attr}`: it comes from "
                               f"`{returned[2]}()`, which never returns a value.",
                               f"Return what `{returned[2]}` computes: add `{returned[0]}` as its last line.",
                               fixed_code=returned[1], confidence=0.9)
            fixed = fix_shapes.none_guard(code, tree, name, line)
        return Finding(f"On line {line}, `{name}` is None, and None has no `.{attr}`. "
                       f"{(why[0].upper() + why[1:] + '.') if why else 'A function returned None (no return), or the variable was set to None.'}",
                       ("Don't assign the result of an in-place method; call it on its own line. "
                        if why and "in place" in why else
                        f"Give `{name}` a real value before line {line}, or check `if {name} is not None:` first."
                        if why and "on purpose" in why else
                        f"Make the function that gave `{name}` `return` its result, or check `if {name} is not None:` "
                        f"before line {line} uses it (the rewrite below)."),
                       fixed_code=fixed, confidence=0.9 if why else 0.75)
    if match and tree is not None:
        idiom = _idiom(code, tree, line, *match.groups())
        if idiom is not None:
            return idiom
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


# A method of one type used on another: the equivalent for the type the value really has ({r} receiver, {a} args).
# `assign` rewrites a bare statement `s.append(x)` as `s = s + x` (strings cannot change in place).
_IDIOMS = {
    ("str", "reverse"): ("{r}[::-1]", True, "Strings have no reverse(); a slice with step -1 gives the reversed text"),
    ("str", "sort"): ("''.join(sorted({r}))", True, "Strings have no sort(); sorted() gives the letters in order"),
    ("str", "append"): ("{r} + {a}", True, "Strings cannot grow in place; `+` builds a new string"),
    ("str", "remove"): ("{r}.replace({a}, '', 1)", True, "Strings have no remove(); replace() builds a new string"),
    ("str", "contains"): ("{a} in {r}", False, "Use the `in` operator to look for text inside a string"),
    ("list", "contains"): ("{a} in {r}", False, "Use the `in` operator to test membership"),
    ("list", "length"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("str", "length"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("list", "size"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("list", "add"): ("{r}.append({a})", False, "Lists grow with append(); add() is for sets"),
    ("list", "push"): ("{r}.append({a})", False, "Lists grow with append(); push() is another language's name"),
    ("list", "len"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("str", "len"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("str", "size"): ("len({r})", False, "The length of anything is `len(x)`"),
    ("set", "append"): ("{r}.add({a})", False, "Sets grow with add(); append() is for lists"),
    ("list", "find"): ("{r}.index({a})", False, "Lists find positions with index(); find() is a string method"),
    ("dict", "has_key"): ("{a} in {r}", False, "Python 3 tests keys with `key in d`"),
    ("list", "split"): ("' '.join({r}).split()", False, "split() is a string method; the value is already a list"),
    ("list", "lower"): ("[x.lower() for x in {r}]", False, "lower() is a string method: apply it to each item"),
    ("list", "upper"): ("[x.upper() for x in {r}]", False, "upper() is a string method: apply it to each item"),
    ("list", "strip"): ("[x.strip() for x in {r}]", False, "strip() is a string method: apply it to each item"),
    ("int", "isdigit"): ("str({r}).isdigit()", False, "The value is already a number; isdigit() is for text"),
}


def _idiom(code, tree, line, type_name, attr) -> Finding | None:
    template = _IDIOMS.get((type_name, attr))
    call = next((n for n in nodes_on_line(tree, line) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == attr), None)
    if template is None:
        return None
    form, in_place, why = template
    if call is None:   # `word == word.reverse`: the method named without brackets, same equivalent
        attribute = next((n for n in nodes_on_line(tree, line) if isinstance(n, ast.Attribute) and n.attr == attr), None)
        if attribute is None or "{a}" in form:
            return None
        new = form.format(r=segment(code, attribute.value), a="")
        return Finding(f"Line {line} uses `.{attr}` on a {type_name}, but {type_name} has no `{attr}` method. {why}.",
                       f"Write `{new}`.", fixed_code=replace_node(code, attribute, new), confidence=0.88)
    receiver = segment(code, call.func.value)
    args = ", ".join(segment(code, a) for a in call.args)
    new = form.format(r=receiver, a=args)
    stmt = statement_at(tree, line)
    if in_place and isinstance(stmt, ast.Expr) and stmt.value is call and isinstance(call.func.value, ast.Name):
        fixed = replace_node(code, stmt, f"{receiver} = {new}")
        shown = f"{receiver} = {new}"
    else:
        fixed, shown = replace_node(code, call, new), new
    return Finding(f"Line {line} calls `.{attr}()` on a {type_name}, but {type_name} has no `{attr}` method - it "
                   f"belongs to another type. {why}.", f"Write `{shown}`.", fixed_code=fixed, confidence=0.9)


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
