"""Beginner-focused AST rules that ruff lacks: the anti-patterns a human reviewer would raise on student code.

Every check works on the parsed tree (never runs the code) and yields Findings with a line number
and a concrete rewrite built from the student's own names, so the advice reads as "yours, fixed".
"""
from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Iterator

from agents.code_review.rules_common import Finding

SHADOWABLE = frozenset({
    "list", "dict", "str", "int", "float", "set", "tuple", "id", "sum", "max", "min", "input", "len", "type",
    "range", "print", "open", "map", "filter", "zip", "sorted", "all", "any", "abs", "round", "iter", "next",
    "object", "bool", "format", "hash", "vars", "dir", "bytes", "chr", "ord", "pow", "slice", "file", "reversed",
    "sorted", "enumerate", "compile", "eval", "exec", "help", "super", "property", "callable",
})
_SNAKE = re.compile(r"^_{0,2}[a-z][a-z0-9_]*$")
_UPPER = re.compile(r"^_{0,2}[A-Z][A-Z0-9_]*$")
_GENERIC = frozenset({"tmp", "temp", "foo", "bar", "baz", "stuff", "thing", "things", "var", "val", "obj", "asdf",
                      "xx", "yy", "aa", "bb", "lst2", "my_var", "my_list", "myvar", "mylist", "data1", "data2"})
_NUMBERED = re.compile(r"^[a-z]{3,}\d+$")
_OK_SHORT = frozenset({"i", "j", "k", "n", "m", "x", "y", "z", "_", "e", "f", "a", "b"})
_AMBIGUOUS = frozenset({"l", "O", "I"})
_DEBUG_TEXT = re.compile(r"^\s*(?:debug|dbg|here|got here|test|testing|checking|check|>>>|---|\*\*\*|xxx)\b", re.I)
_LIKELY_EXC = ((ast.Div, "ZeroDivisionError"), (ast.FloorDiv, "ZeroDivisionError"), (ast.Mod, "ZeroDivisionError"))
_CALL_EXC = {"int": "ValueError", "float": "ValueError", "open": "FileNotFoundError", "index": "ValueError"}
NEST_LIMIT = 4


