"""Security rules ruff's bandit set misses in student code: a secret written into the program where ruff's
name pattern does not see it (`pw == "letmein"`, `{"password": "abc123"}`), and a file path built from
what the user typed (`open("data/" + input())` can read any file with `../`), a password stored as typed
(written to a file or database without hashing), and `assert` used to check who may do something (-O drops it)."""
from __future__ import annotations

import ast
import re

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import walk

_SECRET_NAME = re.compile(r"(^|_)(pw|pwd|passw\w*|pass|passcode|pin|secret\w*|token|api_?key|apikey)($|_)", re.I)
# a name that may hold a credential, when the value also looks like one (letters and 3+ digits, no spaces, >= 16)
_KEY_NAME = re.compile(r"(^|_)(key|token|secret|credential|auth|bearer|private)(s)?($|_)", re.I)
_KEY_VALUE = re.compile(r"^(?=.*[A-Za-z])(?=(?:.*\d){3})[\w\-.+/=:]{16,}$")


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
    for node in walk(tree):
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


def _credential_shaped(value: str) -> bool:
    """Random-looking, not an identifier such as `created_at_2024_v` (lower-case short words joined)."""
    words = re.split(r"[_.\-:/]", value)
    return bool(_KEY_VALUE.match(value)) and not (value.islower() and max(map(len, words)) <= 8)


def credential_constant(tree: ast.AST) -> list[Finding]:
    """`API_KEY = "sk_live_51Hx..."`: a credential-shaped string stored under a key/token name (ruff's S105 only
    knows password-like names)."""
    out = []
    for node in walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and _KEY_NAME.search(node.targets[0].id) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str) and _credential_shaped(node.value.value):
            name = node.targets[0].id
            out.append(Finding(
                "hardcoded-secret", node.lineno, "error",
                f"`{name}` holds a real-looking credential written into the code: anyone who can read the program "
                "(or its history in git) can use it.",
                f"import os\n{name} = os.environ['{name.upper()}']   # set it outside the code; rotate the leaked one",
                "security"))
    return out


def _from_input(node: ast.AST, inputs: set[str]) -> bool:
    return any((isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "input")
               or (isinstance(n, ast.Name) and n.id in inputs) for n in walk(node))


def _tainted_parameters(tree: ast.AST, inputs: set[str]) -> dict[ast.AST, set[str]]:
    """Parameters of the student's functions that some call fills with what the user typed (`show(input())`)."""
    funcs = {n.name: n for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    tainted: dict[ast.AST, set[str]] = {}
    for call in walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in funcs):
            continue
        fn = funcs[call.func.id]
        params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
        for param, arg in zip(params, call.args):
            if _from_input(arg, inputs):
                tainted.setdefault(fn, set()).add(param)
        for kw in call.keywords:
            if kw.arg in params and _from_input(kw.value, inputs):
                tainted.setdefault(fn, set()).add(kw.arg)
    return tainted


def _opens_with(scope: ast.AST, inputs: set[str]):
    """open() of a path BUILT from what the user typed (a folder + their name: `+`, f-string, os.path.join, Path /);
    `open(name)` alone is a program that opens the file its user names, which is its job."""
    for node in walk(scope):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open" and node.args \
                and isinstance(node.args[0], (ast.BinOp, ast.JoinedStr, ast.Call)) and _from_input(node.args[0], inputs):
            yield node


def path_from_input(tree: ast.AST) -> list[Finding]:
    inputs = {t.id for n in walk(tree) if isinstance(n, ast.Assign) and _from_input(n.value, set())
              for t in n.targets if isinstance(t, ast.Name)}
    out, seen = [], set()
    opens = list(_opens_with(tree, inputs))
    for fn, params in _tainted_parameters(tree, inputs).items():
        opens += list(_opens_with(fn, params))
    for node in opens:
        if node.lineno in seen:
            continue
        seen.add(node.lineno)
        out.append(Finding(
            "path-from-input", node.lineno, "warning",
            f"`{ast.unparse(node.args[0])}` puts what the user typed into a file path: typing `../` walks out of "
            "the folder and opens any file the program can read.",
            "from pathlib import Path\nbase = Path('data').resolve()\npath = (base / name).resolve()\n"
            "if not path.is_relative_to(base):\n    raise ValueError('no such file')", "security"))
    return out


_PASSWORD = re.compile(r"(^|_)(pw|pwd|passw\w*|password\w*|passcode)($|_)", re.I)
_HASHING = re.compile(r"hash|crypt|scrypt|pbkdf|argon|bcrypt|digest|sha|md5", re.I)
_STORES = ("write", "writelines", "execute", "executemany", "writerow", "writerows", "dump", "set", "insert_one")


def password_in_plain_text(tree: ast.AST) -> list[Finding]:
    """A password written to a file or database as typed (not hashed)."""
    out = []
    for call in walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _STORES):
            continue
        hashed = {id(n) for c in walk(call) if isinstance(c, ast.Call) and _HASHING.search(ast.unparse(c.func))
                  for n in walk(c)}
        names = [n for a in call.args for n in walk(a) if isinstance(n, ast.Name) and _PASSWORD.search(n.id)
                 and not _HASHING.search(n.id) and id(n) not in hashed]
        role = any(isinstance(c, ast.Constant) and isinstance(c.value, str) and "PASSWORD" in c.value
                   for c in walk(call))   # SQL that sets a database role's password: the database hashes it
        if names and not role:
            name = names[0].id
            out.append(Finding(
                "password-plain-text", call.lineno, "error",
                f"`{name}` is stored exactly as typed: anyone who reads the file or database (or a backup of it) "
                "has every user's password.",
                f"import hashlib, os\nsalt = os.urandom(16)\nhashed = hashlib.scrypt({name}.encode(), salt=salt, "
                "n=2**14, r=8, p=1)\n# store salt and hashed; to check a login, hash what was typed the same way "
                "and compare", "security"))
    return out


