"""Static helpers over the student's code for the debug explainer: safe parsing, finding the AST nodes on a
line, what names exist, what a name was last assigned from, and precise source edits by AST position.

Everything here is pure and never executes student code (the sandbox does that); it only reads the source.
"""
from __future__ import annotations

import ast
import builtins
import difflib
import re
import warnings
from dataclasses import dataclass, field

BUILTIN_NAMES = frozenset(dir(builtins))


@dataclass
class Finding:
    """One diagnosis: what went wrong (in words about THIS code), how to fix it, and an optional fixed program."""
    cause: str
    fix: str
    fixed_code: str | None = None
    confidence: float = 0.6
    line: int | None = None
    title: str | None = None
    topic: str | None = None
    notes: list[str] = field(default_factory=list)


def parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def lines_of(code: str) -> list[str]:
    return code.split("\n")


def line_text(code: str, line: int | None) -> str:
    rows = lines_of(code)
    if line is None or not 1 <= line <= len(rows):
        return ""
    return rows[line - 1]


def nodes_on_line(tree: ast.AST, line: int | None) -> list[ast.AST]:
    """Nodes whose span covers `line`, innermost (latest-starting) last."""
    if line is None:
        return []
    found = [n for n in ast.walk(tree) if hasattr(n, "lineno") and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return found


def statement_at(tree: ast.AST, line: int | None) -> ast.stmt | None:
    """The innermost statement that starts on `line` (or covers it)."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and node.lineno <= (line or 0) <= (node.end_lineno or node.lineno):
            if best is None or node.lineno >= best.lineno:
                best = node
    return best


def segment(code: str, node: ast.AST) -> str:
    return ast.get_source_segment(code, node) or ""


def _offset(code: str, line: int, col: int) -> int:
    """Character offset of (1-based line, utf-8 byte col) in code."""
    rows = lines_of(code)
    prefix = sum(len(r) + 1 for r in rows[:line - 1])
    return prefix + len(rows[line - 1].encode("utf-8")[:col].decode("utf-8", "replace"))


def replace_node(code: str, node: ast.AST, text: str) -> str:
    """Replace exactly the source of `node` with `text` (positions from the AST, so no regex guesswork)."""
    start = _offset(code, node.lineno, node.col_offset)
    end = _offset(code, node.end_lineno, node.end_col_offset)
    return code[:start] + text + code[end:]


def replace_line(code: str, line: int, text: str) -> str:
    rows = lines_of(code)
    rows[line - 1] = text
    return "\n".join(rows)


def compiles(code: str) -> bool:
    try:
        with warnings.catch_warnings():   # SyntaxWarnings about the student's code are not ours to print
            warnings.simplefilter("ignore")
            compile(code, "<fixed>", "exec")
        return True
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False


def defined_names(tree: ast.AST) -> set[str]:
    """Every name the program binds anywhere (assignments, defs, params, imports, loop targets, ...)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def closest(word: str, candidates, cutoff: float = 0.6) -> str | None:
    pool = [c for c in candidates if c != word]
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if match:
        return match[0]
    lowered = {c.lower(): c for c in pool}
    return lowered.get(word.lower())


def assignments_to(tree: ast.AST, name: str, before_line: int | None = None) -> list[tuple[int, ast.AST]]:
    """(line, value) for each `name = value` (simple targets), in source order, optionally before a line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append((node.lineno, node.value))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name \
                and node.value is not None:
            found.append((node.lineno, node.value))
    found.sort(key=lambda item: item[0])
    if before_line is not None:
        found = [item for item in found if item[0] <= before_line]
    return found


def last_value(tree: ast.AST, name: str, line: int | None) -> ast.AST | None:
    values = assignments_to(tree, name, line)
    return values[-1][1] if values else None


def mutated_between(tree: ast.AST, name: str, start: int, end: int) -> bool:
    """Was `name` changed in place (append, extend, insert, item assignment, del...) between two lines?"""
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if not start < line <= end:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == name \
                and node.func.attr in ("append", "extend", "insert", "pop", "remove", "clear", "update",
                                       "setdefault", "popitem", "add", "discard"):
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)) \
                and isinstance(node.value, ast.Name) and node.value.id == name:
            return True
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            return True
        if isinstance(node, (ast.For, ast.While)) and name in {n.id for n in ast.walk(node)
                                                                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}:
            return True
    return False


def literal_length(tree: ast.AST, name: str, line: int | None) -> int | None:
    """Length of `name` at `line` when it is statically known: assigned a literal and not changed since."""
    values = assignments_to(tree, name, line)
    if not values:
        return None
    where, value = values[-1]
    if mutated_between(tree, name, where, (line or where) - 1 if line else where):
        return None
    if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.lineno < where <= n.end_lineno
           and not n.lineno < (line or 0) <= n.end_lineno for n in ast.walk(tree)):
        return None     # assigned inside a function the failing line is not in: different variable
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)) and not any(isinstance(e, ast.Starred) for e in value.elts):
        return len(value.elts)
    if isinstance(value, ast.Dict) and None not in value.keys:
        return len(value.keys)
    if isinstance(value, ast.Constant) and isinstance(value.value, (str, bytes)):
        return len(value.value)
    return None


def dict_literal_keys(tree: ast.AST, name: str, line: int | None) -> list | None:
    value = last_value(tree, name, line)
    if isinstance(value, ast.Dict) and all(isinstance(k, ast.Constant) for k in value.keys):
        return [k.value for k in value.keys]
    return None


def enclosing_function(tree: ast.AST, line: int | None) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= (line or 0) <= node.end_lineno:
            if best is None or node.lineno > best.lineno:
                best = node
    return best


def functions(tree: ast.AST) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def returns_value(func: ast.AST) -> bool:
    """Does any `return <value>` belong to this function (not to a nested one)?"""
    def walk(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, ast.Return) and child.value is not None \
                    and not (isinstance(child.value, ast.Constant) and child.value.value is None):
                return True
            if walk(child):
                return True
        return False
    return walk(func)


def is_generator(func: ast.AST) -> bool:
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(func))


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def stored_names(nodes) -> set[str]:
    """Names assigned (any form) inside the given statements."""
    names: set[str] = set()
    for stmt in nodes:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                names.add(n.id)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name):
                # in-place mutation changes what e.g. `while items:` or `while len(q) > 0:` sees
                if n.func.attr in ("pop", "remove", "append", "clear", "popleft", "extend", "insert", "add",
                                   "discard", "update", "popitem"):
                    names.add(n.func.value.id)
            elif isinstance(n, ast.Subscript) and isinstance(n.ctx, (ast.Store, ast.Del)) \
                    and isinstance(n.value, ast.Name):
                names.add(n.value.id)
            elif isinstance(n, (ast.Global, ast.Nonlocal)):
                pass
    return names


def frame_field(frame, index: int, name: str):
    """A traceback frame is a (line, function, source) tuple or an object with those attributes (sandbox.Frame)."""
    if hasattr(frame, name):
        return getattr(frame, name)
    try:
        return frame[index]
    except (TypeError, IndexError, KeyError):
        return None


def quoted(message: str | None) -> str | None:
    """The first quoted name in an exception message: "name 'totl' is not defined" -> totl."""
    match = re.search(r"'([^']+)'", message or "")
    return match.group(1) if match else None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---- where a None value came from (shared by the TypeError and AttributeError diagnosers) ----------------
IN_PLACE = {"sort", "append", "extend", "insert", "reverse", "remove", "clear", "update", "add", "shuffle"}


def why_none(code: str, tree, name: str, line: int | None) -> str | None:
    """Explain where a None value came from: `x = None`, `x = lst.sort()`, or a function without return."""
    value = last_value(tree, name, line)
    if value is None:
        return None
    if isinstance(value, ast.Constant) and value.value is None:
        return f"`{name}` was set to None on purpose (`{segment(code, value)}`) and never given a real value"
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in IN_PLACE:
        return (f"`{name}` holds the result of `.{value.func.attr}()`, which changes the object in place and "
                f"returns None")
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        func = functions(tree).get(value.func.id)
        if func is not None and not returns_value(func):
            return (f"`{name}` comes from calling `{func.name}()`, and `{func.name}` has no `return <value>` "
                    f"(it may print its result instead), so it returns None")
        if func is not None:
            return f"`{name}` comes from `{func.name}()`, which returns None on at least one path"
    return None


def none_receiver_fix(code: str, tree, name: str, line: int | None) -> str | None:
    """`lst = lst.sort()` -> `lst.sort()`; `x = y.sort()` -> `x = sorted(y)`."""
    for where, value in reversed(assignments_to(tree, name, line)):
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr in IN_PLACE:
            stmt = statement_at(tree, where)
            receiver = segment(code, value.func.value)
            if receiver == name:
                return replace_node(code, stmt, segment(code, value))
            if value.func.attr == "sort" and not value.args:
                kwargs = ", ".join(segment(code, k) for k in value.keywords)
                return replace_node(code, value, f"sorted({receiver}{', ' + kwargs if kwargs else ''})")
        break
    return None