def _src(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_name(node: ast.AST, *names: str) -> bool:
    return isinstance(node, ast.Name) and (not names or node.id in names)


def _is_call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and _is_name(node.func, name)


def _same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def _const(node: ast.AST, *values) -> bool:
    return isinstance(node, ast.Constant) and any(node.value is v or (type(node.value) is type(v) and node.value == v)
                                                  for v in values)


class AstRules:
    """Runs every AST rule over one parsed module; `findings` holds the results after run()."""

    def __init__(self, tree: ast.Module, lines: list[str]):
        self.tree = tree
        self.lines = lines
        self.findings: list[Finding] = []
        self._named: set[str] = set()
        self.metrics = {"functions": 0, "classes": 0, "max_complexity": 0, "max_nesting": 0, "docstrings": 0}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                child._parent = node  # type: ignore[attr-defined]

    def add(self, rule: str, node_or_line, severity: str, message: str, suggestion: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else getattr(node_or_line, "lineno", 1)
        self.findings.append(Finding(rule, line, severity, message, suggestion))

    def run(self) -> list[Finding]:
        for node in ast.walk(self.tree):
            for check in self._checks_for(node):
                check(node)
        for body in self._bodies(self.tree):
            self._statement_list(body)
        self._module_nesting()
        self._naming()
        self._string_concat()
        return self.findings

    def _checks_for(self, node: ast.AST):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return (self._function,)
        table = {ast.ClassDef: (self._class,), ast.Compare: (self._compare,), ast.For: (self._range_len,),
                 ast.If: (self._if,), ast.Call: (self._call,), ast.While: (self._while_index,)}
        return table.get(type(node), ())

    def _module_nesting(self) -> None:
        """Top-level scripts nest too: the same limit as inside functions."""
        body = [stmt for stmt in self.tree.body
                if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        depth, deep = _nesting(body, 1)
        self.metrics["max_nesting"] = max(self.metrics["max_nesting"], depth)
        if depth >= NEST_LIMIT and deep is not None:
            self.add("deep-nesting", deep, "warning",
                     f"This code is nested {depth} levels deep, which is hard to follow.",
                     "Flatten it with `continue` in loops, by combining conditions, or by moving the inner part "
                     "into a function.")

    def _while_index(self, loop: ast.While) -> None:
        """`i = 0; while i < len(xs): ... xs[i] ... i += 1` is a for loop written by hand."""
        test = loop.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Lt)
                and isinstance(test.left, ast.Name) and _is_call(test.comparators[0], "len")
                and test.comparators[0].args and isinstance(test.comparators[0].args[0], ast.Name)):
            return
        index, seq = test.left.id, test.comparators[0].args[0].id
        steps = [n for s in loop.body for n in ast.walk(s) if isinstance(n, ast.AugAssign)
                 and isinstance(n.op, ast.Add) and _is_name(n.target, index)]
        indexed = [n for s in loop.body for n in ast.walk(s) if isinstance(n, ast.Subscript)
                   and _is_name(n.value, seq) and _is_name(n.slice, index)]
        if steps and indexed:
            item = seq[:-1] if seq.endswith("s") and len(seq) > 1 else "item"
            self.add("while-index-loop", loop, "suggestion",
                     f"This while loop walks `{seq}` by hand with the counter `{index}`; a for loop does the "
                     "counting for you and cannot forget the increment.",
                     f"for {item} in {seq}:\n    ...   # or: for {index}, {item} in enumerate({seq}):")

    # ---- definitions -------------------------------------------------------------------------
    def _function(self, fn) -> None:
        self.metrics["functions"] += 1
        complexity = _complexity(fn)
        self.metrics["max_complexity"] = max(self.metrics["max_complexity"], complexity)
        depth, deep = _nesting(fn.body, 1)
        self.metrics["max_nesting"] = max(self.metrics["max_nesting"], depth)
        if depth >= NEST_LIMIT and deep is not None:
            self.add("deep-nesting", deep, "warning",
                     f"Code in {fn.name}() is nested {depth} levels deep, which is hard to follow.",
                     "Flatten it with early returns (`if not ok: return`), `continue` in loops, or a helper function.")
        if ast.get_docstring(fn):
            self.metrics["docstrings"] += 1
        elif not fn.name.startswith("_") and isinstance(getattr(fn, "_parent", None), (ast.Module, ast.ClassDef)):
            span = (getattr(fn, "end_lineno", fn.lineno) or fn.lineno) - fn.lineno
            if span >= 4:
                self.add("missing-docstring", fn, "suggestion",
                         f"Public function {fn.name}() has no docstring.",
                         f'def {fn.name}(...):\n    """One line saying what {fn.name} returns or does."""')

    def _class(self, cls: ast.ClassDef) -> None:
        self.metrics["classes"] += 1

    # ---- expressions -------------------------------------------------------------------------
    def _compare(self, node: ast.Compare) -> None:
        """`len(x) == 0` / `len(x) > 0` (ruff's PLC1802 only sees a bare `if len(x):`)."""
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if _is_call(left, "len") and left.args and _const(right, 0, 1) and type(right.value) is int:
                empty = (isinstance(op, ast.Eq) and right.value == 0) or (isinstance(op, ast.Lt) and right.value == 1)
                nonempty = (isinstance(op, (ast.NotEq, ast.Gt)) and right.value == 0) or (
                    isinstance(op, ast.GtE) and right.value == 1)
                if empty or nonempty:
                    target = _src(left.args[0])
                    self.add("len-compare", node, "suggestion",
                             f"`{_src(node)}` can use truthiness: empty containers are False.",
                             f"if not {target}:" if empty else f"if {target}:")
            left = right

    def _range_len(self, loop: ast.For) -> None:
        it = loop.iter
        if not (_is_call(it, "range") and len(it.args) == 1 and _is_call(it.args[0], "len")
                and it.args[0].args and isinstance(loop.target, ast.Name)):
            return
        seq, index = it.args[0].args[0], loop.target.id
        uses = [n for stmt in loop.body for n in ast.walk(stmt) if _is_name(n, index)]
        indexing = [n for n in uses if isinstance(getattr(n, "_parent", None), ast.Subscript)
                    and n._parent.slice is n and _same(n._parent.value, seq)]
        writes = [n for n in indexing if isinstance(n._parent.ctx, (ast.Store, ast.Del))]
        name = _singular(_src(seq))
        header = f"`for {index} in range(len({_src(seq)}))`"
        if uses and len(indexing) == len(uses) and not writes:
            comp = _comprehension_hint(loop, seq, index, name)
            self.add("range-len", loop, "suggestion",
                     f"{header} only uses {index} to index {_src(seq)}: iterate directly over the items"
                     + (" (or build the list with a comprehension)." if comp else "."),
                     comp or f"for {name} in {_src(seq)}:\n    ... use {name} instead of {_src(seq)}[{index}]")
        else:
            self.add("range-len", loop, "suggestion",
                     f"{header} needs both the index and the item: enumerate gives you both.",
                     f"for {index}, {name} in enumerate({_src(seq)}):")

    def _if(self, node: ast.If) -> None:
        if node.orelse and _same(ast.Module(node.body, []), ast.Module(node.orelse, [])):
            self.add("identical-branches", node, "warning",
                     f"Both branches of `if {_src(node.test)}` do exactly the same thing.",
                     "Keep the body once and drop the if/else (or fix the branch that should differ).")
        self._counting(node)

    def _counting(self, node: ast.If) -> None:
        test = node.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.In, ast.NotIn))):
            return
        key, table = test.left, test.comparators[0]

        def targets(stmts):
            out = []
            for s in stmts:
                tgt = s.targets[0] if isinstance(s, ast.Assign) and len(s.targets) == 1 else getattr(s, "target", None)
                if isinstance(tgt, ast.Subscript) and _same(tgt.value, table) and _same(tgt.slice, key):
                    out.append(s)
            return out

        inc, init = (node.body, node.orelse) if isinstance(test.ops[0], ast.In) else (node.orelse, node.body)
        if len(targets(inc)) == 1 and len(targets(init)) == 1 and len(inc) == 1 and len(init) == 1:
            d, k = _src(table), _src(key)
            self.add("counting-pattern", node, "suggestion",
                     f"The `if {k} in {d}` / else counting pattern can be one line with dict.get(), or use "
                     "collections.Counter / defaultdict.",
                     f"{d}[{k}] = {d}.get({k}, 0) + 1\n# or: from collections import Counter; {d} = Counter(items)")

    def _call(self, call: ast.Call) -> None:
        if _is_name(call.func, "breakpoint") or (isinstance(call.func, ast.Attribute) and call.func.attr == "set_trace"):
            self.add("debug-print", call, "warning", "A debugger breakpoint was left in the code.",
                     "Remove the breakpoint before sharing the code.")
        elif _is_name(call.func, "print") and call.args and _debug_like(call.args[0]):
            self.add("debug-print", call, "suggestion", f"`{_src(call)}` looks like leftover debugging output.",
                     "Remove it, or use logging.debug(...) so it can be switched off.")

    # ---- statement sequences -----------------------------------------------------------------
    def _bodies(self, tree: ast.AST) -> Iterator[list[ast.stmt]]:
        for node in ast.walk(tree):
            for field in ("body", "orelse", "finalbody"):
                body = getattr(node, field, None)
                if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                    yield body

    def _statement_list(self, body: list[ast.stmt]) -> None:
        for pos, stmt in enumerate(body):
            # `count = 0` ... `for item in items: ...; count += 1`
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and _is_name(stmt.targets[0]) \
                    and _const(stmt.value, 0) and type(stmt.value.value) is int:
                name = stmt.targets[0].id
                for later in body[pos + 1:pos + 3]:
                    if isinstance(later, ast.For) and not _is_call(later.iter, "enumerate") and any(
                            isinstance(s, ast.AugAssign) and _is_name(s.target, name) and isinstance(s.op, ast.Add)
                            and _const(s.value, 1) for s in later.body) and _uses_as_index(later, name):
                        self.add("manual-counter", stmt, "suggestion",
                                 f"`{name}` is a manual index counter next to a for loop: use enumerate.",
                                 f"for {name}, {_src(later.target)} in enumerate({_src(later.iter)}):")
                        break

    # ---- whole-module passes -----------------------------------------------------------------
    def _naming(self) -> None:
        seen: set[str] = set()
        loop_names = {n.id for node in ast.walk(self.tree)
                      if isinstance(node, (ast.For, ast.comprehension, ast.withitem))
                      for n in ast.walk(node.target if not isinstance(node, ast.withitem) else
                                        (node.optional_vars or ast.Pass())) if isinstance(n, ast.Name)}
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._check_name(node.name, node, "function", seen, loop_names)
                for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
                    if arg.arg not in ("self", "cls"):
                        self._check_name(arg.arg, arg, "parameter", seen, loop_names)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self._check_name(node.id, node, "variable", seen, loop_names)

    def _check_name(self, name: str, node, kind: str, seen: set[str], loop_names: set[str]) -> None:
        if name in seen or name.startswith("__"):
            return
        seen.add(name)
        at_module = kind == "variable" and _scope(node) is None
        if (name in SHADOWABLE and hasattr(builtins, name)) or (  # ruff's A001/A002 and N8xx say these
                not _SNAKE.match(name) and not (at_module and _UPPER.match(name))):
            return
        non_descriptive = (name in _AMBIGUOUS or name in _GENERIC or _NUMBERED.match(name)
                           or (len(name) == 1 and kind == "function")
                           or (len(name) == 1 and kind == "variable" and name not in _OK_SHORT
                               and name not in loop_names))
        if non_descriptive:
            why = " (it is easily confused with 1 or 0)" if name in _AMBIGUOUS else ""
            self.add("descriptive-name", node, "suggestion",
                     f"`{name}` is not a descriptive name{why}; "
                     + ("say what the function does." if kind == "function" else f"say what the {kind} holds."),
                     f"Rename `{name}` to something like `{_describe(name, kind)}`.")

    def _string_concat(self) -> None:
        strings = {t.id for node in ast.walk(self.tree) if isinstance(node, ast.Assign)
                   and (isinstance(node.value, ast.JoinedStr) or (_const(node.value, "") and isinstance(node.value.value, str))
                        or (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)))
                   for t in node.targets if isinstance(t, ast.Name)}
        flagged: set[str] = set()
        for loop in ast.walk(self.tree):
            if not isinstance(loop, (ast.For, ast.While)):
                continue
            for node in (n for s in loop.body for n in ast.walk(s)):
                name = None
                if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and _is_name(node.target):
                    name = node.target.id
                elif isinstance(node, ast.Assign) and len(node.targets) == 1 and _is_name(node.targets[0]) and \
                        _is_name(_leftmost_added(node.value), node.targets[0].id):
                    name = node.targets[0].id  # s = s + piece, s = s + a + b (nested additions)
                if name in strings and name not in flagged:
                    flagged.add(name)
                    self.add("string-concat-loop", node, "suggestion",
                             f"`{name}` is built with + inside a loop, copying the string every time.",
                             f"parts = []\n# in the loop: parts.append(piece)\n{name} = ''.join(parts)")


