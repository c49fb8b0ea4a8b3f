"""Loop rules: `range(len(...))`, a while loop written by hand, a manual index counter, and strings built
with + inside a loop - each with a rewrite in the student's own names."""
from __future__ import annotations

import ast

from agents.code_review.rules_astutil import _const, _is_call, _is_name, _same, _singular, _src, walk


class LoopRules:
    """Mixin of AstRules: loops and the statements around them."""

    def _while_index(self, loop: ast.While) -> None:
        """`i = 0; while i < len(xs): ... xs[i] ... i += 1` is a for loop written by hand."""
        test = loop.test
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Lt)
                and isinstance(test.left, ast.Name) and _is_call(test.comparators[0], "len")
                and test.comparators[0].args and isinstance(test.comparators[0].args[0], ast.Name)):
            return
        index, seq = test.left.id, test.comparators[0].args[0].id
        steps = [n for s in loop.body for n in walk(s) if isinstance(n, ast.AugAssign)
                 and isinstance(n.op, ast.Add) and _is_name(n.target, index)]
        indexed = [n for s in loop.body for n in walk(s) if isinstance(n, ast.Subscript)
                   and _is_name(n.value, seq) and _is_name(n.slice, index)]
        if steps and indexed:
            item = seq[:-1] if seq.endswith("s") and len(seq) > 1 else "item"
            self.add("while-index-loop", loop, "suggestion",
                     f"This while loop walks `{seq}` by hand with the counter `{index}`; a for loop does the "
                     "counting for you and cannot forget the increment.",
                     f"for {item} in {seq}:\n    ...   # or: for {index}, {item} in enumerate({seq}):")

    def _range_len(self, loop: ast.For) -> None:
        it = loop.iter
        if not (_is_call(it, "range") and len(it.args) == 1 and _is_call(it.args[0], "len")
                and it.args[0].args and isinstance(loop.target, ast.Name)):
            return
        seq, index = it.args[0].args[0], loop.target.id
        uses = [n for stmt in loop.body for n in walk(stmt) if _is_name(n, index)]
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


    def _string_concat(self) -> None:
        strings = {t.id for node in walk(self.tree) if isinstance(node, ast.Assign)
                   and (isinstance(node.value, ast.JoinedStr) or (_const(node.value, "") and isinstance(node.value.value, str))
                        or (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)))
                   for t in node.targets if isinstance(t, ast.Name)}
        flagged: set[str] = set()
        for loop in walk(self.tree):
            if not isinstance(loop, (ast.For, ast.While)):
                continue
            for node in (n for s in loop.body for n in walk(s)):
                name = None
                if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add) and _is_name(node.target):
                    name = node.target.id
                elif isinstance(node, ast.Assign) and len(node.targets) == 1 and _is_name(node.targets[0]) and \
                        _is_name(_leftmost_added(node.value), node.targets[0].id):
                    name = node.targets[0].id  # s = s + piece, s = s + a + b (nested additions)
                if name in strings and name not in flagged:
                    flagged.add(name)
                    self.add("string-concat-loop", node, "warning",
                             f"`{name}` is built with + inside a loop, copying the whole string every time: "
                             "O(n²) characters copied for n pieces.",
                             f"parts = []\n# in the loop: parts.append(piece)\n{name} = ''.join(parts)   # O(n)",
                             "performance")



def _leftmost_added(node: ast.AST) -> ast.AST | None:
    """The first operand of a chain of `+` (`s + a + b` is `(s + a) + b`), or None if node is no addition."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)):
        return None
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    return node


def _uses_as_index(loop: ast.For, name: str) -> bool:
    """True when the counter is used for something besides its own increment (typically seq[i])."""
    loads = [n for s in loop.body for n in walk(s) if _is_name(n, name) and isinstance(n.ctx, ast.Load)]
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
