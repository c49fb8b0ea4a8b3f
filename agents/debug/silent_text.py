"""Silent bugs about WHERE a value is shown and WHAT is shown, used only by the debug explainer (each returns
Findings with the line and a fixed program, checked to compile by the explainer):
  print_each_pass      - a print in a loop body shows a total while it is still being built, on every pass
                         (kept by the explainer only when the student says the output repeats / wants it once)
  printed_too_early    - a value is printed, then computed on a later line of the same block, never shown again
  text_items_ordered   - input() text collected in a list and then max/min/sorted/.sort(): "7" > "12" as text
  name_inside_text     - a variable's name written inside a string literal (`"Hello, name!"`, `"{x}"` without
                         f, `print("area")`) where its value was meant
  text_key_for_name    - `d.get("name")` / `d["name"]` where the variable `name` holds the key
  repeated_key         - a dict literal with the same key twice: the later entry replaces the earlier one
"""
from __future__ import annotations

import ast
import re

from agents.debug import fix_shapes
from pitfalls.ast_tools import Finding, compiles, replace_node, segment

_LOOPS = (ast.For, ast.While, ast.AsyncFor)


def _checked(fixed: str | None) -> str | None:
    return fixed if fixed and compiles(fixed) else None


def _blocks(tree):
    """Every statement list in the program with its owner (module, function, loop, if ...)."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield node, block


def _is_print(stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
        and getattr(stmt.value.func, "id", "") == "print"


def _loaded(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _changed_in(stmts) -> set[str]:
    """Names assigned, augmented or grown (append/extend/add/update) in these statements."""
    out = set()
    for stmt in stmts:
        for n in ast.walk(stmt):
            if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target]):
                    out |= {x.id for x in ast.walk(t) if isinstance(x, ast.Name)}
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                    and n.func.attr in ("append", "extend", "add", "update", "insert"):
                out.add(n.func.value.id)
    return out


def _loop_targets(loop) -> set[str]:
    target = getattr(loop, "target", None)
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)} if target is not None else set()


def _shown_block(rows: list[str], start: int, end: int) -> str:
    """Rows start..end (1-based) of the fixed program, shortened in the middle when long."""
    part = rows[start - 1:end]
    if len(part) > 8:
        indent = re.match(r"\s*", part[1]).group(0)
        part = part[:2] + [indent + "..."] + part[-3:]
    return "\n".join(part)


def print_each_pass(code: str, tree) -> list[Finding]:
    found = []
    for loop in (n for n in ast.walk(tree) if isinstance(n, _LOOPS)):
        for index, stmt in enumerate(loop.body):
            if not _is_print(stmt) or stmt.lineno != stmt.end_lineno:
                continue
            others = loop.body[:index] + loop.body[index + 1:]
            built = (_loaded(stmt) & _changed_in(others)) - _loop_targets(loop)
            if isinstance(loop, ast.While):
                built -= _loaded(loop.test)   # the counter a while loop waits for is no result being built
            if not built:
                continue
            rows = code.split("\n")
            text = rows[stmt.lineno - 1].strip()
            end = loop.end_lineno or loop.lineno
            indent = " " * loop.col_offset
            moved = rows[:stmt.lineno - 1] + rows[stmt.lineno:end] + [indent + text] + rows[end:]
            fixed = "\n".join(moved)
            name = sorted(built)[0]
            kind = "for" if isinstance(loop, (ast.For, ast.AsyncFor)) else "while"
            where = "the last line of the loop body" if index == len(loop.body) - 1 else "inside the loop body"
            found.append(Finding(
                f"`{text}` on line {stmt.lineno} is {where} (indented under the `{kind}` on line {loop.lineno}), so "
                f"it runs on every pass: `{name}` is printed again after each step while it is still being built, "
                f"and only the last line shows the finished value.",
                f"Dedent line {stmt.lineno} to the level of the `{kind}` so it runs once, after the loop has "
                f"finished:\n```python\n{_shown_block(moved, loop.lineno, end)}\n```",
                fixed_code=_checked(fixed), confidence=0.62, line=stmt.lineno,
                title="Printed on every pass of the loop", topic="loops"))
    return found


def printed_too_early(code: str, tree) -> list[Finding]:
    """Outside loops only: in a loop body the print shows each pass's value before the step, often on purpose."""
    loops = [(n.lineno, n.end_lineno or n.lineno) for n in ast.walk(tree) if isinstance(n, _LOOPS)]
    found = []
    for _, block in _blocks(tree):
        for index, stmt in enumerate(block):
            if not _is_print(stmt) or stmt.lineno != stmt.end_lineno \
                    or any(start <= stmt.lineno <= end for start, end in loops):
                continue
            shown = _loaded(stmt.value)
            later = [s for s in block[index + 1:] if shown & _changed_in([s])]
            if not later:
                continue
            last = later[-1]
            name = sorted(shown & _changed_in([last]))[0]
            after = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name
                     and isinstance(n.ctx, ast.Load) and n.lineno > (last.end_lineno or last.lineno)]
            if after or any(shown & _changed_in([s]) and isinstance(s, _LOOPS) for s in later):
                continue
            rows = code.split("\n")
            text = rows[stmt.lineno - 1]
            end = last.end_lineno or last.lineno
            moved = rows[:stmt.lineno - 1] + rows[stmt.lineno:end] + [text] + rows[end:]
            found.append(Finding(
                f"Line {stmt.lineno} prints `{name}` before line {last.lineno} computes it, so it shows the value "
                f"`{name}` had then; the new value is never printed. Python runs the lines in order.",
                f"Move the print below line {last.lineno}, after `{name}` is computed:\n```python\n"
                f"{chr(10).join(moved[stmt.lineno - 1:end])}\n```",
                fixed_code=_checked("\n".join(moved)), confidence=0.84, line=stmt.lineno,
                title="Printed before the value is computed", topic="variables"))
    return found


