"""Silent bugs about VALUES: comparisons that can never (or always) hold, accumulators that start wrong, and
numbers read as text. Each detector works on the AST alone, names the line and returns the fixed program.

The families: `is` between two computed values (`a is b` with numbers or strings), `x != "a" or x != "b"`
(always true) and `x == "a" and x == "b"` (always false), an if/elif chain whose later branch is implied by an
earlier one (`>= 50` tested before `>= 90`), an accumulator started at a value that absorbs the loop
(`product = 0` then `*=`; `biggest = 0` for a maximum), and input() text used as a number (`a + b` joining
"2" and "3", `max()` of text comparing "9" > "10", `== secret` with an int), and results thrown away
(`name.strip()` alone, `sorted(xs)` alone, `xs.sort` without brackets).
"""
from __future__ import annotations

import ast

from pitfalls.ast_tools import Finding, assignments_to, replace_node, segment

_NUMERIC_CALLS = ("int", "float", "len", "sum", "round", "abs", "str", "input")
_SEQUENCE_SORTS = ("max", "min", "sorted")


def _known_value(tree, node: ast.AST) -> bool:
    """Is `node` a number or string computed at run time (not None/True/False, not an object identity)?"""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NUMERIC_CALLS:
        return True
    if isinstance(node, ast.BinOp):
        return True
    if isinstance(node, ast.Name):
        values = [value for _, value in assignments_to(tree, node.id)]
        return bool(values) and all(
            (isinstance(v, ast.Constant) and isinstance(v.value, (int, float, str)) and not isinstance(v.value, bool))
            or (isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in _NUMERIC_CALLS)
            or isinstance(v, ast.BinOp) for v in values)
    return False


def is_between_values(code: str, tree) -> list[Finding]:
    """`a is b` where both sides are computed numbers/strings: identity, not equality."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.IsNot))):
            continue
        left, right = node.left, node.comparators[0]
        if isinstance(left, ast.Constant) or isinstance(right, ast.Constant):
            continue   # literals: expl_logic.is_with_literal
        if not (_known_value(tree, left) or _known_value(tree, right)):
            continue
        op = "!=" if isinstance(node.ops[0], ast.IsNot) else "=="
        fixed_text = f"{segment(code, left)} {op} {segment(code, right)}"
        found.append(Finding(
            f"`{segment(code, node)}` on line {node.lineno} asks whether both names point to the SAME object, not "
            "whether the values are equal. Python keeps separate objects for most equal numbers and strings, so it "
            "is False even when both hold the same value.",
            f"Compare values with `{op}`: `{fixed_text}`.", fixed_code=replace_node(code, node, fixed_text),
            confidence=0.88, line=node.lineno, title="`is` used instead of `==`", topic="conditionals"))
    return found


def contradictory_test(code: str, tree) -> list[Finding]:
    """`x != a or x != b` is always True; `x == a and x == b` is always False (for different a, b)."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.BoolOp) and len(node.values) >= 2
                and all(isinstance(v, ast.Compare) and len(v.ops) == 1 for v in node.values)):
            continue
        subjects = {ast.dump(v.left) for v in node.values}
        constants = [v.comparators[0] for v in node.values]
        if len(subjects) != 1 or not all(isinstance(c, ast.Constant) for c in constants) \
                or len({repr(c.value) for c in constants}) != len(constants):
            continue
        ops = {type(v.ops[0]) for v in node.values}
        subject = segment(code, node.values[0].left)
        options = ", ".join(segment(code, c) for c in constants)
        if isinstance(node.op, ast.Or) and ops == {ast.NotEq}:
            fixed_text, always = f"{subject} not in ({options})", "True"
            reason = f"`{subject}` always differs from at least one of them"
        elif isinstance(node.op, ast.And) and ops == {ast.Eq}:
            fixed_text, always = f"{subject} in ({options})", "False"
            reason = f"`{subject}` cannot equal all of them at once"
        else:
            continue
        joiner = "and" if always == "True" else "or"
        found.append(Finding(
            f"`{segment(code, node)}` on line {node.lineno} is always {always}: {reason}.",
            f"Use `{joiner}` between the tests, or more simply `{fixed_text}`.",
            fixed_code=replace_node(code, node, fixed_text), confidence=0.9, line=node.lineno,
            title=f"Condition is always {always}", topic="conditionals"))
    return found


