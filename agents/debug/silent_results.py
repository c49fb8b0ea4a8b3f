"""Silent bugs where a value is computed and lost, or a branch gives the wrong one (debug explainer only):
  value_thrown_away     - `price * 1.2` or `balance - withdraw` as a statement: computed, then dropped
                          (-> `return ...` at the end of a function whose result is used, else `x = x - y`)
  result_not_used       - `greet('Sam')` alone on a line: the function returns text and prints nothing
  count_overwritten     - `counts[w] = 1` inside the loop that counts: every count stays 1
  same_result_both_ways - `if ...: return True` / `else: return True`: both branches give the same answer
  index_used_as_item    - `for i in range(len(xs)): print(i)`: the position is printed, never `xs[i]`
  print_inside_loop     - the collection being built is printed at the end of every round, not once after
"""
from __future__ import annotations

import ast

from pitfalls.ast_tools import Finding, compiles, replace_node, segment


def _functions(tree) -> dict[str, ast.FunctionDef]:
    return {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}


def _result_used(tree, name: str) -> bool:
    """Is a call of `name` used as a value somewhere (printed, assigned, in an expression)?"""
    statements = {id(s.value) for s in ast.walk(tree) if isinstance(s, ast.Expr)}
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name and id(n) not in statements
               for n in ast.walk(tree))


def _returns_value(func) -> bool:
    return any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(func))


def _prints(func) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print" for n in ast.walk(func))


def value_thrown_away(code: str, tree) -> list[Finding]:
    found = []
    owner = {id(s): f for f in _functions(tree).values() for s in ast.walk(f)}
    for stmt in ast.walk(tree):
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.BinOp, ast.BoolOp, ast.Compare))):
            continue
        text = segment(code, stmt.value)
        func = owner.get(id(stmt))
        if func is not None and stmt is func.body[-1] and not _returns_value(func) and _result_used(tree, func.name):
            new = f"return {text}"
            why = f"so `{func.name}()` returns None"
        elif isinstance(stmt.value, ast.BinOp) and isinstance(stmt.value.left, ast.Name):
            target = stmt.value.left.id
            op = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}.get(type(stmt.value.op))
            new = f"{target} {op} {segment(code, stmt.value.right)}" if op else f"{target} = {text}"
            why = f"so `{target}` keeps its old value"
        else:
            continue
        found.append(Finding(f"Line {stmt.lineno} computes `{text}` and throws the result away ({why}): an "
                             "expression on its own line changes nothing.",
                             f"Keep the result: `{new}`.", fixed_code=_checked(replace_node(code, stmt, new)),
                             confidence=0.86, line=stmt.lineno, title="Result computed and thrown away",
                             topic="functions" if func is not None else "variables"))
    return found


def result_not_used(code: str, tree) -> list[Finding]:
    funcs = _functions(tree)
    found = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name):
            func = funcs.get(stmt.value.func.id)
            if func is None or not _returns_value(func) or _prints(func) or _result_used(tree, func.name):
                continue
            call = segment(code, stmt.value)
            found.append(Finding(f"Line {stmt.lineno} calls `{call}` but does nothing with what it returns, and "
                                 f"`{func.name}()` prints nothing itself - so nothing appears.",
                                 f"Print (or store) the result: `print({call})`.",
                                 fixed_code=_checked(replace_node(code, stmt, f"print({call})")), confidence=0.84,
                                 line=stmt.lineno, title="Returned value never used", topic="functions"))
    return found


def count_overwritten(code: str, tree) -> list[Finding]:
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)):
        for stmt in ast.walk(loop):
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Subscript) \
                    and isinstance(stmt.value, ast.Constant) and stmt.value.value == 1 \
                    and isinstance(stmt.targets[0].value, ast.Name):
                key = stmt.targets[0].slice
                if not any(isinstance(n, ast.Name) and n.id == loop.target.id for n in ast.walk(key)):
                    continue
                if any(isinstance(s, ast.If) and stmt in s.body for s in ast.walk(loop)):
                    continue   # `if w not in counts: counts[w] = 1` is the first count, kept
                d, k = stmt.targets[0].value.id, segment(code, key)
                new = f"{d}[{k}] = {d}.get({k}, 0) + 1"
                found.append(Finding(f"Line {stmt.lineno} sets `{d}[{k}]` to 1 every time, so a key seen again is "
                                     "reset to 1 instead of counted up.", f"Add one to the count so far: `{new}`.",
                                     fixed_code=_checked(replace_node(code, stmt, new)), confidence=0.85,
                                     line=stmt.lineno, title="Count overwritten instead of increased",
                                     topic="dictionaries"))
    return found


