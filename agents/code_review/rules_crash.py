"""Learner code that crashes (or loops into a crash) on some input, found without running it. Each rule is a
correctness Finding with its line, the exception Python raises and the student's line rewritten:

- an index that runs one past the end in a loop (`range(len(xs) + 1)`, `while i <= len(xs)`, `xs[i + 1]` up to
  the last i): IndexError in the last round;
- a dict changed in size while looping over it (`del d[k]`, `d.pop(k)`): RuntimeError;
- an item assigned into a string (`word[0] = ...`): TypeError, strings are immutable;
- text from input() compared with or added to a number (`age >= 18`, `n + 1`): TypeError or a wrong result;
- a function printed, compared or added instead of called (`print(total)`): its address is printed;
- a function called with too few or too many arguments: TypeError;
- a recursive function with no condition that stops it: RecursionError;
- a float passed to range() (`range(n / 2)`): TypeError.
"""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _is_call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == name


def _len_of(node: ast.AST) -> str:
    return _src(node.args[0]) if _is_call(node, "len") and len(node.args) == 1 else ""


def _shadowed(tree: ast.AST) -> set[int]:
    """ids of Name nodes inside a function where that name is a parameter or local (not the module's def)."""
    out: set[int] = set()
    for fn in (n for n in walk(tree) if isinstance(n, (*_FUNCS, ast.Lambda))):
        a = fn.args
        local = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs} | {x.arg for x in (a.vararg, a.kwarg) if x}
        local |= {n.id for n in walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        out |= {id(n) for n in walk(fn) if isinstance(n, ast.Name) and n.id in local}
    return out


def _indexes(body: list[ast.stmt], seq: str, var: str, offset: int = 0) -> ast.Subscript | None:
    """`seq[var]` (offset 0) or `seq[var + offset]` read somewhere in `body`."""
    for node in (n for s in body for n in walk(s)):
        if isinstance(node, ast.Subscript) and _src(node.value) == seq:
            index = node.slice
            if offset == 0 and _name(index) == var:
                return node
            if offset and isinstance(index, ast.BinOp) and isinstance(index.op, ast.Add) and _name(index.left) == var \
                    and isinstance(index.right, ast.Constant) and index.right.value == offset:
                return node
    return None


def index_runs_past_end(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in walk(tree):
        if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and _is_call(loop.iter, "range") \
                and loop.iter.args:
            var, stop = loop.target.id, loop.iter.args[-1]
            if isinstance(stop, ast.BinOp) and isinstance(stop.op, ast.Add) and _len_of(stop.left) \
                    and isinstance(stop.right, ast.Constant) and stop.right.value == 1 \
                    and _indexes(loop.body, _len_of(stop.left), var):
                seq = _len_of(stop.left)
                fixed = "range(" + ", ".join([_src(a) for a in loop.iter.args[:-1]] + [f"len({seq})"]) + ")"
                out.append(_past_end(loop.lineno, f"`{_src(loop.iter)}` goes up to len({seq}), one past the last "
                                     f"index of `{seq}`", f"for {var} in {fixed}:"))
            elif _len_of(stop) and len(loop.iter.args) <= 2:
                seq = _len_of(stop)
                ahead = _indexes(loop.body, seq, var, 1)
                if ahead is not None:
                    fixed = "range(" + ", ".join([_src(a) for a in loop.iter.args[:-1]] + [f"len({seq}) - 1"]) + ")"
                    out.append(_past_end(ahead.lineno, f"`{_src(ahead)}` looks one ahead, so in the last round "
                                         f"({var} = len({seq}) - 1) it reads past the end", f"for {var} in {fixed}:"))
        elif isinstance(loop, ast.While) and isinstance(loop.test, ast.Compare) and len(loop.test.ops) == 1 \
                and isinstance(loop.test.ops[0], ast.LtE) and _name(loop.test.left) \
                and _len_of(loop.test.comparators[0]):
            var, seq = loop.test.left.id, _len_of(loop.test.comparators[0])
            if _indexes(loop.body, seq, var):
                out.append(_past_end(loop.lineno, f"`while {_src(loop.test)}` lets {var} reach len({seq}), one "
                                     f"past the last index of `{seq}`", f"while {var} < len({seq}):"))
    return out


def _past_end(line: int, what: str, fixed: str) -> Finding:
    return Finding("index-past-end", line, "error", f"{what}: IndexError (list index out of range).", fixed,
                   "correctness")


def dict_changed_while_looping(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, (ast.Name, ast.Attribute, ast.Call))):
            continue
        it = loop.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("keys", "items",
                                                                                                 "values"):
            it = it.func.value
        seq = _src(it)
        for node in (n for s in loop.body for n in walk(s)):
            deleted = isinstance(node, ast.Delete) and any(isinstance(t, ast.Subscript) and _src(t.value) == seq
                                                          for t in node.targets)
            popped = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("pop", "popitem") and _src(node.func.value) == seq and node.args
            if deleted or popped:
                out.append(Finding(
                    "dict-changed-in-loop", node.lineno, "error",
                    f"Line {node.lineno} removes a key from `{seq}` while the loop on line {loop.lineno} walks over "
                    "it: RuntimeError (dictionary changed size during iteration).",
                    f"for {_src(loop.target)} in list({_src(loop.iter)}):   # loop over a copy of the keys",
                    "correctness"))
                break
    return out


def _string_names(scope: ast.AST) -> set[str]:
    """Names whose every assignment in `scope` is text: a string literal, input(), an f-string, a str method."""
    text, other = set(), set()
    for node in walk(scope):
        if isinstance(node, ast.Assign):
            value = node.value
            is_text = (isinstance(value, ast.Constant) and isinstance(value.value, str)) or _is_call(value, "input") \
                or isinstance(value, ast.JoinedStr) or _is_call(value, "str")
            for target in node.targets:
                if isinstance(target, ast.Name):
                    (text if is_text else other).add(target.id)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For)) and isinstance(node.target, ast.Name):
            other.add(node.target.id)
    return text - other


