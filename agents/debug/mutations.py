"""Single-edit variants of a student's program, for the expected-vs-got repair search (repair_search.py).

Each candidate is (new program, line, what changed in words). They come in order of how often beginners make
that mistake, so the first one that prints the expected output is the most plausible repair:
  `/` <-> `//`; a formula regrouped with the same operands in the same order; `and` <-> `or`; an assignment in a
  loop that should accumulate; a statement on the wrong side of a loop (left after it, reset inside it,
  printed/returned inside it); a constant index inside `for i in range(...)` that should be `i`; a swap that
  loses a value; text that should be a number; a flipped comparison; a bound, index or divisor one off; then
  the formula's operands and operators reordered.
Only the AST is read; nothing is executed here.
"""
from __future__ import annotations

import ast
import itertools

from agents.debug import fix_shapes

_ARITH = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_FLIP = {ast.Gt: ast.Lt, ast.Lt: ast.Gt, ast.GtE: ast.LtE, ast.LtE: ast.GtE, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
_WIDEN = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt}


def topic_of(what: str) -> str:
    if "loop" in what:
        return "loops"
    if "int(" in what or "float(" in what:
        return "type-conversion"
    if " or " in what or " and " in what or "<" in what or ">" in what or "==" in what:
        return "conditionals"
    return "operators"


def _segment(code: str, node: ast.AST) -> str | None:
    return ast.get_source_segment(code, node)


def _replace(code: str, node: ast.AST, text: str) -> str | None:
    """The program with `node` (on one line) replaced by `text`."""
    if node.lineno != node.end_lineno:
        return None
    rows = code.split("\n")
    raw = rows[node.lineno - 1].encode()
    rows[node.lineno - 1] = (raw[:node.col_offset] + text.encode() + raw[node.end_col_offset:]).decode()
    return "\n".join(rows)


