"""Every located bug gets a concrete rewrite of the student's line, not only advice.

Applied to each finding the explainer is about to answer with (explainer._finish):
  - a finding without a fixed program whose fix text quotes a rewrite of the named line (a code span that
    parses and resembles that line) gets the program with that line replaced, if it compiles;
  - a function that is never called gets a call with example arguments chosen from how each parameter is used;
  - a constant index past the end of a list written out in the code gets the last valid index;
  - a print where a function should return gets `return` on that line; a reset inside a loop moves above it;
  - `if ...: return x` / `else: return y` inside a loop: the else's return moves after the loop;
and the fix text then says how the named line reads after the fix ("Line 4 becomes: `total += p`").
"""
from __future__ import annotations

import ast
import difflib
import re

from agents.debug import fix_shapes
from pitfalls.ast_tools import Finding, compiles, parse, replace_node

_SPAN = re.compile(r"`([^`\n]+)`")
_SPELLED = "after the fix:"   # a fix text that already spells out its rewritten lines


def concretize(finding: Finding, code: str) -> Finding:
    """The same finding with a fixed program where one can be derived, and its changed line spelled out."""
    if not code.strip() or not finding.line:
        return finding
    tree = parse(code)
    if finding.fixed_code is None and tree is not None:
        finding.fixed_code = (_call_with_examples(finding, code, tree) or _last_valid_index(finding, code, tree)
                              or _print_to_return(finding, code, tree) or _hoist_reset(finding, code, tree)
                              or _return_after_loop(finding, code, tree) or _int_of_decimal(finding, code, tree)
                              or _base_case(finding, code, tree) or _get_default(finding, code, tree)
                              or _star_unpack(finding, code, tree) or _ladder(finding, code, tree)
                              or _stricter_first(finding, code, tree) or _fallback_return(finding, code, tree)
                              or _quoted_rewrite(finding, code, tree))
    sentence = rewrite_sentence(code, finding.fixed_code, finding.line)
    if sentence and sentence not in finding.fix and _SPELLED not in finding.fix:
        finding.fix = f"{finding.fix.rstrip()} {sentence}".strip()
    return finding


def rewrite_sentence(code: str, fixed: str | None, line: int) -> str:
    """'Line N becomes: `new`' for the named line (or the changed line nearest to it)."""
    if not fixed or fixed == code:
        return ""
    old, new = code.split("\n"), fixed.split("\n")
    changed: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "replace":
            changed += [(i1 + 1 + k, new[j1 + k]) for k in range(min(i2 - i1, j2 - j1))]
        elif tag == "insert":
            changed += [(j + 1, new[j]) for j in range(j1, j2)]
    changed = [(n, text) for n, text in changed if text.strip()]
    if not changed:
        return ""
    number, text = min(changed, key=lambda item: abs(item[0] - line))
    if any(text.strip() == row.strip() for row in old) and text.strip() and text != old[min(number, len(old)) - 1]:
        return f"The fix moves `{text.strip()}` (line {number} of the fixed program, indented as shown there)."
    if number == line and 1 <= line <= len(old) and old[line - 1].strip():
        return f"Line {line} becomes: `{text.strip()}`"
    return f"The fix adds `{text.strip()}` (line {number})."


def _quoted_rewrite(finding: Finding, code: str, tree=None) -> str | None:
    """A code span in the fix that rewrites the named line (or, failing that, another line it clearly rewrites:
    `side = area()` for the bare call `area()`). `name(...)` placeholders become a call with example arguments."""
    rows = code.split("\n")
    if not 1 <= finding.line <= len(rows):
        return None
    funcs = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)} if tree is not None else {}
    best, best_ratio, best_line = None, 0.0, None
    for span in _SPAN.findall(finding.fix or ""):
        span = _fill_calls(span.strip(), funcs)
        if "..." in span or not _parses_as_line(span):
            continue
        for number in [finding.line] + [n for n in range(1, len(rows) + 1) if n != finding.line]:
            stripped = rows[number - 1].strip()
            if not stripped or span == stripped:
                continue
            if number != finding.line and not re.fullmatch(r"[\w.]+\s*=\s*" + re.escape(stripped), span):
                continue   # another line only when the span stores what that line computes and drops
            ratio = difflib.SequenceMatcher(a=stripped, b=span).ratio() if number == finding.line else 0.6
            if ratio > best_ratio and ratio >= 0.6 and _same_kind(stripped, span):
                best, best_ratio, best_line = span, ratio, number
    if best is None:
        return None
    original = rows[best_line - 1]
    indent = original[: len(original) - len(original.lstrip())]
    fixed = "\n".join(rows[: best_line - 1] + [indent + best] + rows[best_line:])
    return fixed if compiles(fixed) else None


