"""Errors that wait inside definitions until they are called (ruff has none of these), each with the student's line
rewritten:

- removing from a list inside `for i in range(len(lst))` (`lst.pop(i)`, `del lst[i]`): the range was fixed when the
  loop started, so items are skipped and the last indexes raise IndexError;
- an `async def` of the file called without `await` (`x = fetch()`): x is a coroutine object, the body never runs;
- an `except` clause after `except Exception:` (or a bare `except:`): it can never run;
- text joined to a number with `+` (`"Total: " + len(items)`): TypeError.
"""
from __future__ import annotations

import ast

from agents.code_review.rules_astutil import walk
from agents.code_review.rules_common import Finding

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_NUMBER_CALLS = {"len", "int", "sum", "round", "abs", "float", "ord"}   # always a number (max/min may be text)
_SCHEDULERS = {"create_task", "ensure_future", "gather", "run", "wait", "wait_for", "run_until_complete",
               "run_coroutine_threadsafe", "shield", "as_completed", "TaskGroup", "start_soon"}


def _range_len(loop: ast.For) -> str:
    """`lst` for `for i in range(len(lst))`."""
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" and len(it.args) == 1:
        inner = it.args[0]
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id == "len" \
                and len(inner.args) == 1 and isinstance(inner.args[0], ast.Name):
            return inner.args[0].id
    return ""


def removed_by_index_in_range_loop(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in (n for n in walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)):
        seq, index = _range_len(loop), loop.target.id
        indexed = any((isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == seq
                       and any(isinstance(m, ast.Name) and m.id == index for m in walk(n.slice)))
                      or (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "pop"
                          and any(isinstance(m, ast.Name) and m.id == index for a in n.args for m in walk(a)))
                      for n in walk(loop))
        if not seq or not indexed:
            continue   # `lst.remove(max(lst))` n times never reads lst[i]: the shrinking does no harm there
        for node in walk(loop):
            pop = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("pop",
                                                                                                            "remove") \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == seq
            dele = isinstance(node, ast.Delete) and any(isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)
                                                        and t.value.id == seq for t in node.targets)
            if not (pop or dele):
                continue
            guard = next((n for n in walk(loop) if isinstance(n, ast.If) and any(m is node for m in walk(n))), None)
            keep = f"not ({ast.unparse(guard.test)})" if guard is not None else "False"
            keep = keep.replace(f"{seq}[{index}]", "item")
            out.append(Finding(
                "removed-in-range-loop", node.lineno, "error",
                f"`{ast.unparse(node)}` shortens `{seq}` inside `for {index} in range(len({seq}))`: the range was "
                f"fixed when the loop started, so the item after each removed one is skipped and the last "
                f"indexes raise IndexError.",
                f"{seq}[:] = [item for item in {seq} if {keep}]   # keep the others, in one pass", "correctness"))
            break
    return out


def coroutine_not_awaited(tree: ast.AST) -> list[Finding]:
    """A call of the file's own `async def` whose coroutine is never awaited nor handed to asyncio: a statement on
    its own (`fetch()`), or a name that is then only printed or computed with (`x = fetch(); print(x + 1)`)."""
    coros = {n.name for n in walk(tree) if isinstance(n, ast.AsyncFunctionDef)}
    if not coros:
        return []
    scheduled: set[int] = set()   # nodes inside an await, an asyncio call's arguments, a collection or a return
    for node in walk(tree):
        if isinstance(node, ast.Await) or (isinstance(node, (ast.Return, ast.Yield, ast.List, ast.Tuple, ast.Set,
                                                              ast.ListComp, ast.GeneratorExp, ast.Starred, ast.Dict))):
            scheduled |= {id(n) for n in walk(node)}
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in _SCHEDULERS or name in ("append", "add", "put", "submit", "call_soon", "call_soon_threadsafe"):
                scheduled |= {id(n) for a in [*node.args, *(k.value for k in node.keywords)] for n in walk(a)}
    out = []
    for stmt in walk(tree):
        call, name = None, ""
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Call):
            call, name = stmt.value, stmt.targets[0].id
        if call is None or not (isinstance(call.func, ast.Name) and call.func.id in coros) or id(call) in scheduled:
            continue
        if name and any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) in scheduled
                        for n in walk(tree)):
            continue   # `task = fetch()` ... `await task` / gather(task)
        out.append(Finding(
            "coroutine-not-awaited", call.lineno, "error",
            f"`{ast.unparse(call)}` calls an `async def` without `await`: it only creates a coroutine object, "
            f"so {call.func.id}() never runs and you get the coroutine instead of its result.",
            f"{ast.unparse(stmt).replace(ast.unparse(call), 'await ' + ast.unparse(call), 1)}   # in an async "
            f"def; from plain code: asyncio.run({ast.unparse(call)})", "correctness"))
    return out


def handler_after_catch_all(tree: ast.AST) -> list[Finding]:
    out = []
    for try_ in (n for n in walk(tree) if isinstance(n, ast.Try)):
        for i, handler in enumerate(try_.handlers[:-1]):
            broad = handler.type is None or (isinstance(handler.type, ast.Name)
                                             and handler.type.id in ("Exception", "BaseException"))
            if broad:
                later = try_.handlers[i + 1]
                caught = "except:" if handler.type is None else f"except {ast.unparse(handler.type)}:"
                out.append(Finding(
                    "unreachable-except", later.lineno, "error",
                    f"`{caught}` on line {handler.lineno} already catches everything, so the "
                    f"`except {ast.unparse(later.type) if later.type else ''}` on line {later.lineno} can never run.",
                    f"except {ast.unparse(later.type) if later.type else 'ValueError'}:   # the specific one first ...\n"
                    f"    ...\n{caught}   # ... the catch-all last", "correctness"))
                break
    return out


def _text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _number(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NUMBER_CALLS


def text_plus_number(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and (
                (_text(node.left) and _number(node.right)) or (_number(node.left) and _text(node.right))):
            text, number = (node.left, node.right) if _text(node.left) else (node.right, node.left)
            words = text.value if isinstance(text, ast.Constant) else ast.unparse(text)[2:-1]
            quote = "'" if '"' in words else '"'
            body = f"{words}{{{ast.unparse(number)}}}" if text is node.left else f"{{{ast.unparse(number)}}}{words}"
            fixed = f"f{quote}{body}{quote}"
            out.append(Finding(
                "text-plus-number", node.lineno, "error",
                f"`{ast.unparse(node)}` adds text and a number: Python does not convert the number for you, so this "
                "raises TypeError (can only concatenate str (not \"int\") to str).",
                f"{fixed}   # or str({ast.unparse(number)})", "correctness"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    for check in (removed_by_index_in_range_loop, coroutine_not_awaited, handler_after_catch_all, text_plus_number):
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip that check
            continue
    return out