def threshold(test: ast.AST) -> tuple[str, str, float, bool] | None:
    """(subject, direction 'up'|'down', bound, strict) of `x >= 50`-like tests on a number."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], ast.Constant)):
        return None
    bound = test.comparators[0].value
    if not isinstance(bound, (int, float)) or isinstance(bound, bool):
        return None
    op = test.ops[0]
    if isinstance(op, (ast.Gt, ast.GtE)):
        return ast.dump(test.left), "up", bound, isinstance(op, ast.Gt)
    if isinstance(op, (ast.Lt, ast.LtE)):
        return ast.dump(test.left), "down", bound, isinstance(op, ast.Lt)
    return None


def _implies(later, earlier) -> bool:
    """Does every value passing `later` also pass `earlier` (same subject, same direction)?"""
    if later[0] != earlier[0] or later[1] != earlier[1]:
        return False
    sign = 1 if later[1] == "up" else -1
    if sign * later[2] > sign * earlier[2]:
        return True
    return later[2] == earlier[2] and (later[3] or not earlier[3])


def unreachable_branch(code: str, tree) -> list[Finding]:
    """An elif that can never run because an earlier, looser test of the same value catches it first."""
    found = []
    elifs = {id(n.orelse[0]) for n in ast.walk(tree) if isinstance(n, ast.If) and len(n.orelse) == 1
             and isinstance(n.orelse[0], ast.If)}
    for head in ast.walk(tree):
        if not isinstance(head, ast.If) or id(head) in elifs:
            continue
        chain, node = [], head
        while isinstance(node, ast.If):
            chain.append(node)
            node = node.orelse[0] if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) else None
        tests = [(n, threshold(n.test)) for n in chain]
        for pos, (later, t_later) in enumerate(tests):
            earlier = next(((n, t) for n, t in tests[:pos] if t and t_later and _implies(t_later, t)), None)
            if earlier is None:
                continue
            first, strict = earlier[0], segment(code, later.test)
            found.append(Finding(
                f"The branch `elif {strict}:` on line {later.lineno} can never run: every value that passes it "
                f"already passed `{segment(code, first.test)}` on line {first.lineno}, and only the first true "
                "branch of an if/elif chain runs.",
                f"Test the stricter condition first: put `if {strict}:` before `{segment(code, first.test)}` "
                "(order the branches from the highest threshold to the lowest).", confidence=0.88,
                line=later.lineno, title="Branch can never run", topic="conditionals"))
    return found


def _loop_sequence(loop: ast.For, code: str) -> str | None:
    return segment(code, loop.iter) if isinstance(loop.iter, (ast.Name, ast.Attribute)) else None


def accumulator_start(code: str, tree) -> list[Finding]:
    """`product = 0` then `product *= n` stays 0; `biggest = 0` for a maximum is wrong for negative numbers
    (and `smallest = 0` for a minimum of positive ones)."""
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, ast.For)):
        for node in ast.walk(loop):
            name = kind = None
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and isinstance(node.op, ast.Mult):
                name, kind = node.target.id, "product"
            elif isinstance(node, ast.If) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1 \
                    and isinstance(node.test.ops[0], (ast.Gt, ast.Lt, ast.GtE, ast.LtE)) \
                    and isinstance(node.test.comparators[0], ast.Name) and isinstance(node.test.left, ast.Name):
                name = node.test.comparators[0].id
                assigns = any(isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                                 for t in s.targets) for s in node.body)
                kind = ("max" if isinstance(node.test.ops[0], (ast.Gt, ast.GtE)) else "min") if assigns else None
            if not name or not kind:
                continue
            before = [(ln, v) for ln, v in assignments_to(tree, name, loop.lineno - 1)]
            if not before or not (isinstance(before[-1][1], ast.Constant) and before[-1][1].value == 0):
                continue
            line, value = before[-1]
            seq = _loop_sequence(loop, code)
            if kind == "product":
                new, cause = "1", (f"`{name}` starts at 0 on line {line}, and 0 times anything is 0, so `{name} *= ...` "
                                   "keeps it 0 for ever.")
            else:
                new = f"{seq}[0]" if seq else ("float('-inf')" if kind == "max" else "float('inf')")
                which = "negative" if kind == "max" else "positive"
                cause = (f"`{name}` starts at 0 on line {line}, so when all the numbers are {which} none of them "
                         f"{'beats' if kind == 'max' else 'is below'} 0 and the answer stays 0.")
            found.append(Finding(cause, f"Start from {'1 (the neutral value for multiplying)' if kind == 'product' else 'the first item'}: "
                                        f"`{name} = {new}`.",
                                 fixed_code=replace_node(code, value, new), confidence=0.87 if kind != "max" else 0.8,
                                 line=line, title="Accumulator starts at the wrong value", topic="loops"))
            break
    return _unique_lines(found)


def _unique_lines(found: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in found:
        if f.line not in seen:
            seen.add(f.line)
            out.append(f)
    return out


def _raw_input(node: ast.AST) -> ast.Call | None:
    """The input() call when `node` is `input(...)` or `input(...).strip()/.lower()...` (text, not converted)."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("strip", "lower", "upper", "rstrip", "lstrip", "title"):
        node = node.func.value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "input":
        return node
    return None