_AUTH = re.compile(r"admin|auth|permission|logged|login|staff|role|owner|allowed|access|superuser", re.I)


def assert_for_access(tree: ast.AST) -> list[Finding]:
    tests = {id(n) for f in walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             and f.name.startswith("test") for n in walk(f)}   # a test's asserts are its checks
    out = []
    for node in walk(tree):
        if not isinstance(node, ast.Assert) or id(node) in tests:
            continue
        compared = [c for c in walk(node.test) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
        named = [n.attr if isinstance(n, ast.Attribute) else n.id for n in walk(node.test)
                 if isinstance(n, (ast.Attribute, ast.Name))]   # `user == self.owner`, `user.is_admin`
        guard = not isinstance(node.test, ast.Compare) or any(_AUTH.search(c.value) for c in compared) \
            or any(_AUTH.search(n) for n in named)
        if guard and _AUTH.search(ast.unparse(node.test)):
            test = ast.unparse(node.test)
            out.append(Finding(
                "assert-for-access", node.lineno, "error",
                f"`assert {test}` guards who may do this, but Python removes assert statements when run with -O, "
                "and then everyone may.", f"if not ({test}):\n    raise PermissionError('not allowed')", "security"))
    return out


_ENCODERS = {"hash": "hash()", "b64encode": "base64", "b32encode": "base64", "b16encode": "base64",
             "urlsafe_b64encode": "base64", "encodebytes": "base64", "hexlify": "hex encoding", "encode": "encoding"}


def password_encoded_not_hashed(tree: ast.AST) -> list[Finding]:
    """`hash(password)` (Python's per-process, non-cryptographic hash) or `base64.b64encode(password...)` (an
    encoding anyone can reverse) used as if it protected a password."""
    out = []
    for call in walk(tree):
        if not isinstance(call, ast.Call) or not call.args:
            continue
        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name not in _ENCODERS or (name == "hash" and not isinstance(func, ast.Name)) or \
                (name == "encode" and not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                           and func.value.id == "codecs")):
            continue
        secret = next((n.id for n in walk(call.args[0]) if isinstance(n, ast.Name) and _PASSWORD.search(n.id)), "")
        if not secret:
            continue
        how = _ENCODERS[name]
        why = ("Python's hash() is not a password hash: it changes every time the program starts (so logins fail "
               "after a restart) and is fast to guess" if how == "hash()" else
               f"{how} is an encoding, not encryption or hashing: anyone can turn it back into the password")
        out.append(Finding(
            "password-encoded-not-hashed", call.lineno, "error",
            f"`{ast.unparse(call)}` does not protect `{secret}`: {why}.",
            f"import hashlib, os\nsalt = os.urandom(16)\nhashed = hashlib.scrypt({secret}.encode(), salt=salt, "
            "n=2**14, r=8, p=1)   # store salt and hashed; check a login by hashing what was typed the same way",
            "security"))
    return out


_FAST_HASHES = {"sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b", "blake2s"}


def password_fast_hash(tree: ast.AST) -> list[Finding]:
    """hashlib.sha256(password...) for storing passwords: no salt and billions of guesses a second."""
    out = []
    for call in walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in _FAST_HASHES
                and call.args):
            continue
        secret = next((n.id for n in walk(call.args[0]) if isinstance(n, ast.Name) and _PASSWORD.search(n.id)), "")
        if secret:
            out.append(Finding(
                "password-fast-hash", call.lineno, "warning",
                f"`{ast.unparse(call)}` hashes `{secret}` with a fast hash and no salt: equal passwords get equal "
                "hashes, and a leaked table is cracked by trying billions of guesses a second.",
                f"import hashlib, os\nsalt = os.urandom(16)\nhashed = hashlib.scrypt({secret}.encode(), salt=salt, "
                "n=2**14, r=8, p=1)   # slow and salted: store salt and hashed", "security"))
    return out


def token_not_verified(tree: ast.AST) -> list[Finding]:
    """jwt.decode(..., options={"verify_signature": False}) / verify=False: anyone can forge the token."""
    out = []
    for call in walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "decode"
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "jwt"):
            continue
        off = any((k.arg == "verify" and isinstance(k.value, ast.Constant) and k.value.value is False) or
                  (k.arg == "options" and isinstance(k.value, ast.Dict) and any(
                      isinstance(key, ast.Constant) and key.value == "verify_signature" and isinstance(v, ast.Constant)
                      and v.value is False for key, v in zip(k.value.keys, k.value.values)))
                  for k in call.keywords)
        if off:
            token = ast.unparse(call.args[0]) if call.args else "token"
            out.append(Finding(
                "token-not-verified", call.lineno, "error",
                "The token's signature is not checked, so anyone can write a token saying they are any user (or an "
                "admin) and it is accepted.",
                f"jwt.decode({token}, SECRET_KEY, algorithms=[\"HS256\"])   # verifies the signature", "security"))
    return out


def run(tree: ast.AST) -> list[Finding]:
    found = hardcoded_secret(tree)
    lines = {f.line for f in found}
    return (found + [f for f in credential_constant(tree) if f.line not in lines] + path_from_input(tree)
            + password_in_plain_text(tree) + assert_for_access(tree) + password_encoded_not_hashed(tree)
            + password_fast_hash(tree) + token_not_verified(tree))