_NUMERIC_WORDS = re.compile(r"num|age|score|mark|grade|temp|price|cost|value|amount|height|weight|size|count|"
                            r"point|year|salary|total|qty|quantity|length|distance|speed|\bn\b|digit", re.I)


def _raw_input(node) -> ast.Call | None:
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("strip", "lower", "upper", "rstrip", "lstrip"):
        node = node.func.value
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "input":
        return node
    return None


def _prompt(call: ast.Call) -> str:
    first = call.args[0] if call.args else None
    return " ".join(n.value for n in ast.walk(first) if isinstance(n, ast.Constant) and isinstance(n.value, str)) \
        if first is not None else ""


def _numbers_typed() -> bool:
    lines = [ln.strip() for ln in (fix_shapes.STDIN.get() or "").split("\n") if ln.strip()]
    return bool(lines) and all(re.fullmatch(r"-?\d+(\.\d+)?", ln) for ln in lines)


def text_items_ordered(code: str, tree) -> list[Finding]:
    texts = {}
    for s in ast.walk(tree):
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) \
                and _raw_input(s.value) is not None:
            texts[s.targets[0].id] = _raw_input(s.value)
    appends = {}   # list name -> (the appended node, the input() call behind it, the variable name)
    for s in ast.walk(tree):   # `[input() for _ in range(3)]` and `input().split()`: lists of text too
        if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name):
            value = s.value
            if isinstance(value, ast.ListComp) and _raw_input(value.elt) is not None:
                appends[s.targets[0].id] = (value.elt, _raw_input(value.elt), s.targets[0].id)
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "split" \
                    and _raw_input(value.func.value) is not None:
                appends[s.targets[0].id] = (value, _raw_input(value.func.value), s.targets[0].id)
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "append" \
                and isinstance(n.func.value, ast.Name) and len(n.args) == 1:
            arg = n.args[0]
            call = _raw_input(arg) or (texts.get(arg.id) if isinstance(arg, ast.Name) else None)
            if call is not None:
                appends[n.func.value.id] = (arg, call, arg.id if isinstance(arg, ast.Name) else n.func.value.id)
    found = _texts_against_each_other(code, tree, texts)
    for n in ast.walk(tree):
        if not isinstance(n, ast.Call) or any(k.arg == "key" for k in n.keywords):
            continue
        if isinstance(n.func, ast.Name) and n.func.id in ("max", "min", "sorted") and len(n.args) == 1 \
                and isinstance(n.args[0], ast.Name):
            listed = n.args[0].id
        elif isinstance(n.func, ast.Attribute) and n.func.attr == "sort" and isinstance(n.func.value, ast.Name):
            listed = n.func.value.id
        else:
            continue
        if listed not in appends:
            continue
        arg, call, name = appends[listed]
        if not (_numbers_typed() or _NUMERIC_WORDS.search(_prompt(call)) or _NUMERIC_WORDS.search(name)
                or _NUMERIC_WORDS.search(listed)):
            continue   # words sorted as words are right
        kind = fix_shapes.number_kind(code, tree, name, call)
        split = isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "split"
        new = f"list(map({kind}, {segment(code, arg)}))" if split else f"{kind}({segment(code, arg)})"
        append_line = arg.lineno
        found.append(Finding(
            f"input() returns text, so the items of `{listed}` are strings, and `{segment(code, n)}` on line "
            f"{n.lineno} compares them as text, character by character: \"7\" > \"12\" because \"7\" > \"1\", "
            f"and \"100\" sorts before \"25\".",
            f"Convert each value to a number where it enters the list (line {append_line}): Line {append_line} "
            f"becomes: `{(code.split(chr(10))[append_line - 1].strip()).replace(segment(code, arg), new, 1)}`",
            fixed_code=_checked(replace_node(code, arg, new)), confidence=0.88, line=append_line,
            title="Numbers read as text", topic="input-output"))
    return found