def string_item_assigned(tree: ast.AST) -> list[Finding]:
    out = []
    for scope in [tree] + [n for n in walk(tree) if isinstance(n, _FUNCS)]:
        texts = _string_names(scope)
        for node in walk(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript) \
                    and _name(node.targets[0].value) in texts and not isinstance(node.targets[0].slice, ast.Slice):
                word, index = node.targets[0].value.id, node.targets[0].slice
                i = _src(index)
                after = f"{word}[{i} + 1:]" if not (isinstance(index, ast.Constant) and index.value == 0) \
                    else f"{word}[1:]"
                before = "" if isinstance(index, ast.Constant) and index.value == 0 else f"{word}[:{i}] + "
                out.append(Finding(
                    "string-item-assigned", node.lineno, "error",
                    f"`{word}` is a string, and strings cannot be changed in place: `{_src(node.targets[0])} = ...` "
                    "raises TypeError ('str' object does not support item assignment).",
                    f"{word} = {before}{_src(node.value)} + {after}   # build a new string", "correctness"))
    return list({f.line: f for f in out}.values())


def input_used_as_number(tree: ast.AST) -> list[Finding]:
    """`age = input(...)` then `age >= 18` / `age + 1`: text against a number."""
    raw: dict[str, ast.Call] = {}
    other: set[str] = set()
    for node in walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    if _is_call(node.value, "input"):
                        raw[target.id] = node.value
                    else:
                        other.add(target.id)
    raw = {k: v for k, v in raw.items() if k not in other}
    out, seen = [], set()

    def number(node):
        return isinstance(node, ast.Constant) and type(node.value) in (int, float)

    for node in walk(tree):
        name, what = "", ""
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Lt, ast.LtE, ast.Gt,
                                                                                              ast.GtE)):
            sides = (node.left, node.comparators[0])
            if any(_name(s) in raw for s in sides) and any(number(s) for s in sides):
                name = next(_name(s) for s in sides if _name(s) in raw)
                what = "compares text with a number: TypeError ('>=' not supported between 'str' and 'int')"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Div, ast.FloorDiv, ast.Mod)):
            sides = (node.left, node.right)
            if any(_name(s) in raw for s in sides) and any(number(s) for s in sides):
                name = next(_name(s) for s in sides if _name(s) in raw)
                what = "does arithmetic on text: TypeError (can only concatenate str (not \"int\") to str)"
        if name and name not in seen:
            seen.add(name)
            call = raw[name]
            out.append(Finding(
                "text-as-number", node.lineno, "error",
                f"`{name}` comes from input(), which always returns text, so `{_src(node)}` {what}.",
                f"{name} = int({_src(call)})   # convert once, where it is read", "correctness"))
    return out