def _flatten(node: ast.AST):
    """Operands and operators of an arithmetic chain, in source order."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITH):
        left_vals, left_ops = _flatten(node.left)
        right_vals, right_ops = _flatten(node.right)
        return left_vals + right_vals, left_ops + [node.op] + right_ops
    return [node], []


def _shapes(vals: list, ops: list):
    """Every way of bracketing vals (op) vals ... keeping their order."""
    if len(vals) == 1:
        yield vals[0]
        return
    for cut in range(1, len(vals)):
        for left in _shapes(vals[:cut], ops[:cut - 1]):
            for right in _shapes(vals[cut:], ops[cut:]):
                yield ast.BinOp(left=left, op=ops[cut - 1], right=right)


def _top_chains(tree: ast.AST) -> list[ast.BinOp]:
    inner = set()
    chains = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITH) and id(node) not in inner:
            chains.append(node)
            for sub in ast.walk(node):
                if sub is not node:
                    inner.add(id(sub))
    return chains


def _loops(tree: ast.AST) -> list:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))]


def _bodies(tree: ast.AST):
    """(statement list, owner) for every block of statements."""
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block, node


def _assigned(nodes) -> set[str]:
    return {t.id for n in nodes for t in ast.walk(n) if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}


def generate(code: str, tree: ast.AST) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    seen = {code}

    def add(new: str | None, line: int, what: str) -> None:
        if new is None or new in seen:
            return
        try:
            ast.parse(new)
        except SyntaxError:
            return
        seen.add(new)
        out.append((new, line, what))

    def swap_node(node, new_node, what_fmt="write `{new}` instead of `{old}`"):
        old = _segment(code, node)
        new = ast.unparse(new_node)
        if old is not None and new != old:
            add(_replace(code, node, new), node.lineno, what_fmt.format(new=new, old=old))

    chains = _top_chains(tree)
    for node in ast.walk(tree):   # `/` <-> `//`
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv)):
            other = ast.FloorDiv() if isinstance(node.op, ast.Div) else ast.Div()
            swap_node(node, ast.BinOp(left=node.left, op=other, right=node.right))
        if isinstance(node, ast.AugAssign) and isinstance(node.op, (ast.Div, ast.FloorDiv)):
            other = ast.FloorDiv() if isinstance(node.op, ast.Div) else ast.Div()
            swap_node(node, ast.AugAssign(target=node.target, op=other, value=node.value))
    for chain in chains:   # the same formula, bracketed differently
        vals, ops = _flatten(chain)
        if 3 <= len(vals) <= 5:
            for shape in _shapes(vals, ops):
                swap_node(chain, shape)
    for node in ast.walk(tree):   # `and` <-> `or`
        if isinstance(node, ast.BoolOp):
            swap_node(node, ast.BoolOp(op=ast.Or() if isinstance(node.op, ast.And) else ast.And(), values=node.values))
    _loop_edits(code, tree, add, swap_node)
    _conversions(code, tree, swap_node, add)
    for node in ast.walk(tree):   # text compared case-sensitively
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)) \
                and isinstance(node.comparators[0], ast.Constant) and isinstance(node.comparators[0].value, str) \
                and node.comparators[0].value.lower() != node.comparators[0].value.upper():
            lowered = ast.Call(func=ast.Attribute(value=node.left, attr="lower"), args=[], keywords=[])
            swap_node(node, ast.Compare(left=lowered, ops=node.ops,
                                        comparators=[ast.Constant(node.comparators[0].value.lower())]))
    for node in ast.walk(tree):   # `ch in 'AEIOU'`: membership in text of one case
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(node.comparators[0], ast.Constant) and isinstance(node.comparators[0].value, str) \
                and node.comparators[0].value.lower() != node.comparators[0].value.upper():
            for case in ("lower", "upper"):
                changed = ast.Call(func=ast.Attribute(value=node.left, attr=case), args=[], keywords=[])
                swap_node(node, ast.Compare(left=changed, ops=node.ops,
                                            comparators=[ast.Constant(getattr(node.comparators[0].value, case)())]))
    # natural edits first (a boundary `<=`, a range end, an if chain reordered), a flipped comparison last
    _compare_edits(tree, swap_node, _WIDEN)
    for fixed, line, what in fix_shapes.chain_reorders(code, tree):
        add(fixed, line, what)
    from agents.debug import mutations_lines   # it reads this module's helpers
    mutations_lines.ladder_and_line_edits(code, tree, add)
    for call in ast.walk(tree):   # a range's end moved to include/exclude it
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "range" and len(call.args) in (1, 2) \
                and isinstance(call.args[-1], ast.Constant) and type(call.args[-1].value) is int:
            for new in (call.args[-1].value + 1, call.args[-1].value - 1):
                swap_node(call.args[-1], ast.Constant(new))
    _compare_edits(tree, swap_node, _FLIP)
    _off_by_one(code, tree, swap_node)
    for chain in chains:   # operands, then operators, reordered
        vals, ops = _flatten(chain)
        if 3 <= len(vals) <= 4:
            texts = {ast.unparse(v) for v in vals}
            for perm in itertools.permutations(vals):
                if len(out) > 2500:
                    break
                for op_perm in dict.fromkeys(tuple(type(o) for o in p) for p in itertools.permutations(ops)):
                    shapes = sorted(_shapes(list(perm), [o() for o in op_perm]),
                                    key=lambda t: ast.unparse(t).count("("))   # the plainest reading first
                    for shape in shapes:
                        if len(texts) == len(vals):
                            swap_node(chain, shape)
    _operator_swaps(code, tree, add)
    for node in ast.walk(tree):   # one part of an `or`/`and` too many (`x > 0 or x == 0 or x < 0`)
        if isinstance(node, ast.BoolOp):
            for k in range(len(node.values)):
                rest = node.values[:k] + node.values[k + 1:]
                swap_node(node, rest[0] if len(rest) == 1 else ast.BoolOp(op=node.op, values=rest),
                          "drop `" + ast.unparse(node.values[k]) + "`: write `{new}` instead of `{old}`")
    for fixed, line, what in fix_shapes.scale_edits(code, tree):
        add(fixed, line, what)
    return out


_SWAPPABLE = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_IDENTITY = {(ast.Mult, 1), (ast.Div, 1), (ast.Add, 0), (ast.Sub, 0)}


def _compare_edits(tree, swap_node, table) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in table:
            swap_node(node, ast.Compare(left=node.left, ops=[table[type(node.ops[0])]()], comparators=node.comparators))


def _operator_swaps(code, tree, add) -> None:
    """The wrong operator (`w + h` for an area): tried last, after every edit that keeps the student's operators."""
    for node in ast.walk(tree):   # the wrong operator: `w + h` for an area, `a - b` for a total
        if isinstance(node, ast.BinOp) and type(node.op) in _SWAPPABLE:
            for other in _SWAPPABLE:
                if isinstance(node.right, ast.Constant) and (other, node.right.value) in _IDENTITY:
                    continue   # `x * 1` is the same as dropping the term, said more plainly below
                old_text = _segment(code, node)
                new_text = ast.unparse(ast.BinOp(left=node.left, op=other(), right=node.right))
                if other is not type(node.op) and old_text:
                    add(_replace(code, node, new_text), node.lineno, f"write `{new_text}` instead of `{old_text}`")