def text_used_as_number(code: str, tree) -> list[Finding]:
    """input() text joined with `+` to other input text, compared with a number held in a variable, or put in a
    list whose max/min/sort then compares text ("9" > "10")."""
    texts: dict[str, ast.Call] = {}
    numbers: set[str] = set()
    text_lists: dict[str, ast.Call] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if _raw_input(node.value) is not None:
                texts[name] = _raw_input(node.value)
            elif isinstance(node.value, ast.Constant) and isinstance(node.value.value, (int, float)) \
                    and not isinstance(node.value.value, bool):
                numbers.add(name)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
                and isinstance(node.func.value, ast.Name) and node.args and _raw_input(node.args[0]) is not None:
            text_lists[node.func.value.id] = _raw_input(node.args[0])
    found = []

    def finding(call: ast.Call, line: int, cause: str) -> Finding:
        return Finding(cause, f"Convert the text when you read it: `int({segment(code, call)})` (or float(...) for "
                              "decimals).", fixed_code=replace_node(code, call, f"int({segment(code, call)})"),
                       confidence=0.86, line=line, title="Numbers read as text", topic="input-output")

    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Name) \
                and isinstance(node.right, ast.Name) and node.left.id in texts and node.right.id in texts:
            fix = finding(texts[node.left.id], node.lineno,
                          f"`{node.left.id}` and `{node.right.id}` come from input(), which returns text, so "
                          f"`{segment(code, node)}` on line {node.lineno} joins the two strings (\"2\" + \"3\" is "
                          "\"23\") instead of adding numbers.")
            fix.fixed_code = _convert_both(code, texts[node.left.id], texts[node.right.id])
            found.append(fix)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 \
                and isinstance(node.ops[0], (ast.Lt, ast.Gt, ast.LtE, ast.GtE)) \
                and all(isinstance(s, ast.Name) and s.id in texts for s in (node.left, node.comparators[0])):
            first, second = node.left.id, node.comparators[0].id
            fix = finding(texts[first], node.lineno,
                          f"`{first}` and `{second}` come from input() and are text, so `{segment(code, node)}` on "
                          f"line {node.lineno} compares them letter by letter (\"9\" > \"10\" because \"9\" > \"1\").")
            fix.fixed_code = _convert_both(code, texts[first], texts[second])
            found.append(fix)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            sides = [node.left, node.comparators[0]]
            text = next((s.id for s in sides if isinstance(s, ast.Name) and s.id in texts), None)
            number = next((s.id for s in sides if isinstance(s, ast.Name) and s.id in numbers), None)
            if text and number:
                found.append(finding(texts[text], node.lineno,
                                     f"`{text}` comes from input() and is text, while `{number}` is a number, so "
                                     f"`{segment(code, node)}` on line {node.lineno} compares a string with a "
                                     "number and is never equal."))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Name) \
                and node.args[0].id in text_lists and (
                    (isinstance(node.func, ast.Name) and node.func.id in _SEQUENCE_SORTS)):
            call = text_lists[node.args[0].id]
            found.append(finding(call, call.lineno,
                                 f"The items of `{node.args[0].id}` come from input(), so they are text, and "
                                 f"`{segment(code, node)}` on line {node.lineno} compares text letter by letter "
                                 "(\"9\" > \"10\" because \"9\" > \"1\")."))
    return found


