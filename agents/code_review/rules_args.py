"""Function-level correctness bugs that ruff lacks, found by reading the definitions alone (nothing has to run):

- an argument changed in place and then returned (`numbers.sort(); return numbers`, `values[i] *= 2 ... return
  values`): the function looks like it builds a new value, but the caller's own list/dict is changed too;
- `==` between floats computed by the function (`total_a = sum(a) * 1.1` ... `total_a == total_b`): rounding makes
  values that should be equal differ (ruff's RUF069 sees only comparisons with a float literal in them);
- `assert` that checks a function's arguments (`assert amount > 0`): Python drops asserts under `-O`, so the check
  vanishes (the access-control form is rules_security.assert_for_access);
- a parameter replaced before it is read (`def square(n): n = int(input())`): the caller's value is ignored;
- a file opened with "w"/"a" and then read: io.UnsupportedOperation (and "w" has already emptied it).
"""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_IN_PLACE = {"sort": "sorted({p}{args})", "reverse": "list(reversed({p}))", "append": "", "extend": "", "insert": "",
             "remove": "", "pop": "", "clear": "", "update": "", "setdefault": "", "discard": "", "add": ""}
_CMP = {ast.Gt: "<=", ast.GtE: "<", ast.Lt: ">=", ast.LtE: ">", ast.Eq: "!=", ast.NotEq: "==", ast.In: "not in",
        ast.NotIn: "in", ast.Is: "is not", ast.IsNot: "is"}


def _own_nodes(fn: ast.AST):
    """The nodes of `fn` outside its nested functions and classes."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*_FUNCS, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))


def _mutation(node: ast.AST, params: set[str]) -> tuple[str, str] | None:
    """(parameter, method or "[]") when `node` changes a parameter's object in place."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _IN_PLACE \
            and isinstance(node.func.value, ast.Name) and node.func.value.id in params:
        return node.func.value.id, node.func.attr
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) \
        else node.targets if isinstance(node, ast.Delete) else []
    for target in targets:
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id in params:
            return target.value.id, "[]"
    return None


def mutated_argument_returned(tree: ast.AST) -> list[Finding]:
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs} - {"self", "cls"}
        nodes = list(_own_nodes(fn))
        rebound = {t.id for n in nodes if isinstance(n, (ast.Assign, ast.AnnAssign, ast.For, ast.With))
                   for t in walk(n) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
        returns = [(n.lineno, n.value.id) for n in nodes if isinstance(n, ast.Return) and isinstance(n.value, ast.Name)]
        changes = sorted((n.lineno, m) for n in nodes if (m := _mutation(n, params)))
        for line, (param, how) in changes:
            if param in rebound or not any(name == param and where > line for where, name in returns):
                continue
            method = f"changes the items of `{param}`" if how == "[]" else \
                f"calls `{param}.{how}()`, which changes `{param}` in place"
            rewrite = f"{param} = {param}.copy()   # first line of {fn.name}(): work on a copy, the caller's stays as it was"
            if how == "sort":
                call = next(n for n in nodes if isinstance(n, ast.Call) and n.lineno == line)
                args = "".join(f", {ast.unparse(k)}" for k in call.keywords)
                rewrite = f"{param} = sorted({param}{args})   # a new sorted list; the caller's list keeps its order"
            out.append(Finding(
                "argument-changed", line, "warning",
                f"{fn.name}() {method} - that is the caller's own object - and then returns it: the caller's "
                f"original is changed too, and the \"new\" value and the old one are the same object.",
                rewrite, "correctness"))
            break
    return out


def _floaty(node: ast.AST, floats: set[str]) -> bool:
    """Float arithmetic: a float literal or float name in the arithmetic itself, or float(...) (not any call that
    happens to take a float argument, such as `wait_for(..., timeout=0.5)`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, float)
    if isinstance(node, ast.Name):
        return node.id in floats
    if isinstance(node, ast.BinOp):
        return _floaty(node.left, floats) or _floaty(node.right, floats)
    if isinstance(node, ast.UnaryOp):
        return _floaty(node.operand, floats)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float"


def float_equality(tree: ast.AST) -> list[Finding]:
    """`==` between names that hold float arithmetic (a float literal in how they were computed)."""
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        nodes = list(_own_nodes(fn))
        floats: set[str] = set()
        for node in sorted((n for n in nodes if isinstance(n, (ast.Assign, ast.AugAssign))), key=lambda n: n.lineno):
            value = node.value
            if isinstance(value, (ast.BinOp, ast.Call)) and _floaty(value, floats):
                floats |= {t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                           if isinstance(t, ast.Name)}
        for cmp in (n for n in nodes if isinstance(n, ast.Compare) and len(n.ops) == 1
                    and isinstance(n.ops[0], (ast.Eq, ast.NotEq))):
            sides = [cmp.left, cmp.comparators[0]]
            literal = any(isinstance(n, ast.Constant) and isinstance(n.value, float) for s in sides for n in walk(s))
            if literal or not any(isinstance(s, ast.Name) and s.id in floats for s in sides):
                continue   # ruff's RUF069 reports comparisons with a float literal in them
            left, right = (ast.unparse(s) for s in sides)
            test = f"{'not ' if isinstance(cmp.ops[0], ast.NotEq) else ''}math.isclose({left}, {right})"
            out.append(Finding(
                "float-equality", cmp.lineno, "warning",
                f"`{ast.unparse(cmp)}` compares floats with `==`: float arithmetic rounds (0.1 + 0.2 == 0.3 is "
                "False), so two totals that should be equal can differ in the last digit.",
                f"{test}   # needs `import math`", "correctness"))
    return out


def _negated(test: ast.AST) -> str:
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _CMP:
        return f"{ast.unparse(test.left)} {_CMP[type(test.ops[0])]} {ast.unparse(test.comparators[0])}"
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return ast.unparse(test.operand)
    return f"not ({ast.unparse(test)})" if isinstance(test, (ast.BoolOp, ast.Compare)) else f"not {ast.unparse(test)}"


def _test_module(tree: ast.AST) -> bool:
    return any((isinstance(n, _FUNCS) and n.name.startswith("test")) or
               (isinstance(n, ast.Import) and any(a.name in ("pytest", "unittest") for a in n.names)) or
               (isinstance(n, ast.ImportFrom) and (n.module or "").split(".")[0] in ("pytest", "unittest"))
               for n in walk(tree))


def assert_for_validation(tree: ast.AST, skip_lines: set[int]) -> list[Finding]:
    """`assert` on a function's arguments (outside tests): the check the function relies on disappears under -O."""
    out = []
    if _test_module(tree):
        return out   # a test file's asserts (also in its helpers) are its checks
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        if fn.name.startswith("test"):
            continue
        params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
        for node in _own_nodes(fn):
            if not isinstance(node, ast.Assert) or node.lineno in skip_lines:
                continue
            names = {n.id for n in walk(node.test) if isinstance(n, ast.Name)}
            if not names & params:
                continue
            error = "TypeError" if any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
                                       and c.func.id == "isinstance" for c in walk(node.test)) else "ValueError"
            said = ast.unparse(node.msg) if node.msg is not None else repr(f"expected {ast.unparse(node.test)}")
            out.append(Finding(
                "assert-for-validation", node.lineno, "warning",
                f"`assert {ast.unparse(node.test)}` checks {fn.name}()'s input, but Python removes every assert "
                "when run with -O (as some servers and installers do), and then bad values get through unchecked.",
                f"if {_negated(node.test)}:\n    raise {error}({said})", "correctness"))
    return out