def same_result_both_ways(code: str, tree) -> list[Finding]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and len(node.body) == 1 and len(node.orelse) == 1 \
                and all(isinstance(s, ast.Return) and isinstance(s.value, ast.Constant)
                        and isinstance(s.value.value, bool) for s in (node.body[0], node.orelse[0])) \
                and node.body[0].value.value == node.orelse[0].value.value:
            other = node.orelse[0]
            new = f"return {not other.value.value}"
            found.append(Finding(f"Both branches of the `if` on line {node.lineno} return {other.value.value}, so "
                                 "the test makes no difference and the answer is always the same.",
                                 f"Return the opposite on line {other.lineno}: `{new}`.",
                                 fixed_code=_checked(replace_node(code, other, new)), confidence=0.88,
                                 line=other.lineno, title="Both branches give the same answer",
                                 topic="conditionals"))
    return found


def index_used_as_item(code: str, tree) -> list[Finding]:
    found = []
    for loop in ast.walk(tree):
        it = getattr(loop, "iter", None)
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and isinstance(it, ast.Call)
                and isinstance(it.func, ast.Name) and it.func.id == "range" and len(it.args) == 1
                and isinstance(it.args[0], ast.Call) and getattr(it.args[0].func, "id", "") == "len"
                and it.args[0].args and isinstance(it.args[0].args[0], ast.Name)):
            continue
        seq, i = it.args[0].args[0].id, loop.target.id
        if any(isinstance(n, ast.Subscript) for n in ast.walk(loop)):
            continue   # the loop indexes something: the index is used as one
        for call in ast.walk(loop):
            if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "print" and len(call.args) == 1 \
                    and isinstance(call.args[0], ast.Name) and call.args[0].id == i:
                new = f"print({seq}[{i}])"
                found.append(Finding(f"Line {call.lineno} prints `{i}`, the position (0, 1, 2 ...), not the item of "
                                     f"`{seq}` at that position.", f"Print the item: `{new}` (or loop with "
                                     f"`for item in {seq}:`).", fixed_code=_checked(replace_node(code, call, new)),
                                     confidence=0.8, line=call.lineno, title="Index printed instead of the item",
                                     topic="loops"))
    return found


def print_inside_loop(code: str, tree) -> list[Finding]:
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, ast.For)):
        last = loop.body[-1]
        if len(loop.body) < 2 or not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                                      and getattr(last.value.func, "id", "") == "print" and len(last.value.args) == 1
                                      and isinstance(last.value.args[0], ast.Name)):
            continue
        name = last.value.args[0].id
        grown = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                    and n.func.value.id == name and n.func.attr in ("append", "extend", "add", "update")
                    for s in loop.body[:-1] for n in ast.walk(s))
        if not grown or name == getattr(loop.target, "id", None):
            continue
        rows = code.split("\n")
        rows[last.lineno - 1] = " " * loop.col_offset + rows[last.lineno - 1].strip()
        found.append(Finding(f"Line {last.lineno} is inside the loop, so `{name}` is printed again after every item "
                             "while it is still being built.", f"Dedent line {last.lineno} so it runs once, after the "
                             "loop.", fixed_code=_checked("\n".join(rows)), confidence=0.6, line=last.lineno,
                             title="Printed inside the loop", topic="loops"))
    return found


def _checked(fixed: str) -> str | None:
    return fixed if compiles(fixed) else None


ALL = (value_thrown_away, result_not_used, count_overwritten, same_result_both_ways, index_used_as_item,
       print_inside_loop)