# ---- helpers ---------------------------------------------------------------------------------
def _leftmost_added(node: ast.AST) -> ast.AST | None:
    """The first operand of a chain of `+` (`s + a + b` is `(s + a) + b`), or None if node is no addition."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)):
        return None
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    return node


def _complexity(fn: ast.AST) -> int:
    score = 1
    for node in ast.walk(fn):
        if node is not fn and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.If, ast.For, ast.While, ast.AsyncFor, ast.IfExp, ast.ExceptHandler, ast.Assert)):
            score += 1
        elif isinstance(node, ast.BoolOp):
            score += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            score += 1 + len(node.ifs)
        elif isinstance(node, ast.match_case):
            score += 1
    return score


_BLOCKS = (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.AsyncFor, ast.AsyncWith, ast.Match)


def _nesting(body: list[ast.stmt], depth: int) -> tuple[int, ast.AST | None]:
    """Deepest block nesting inside a function body and the first statement at that depth."""
    best, where = 0, None
    for stmt in body:
        if isinstance(stmt, _BLOCKS):
            inner = [b for f in ("body", "orelse", "finalbody") for b in [getattr(stmt, f, None)] if b]
            inner += [h.body for h in getattr(stmt, "handlers", [])]
            inner += [c.body for c in getattr(stmt, "cases", [])]
            if best < depth:
                best, where = depth, stmt
            for block in inner:
                d, w = _nesting(block, depth + 1)
                if d > best:
                    best, where = d, w
    return best, where


def _scope(node: ast.AST) -> ast.AST | None:
    parent = getattr(node, "_parent", None)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        parent = getattr(parent, "_parent", None)
    return parent


def likely_exception(try_node: ast.AST | None) -> str | None:
    """Guesses the exception a try body can raise, so the advice names a real one."""
    if not isinstance(try_node, ast.Try):
        return None
    for node in (n for s in try_node.body for n in ast.walk(s)):
        if isinstance(node, ast.BinOp):
            for op, exc in _LIKELY_EXC:
                if isinstance(node.op, op):
                    return exc
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CALL_EXC:
            return _CALL_EXC[node.func.id]
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            return "KeyError" if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) \
                else "IndexError"
    return None


def _debug_like(arg: ast.AST) -> bool:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return bool(_DEBUG_TEXT.match(arg.value))
    if isinstance(arg, ast.JoinedStr):
        first = arg.values[0] if arg.values else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return bool(_DEBUG_TEXT.match(first.value)) or first.value.rstrip().endswith("=")
    return False


def _uses_as_index(loop: ast.For, name: str) -> bool:
    """True when the counter is used for something besides its own increment (typically seq[i])."""
    loads = [n for s in loop.body for n in ast.walk(s) if _is_name(n, name) and isinstance(n.ctx, ast.Load)]
    return bool(loads)


def _comprehension_hint(loop: ast.For, seq: ast.AST, index: str, item: str) -> str | None:
    """`for i in range(len(xs)): if cond: out.append(xs[i])` -> a list comprehension rewrite."""
    body = loop.body
    cond = None
    if len(body) == 1 and isinstance(body[0], ast.If) and not body[0].orelse and len(body[0].body) == 1:
        cond, body = body[0].test, body[0].body
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
        return None
    call = body[0].value
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "append" and len(call.args) == 1):
        return None
    seq_src = ast.unparse(seq)

    def swap(node: ast.AST) -> str:
        return ast.unparse(node).replace(f"{seq_src}[{index}]", item)

    target = ast.unparse(call.func.value)
    tail = f" if {swap(cond)}" if cond is not None else ""
    return f"{target} = [{swap(call.args[0])} for {item} in {seq_src}{tail}]"


def _singular(seq: str) -> str:
    base = re.sub(r"\W", "", seq.split(".")[-1]) or "item"
    if len(base) <= 2:
        return "item"
    if base.endswith("ies"):
        return base[:-3] + "y"
    if base.endswith("s") and not base.endswith("ss"):
        return base[:-1]
    return "item"


def _describe(name: str, kind: str) -> str:
    return {"l": "items", "d": "counts", "r": "result", "s": "text", "t": "total", "c": "count", "v": "value",
            "tmp": "previous_value", "temp": "previous_value", "O": "origin", "I": "index", "f": "describe_what_it_does",
            "data2": "cleaned_data", "w": "word", "p": "person", "q": "queue", "g": "grade", "h": "height"}.get(
        name, "total" if kind == "variable" else "what_it_holds")