def _convert_both(code: str, first: ast.Call, second: ast.Call) -> str:
    """Wrap two input() calls in int() (the later one first, so the earlier positions stay valid)."""
    later, earlier = sorted((first, second), key=lambda c: (c.lineno, c.col_offset), reverse=True)
    fixed = replace_node(code, later, f"int({segment(code, later)})")
    rows = fixed.split("\n")
    if later.lineno == earlier.lineno:
        return fixed
    row = rows[earlier.lineno - 1]
    text = segment(code, earlier)
    rows[earlier.lineno - 1] = row.replace(text, f"int({text})", 1)
    return "\n".join(rows)


def discarded_results(code, tree) -> list[Finding]:
    found = []
    for stmt in ast.walk(tree):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute) \
                and isinstance(stmt.value.func.value, ast.Name) \
                and stmt.value.func.attr in ("upper", "lower", "strip", "replace", "title", "capitalize", "lstrip",
                                             "rstrip", "format"):
            name = stmt.value.func.value.id
            if not _maybe_text(tree, name):
                continue
            found.append(Finding(f"`{segment(code, stmt.value)}` on line {stmt.lineno} returns a NEW string, but the "
                                 f"result is not stored; strings are immutable, so `{name}` is unchanged.",
                                 f"Assign it: `{name} = {segment(code, stmt.value)}`.",
                                 fixed_code=replace_node(code, stmt, f"{name} = {segment(code, stmt.value)}"),
                                 confidence=0.85, line=stmt.lineno, title="Result of a string method ignored",
                                 topic="strings"))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name) \
                and stmt.value.func.id in ("sorted", "reversed") and stmt.value.args \
                and isinstance(stmt.value.args[0], ast.Name):
            name = stmt.value.args[0].id
            found.append(Finding(f"`{segment(code, stmt.value)}` on line {stmt.lineno} builds a new sequence and "
                                 f"throws it away; `{name}` is unchanged.",
                                 f"Use `{name}.sort()` to sort in place, or `{name} = sorted({name})`.",
                                 fixed_code=replace_node(code, stmt, f"{name} = {segment(code, stmt.value)}")
                                 if stmt.value.func.id == "sorted" else None, confidence=0.8, line=stmt.lineno,
                                 title="Result of sorted() ignored", topic="sorting-searching"))
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Attribute) \
                and stmt.value.attr in ("sort", "reverse", "append", "clear", "upper", "lower", "strip", "pop"):
            found.append(Finding(f"`{segment(code, stmt.value)}` on line {stmt.lineno} names the method without "
                                 "calling it, so nothing happens.", "Add the parentheses: "
                                 f"`{segment(code, stmt.value)}()`.",
                                 fixed_code=replace_node(code, stmt, f"{segment(code, stmt.value)}()"),
                                 confidence=0.85, line=stmt.lineno, title="Method not called", topic="functions"))
    return found


_TEXT_MAKERS = ("input", "str", "strip", "lower", "upper", "replace", "join", "format", "title", "capitalize",
                "read", "readline", "lstrip", "rstrip")


def _maybe_text(tree, name: str) -> bool:
    """False when `name` only ever holds the result of calls that do not make text (e.g. a Path)."""
    values = [n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
              for t in n.targets if isinstance(t, ast.Name) and t.id == name]
    calls = [v for v in values if isinstance(v, ast.Call)]
    if not values or len(calls) < len(values):
        return True
    return any((isinstance(c.func, ast.Name) and c.func.id in _TEXT_MAKERS)
               or (isinstance(c.func, ast.Attribute) and c.func.attr in _TEXT_MAKERS) for c in calls)


ALL = (is_between_values, contradictory_test, unreachable_branch, accumulator_start, text_used_as_number)
