"""Small AST helpers shared by the review's own rules (rules_ast and the rule mixins it combines)."""
from __future__ import annotations

import ast
import re


def _src(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_name(node: ast.AST, *names: str) -> bool:
    return isinstance(node, ast.Name) and (not names or node.id in names)


def _is_call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and _is_name(node.func, name)


def _same(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def _const(node: ast.AST, *values) -> bool:
    return isinstance(node, ast.Constant) and any(node.value is v or (type(node.value) is type(v) and node.value == v)
                                                  for v in values)


def _scope(node: ast.AST) -> ast.AST | None:
    parent = getattr(node, "_parent", None)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        parent = getattr(parent, "_parent", None)
    return parent


def _singular(seq: str) -> str:
    base = re.sub(r"\W", "", seq.split(".")[-1]) or "item"
    if len(base) <= 2:
        return "item"
    if base.endswith("ies"):
        return base[:-3] + "y"
    if base.endswith("s") and not base.endswith("ss"):
        return base[:-1]
    return "item"



def definitions_only(tree: ast.Module) -> bool:
    """Only functions and classes (plus imports, constants, a docstring): nothing at module level calls them."""
    defined = {s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.Pass)):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue   # a docstring
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and not any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in defined
                for n in ast.walk(stmt.value or ast.Constant(None))):
            continue   # a constant or a configured object (`app = Flask(__name__)`), not a call of the code itself
        return False
    return bool(defined)


def concat_parts(node: ast.AST) -> list[ast.AST]:
    """The pieces of a string built with + and/or an f-string, in order: `"a" + name + f"b{x}"` ->
    [Constant('a'), Name(name), Constant('b'), Name(x)] (an f-string's fields as their expressions)."""
    parts: list[ast.AST] = []

    def flatten(n: ast.AST) -> None:
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add):
            flatten(n.left)
            flatten(n.right)
        elif isinstance(n, ast.JoinedStr):
            parts.extend(v.value if isinstance(v, ast.FormattedValue) else v for v in n.values)
        else:
            parts.append(n)
    flatten(node)
    return parts


def walk(node: ast.AST) -> list[ast.AST]:
    """The nodes ast.walk(node) yields, in the same order, listed once per node and kept on it: a review runs ~30
    rules that each walk the same tree, and the rules never change the tree (they only read it and tag parents).
    The list lives on the node, so it goes away with the tree at the end of the review."""
    nodes = node.__dict__.get("_lf_walk")
    if nodes is None:
        nodes, i = [node], 0
        while i < len(nodes):   # breadth first, children in field order: exactly ast.walk's order
            current = nodes[i]
            i += 1
            for name in current._fields:
                value = getattr(current, name, None)
                if isinstance(value, list):
                    nodes.extend(item for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    nodes.append(value)
        node._lf_walk = nodes
    return nodes


def rebound_in_loop(tree: ast.Module, name: str, line: int) -> bool:
    """`name` (changed on `line` while a for loop walks over it) is also re-assigned with `=` inside that loop: the
    later changes hit a new object, not the one being walked."""
    loops = [n for n in walk(tree) if isinstance(n, (ast.For, ast.AsyncFor))
             and any(ast.unparse(part) == name for part in walk(n.iter)) and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return any(isinstance(t, ast.Name) and t.id == name for loop in loops for n in walk(loop)
               if isinstance(n, ast.Assign) for t in n.targets)
