"""Security rules ruff's bandit set misses in student code: a secret written into the program where ruff's
name pattern does not see it (`pw == "letmein"`, `{"password": "abc123"}`), and a file path built from
what the user typed (`open("data/" + input())` can read any file with `../`)."""
from __future__ import annotations

import ast
import re

from agents.code_review.rules_common import Finding

_SECRET_NAME = re.compile(r"(^|_)(pw|pwd|passw\w*|pass|passcode|pin|secret\w*|token|api_?key|apikey)($|_)", re.I)


def _secret_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 3 \
        and " " not in node.value


def _name_of(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def hardcoded_secret(tree: ast.AST) -> list[Finding]:
    out, seen = [], set()
    for node in ast.walk(tree):
        pairs = []
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            pairs = [(node.left, node.comparators[0]), (node.comparators[0], node.left)]
        elif isinstance(node, ast.Dict):
            pairs = [(k, v) for k, v in zip(node.keys, node.values) if k is not None]
        for holder, value in pairs:
            name = _name_of(holder)
            if name and _SECRET_NAME.search(name) and _secret_literal(value) and node.lineno not in seen:
                seen.add(node.lineno)
                out.append(Finding(
                    "hardcoded-secret", node.lineno, "error",
                    f"The secret for `{name}` is written into the code: anyone who can read the program (or its "
                    "history in git) can read it.",
                    f"import os\n{name.lower()} = os.environ['{name.upper()}']   # or a config file kept out of git;\n"
                    "# store only a salted hash (hashlib.scrypt) and compare hashes", "security"))
    return out


def _from_input(node: ast.AST, inputs: set[str]) -> bool:
    return any((isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input")
               or (isinstance(n, ast.Name) and n.id in inputs) for n in ast.walk(node))


def path_from_input(tree: ast.AST) -> list[Finding]:
    inputs = {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and _from_input(n.value, set())
              for t in n.targets if isinstance(t, ast.Name)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open" and node.args \
                and isinstance(node.args[0], (ast.BinOp, ast.JoinedStr)) and _from_input(node.args[0], inputs):
            out.append(Finding(
                "path-from-input", node.lineno, "warning",
                f"`{ast.unparse(node.args[0])}` puts what the user typed into a file path: typing `../` walks out of "
                "the folder and opens any file the program can read.",
                "from pathlib import Path\nbase = Path('data').resolve()\npath = (base / name).resolve()\n"
                "if not path.is_relative_to(base):\n    raise ValueError('no such file')", "security"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    return hardcoded_secret(tree) + path_from_input(tree)