def _fill_calls(span: str, funcs: dict) -> str:
    """`area(...)` -> `area()` for a function without parameters, or with example arguments."""
    def fill(match):
        func = funcs.get(match.group(1))
        if func is None:
            return match.group(0)
        required = func.args.args[: len(func.args.args) - len(func.args.defaults)]
        return f"{func.name}({', '.join(_example_for(func, a.arg) for a in required)})"
    return re.sub(r"\b([A-Za-z_]\w*)\(\.\.\.\)", fill, span)


def _parses_as_line(text: str) -> bool:
    body = text + ("\n    pass" if text.rstrip().endswith(":") else "")
    try:
        ast.parse(body)
    except SyntaxError:
        return False
    return True


def _same_kind(old: str, new: str) -> bool:
    """Both open the same kind of block, or both are plain statements."""
    head = lambda s: (s.split()[0] if s.split() else "") if s.rstrip().endswith(":") else ""   # noqa: E731
    return head(old) == head(new)


def _call_with_examples(finding: Finding, code: str, tree) -> str | None:
    if finding.title != "Function never called":
        return None
    funcs = [s for s in tree.body if isinstance(s, ast.FunctionDef) and s.lineno == finding.line]
    if not funcs:
        return None
    func = funcs[0]
    args = ", ".join(_example_for(func, a.arg) for a in func.args.args[: len(func.args.args) - len(func.args.defaults)])
    fixed = code.rstrip("\n") + f"\n\n{func.name}({args})\n"
    return fixed if compiles(fixed) else None


def _example_for(func: ast.FunctionDef, name: str) -> str:
    """An example argument from how the parameter is used: iterated or len() -> a list, text methods -> a word,
    arithmetic or comparisons with numbers -> 3."""
    for node in ast.walk(func):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Name) and node.iter.id == name:
            return "[1, 2, 3]"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("len", "sum", "sorted") \
                and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == name:
            return "[1, 2, 3]"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name:
            return '"hello"' if node.attr in ("upper", "lower", "strip", "split", "title", "startswith", "endswith",
                                              "replace", "isdigit") else "[1, 2, 3]"
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == name:
            return "[1, 2, 3]"
    return "3"


def _last_valid_index(finding: Finding, code: str, tree) -> str | None:
    """`nums[3]` on a list written with three items: the last valid index is 2 (or -1)."""
    sizes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, (ast.List, ast.Tuple)):
            sizes[node.targets[0].id] = len(node.value.elts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and getattr(node, "lineno", None) == finding.line \
                and isinstance(node.value, ast.Name) and node.value.id in sizes \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int) \
                and not isinstance(node.slice.value, bool) and node.slice.value >= sizes[node.value.id] > 0:
            rows = code.split("\n")
            row = rows[finding.line - 1]
            old = f"{node.value.id}[{node.slice.value}]"
            if old not in row:
                return None
            rows[finding.line - 1] = row.replace(old, f"{node.value.id}[{sizes[node.value.id] - 1}]", 1)
            fixed = "\n".join(rows)
            return fixed if compiles(fixed) else None
    return None


def _statement_on(tree, line: int, kinds) -> tuple[ast.AST, list] | None:
    """The statement of the given kinds starting on `line`, with the chain of its enclosing nodes."""
    def walk(node, chain):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, kinds) and getattr(child, "lineno", None) == line:
                return child, chain + [node]
            found = walk(child, chain + [node])
            if found:
                return found
        return None
    return walk(tree, [])