def _texts_against_each_other(code: str, tree, texts: dict) -> list[Finding]:
    """`max(a, b)` / `min(a, b, c)` of input() texts: the larger text, not the larger number."""
    found = []
    for n in ast.walk(tree):
        if not (isinstance(n, ast.Call) and getattr(n.func, "id", "") in ("max", "min") and len(n.args) >= 2
                and all(isinstance(a, ast.Name) and a.id in texts for a in n.args)):
            continue
        calls = sorted({id(texts[a.id]): texts[a.id] for a in n.args}.values(),
                       key=lambda c: (c.lineno, c.col_offset), reverse=True)
        fixed = code
        for call in calls:   # the later ones first, so earlier positions stay valid
            kind = fix_shapes.number_kind(code, tree, "", call)
            fixed = replace_node(fixed, call, f"{kind}({segment(code, call)})")
        first = calls[-1]
        kind = fix_shapes.number_kind(code, tree, "", first)
        row = code.split("\n")[first.lineno - 1].strip()
        found.append(Finding(
            f"{', '.join(f'`{a.id}`' for a in n.args)} come from input() and are text, so `{segment(code, n)}` on line "
            f"{n.lineno} picks by text order, character by character (\"20\" > \"100\" because \"2\" > \"1\").",
            f"Convert each value when you read it: Line {first.lineno} becomes: "
            f"`{row.replace(segment(code, first), f'{kind}({segment(code, first)})', 1)}` (and the same for the other "
            "input() lines).", fixed_code=_checked(fixed), confidence=0.88, line=first.lineno,
            title="Numbers read as text", topic="input-output"))
    return found


