"""Object-level crashes a class hides until a method is called (ruff has none of these), found from the
definitions alone:

- `self.balnce` read but never set anywhere in the class, its bases or subclasses: AttributeError (with the
  closest attribute that is set, when there is one);
- `__int__` / `_init_` / `__init` instead of `__init__`: it never runs when an object is created;
- a property that reads itself (`return self.name` inside `def name`) or a setter that assigns itself:
  RecursionError;
- `__str__`/`__repr__`/`__len__`/... that print or compute their value without returning it: TypeError.
"""
from __future__ import annotations

import ast
import difflib

from agents.code_review.rules_astutil import walk
from agents.code_review.rules_common import Finding

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_MUST_RETURN = {"__str__": "a string", "__repr__": "a string", "__len__": "an int", "__bool__": "a bool",
                "__hash__": "an int", "__format__": "a string", "__iter__": "an iterator", "__int__": "an int"}
_INIT_TYPOS = {"__int__", "_init_", "__init", "init__", "__init_", "_init__", "__innit__", "__inti__", "__intit__",
               "__ini__", "init", "__initialize__", "__constructor__"}
_DYNAMIC = {"__getattr__", "__getattribute__", "__setattr__", "__slots__", "__dict__"}


def _methods(cls: ast.ClassDef):
    return [n for n in cls.body if isinstance(n, _FUNCS)]


def _receiver(fn: ast.AST) -> str:
    """The name the object arrives under ("" for static and class methods: they get no instance)."""
    if any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in fn.decorator_list):
        return ""
    args = fn.args.posonlyargs + fn.args.args
    return args[0].arg if args else ""