def _print_to_return(finding: Finding, code: str, tree) -> str | None:
    """`print(x * x)` inside a function whose result the caller uses: `return x * x`."""
    if finding.title not in ("Function returns None", "Prints instead of returning"):
        return None
    found = _statement_on(tree, finding.line, (ast.Expr,))
    if not found or not any(isinstance(n, ast.FunctionDef) for n in found[1]):
        return None
    call = found[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"
            and len(call.args) == 1 and not call.keywords):
        return None
    rows = code.split("\n")
    row = rows[finding.line - 1]
    indent = row[: len(row) - len(row.lstrip())]
    rows[finding.line - 1] = f"{indent}return {ast.get_source_segment(code, call.args[0])}"
    fixed = "\n".join(rows)
    return fixed if compiles(fixed) else None


def _hoist_reset(finding: Finding, code: str, tree) -> str | None:
    """`count = 0` as the first thing inside a loop: moved to just above the loop."""
    if "reset" not in (finding.title or "").lower():
        return None
    found = _statement_on(tree, finding.line, (ast.Assign,))
    if not found:
        return None
    loops = [n for n in found[1] if isinstance(n, (ast.For, ast.While))]
    if not loops or found[0].end_lineno != found[0].lineno:
        return None
    loop = loops[-1]
    rows = code.split("\n")
    moved = rows.pop(finding.line - 1).strip()
    rows.insert(loop.lineno - 1, " " * loop.col_offset + moved)
    fixed = "\n".join(rows)
    return fixed if compiles(fixed) else None


def _return_after_loop(finding: Finding, code: str, tree) -> str | None:
    """`for ...: if test: return A  else: return B` -> `for ...: if test: return A` then `return B` after the loop."""
    if finding.title != "Loop returns on its first item":
        return None
    for loop in (n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While))):
        last = loop.body[-1]
        if not (isinstance(last, ast.If) and len(last.orelse) == 1 and isinstance(last.orelse[0], ast.Return)
                and any(isinstance(s, ast.Return) for s in last.body) and not loop.orelse
                and loop.lineno <= finding.line <= (loop.end_lineno or loop.lineno)):
            continue
        back = last.orelse[0]
        rows = code.split("\n")
        moved = " " * loop.col_offset + rows[back.lineno - 1].strip()
        else_line = back.lineno - 2   # the `else:` row, 0-based
        if rows[else_line].strip() != "else:" or back.end_lineno != back.lineno:
            return None
        kept = rows[:else_line] + rows[back.lineno:]
        kept.insert((loop.end_lineno or loop.lineno) - 2, moved)   # right after the loop's last row
        fixed = "\n".join(kept)
        return fixed if compiles(fixed) else None
    return None


def _int_of_decimal(finding: Finding, code: str, tree) -> str | None:
    """int('3.7'): int() of text with a decimal point -> int(float(...)), when the advice says so."""
    if "int(float(" not in (finding.fix or ""):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "int" and len(node.args) == 1 \
                and getattr(node, "lineno", None) == finding.line:
            inner = ast.get_source_segment(code, node.args[0])
            fixed = replace_node(code, node, f"int(float({inner}))")
            return fixed if compiles(fixed) else None
    return None


def _base_case(finding: Finding, code: str, tree) -> str | None:
    """`return n * fact(n - 1)` with no way to stop: `if n <= 1: return 1` first (0 for a sum)."""
    if "base case" not in (finding.fix or "") + (finding.cause or ""):
        return None
    for func in (s for s in ast.walk(tree) if isinstance(s, ast.FunctionDef)
                 and s.lineno <= finding.line <= (s.end_lineno or s.lineno) and s.args.args):
        param = func.args.args[0].arg
        calls = [n for n in ast.walk(func) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == func.name]
        if not calls or any(isinstance(n, ast.If) for n in func.body):
            return None
        combined = next((n for n in ast.walk(func) if isinstance(n, ast.BinOp) and any(c in (n.left, n.right)
                                                                                     for c in calls)), None)
        if combined is None or not isinstance(combined.op, (ast.Mult, ast.Add)):
            return None
        stop, value = ("1", "1") if isinstance(combined.op, ast.Mult) else ("0", "0")
        first = func.body[0]
        indent = " " * first.col_offset
        rows = code.split("\n")
        rows[first.lineno - 1: first.lineno - 1] = [f"{indent}if {param} <= {stop}:", f"{indent}    return {value}"]
        fixed = "\n".join(rows)
        return fixed if compiles(fixed) else None
    return None


