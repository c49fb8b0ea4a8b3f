"""Conditions and values that are decided before the program runs, and updates that use the wrong name:

- a comparison that is always true or always false (`len(xs) >= 0`, `len(xs) < 0`, `x % 2 == 2`);
- a range that cannot hold (`x > 5 and x < 3`);
- a type compared with a string (`type(x) == 'str'`: a type is never equal to text);
- the None of an in-place method returned (`return xs.append(x)`);
- the whole collection added where the loop's item was meant (`for p in prices: total += prices`).
Each is a correctness Finding with its line and the student's line rewritten."""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_IN_PLACE = ("append", "extend", "insert", "remove", "sort", "reverse", "clear", "update", "add", "discard")


def _src(node: ast.AST) -> str:
    return ast.unparse(node)


def _const(node: ast.AST):
    return node.value if isinstance(node, ast.Constant) and type(node.value) in (int, float) else None


def _always(test: ast.Compare) -> bool | None:
    """True/False when a single comparison is decided whatever the values are."""
    if len(test.ops) != 1:
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    value = _const(right)
    if isinstance(left, ast.Call) and isinstance(left.func, ast.Name) and left.func.id in ("len", "abs") \
            and value == 0:
        if isinstance(op, ast.GtE):
            return True
        if isinstance(op, ast.Lt):
            return False
    if isinstance(left, ast.BinOp) and isinstance(left.op, ast.Mod) and _const(left.right) is not None \
            and value is not None and isinstance(op, ast.Eq) and _const(left.right) > 0 \
            and not 0 <= value < _const(left.right):
        return False
    return None


def decided_comparisons(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if isinstance(node, ast.Compare):
            verdict = _always(node)
            if verdict is not None:
                out.append(Finding(
                    "constant-condition", node.lineno, "error",
                    f"`{_src(node)}` is always {verdict}, whatever the values are, so the code it guards "
                    f"{'always' if verdict else 'never'} runs.",
                    "if len(xs) > 0:   # or simply `if xs:` - test what can actually differ" if verdict and
                    isinstance(node.left, ast.Call) else f"# decide what should be tested instead of `{_src(node)}`",
                    "correctness"))
    return out


def _bound(cmp: ast.AST):
    """(name, 'low'|'high', value, strict) for `x > 5` / `x < 3` / `5 < x` style tests."""
    if not (isinstance(cmp, ast.Compare) and len(cmp.ops) == 1):
        return None
    left, op, right = cmp.left, cmp.ops[0], cmp.comparators[0]
    if isinstance(left, ast.Name) and _const(right) is not None:
        name, value, flipped = left.id, _const(right), False
    elif isinstance(right, ast.Name) and _const(left) is not None:
        name, value, flipped = right.id, _const(left), True
    else:
        return None
    kind = {ast.Gt: "low", ast.GtE: "low", ast.Lt: "high", ast.LtE: "high"}.get(type(op))
    if kind is None:
        return None
    if flipped:
        kind = "high" if kind == "low" else "low"
    return name, kind, value, isinstance(op, (ast.Gt, ast.Lt))


def impossible_range(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if not (isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And)):
            continue
        bounds = [b for b in map(_bound, node.values) if b]
        for name, _, low, strict_low in (b for b in bounds if b[1] == "low"):
            for other, _, high, strict_high in (b for b in bounds if b[1] == "high" and b[0] == name):
                if low > high or (low == high and (strict_low or strict_high)):
                    out.append(Finding(
                        "impossible-range", node.lineno, "error",
                        f"`{_src(node)}` can never be true: {name} cannot be above {low} and below {high} at once.",
                        f"{name} > {low} or {name} < {high}   # outside the range\n# or {high} < {name} < {low}   "
                        "# inside it, with the bounds the right way round", "correctness"))
                    break
    return out


def type_compared_with_text(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            left, right = node.left, node.comparators[0]
            call = left if isinstance(left, ast.Call) else right
            text = right if call is left else left
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "type" \
                    and call.args and isinstance(text, ast.Constant) and isinstance(text.value, str):
                kind = text.value.strip("<>' ").replace("class ", "").strip("'")
                fixed = f"isinstance({_src(call.args[0])}, {kind})"
                out.append(Finding(
                    "type-compared-with-text", node.lineno, "error",
                    f"`{_src(node)}` compares a type with the text {text.value!r}: a type is never equal to a "
                    f"string, so this is always {isinstance(node.ops[0], ast.NotEq)}.",
                    fixed if isinstance(node.ops[0], ast.Eq) else f"not {fixed}", "correctness"))
    return out


def returns_in_place_result(tree: ast.AST) -> list[Finding]:
    out = []
    for node in walk(tree):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call) \
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr in _IN_PLACE \
                and isinstance(node.value.func.value, ast.Name):
            name = node.value.func.value.id
            out.append(Finding(
                "in-place-result-stored", node.lineno, "error",
                f"`{_src(node.value)}` changes `{name}` in place and returns None, so this function returns None.",
                f"{_src(node.value)}\nreturn {name}", "correctness"))
    return out


def collection_used_for_item(tree: ast.AST) -> list[Finding]:
    out = []
    for loop in walk(tree):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name) and isinstance(loop.target, ast.Name)):
            continue
        seq, item = loop.iter.id, loop.target.id
        item_used = any(isinstance(n, ast.Name) and n.id == item and isinstance(n.ctx, ast.Load)
                        for s in loop.body for n in walk(s))
        for node in (n for s in loop.body for n in walk(s)):
            if isinstance(node, ast.AugAssign) and isinstance(node.value, ast.Name) and node.value.id == seq \
                    and not item_used:
                out.append(Finding(
                    "collection-for-item", node.lineno, "error",
                    f"`{_src(node)}` uses the whole `{seq}` on every round instead of the current item `{item}`.",
                    f"{_src(node.target)} {_OPS.get(type(node.op), '+=')} {item}", "correctness"))
    return out