def _body_nodes(fn: ast.AST, me: str):
    """The nodes of method `fn`, leaving out nested functions and classes that take their own `me` parameter."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (*_FUNCS, ast.Lambda)) and me in {a.arg for a in node.args.posonlyargs + node.args.args
                                                             + node.args.kwonlyargs}:
            continue
        if isinstance(node, ast.ClassDef):
            continue
        stack.extend(ast.iter_child_nodes(node))


def _family(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> list[ast.ClassDef] | None:
    """The class, its ancestors and its subclasses when every base is a class of this file (else None)."""
    family, todo = [], [cls]
    while todo:
        current = todo.pop()
        if current in family:
            continue
        family.append(current)
        for base in current.bases:
            if isinstance(base, ast.Name) and base.id == "object":
                continue
            if not (isinstance(base, ast.Name) and base.id in classes):
                return None   # a base from elsewhere (Exception, tk.Frame, a library model) may set anything
            todo.append(classes[base.id])
    family += [c for c in classes.values() if c not in family and any(
        isinstance(b, ast.Name) and b.id in {f.name for f in family} for b in c.bases)]
    return family


def _set_names(family: list[ast.ClassDef], tree: ast.AST) -> set[str] | None:
    names: set[str] = set()
    for cls in family:
        if cls.decorator_list or cls.keywords or "mixin" in cls.name.lower():
            return None   # @dataclass and friends, metaclasses, mixins: attributes come from elsewhere
        for stmt in cls.body:
            if isinstance(stmt, (*_FUNCS, ast.ClassDef)):
                names.add(stmt.name)
            for target in (stmt.targets if isinstance(stmt, ast.Assign) else
                           [stmt.target] if isinstance(stmt, ast.AnnAssign) else []):
                names |= {n.id for n in walk(target) if isinstance(n, ast.Name)}
        for fn in _methods(cls):
            me = _receiver(fn)
            for node in walk(fn):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me \
                        and isinstance(node.ctx, ast.Store) and not _aug_target(fn, node):
                    names.add(node.attr)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "vars"):
                    return None
    if names & _DYNAMIC:
        return None
    if not any(m.name == "__init__" for cls in family for m in _methods(cls)):
        return None   # no __init__ anywhere: a mixin or base that another file's class completes
    names |= {n.attr for n in walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
    return names


def _aug_target(fn: ast.AST, node: ast.AST) -> bool:
    return any(isinstance(n, ast.AugAssign) and n.target is node for n in walk(fn))


def attribute_never_set(cls: ast.ClassDef, classes: dict[str, ast.ClassDef], tree: ast.AST) -> list[Finding]:
    family = _family(cls, classes)
    known = _set_names(family, tree) if family else None
    if known is None:
        return []
    init = next((m for m in _methods(cls) if m.name == "__init__"), None)
    locals_in_init = {t.id for n in walk(init) if isinstance(n, ast.Assign) for t in n.targets
                      if isinstance(t, ast.Name)} if init else set()   # init-stores-local reports those
    out, seen = [], set()
    for fn in _methods(cls):
        me = _receiver(fn)
        for node in sorted(_body_nodes(fn, me) if me else (), key=lambda n: (getattr(n, "lineno", 0),
                                                                             getattr(n, "col_offset", 0))):
            if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me):
                continue
            read = isinstance(node.ctx, ast.Load) or _aug_target(fn, node)
            name = node.attr
            if not read or name in known or name in seen or name in locals_in_init or name.startswith("__"):
                continue
            seen.add(name)
            near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
            hint = f" Did you mean `self.{near[0]}`?" if near else ""
            out.append(Finding(
                "attribute-never-set", node.lineno, "error",
                f"`self.{name}` (line {node.lineno}, in {fn.name}()) is never set anywhere in {cls.name}, so that "
                f"line raises AttributeError when it runs.{hint}",
                f"{_statement(fn, node).replace(f'{me}.{name}', f'{me}.{near[0]}')}   # the attribute that is set"
                if near else
                f"def __init__(self, ...):\n    self.{name} = ...   # set it before any method reads it",
                "correctness"))
    return out


def _statement(fn: ast.AST, node: ast.AST) -> str:
    """The innermost statement of `fn` that contains `node`, as source."""
    inner = [s for s in walk(fn) if isinstance(s, ast.stmt) and not isinstance(s, (*_FUNCS, ast.If, ast.For, ast.While,
                                                                                    ast.With, ast.Try))
             and any(n is node for n in walk(s))]
    return ast.unparse(min(inner, key=lambda s: (s.end_lineno or s.lineno) - s.lineno)) if inner else ast.unparse(node)


def _gives_value(fn: ast.AST) -> bool:
    return any((isinstance(n, ast.Return) and n.value is not None) or isinstance(n, (ast.Yield, ast.YieldFrom, ast.Raise))
               for n in walk(fn))


def init_misspelled(cls: ast.ClassDef) -> list[Finding]:
    names = {m.name for m in _methods(cls)}
    if "__init__" in names:
        return []
    for fn in _methods(cls):
        stores = any(isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) for n in walk(fn))
        if fn.name in _INIT_TYPOS and stores:
            params = ", ".join(a.arg for a in fn.args.args)
            return [Finding(
                "init-misspelled", fn.lineno, "error",
                f"`{fn.name}` is not `__init__`, so it never runs when a {cls.name} is created: the attributes it "
                f"sets are missing, and `{cls.name}(...)` with arguments raises TypeError.",
                f"def __init__({params}):", "correctness")]
    return []


def property_recursion(cls: ast.ClassDef) -> list[Finding]:
    out = []
    for fn in _methods(cls):
        me = _receiver(fn)
        decorators = [ast.unparse(d) for d in fn.decorator_list]
        setter = f"{fn.name}.setter" in decorators
        if "property" not in decorators and not setter:
            continue
        for node in walk(fn):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == me \
                    and node.attr == fn.name and isinstance(node.ctx, ast.Store if setter else ast.Load):
                what = "assigns" if setter else "reads"
                out.append(Finding(
                    "property-recursion", node.lineno, "error",
                    f"The {'setter' if setter else 'property'} `{fn.name}` {what} `self.{fn.name}`, which is itself: "
                    "it calls itself again and again until RecursionError.",
                    (f"{me}._{fn.name} = {fn.args.args[1].arg}" if setter and len(fn.args.args) > 1 else
                     f"return {me}._{fn.name}") + f"   # keep the value in `_{fn.name}` (set it in __init__ too)",
                    "correctness"))
                break
    return out


def dunder_without_return(cls: ast.ClassDef) -> list[Finding]:
    out = []
    for fn in _methods(cls):
        if fn.name not in _MUST_RETURN or _gives_value(fn):
            continue
        last = fn.body[-1]
        value = last.value if isinstance(last, ast.Expr) else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "print" \
                and len(value.args) == 1:
            fixed = f"return {ast.unparse(value.args[0])}"
        elif value is not None and not isinstance(value, ast.Call):
            fixed = f"return {ast.unparse(value)}"
        else:
            fixed = f"return ...   # {_MUST_RETURN[fn.name]}"
        fixed = f"def {fn.name}({', '.join(a.arg for a in fn.args.args)}):\n    {fixed}"
        out.append(Finding(
            "dunder-without-return", fn.lineno, "error",
            f"`{fn.name}` must return {_MUST_RETURN[fn.name]}, but it returns nothing (None): "
            f"{'str()/print()' if fn.name in ('__str__', '__repr__', '__format__') else 'Python'} then raises "
            f"TypeError ({fn.name} returned non-{_MUST_RETURN[fn.name].split()[-1]} (type NoneType)).",
            fixed, "correctness"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    classes = {n.name: n for n in walk(tree) if isinstance(n, ast.ClassDef)}
    for cls in classes.values():
        for check in (init_misspelled, property_recursion, dunder_without_return):
            try:
                out += check(cls)
            except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip that check
                continue
        if not any(f.rule in ("init-misspelled", "property-recursion")
                   and cls.lineno <= f.line <= (cls.end_lineno or cls.lineno) for f in out):
            try:
                out += attribute_never_set(cls, classes, tree)
            except (ValueError, AttributeError, IndexError, TypeError):
                continue
    return out