def parameter_overwritten(tree: ast.AST) -> list[Finding]:
    """`def square(n): n = int(input())` - the argument is replaced before it is ever read."""
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs} - {"self", "cls"}
        read: set[str] = set()
        for stmt in fn.body:
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue   # the docstring
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                name = stmt.targets[0].id
                uses = {n.id for n in walk(stmt.value) if isinstance(n, ast.Name)}
                if name in params and name not in read and name not in uses:
                    from_input = any(isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "input"
                                     for c in walk(stmt.value))
                    out.append(Finding(
                        "parameter-overwritten", stmt.lineno, "error",
                        f"`{ast.unparse(stmt)}` replaces the parameter `{name}` before it is used, so whatever the "
                        f"caller passes to {fn.name}() is ignored.",
                        (f"{ast.unparse(stmt)}   # move this line to where {fn.name}() is called ...\n"
                         f"print({fn.name}({name}))   # ... and pass the value in" if from_input else
                         f"def {fn.name}({ast.unparse(fn.args)}):   # `{ast.unparse(stmt)}` deleted: {name} keeps "
                         f"the value the caller passes\n    {_next_line(fn, stmt)}"),
                        "correctness"))
                    break
            read |= {n.id for n in walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            if read & params == params:
                break
    return out


def _next_line(fn: ast.AST, stmt: ast.stmt) -> str:
    rest = fn.body[fn.body.index(stmt) + 1:]
    return ast.unparse(rest[0]).split("\n")[0] + (" ..." if len(rest) > 1 or "\n" in ast.unparse(rest[0]) else "") \
        if rest else "..."


_READS = ("read", "readline", "readlines")


def file_mode_mismatch(tree: ast.AST) -> list[Finding]:
    """A file opened with "w" (which empties it) and then read: io.UnsupportedOperation, and the content is lost."""
    out = []
    for with_ in (n for n in walk(tree) if isinstance(n, (ast.With, ast.AsyncWith))):
        for item in with_.items:
            call, handle = item.context_expr, item.optional_vars
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "open"
                    and isinstance(handle, ast.Name) and len(call.args) >= 2 and isinstance(call.args[1], ast.Constant)
                    and call.args[1].value in ("w", "wt", "a", "at", "wb", "ab")):
                continue
            reads = [n for n in walk(with_) if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                                                and n.func.attr in _READS and isinstance(n.func.value, ast.Name)
                                                and n.func.value.id == handle.id)
                     or (isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.iter, ast.Name)
                         and n.iter.id == handle.id)]
            if reads:
                mode = call.args[1].value
                fixed = ast.unparse(ast.Call(call.func, [call.args[0], ast.Constant("r" + mode[1:].replace("t", ""))]
                                             + call.args[2:], call.keywords))
                out.append(Finding(
                    "file-mode-mismatch", call.lineno, "error",
                    f"`{ast.unparse(call)}` opens the file for writing{' (and empties it first)' if mode.startswith('w') else ''}"
                    f", but line {reads[0].lineno} reads from it: io.UnsupportedOperation (not readable).",
                    f"with {fixed} as {handle.id}:   # 'r' reads; 'w' replaces the content, 'a' appends",
                    "correctness"))
    return out


def run(tree: ast.AST, access_lines: set[int] = frozenset()) -> list[Finding]:
    out: list[Finding] = []
    for check in (mutated_argument_returned, float_equality, parameter_overwritten, file_mode_mismatch):
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, TypeError, StopIteration):   # an odd shape: skip that check
            continue
    try:
        out += assert_for_validation(tree, set(access_lines))
    except (ValueError, AttributeError, IndexError, TypeError):
        pass
    return out