def _loop_edits(code, tree, add, swap_node) -> None:
    rows = code.split("\n")
    for block, owner in _bodies(tree):
        for i, stmt in enumerate(block):
            if stmt.lineno != stmt.end_lineno:
                continue
            text = rows[stmt.lineno - 1]
            indent = text[: len(text) - len(text.lstrip())]
            prev = block[i - 1] if i else None
            if isinstance(prev, (ast.For, ast.While)) and not isinstance(stmt, (ast.Return, ast.Break)):
                inner = prev.body[-1]
                inner_indent = rows[inner.lineno - 1][: len(rows[inner.lineno - 1]) - len(rows[inner.lineno - 1].lstrip())]
                used = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)}
                if used & _assigned(prev.body + [prev.target] if isinstance(prev, ast.For) else prev.body):
                    new = rows[:]
                    new[stmt.lineno - 1] = inner_indent + text.lstrip()
                    add("\n".join(new), stmt.lineno, f"indent line {stmt.lineno} (`{text.strip()}`) so it runs "
                        "inside the loop, once per item")
        if isinstance(owner, (ast.For, ast.While)) and block is owner.body:
            loop_text = rows[owner.lineno - 1]
            loop_indent = loop_text[: len(loop_text) - len(loop_text.lstrip())]
            for stmt in block:
                if stmt.lineno != stmt.end_lineno:
                    continue
                text = rows[stmt.lineno - 1].strip()
                if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.Constant, ast.List, ast.Dict)) \
                        and len(block) > 1:
                    new = rows[:]
                    del new[stmt.lineno - 1]
                    new.insert(owner.lineno - 1, loop_indent + text)
                    add("\n".join(new), stmt.lineno, f"move `{text}` from line {stmt.lineno} to before the loop "
                        "(inside the loop it starts over on every item)")
            last = block[-1]
            if last.lineno == last.end_lineno and (isinstance(last, ast.Return) or (
                    isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                    and getattr(last.value.func, "id", "") == "print")):
                new = rows[:]
                new[last.lineno - 1] = loop_indent + rows[last.lineno - 1].strip()
                add("\n".join(new), last.lineno, f"dedent `{rows[last.lineno - 1].strip()}` on line {last.lineno} "
                    "so it runs after the loop, not inside it")
    for loop in _loops(tree):
        before = _assigned(n for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.lineno < loop.lineno)
        loop_var = loop.target.id if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) else None
        for node in ast.walk(loop):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and node is not loop:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in before and not any(
                        isinstance(n, ast.Name) and n.id == target.id for n in ast.walk(node.value)):
                    swap_node(node, ast.AugAssign(target=target, op=ast.Add(), value=node.value))
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    get = ast.Call(func=ast.Attribute(value=target.value, attr="get"),
                                   args=[target.slice, ast.Constant(0)], keywords=[])
                    swap_node(node, ast.Assign(targets=[target], value=ast.BinOp(left=get, op=ast.Add(),
                                                                                 right=node.value), lineno=0))
            if loop_var and isinstance(loop, ast.For) and isinstance(loop.iter, ast.Call) \
                    and getattr(loop.iter.func, "id", "") == "range" and isinstance(node, ast.Subscript) \
                    and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
                swap_node(node, ast.Subscript(value=node.value, slice=ast.Name(loop_var), ctx=ast.Load()))
    for block, _ in _bodies(tree):   # a = b; b = a
        for first, second in zip(block, block[1:]):
            if all(isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
                   and isinstance(s.value, ast.Name) for s in (first, second)) \
                    and first.targets[0].id == second.value.id and first.value.id == second.targets[0].id:
                a, b = first.targets[0].id, first.value.id
                rows2 = code.split("\n")
                indent = rows2[first.lineno - 1][: first.col_offset]
                rows2[first.lineno - 1] = f"{indent}{a}, {b} = {b}, {a}"
                del rows2[second.lineno - 1]
                add("\n".join(rows2), first.lineno, f"swap both at once with `{a}, {b} = {b}, {a}` (after "
                    f"`{a} = {b}` the old value of {a} is gone)")