def _get_default(finding: Finding, code: str, tree) -> str | None:
    """`d.get('b') + 1` failing on None: the missing key gets a default, `d.get('b', 0)`."""
    if "None" not in (finding.cause or "") + (finding.fix or "") and "NoneType" not in (finding.cause or ""):
        return None
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
             and n.func.attr == "get" and len(n.args) == 1 and not n.keywords and getattr(n, "lineno", 0) == finding.line
             and isinstance(getattr(_parent(tree, n), "op", None), (ast.Add, ast.Sub, ast.Mult, ast.Div))]
    fixed = code
    for call in sorted(calls, key=lambda c: c.col_offset, reverse=True):   # right to left keeps offsets valid
        fixed = replace_node(fixed, call, f"{ast.get_source_segment(code, call)[:-1]}, 0)")
    return fixed if calls and compiles(fixed) else None


def _parent(tree, node):
    return next((p for p in ast.walk(tree) for c in ast.iter_child_nodes(p) if c is node), None)


def _star_unpack(finding: Finding, code: str, tree) -> str | None:
    """`a, b = [1, 2, 3]`: more items than names -> `a, b, *rest = [1, 2, 3]`."""
    if "unpack" not in (finding.cause or "") + (finding.fix or "") and "star" not in (finding.fix or ""):
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.lineno == finding.line and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Tuple) and isinstance(node.value, (ast.List, ast.Tuple)) \
                and all(isinstance(t, ast.Name) for t in node.targets[0].elts) \
                and len(node.value.elts) > len(node.targets[0].elts):
            names = ", ".join(t.id for t in node.targets[0].elts)
            fixed = replace_node(code, node.targets[0], f"{names}, *rest")
            return fixed if compiles(fixed) else None
    return None


def _stricter_first(finding: Finding, code: str, tree) -> str | None:
    """`if s >= 50: ... elif s >= 90: ...`: the stricter test and its block move first."""
    if finding.title != "Branch can never run":
        return None
    rows = code.split("\n")
    for node in ast.walk(tree):
        if not (isinstance(node, ast.If) and len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If)
                and node.orelse[0].lineno == finding.line and node.test.lineno == node.lineno
                and node.orelse[0].test.lineno == finding.line):
            continue
        later = node.orelse[0]
        first_block = rows[node.lineno - 1: later.lineno - 1]
        later_end = later.body[-1].end_lineno
        later_block = rows[later.lineno - 1: later_end]
        indent = rows[node.lineno - 1][: node.col_offset]
        if not (first_block[0].startswith(indent + "if ") and later_block[0].startswith(indent + "elif ")):
            return None
        later_block[0] = indent + later_block[0][len(indent) + 2:]      # elif -> if
        first_block[0] = indent + "el" + first_block[0][len(indent):]   # if -> elif
        fixed = "\n".join(rows[: node.lineno - 1] + later_block + first_block + rows[later_end:])
        return fixed if compiles(fixed) else None
    return None


def _ladder(finding: Finding, code: str, tree) -> str | None:
    """A branch that can never run: the whole threshold ladder, strictest test first."""
    fixed = fix_shapes.reordered_ladder(code, tree, finding.line) if finding.title == "Branch can never run" else None
    if fixed:
        heads = [row.strip() for row in fixed.split("\n") if re.match(r"\s*(if|elif|else)\b", row)
                 and row.strip() not in ("",)]
        head_set = {row.strip() for row in code.split("\n")}
        shown = " / ".join(f"`{h}`" for h in heads if h in head_set or h.replace("elif ", "if ", 1) in head_set
                           or h.replace("if ", "elif ", 1) in head_set)
        finding.fix = (f"Test the stricter condition first - order the branches from the strictest test down, so each "
                       f"one can still be reached; the "
                       f"conditions read, {_SPELLED} {shown} (each keeping its own block).")
    return fixed


def _fallback_return(finding: Finding, code: str, tree) -> str | None:
    """Some paths return None: `return False` after a chain that only returns True, or the value computed."""
    if finding.title != "Some paths return None":
        return None
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        if func.lineno <= finding.line <= (func.end_lineno or 0):
            added = fix_shapes.boolean_fallback(func, code)
            if added is None:
                return None
            finding.fix = (f"Add `{added[0]}` after the if (as the last line of `{func.name}`), so every case the "
                           f"if does not catch gives an answer too; {_SPELLED} the function ends with `{added[0]}`.")
            return added[1]
    return None