def _known_names(tree) -> tuple[set[str], set[str]]:
    """(names the program assigns or takes as parameters, names it reads)."""
    known = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    known |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    return known, {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _shown_strings(tree):
    """String literals that are shown or built into a message: print arguments, returned values, assigned values
    and parts of a `+` join (not docstrings, dict keys, comparisons or f-string pieces)."""
    in_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        pieces = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print":
            pieces = node.args
        elif isinstance(node, (ast.Return, ast.Assign)) and node.value is not None:
            pieces = [node.value]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            pieces = [node.left, node.right]
        for piece in pieces:
            if isinstance(piece, ast.Constant) and isinstance(piece.value, str) and id(piece) not in in_fstrings:
                yield piece


def _braced(value: str, known: set[str]) -> list[str]:
    out = []
    for inner in re.findall(r"\{([^{}]+)\}", value):
        try:
            expr = ast.parse(inner.split("!")[0].split(":")[0].strip(), mode="eval")
        except SyntaxError:
            continue
        names = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
        if names and names <= known:
            out.append(inner)
    return out


def name_inside_text(code: str, tree) -> list[Finding]:
    known, loaded = _known_names(tree)
    displayed = _displayed(tree)
    found = []
    for arg in _shown_strings(tree):
        text = segment(code, arg)
        if text[:1] not in "'\"" or text[:3] in ('"""', "'''"):
            continue
        quote, value = text[0], arg.value
        braced = _braced(value, known)
        words = {w for w in re.findall(r"[A-Za-z_]\w*", value) if w in known}
        singles = {w for w in words if len(w) == 1}
        # a one-letter word is a variable only with another one beside it ("the sum of a and b is c") or alone
        words = {w for w in words if len(w) > 1 or len(singles) >= 2 or value.strip() == w}
        # a variable that is never used anywhere else shows the text was meant to show it; its neighbours too.
        # Weaker: a variable that is used (tested in an `if`, say) but its value is never shown anywhere - kept
        # only when the student's words point at it (agents/debug/explainer.py _confirmed)
        unused = sorted(words) if words - loaded else []
        weak = not unused and bool(words - displayed)
        if weak:
            unused = sorted(words - displayed)
        if braced:
            new = "f" + text
            cause = f"`{text}` on line {arg.lineno} has `{{{braced[0]}}}` in it, but without an `f` before the quote"
        elif unused and value.strip() in unused:
            new = value.strip()
            cause = (f"`{text}` on line {arg.lineno} is in quotes, so it is the word {value.strip()!r}, not the "
                     f"variable `{new}`: the variable is never used")
        elif unused and "{" not in value:
            body = value
            for name in unused:   # the last mention is the value ("Your total is total dollars")
                # a placeholder the student marked with brackets or quotes ("Hello, (name)!") loses them
                spots = list(re.finditer(rf"\(\s*{re.escape(name)}\s*\)|\[\s*{re.escape(name)}\s*\]|"
                                         rf"<\s*{re.escape(name)}\s*>|'{re.escape(name)}'|\"{re.escape(name)}\"|"
                                         rf"\b{re.escape(name)}\b", body))
                body = body[:spots[-1].start()] + "{" + name + "}" + body[spots[-1].end():]
            if quote in body or "\\" in body or "\n" in body:
                continue
            new = "f" + quote + body + quote
            names = " and ".join(f"`{n}`" for n in unused)
            cause = (f"{names} {'is' if len(unused) == 1 else 'are'} written inside the quotes on line {arg.lineno}, "
                     f"so the text shows the name{'s' if len(unused) > 1 else ''}, not the value"
                     f"{'s' if len(unused) > 1 else ''}" + (
                         f", and the value of {names} is never shown anywhere" if weak else
                         f", and the variable{'s are' if len(unused) > 1 else ' is'} never used"))
        else:
            continue
        fixed = _checked(replace_node(code, arg, new))
        row = code.split("\n")[arg.lineno - 1].strip()
        shown = f" Line {arg.lineno} becomes: `{row.replace(text, new, 1)}`" if arg.lineno == arg.end_lineno else ""
        how = "Use the variable itself, without quotes" if not new.startswith("f") else \
            "Make it an f-string so the value is put in"
        found.append(Finding(f"{cause}: Python shows text exactly as written.", f"{how}: `{new}`.{shown}",
                             fixed_code=fixed, confidence=0.8 if weak and not braced else 0.86, line=arg.lineno,
                             title=WEAK_NAME_TITLE if weak and not braced else "Variable name printed as text",
                             topic="string-formatting"))
    return found


WEAK_NAME_TITLE = "Variable name written inside the text"


def _displayed(tree) -> set[str]:
    """Names whose value the program shows or hands back: inside print(...) arguments, f-strings, .format(...)
    and %-formatting, and returned values."""
    out = set()
    for node in ast.walk(tree):
        parts = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print":
            parts = node.args
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format":
            parts = node.args + [k.value for k in node.keywords]
        elif isinstance(node, (ast.JoinedStr, ast.Return)) or (isinstance(node, ast.BinOp)
                                                                and isinstance(node.op, ast.Mod)):
            parts = [node]
        for part in parts:
            out |= {n.id for n in ast.walk(part) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return out


def _dict_keys(tree) -> dict[str, set]:
    return {s.targets[0].id: {k.value for k in s.value.keys if isinstance(k, ast.Constant)}
            for s in ast.walk(tree) if isinstance(s, ast.Assign) and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Dict) and s.value.keys
            and all(isinstance(k, ast.Constant) for k in s.value.keys)}


def text_key_for_name(code: str, tree) -> list[Finding]:
    keys = _dict_keys(tree)
    assigned = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    found = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" and n.args:
            owner, key = n.func.value, n.args[0]
        elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load):
            owner, key = n.value, n.slice
        else:
            continue
        if not (isinstance(owner, ast.Name) and owner.id in keys and isinstance(key, ast.Constant)
                and isinstance(key.value, str) and key.value in assigned and key.value not in keys[owner.id]):
            continue
        found.append(Finding(
            f"`{segment(code, n)}` on line {n.lineno} looks up the text {key.value!r}, which is not a key of "
            f"`{owner.id}`; the variable `{key.value}` holds the key you meant, but in quotes it is just the word.",
            f"Use the variable, without quotes: `{segment(code, n).replace(segment(code, key), key.value, 1)}`.",
            fixed_code=_checked(replace_node(code, key, key.value)), confidence=0.86, line=n.lineno,
            title="Text key instead of the variable", topic="dictionaries"))
    return found


def repeated_key(code: str, tree) -> list[Finding]:
    from agents.debug import review_fix

    found = []
    for node in (n for n in ast.walk(tree) if isinstance(n, ast.Dict)):
        seen, later = set(), None
        for key in node.keys:
            if isinstance(key, ast.Constant):
                text = segment(code, key)
                if text in seen and later is None:
                    later = key
                seen.add(text)
        if later is None:
            continue
        cause = review_fix.repeated_key_cause(code, later.lineno, segment(code, later))
        rewrite = review_fix.own_rewrite(f"key `{segment(code, later)}` repeated", code, later.lineno)
        if cause is None or rewrite is None:
            continue
        found.append(Finding(cause, f"Keep one entry per key - the value you meant - or rename the one you meant to "
                                    f"be a different key: the dict becomes `{rewrite[0]}`.",
                             fixed_code=_checked(rewrite[1]), confidence=0.86, line=later.lineno,
                             title="Repeated key in a dict", topic="dictionaries"))
    return found


ALL = (print_each_pass, printed_too_early, text_items_ordered, name_inside_text, text_key_for_name, repeated_key)