def _int(node):
    return ast.Call(func=ast.Name("int"), args=[node], keywords=[])


def _conversions(code, tree, swap_node, add) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "input":
            swap_node(node, _int(node))
            swap_node(node, ast.Call(func=ast.Name("float"), args=[node], keywords=[]))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            vals, ops = _flatten(node)
            if all(isinstance(o, (ast.Add, ast.Mult)) for o in ops):
                digits = [v for v in vals if isinstance(v, ast.Constant) and isinstance(v.value, str)
                          and v.value.strip().lstrip("-").isdigit()]
                if digits or all(isinstance(v, (ast.Name, ast.Subscript)) for v in vals):
                    new = [ast.Constant(int(v.value)) if v in digits else
                           v if isinstance(v, ast.Constant) else _int(v) for v in vals]
                    rebuilt = new[0]
                    for op, val in zip(ops, new[1:]):
                        rebuilt = ast.BinOp(left=rebuilt, op=op, right=val)
                    swap_node(node, rebuilt)
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            right = node.comparators[0]
            if isinstance(right, ast.Constant) and isinstance(right.value, int) and not isinstance(right.value, bool):
                swap_node(right, ast.Constant(str(right.value)))


def _off_by_one(code, tree, swap_node) -> None:
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}

    def bound(node) -> bool:
        parent = parents.get(id(node))
        for _ in range(3):
            if parent is None:
                return False
            if isinstance(parent, (ast.Slice, ast.Subscript, ast.Compare)) or (
                    isinstance(parent, ast.Call) and getattr(parent.func, "id", "") == "range") or (
                    isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Div, ast.FloorDiv))
                    and parent.right is node):
                return True
            if not isinstance(parent, (ast.BinOp, ast.UnaryOp)):
                return False
            parent = parents.get(id(parent))
        return False

    steps = {id(n.step) for n in ast.walk(tree) if isinstance(n, ast.Slice) and n.step is not None}
    for node in ast.walk(tree):
        value = None
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
            value = node.value
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, int) and not isinstance(node.operand.value, bool):
            value = -node.operand.value
        if value is None or not bound(node) or isinstance(parents.get(id(node)), ast.UnaryOp) or id(node) in steps:
            continue
        for new in (value + 1, value - 1):
            swap_node(node, ast.Constant(new) if new >= 0 else ast.UnaryOp(op=ast.USub(), operand=ast.Constant(-new)))
        if isinstance(parents.get(id(node)), ast.Subscript) and isinstance(parents.get(id(node)).value, ast.Name):
            seq = parents.get(id(node)).value.id
            if value >= 0:
                swap_node(node, ast.BinOp(left=ast.Call(func=ast.Name("len"), args=[ast.Name(seq)], keywords=[]),
                                          op=ast.Sub(), right=ast.Constant(1)))
        parent = parents.get(id(node))
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Div, ast.FloorDiv)) and parent.right is node:
            for loop in _loops(tree):
                if isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name) and loop.lineno < node.lineno:
                    swap_node(node, ast.Call(func=ast.Name("len"), args=[loop.iter], keywords=[]))
