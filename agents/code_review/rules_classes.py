"""Class-level correctness bugs of learner object-oriented code, each with its line and the student's line
rewritten:

- a list/dict/set written as a class attribute and changed through `self` (`items = []` in the class body, then
  `self.items.append(x)`): every instance shares the one object;
- a method without `self` (`def greet():` / `def greet(name):` that reads `self`): TypeError or NameError when it
  is called on an instance;
- `__init__` storing a parameter in a local (`name = name`, `total = 0`) while other methods read `self.name`:
  AttributeError there;
- `__eq__` without `__hash__`: the instances can no longer go in a set or be dict keys (TypeError: unhashable);
- a subclass `__init__` that never calls `super().__init__()`: the parent's attributes are never created.
"""
from __future__ import annotations

import ast

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_RECEIVERS = ("self", "cls", "mcs", "metacls", "klass")
_MUTATORS = ("append", "extend", "insert", "remove", "pop", "clear", "add", "update", "discard", "setdefault",
             "sort", "reverse")


def _methods(cls: ast.ClassDef):
    return [n for n in cls.body if isinstance(n, _FUNCS)]


def _decorated(fn, *names) -> bool:
    return any(isinstance(d, ast.Name) and d.id in names for d in fn.decorator_list)


def _self_attr(node: ast.AST, self_name: str = "self") -> str:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == self_name:
        return node.attr
    return ""


_MUTABLE_CALLS = ("list", "dict", "set", "defaultdict", "Counter", "OrderedDict", "deque")


def _mutable(value: ast.AST) -> bool:
    return isinstance(value, (ast.List, ast.Dict, ast.Set)) or (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _MUTABLE_CALLS)


def _kind(value: ast.AST) -> str:
    return value.func.id.lower() if isinstance(value, ast.Call) else type(value).__name__.lower()


def shared_class_attribute(cls: ast.ClassDef) -> list[Finding]:
    shared = {t.id: stmt for stmt in cls.body if isinstance(stmt, ast.Assign) and _mutable(stmt.value)
              for t in stmt.targets if isinstance(t, ast.Name)}
    out, seen = [], set()
    assigned = {_self_attr(t) for fn in _methods(cls) for n in walk(fn) if isinstance(n, ast.Assign)
                for t in n.targets}   # an object that gets its own in any method no longer shares the class's
    for fn in _methods(cls):
        for node in walk(fn):
            name = ""
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
                name = _self_attr(node.func.value)
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(target, ast.Subscript):
                        name = _self_attr(target.value) or name
            if name in shared and name not in assigned and name not in seen:
                seen.add(name)
                stmt = shared[name]
                out.append(Finding(
                    "shared-class-attribute", stmt.lineno, "error",
                    f"`{name} = {ast.unparse(stmt.value)}` is written in the class body, so ONE {_kind(stmt.value)} "
                    f"is shared by every {cls.name} object: `self.{name}` changed on line {node.lineno} changes it for "
                    "all of them.", f"def __init__(self):\n    self.{name} = {ast.unparse(stmt.value)}   # one per object",
                    "correctness"))
    return out


def method_without_self(cls: ast.ClassDef) -> list[Finding]:
    out = []
    for fn in _methods(cls):
        if _decorated(fn, "staticmethod", "classmethod"):
            continue
        params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        uses_self = any(isinstance(n, ast.Name) and n.id == "self" for n in walk(fn))
        if (not params and not fn.args.vararg) or (params and params[0] != "self" and uses_self and "self" not in params):
            out.append(Finding(
                "method-without-self", fn.lineno, "error",
                f"`{fn.name}` is a method of {cls.name} but has no `self` parameter: calling it on an object passes "
                "the object as the first argument, so it fails (TypeError, or NameError for `self`).",
                f"def {fn.name}(self{', ' if params else ''}{', '.join(params)}):", "correctness"))
        elif params and params[0] not in _RECEIVERS and not uses_self and not fn.name.startswith("__"):
            # `def convert(amount):` in a class: `obj.convert(5)` passes obj as `amount` and 5 has no place
            out.append(Finding(
                "method-without-self", fn.lineno, "error",
                f"`{fn.name}({', '.join(params)})` is a method of {cls.name}, so Python passes the object itself as "
                f"`{params[0]}`: calling `{cls.name}().{fn.name}(...)` with {len(params)} argument"
                f"{'s' if len(params) != 1 else ''} raises TypeError, and `{params[0]}` is never what you passed.",
                f"@staticmethod   # it uses no `self`: a plain function kept in the class\n"
                f"def {fn.name}({', '.join(params)}):", "correctness"))
    return out