def function_not_called(tree: ast.AST) -> list[Finding]:
    defined = {n.name for n in tree.body if isinstance(n, _FUNCS)} if isinstance(tree, ast.Module) else set()
    assigned = {t.id for n in walk(tree) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    defined -= assigned
    shadowed = _shadowed(tree)
    out, seen = [], set()
    for node in walk(tree):
        uses = []
        if _is_call(node, "print") or _is_call(node, "str"):
            uses = [a for a in node.args if _name(a) in defined and id(a) not in shadowed]
        elif isinstance(node, (ast.BinOp, ast.Compare)):
            parts = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.left, *node.comparators]
            uses = [p for p in parts if _name(p) in defined and id(p) not in shadowed]
        for use in uses:
            if use.id in seen:
                continue
            seen.add(use.id)
            out.append(Finding(
                "function-not-called", node.lineno, "error",
                f"`{use.id}` without brackets is the function itself, not its result, so line {node.lineno} uses "
                f"something like <function {use.id} at 0x...> instead of calling it.",
                _src(node).replace(use.id, f"{use.id}()", 1) if not isinstance(node, ast.Call)
                else f"{_src(node.func)}({', '.join(_src(a) if a is not use else use.id + '()' for a in node.args)})",
                "correctness"))
    return out


def wrong_argument_count(tree: ast.AST) -> list[Finding]:
    funcs = {n.name: n for n in (tree.body if isinstance(tree, ast.Module) else []) if isinstance(n, _FUNCS)}
    shadowed = _shadowed(tree)
    out = []
    for call in walk(tree):
        if not (isinstance(call, ast.Call) and _name(call.func) in funcs) or id(call.func) in shadowed \
                or call.keywords \
                or any(isinstance(a, ast.Starred) for a in call.args):
            continue
        args = funcs[call.func.id].args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
            continue
        params = [a.arg for a in args.args]
        required = len(params) - len(args.defaults)
        given = len(call.args)
        if required <= given <= len(params):
            continue
        fn = call.func.id
        if given < required:
            missing = params[given:required]
            fixed = f"{fn}({', '.join([_src(a) for a in call.args] + missing)})"
            what = f"gives {given} of the {required} arguments {fn}() needs ({', '.join(params)}): TypeError " \
                   f"(missing {', '.join(missing)})"
        else:
            fixed = f"{fn}({', '.join(_src(a) for a in call.args[:len(params)])})"
            what = f"passes {given} arguments but {fn}() takes {len(params)} ({', '.join(params) or 'none'}): " \
                   "TypeError"
        out.append(Finding("wrong-argument-count", call.lineno, "error", f"`{_src(call)}` {what}.",
                           f"{fixed}   # one value per parameter", "correctness"))
    return out


def recursion_without_stop(tree: ast.AST) -> list[Finding]:
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        calls = [n for n in walk(fn) if _is_call(n, fn.name)]
        branches = [n for n in walk(fn) if isinstance(n, (ast.If, ast.IfExp, ast.While, ast.For, ast.Try,
                                                              ast.Match, ast.BoolOp))]
        if calls and not branches:
            param = fn.args.args[0].arg if fn.args.args else "n"
            out.append(Finding(
                "recursion-without-stop", calls[0].lineno, "error",
                f"{fn.name}() always calls itself and nothing stops it, so every call ends in RecursionError "
                "(maximum recursion depth exceeded).",
                f"if {param} <= 1:   # the base case: answer directly\n    return 1\n{_src(fn.body[-1])}",
                "correctness"))
    return out


def float_range(tree: ast.AST) -> list[Finding]:
    out = []
    for call in walk(tree):
        if _is_call(call, "range") and any(isinstance(a, ast.BinOp) and isinstance(a.op, ast.Div) for a in call.args):
            fixed = "range(" + ", ".join(_src(ast.BinOp(a.left, ast.FloorDiv(), a.right)) if isinstance(a, ast.BinOp)
                                         and isinstance(a.op, ast.Div) else _src(a) for a in call.args) + ")"
            out.append(Finding(
                "float-index", call.lineno, "error",
                f"`{_src(call)}`: `/` always gives a float and range() only takes whole numbers: TypeError "
                "('float' object cannot be interpreted as an integer).", f"{fixed}   # // keeps a whole number",
                "correctness"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    for check in (index_runs_past_end, dict_changed_while_looping, string_item_assigned, input_used_as_number,
                  function_not_called, wrong_argument_count, recursion_without_stop, float_range):
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, StopIteration, TypeError):   # odd code shape: skip it
            continue
    return out