_OPS = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}


def _mapped(body: list[ast.stmt]):
    """('return', value) or ('assign', name, value) when a branch only returns or stores one constant."""
    if len(body) != 1:
        return None
    stmt = body[0]
    if isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Constant):
        return ("return", None, stmt.value)
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
            and isinstance(stmt.value, ast.Constant):
        return ("assign", stmt.targets[0].id, stmt.value)
    return None


def if_chain_to_dict(tree: ast.AST) -> list[Finding]:
    """`if x == 'a': return 1 / elif x == 'b': return 2 / elif ...` maps values to values: a dict says it in one line."""
    out, inner = [], set()
    for node in walk(tree):
        if not isinstance(node, ast.If) or id(node) in inner:
            continue
        pairs, default, subject, kind, current = [], None, None, None, node
        while isinstance(current, ast.If):
            test = current.test
            if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
                    and isinstance(test.comparators[0], ast.Constant)):
                break
            mapped = _mapped(current.body)
            if mapped is None or (subject is not None and _src(test.left) != subject) \
                    or (kind is not None and mapped[:2] != kind):
                break
            subject, kind = _src(test.left), mapped[:2]
            pairs.append((test.comparators[0], mapped[2]))
            if len(current.orelse) == 1 and isinstance(current.orelse[0], ast.If):
                inner.add(id(current.orelse[0]))
                current = current.orelse[0]
            else:
                rest = _mapped(current.orelse) if current.orelse else None
                default = rest[2] if rest and rest[:2] == kind else None
                break
        if len(pairs) < 3 or kind is None:
            continue
        table = "{" + ", ".join(f"{_src(k)}: {_src(v)}" for k, v in pairs) + "}"
        lookup = f"LOOKUP.get({subject}{', ' + _src(default) if default is not None else ''})"
        use = f"return {lookup}" if kind[0] == "return" else f"{kind[1]} = {lookup}"
        out.append(Finding(
            "if-chain-to-dict", node.lineno, "warning",
            f"This if/elif chain only maps each value of `{subject}` to another value ({len(pairs)} branches): a "
            "dict says the same in one line and is easy to extend.", f"LOOKUP = {table}\n{use}", "style"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    for check in (decided_comparisons, impossible_range, type_compared_with_text, returns_in_place_result,
                  collection_used_for_item, if_chain_to_dict):
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip that check
            continue
    return out