def init_stores_locals(cls: ast.ClassDef) -> list[Finding]:
    init = next((m for m in _methods(cls) if m.name == "__init__"), None)
    if init is None:
        return []
    read = {_self_attr(n) for m in _methods(cls) if m is not init for n in walk(m)} - {""}
    stored = {_self_attr(t) for n in walk(init) if isinstance(n, ast.Assign) for t in n.targets} - {""}
    out = []
    for stmt in init.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            if name in read and name not in stored:
                out.append(Finding(
                    "init-stores-local", stmt.lineno, "error",
                    f"`{ast.unparse(stmt)}` in __init__ makes a local variable that is gone when __init__ ends, "
                    f"but other methods read `self.{name}`: AttributeError there.",
                    f"self.{name} = {ast.unparse(stmt.value)}", "correctness"))
    return out


def eq_without_hash(cls: ast.ClassDef) -> list[Finding]:
    names = {m.name for m in _methods(cls)} | {t.id for s in cls.body if isinstance(s, ast.Assign)
                                                for t in s.targets if isinstance(t, ast.Name)}
    eq = next((m for m in _methods(cls) if m.name == "__eq__"), None)
    if eq is None or "__hash__" in names:
        return []
    return [Finding("eq-without-hash", eq.lineno, "warning",
                    f"{cls.name} defines __eq__ without __hash__, so Python makes its objects unhashable: putting one "
                    "in a set or using it as a dict key raises TypeError.",
                    "def __hash__(self):\n    return hash((...))   # the same fields __eq__ compares", "correctness")]


def _calls_parent_init(init: ast.AST, bases: set[str]) -> bool:
    """`super().__init__(...)`, `super(Child, self).__init__(...)` or `Base.__init__(self, ...)`."""
    for n in walk(init):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "__init__":
            owner = n.func.value
            if (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super") or \
                    (isinstance(owner, ast.Name) and owner.id in bases):
                return True
    return False


def parent_init_not_called(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> list[Finding]:
    """A subclass __init__ that never runs its parent's __init__ (a class of the same file that sets attributes)."""
    bases = {b.id for b in cls.bases if isinstance(b, ast.Name)}
    init = next((m for m in _methods(cls) if m.name == "__init__"), None)
    parent = next((classes[b] for b in bases if b in classes and b != cls.name), None)
    parent_init = parent and next((m for m in _methods(parent) if m.name == "__init__"), None)
    if init is None or parent_init is None or _calls_parent_init(init, bases):
        return []
    own = {_self_attr(t) for n in walk(init) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
           for t in (n.targets if isinstance(n, ast.Assign) else [n.target])} - {""}
    lost = sorted({_self_attr(t) for n in walk(parent_init) if isinstance(n, (ast.Assign, ast.AnnAssign))
                   for t in (n.targets if isinstance(n, ast.Assign) else [n.target])} - {""} - own)
    if not lost:
        return []
    bumped = {id(n.target) for m in _methods(cls) for n in walk(m) if isinstance(n, ast.AugAssign)}   # `+=` reads
    read = next((n for m in _methods(cls) if m is not init for n in walk(m)
                 if _self_attr(n) in lost and (isinstance(n.ctx, ast.Load) or id(n) in bumped)), None)
    params = [a.arg for a in parent_init.args.args[1:]]
    mine = [a.arg for a in init.args.args[1:]]
    passed = ", ".join(p if p in mine else f"{p}=..." for p in params)
    attrs = ", ".join(f"`self.{a}`" for a in lost[:3])
    where = (f": `self.{read.attr}` on line {read.lineno} raises AttributeError" if read is not None else
             ": those attributes are missing on every object")
    body = next((ast.unparse(s) for s in init.body), "...")
    return [Finding(
        "parent-init-not-called", init.lineno, "error" if read is not None else "warning",
        f"{cls.name}.__init__ never calls `super().__init__(...)`, so what {parent.name}.__init__ sets up ({attrs}) "
        f"is never created{where}.",
        f"def __init__(self{''.join(', ' + m for m in mine)}):\n    super().__init__({passed})   # let "
        f"{parent.name} set up its part first\n    {body}", "correctness")]


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    classes = {n.name: n for n in walk(tree) if isinstance(n, ast.ClassDef)}
    for cls in classes.values():
        try:
            out += parent_init_not_called(cls, classes)
        except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip that check
            pass
    for cls in (n for n in walk(tree) if isinstance(n, ast.ClassDef)):
        for check in (shared_class_attribute, method_without_self, init_stores_locals, eq_without_hash):
            try:
                out += check(cls)
            except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip that check
                continue
    return out
