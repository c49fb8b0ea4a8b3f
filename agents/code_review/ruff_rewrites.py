"""A concrete rewrite of the student's own line for ruff findings that ruff cannot fix by itself.

ruff ships automatic fixes for about half of the selected rules; for the rest (eval on input, SQL built
from strings, shadowed builtins, names, loop-variable closures, magic numbers...) the rewrite is built
here from the student's line and the AST, so the advice always reads as "your line, fixed".
"""
from __future__ import annotations

import ast
import difflib
import re

from agents.code_review.ruff_engine import RuffHit
from agents.code_review.rules_astutil import concat_parts, walk

# ruff's automatic fix for these is not advice for a learner (`x == "a" or "e"` -> `True`): never shown.
NO_AUTOFIX = frozenset({"SIM222", "SIM223", "PERF401"})

BUILTIN_RENAMES = {"list": "items", "dict": "lookup", "str": "text", "id": "user_id", "sum": "total",
                   "max": "largest", "min": "smallest", "input": "user_input", "len": "length", "type": "kind",
                   "file": "handle", "set": "unique_items", "range": "span", "open": "is_open", "filter": "keep",
                   "map": "mapping", "tuple": "pair", "int": "number", "float": "value", "print": "show",
                   "next": "following", "iter": "iterator", "format": "fmt", "hash": "digest", "object": "thing",
                   "bool": "flag", "all": "everything", "any": "found", "sorted": "ordered", "zip": "pairs"}


def rename_builtin(name: str) -> str:
    return BUILTIN_RENAMES.get(name, f"my_{name}")


def snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    return re.sub(r"_+", "_", text).lower()


def cap_words(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"_+", name) if w)


def _line(lines: list[str], n: int) -> str:
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _sub_name(text: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b", new, text)


def _backticked(message: str) -> str | None:
    match = re.search(r"`([^`]+)`", message)
    return match.group(1) if match else None


def _calls_on_line(tree: ast.AST, line: int):
    return [n for n in walk(tree) if isinstance(n, ast.Call) and n.lineno <= line <= (n.end_lineno or n.lineno)]


def _sql_params(node: ast.AST) -> tuple[str, list[str]] | None:
    """`"... '" + name + "'"` or f"... '{name}'" -> ("... ?", ["name"])."""
    parts = concat_parts(node)
    if not any(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in parts):
        return None
    text, params = "", []
    for p in parts:
        if isinstance(p, ast.Constant) and isinstance(p.value, str):
            text += p.value
        else:
            text = text[:-1] if text.endswith(("'", '"')) else text
            text += "?"
            params.append(ast.unparse(p))
    text = re.sub(r"\?['\"]", "?", text)
    return text, params


def _sql(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    for call in _calls_on_line(tree, hit.line):
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("execute", "executemany") and call.args:
            found = _sql_params(call.args[0])
            if found:
                query, params = found
                args = ", ".join(params) + ("," if len(params) == 1 else "")
                return (f"{ast.unparse(call.func)}({query!r}, ({args}))\n"
                        "# the driver sends the values separately, so they can never change the SQL itself")
    return ("Keep the SQL text constant with placeholders and pass the values separately:\n"
            "cursor.execute(\"SELECT * FROM users WHERE name = ?\", (name,))")


def _eval(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    text = _line(lines, hit.line).strip()
    for call in _calls_on_line(tree, hit.line):
        if isinstance(call.func, ast.Name) and call.func.id == "eval" and call.args:
            arg = call.args[0]
            if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "input":
                fixed = text.replace(ast.unparse(call), f"int({ast.unparse(arg)})", 1)
                if fixed == text:
                    fixed = re.sub(r"\beval\(", "int(", text, count=1)
                return f"{fixed}   # or float(...); for a Python literal: ast.literal_eval(...)"
            return re.sub(r"\beval\(", "ast.literal_eval(", text, count=1) + "   # needs `import ast`"
    return "Convert the text with int(...), float(...) or ast.literal_eval(...) instead of running it."


def _closure(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    var = _backticked(hit.message) or "i"
    text = _line(lines, hit.line).strip()
    fixed = re.sub(r"\blambda\s*:", f"lambda {var}={var}:", text, count=1)
    if fixed == text:
        fixed = re.sub(r"\blambda\s+([^:]*):", lambda m: f"lambda {m.group(1)}, {var}={var}:", text, count=1)
    if fixed == text:
        fixed = re.sub(r"\bdef\s+(\w+)\(\s*\)", rf"def \1({var}={var})", text, count=1)
    if fixed == text:
        fixed = re.sub(r"\bdef\s+(\w+)\(([^)]*)\)", rf"def \1(\2, {var}={var})", text, count=1)
    return f"{fixed}   # binds the current {var} now, not its last value"


def _builtin(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    name = _backticked(hit.message) or ""
    new = rename_builtin(name)
    return f"{_sub_name(_line(lines, hit.line).strip(), name, new)}   # and use `{new}` wherever `{name}` held it"


def _naming(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    name = _backticked(hit.message) or ""
    new = cap_words(name) if hit.code == "N801" else snake(name)
    return f"Rename it to `{new}`: {_sub_name(_line(lines, hit.line).strip(), name, new)}"


def _magic(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    value = _backticked(hit.message) or ""
    const = "LIMIT" if not value.strip("\"'").isidentifier() else value.strip("\"'").upper()
    fixed = _line(lines, hit.line).strip().replace(value, const, 1)
    return f"{const} = {value}   # at the top, named for what it means\n{fixed}"


def _undefined(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    name = _backticked(hit.message) or ""
    defined = sorted({n.id for n in walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                     | {n.name for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
                     | {a.arg for n in walk(tree) if isinstance(n, ast.arguments) for a in n.args + n.kwonlyargs})
    near = difflib.get_close_matches(name, [d for d in defined if d != name], n=1, cutoff=0.7)
    if near:
        return f"Did you mean `{near[0]}`? {_sub_name(_line(lines, hit.line).strip(), name, near[0])}"
    return f"Assign {name} before this line, or import it."


def _open(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    for call in _calls_on_line(tree, hit.line):
        if isinstance(call.func, ast.Name) and call.func.id == "open":
            return f"with {ast.unparse(call)} as handle:\n    ...   # the file is closed even if an error happens"
    return _ADVICE["SIM115"]


def _type_compare(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    for node in walk(tree):
        if isinstance(node, ast.Compare) and node.lineno == hit.line and isinstance(node.left, ast.Call) \
                and isinstance(node.left.func, ast.Name) and node.left.func.id == "type" and node.left.args:
            negate = isinstance(node.ops[0], (ast.NotEq, ast.IsNot))
            return f"{'not ' if negate else ''}isinstance({ast.unparse(node.left.args[0])}, " \
                   f"{ast.unparse(node.comparators[0])})"
    return "isinstance(value, SomeType)"


def _shell(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    return ("Pass the command as a list and drop shell=True, so input cannot add commands:\n"
            "subprocess.run([\"ls\", folder], check=True)")


# --- review5: rewrites for the rules added by the coverage audit ---
def _node_at(tree: ast.AST, line: int, kind):
    return next((n for n in walk(tree) if isinstance(n, kind) and n.lineno == line), None)


def _timeout(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    call = next((c for c in _calls_on_line(tree, hit.line) if isinstance(c.func, ast.Attribute)
                 and c.func.attr in ("get", "post", "put", "patch", "delete", "head", "request")), None)
    if call is None:
        return "requests.get(url, timeout=10)   # seconds; without it a silent server blocks the program for ever"
    fixed = ast.Call(call.func, call.args, [k for k in call.keywords if k.arg != "timeout"]
                     + [ast.keyword("timeout", ast.Constant(10))])
    text = _line(lines, hit.line).strip()
    new = text.replace(ast.unparse(call), ast.unparse(fixed), 1) if ast.unparse(call) in text else ast.unparse(fixed)
    return f"{new}   # seconds: a server that never answers can no longer hang the program"


def _password_default(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    match = re.search(r"\"(\w+)\"", hit.message)
    name = match.group(1) if match else "password"
    fn = next((n for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
               and n.lineno == hit.line), None)
    head = f"def {fn.name}(..., {name}=None):" if fn else f"def ...(..., {name}=None):"
    return f"{head}\n    {name} = {name} or os.environ[\"{name.upper()}\"]   # needs `import os`; never in the code"


def _extractall(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    text = _line(lines, hit.line).strip()
    fixed = re.sub(r"\.extractall\(([^)]*)\)", lambda m: f".extractall({m.group(1)}{', ' if m.group(1) else ''}"
                   "filter=\"data\")", text, count=1)
    return f"{fixed}   # Python 3.12+: refuses members named ../.. or absolute paths that would land outside"


def _annotation(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    node = _node_at(tree, hit.line, ast.AnnAssign)
    if node is None:
        return "Use `=` to assign: `name: value` only writes a type annotation and stores nothing."
    return f"{ast.unparse(node.target)} = {ast.unparse(node.annotation)}   # `=` stores the value; `:` only annotated"


def _raise(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    return f"raise {_line(lines, hit.line).strip()}   # creating the exception is not enough: raise it"


def _open_mode(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    text = _line(lines, hit.line).strip()
    mode = _backticked(hit.message) or ""
    if mode and mode in text:
        new = "a" if "a" in mode else "r+"
        return (f"{text.replace(repr(mode)[1:-1], new, 1)}   # 'r' reads, 'w' overwrites, 'a' appends, "
                "'r+' reads and writes")
    return "open(path, \"a\")   # 'r' reads, 'w' overwrites, 'a' appends, 'r+' reads and writes"


def _float_equal(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    node = next((n for n in walk(tree) if isinstance(n, ast.Compare) and n.lineno == hit.line
                 and len(n.ops) == 1 and isinstance(n.ops[0], (ast.Eq, ast.NotEq))), None)
    if node is None:
        return "math.isclose(a, b)   # needs `import math`: floats are rarely exactly equal"
    test = f"math.isclose({ast.unparse(node.left)}, {ast.unparse(node.comparators[0])})"
    text = _line(lines, hit.line).strip()
    new = ("not " if isinstance(node.ops[0], ast.NotEq) else "") + test
    fixed = text.replace(ast.unparse(node), new, 1) if ast.unparse(node) in text else new
    return f"{fixed}   # needs `import math`: 0.1 + 0.2 is 0.30000000000000004, not 0.3"


def _iter_copy(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    loops = [n for n in walk(tree) if isinstance(n, ast.For) and n.lineno <= hit.line <= (n.end_lineno or n.lineno)]
    if not loops:
        return "for item in list(items):   # loop over a copy, change the original"
    loop = max(loops, key=lambda n: n.lineno)
    return (f"for {ast.unparse(loop.target)} in list({ast.unparse(loop.iter)}):   # loop over a copy, change the "
            "original")


def _repeated_key(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    """The dict as Python actually builds it: one entry per key, at the first key's place, with the LAST value."""
    for node in walk(tree):
        if not (isinstance(node, ast.Dict) and node.lineno <= hit.line <= (node.end_lineno or node.lineno)
                and None not in node.keys):
            continue
        seen: dict[str, int] = {}
        keys, values = [], []
        for key, value in zip(node.keys, node.values):
            text = ast.unparse(key)
            if text in seen:
                values[seen[text]] = value
            else:
                seen[text] = len(keys)
                keys.append(key)
                values.append(value)
        if len(keys) == len(node.keys):
            continue
        source = "\n".join(lines)
        seg = lambda n: ast.get_source_segment(source, n) or ast.unparse(n)   # noqa: E731 - the student's spelling
        kept = "{" + ", ".join(f"{seg(k)}: {seg(v)}" for k, v in zip(keys, values)) + "}"
        row = _line(lines, node.lineno).strip()
        whole = seg(node)
        same_line = node.lineno == (node.end_lineno or node.lineno) and whole in row
        fixed = row.replace(whole, kept, 1) if same_line else kept
        return (f"{fixed}   # what Python keeps: the later value replaced the earlier one; give each entry its own "
                "key if you need both")
    return "Keep one entry per key: a dict holds one value for each key, and the later one wins."


_OWN_AUDIT = {"F601": _repeated_key, "S113": _timeout, "S107": _password_default, "S202": _extractall, "B032": _annotation,
              "PLW0133": _raise, "PLW1501": _open_mode, "RUF069": _float_equal, "B909": _iter_copy,
              "PLE4703": _iter_copy}


_OWN = {
    "S608": _sql, "S307": _eval, "B023": _closure, "A001": _builtin, "A002": _builtin, "N801": _naming,
    "N802": _naming, "N803": _naming, "N806": _naming, "N815": _naming, "N816": _naming, "PLR2004": _magic,
    "F821": _undefined, "SIM115": _open, "E721": _type_compare, "S602": _shell, "S604": _shell, "S605": _shell,
}
_ADVICE = {
    "S102": "Call the function you need directly; never exec() text that came from a user.",
    "S301": "Load data from outside your program with json.load; pickle can run code while loading.",
    "S105": "Read the secret from the environment: password = os.environ[\"APP_PASSWORD\"]",
    "S106": "Read the secret from the environment: password = os.environ[\"APP_PASSWORD\"]",
    "S324": "Use hashlib.sha256(...) (and for passwords hashlib.scrypt or a library like argon2).",
    "S506": "Use yaml.safe_load(...) instead of yaml.load(...).",
    "B018": "This line computes a value and throws it away: assign it, return it, or call it with ().",
    "B015": "This comparison's result is thrown away: put it in an if, an assert or a return.",
    "PLW0127": "Delete the line: assigning a variable to itself does nothing.",
    "PLR0912": "Split it into smaller helper functions, each doing one job.",
    "PLR0915": "Split it into smaller helper functions, each doing one job.",
    "C901": "Split it into smaller helper functions, each doing one job.",
    "E722": "except ValueError:  # catch only the specific exception you expect",
    "S110": "except ValueError as exc:\n    print(f'could not ...: {exc}')",
    "S112": "except ValueError as exc:\n    print(f'skipping: {exc}')",
    "SIM115": "with open(...) as handle:\n    ...",
    "PLW0603": "Pass the value in as a parameter and return the new value instead.",
    "F403": "from module import name_you_need",
    "F405": "from module import name_you_need",
    "RUF008": "items: list = field(default_factory=list)   # needs `from dataclasses import field`",
    "RUF009": "created: datetime = field(default_factory=datetime.now)   # evaluated per object, not once",
    "RUF024": "counts = {key: [] for key in keys}   # a new list for each key",
    "PLW0245": "super().__init__(...)   # super needs its brackets",
    "B031": "group = list(group)   # the groupby group is used up after one pass: keep a list of it",
    "PLE1310": "text.strip(\"xy\")   # strip removes each of these characters from both ends, not a word",
    "RUF066": "return self._value   # a property must return what it computes",
}


def suggestion(hit: RuffHit, lines: list[str], tree: ast.AST) -> str:
    """The student's line rewritten (ruff's fix, or ours), else the most specific instruction available."""
    if hit.code in _OWN:
        return _OWN[hit.code](hit, lines, tree)
    if hit.code in _OWN_AUDIT:
        return _OWN_AUDIT[hit.code](hit, lines, tree)
    if hit.rewrite and hit.code not in NO_AUTOFIX:
        return hit.rewrite
    if hit.code in _ADVICE:
        return _ADVICE[hit.code]
    if hit.fix_message and hit.code not in NO_AUTOFIX and hit.fix_message.rstrip(".") != hit.message.rstrip("."):
        return hit.fix_message.rstrip(".") + "."
    # never ruff's documentation example: its names (`foo`, `original`) are not the student's code
    return f"On line {hit.line}: {hit.message.rstrip('.')}."


_KIND = {"N802": "function", "N803": "parameter", "N806": "variable", "N815": "variable", "N816": "variable"}


def message(hit: RuffHit) -> str:
    """ruff's terse message, reworded for a learner where the plain words matter."""
    name = _backticked(hit.message) or ""
    code = hit.code
    if code == "F401":
        return f"`{name.split('.')[-1]}` is imported but never used."
    if code == "F841":
        return f"Local variable `{name}` is assigned but never used."
    if code == "F821":
        return f"`{name}` is not defined anywhere, so this line raises NameError."
    if code == "B006":
        return ("A mutable default argument (a list, dict or set in the def line) is created once and shared by "
                "every call, so changes leak from one call into the next.")
    if code in ("A001", "A002"):
        return f"The name `{name}` shadows the built-in {name}(), which then can't be used here."
    if code in _KIND:
        return f"The {_KIND[code]} name `{name}` is not snake_case (PEP 8 naming: lower_case_with_underscores)."
    if code == "N801":
        return f"Class name `{name}` should use CapWords (PEP 8)."
    if code == "E722":
        return "Bare `except:` catches every exception, even typos and Ctrl+C."
    if code in ("S110", "S112"):
        return "`except ...: pass` silently swallows every error, so failures become invisible."
    if code == "C901":
        match = re.search(r"\((\d+) > (\d+)\)", hit.message)
        score, limit = match.groups() if match else ("?", "10")
        return f"{name}() has a cyclomatic complexity of {score} (more than {limit} paths through it)."
    if code == "S307":
        return ("eval() runs whatever text it is given as Python code: with input() anyone typing at the prompt "
                "can run any command (delete files, read secrets).")
    if code == "S102":
        return "exec() runs text as Python code; with outside input that is arbitrary code execution."
    if code == "S608":
        return ("The SQL query is built by gluing strings together, so a value such as `' OR '1'='1` changes the "
                "query itself (SQL injection).")
    if code == "S301":
        return "pickle.load can run arbitrary code hidden in the file it reads."
    if code in ("S602", "S604", "S605"):
        return "shell=True hands the whole string to the shell, so a value like `; rm -rf ~` becomes a command."
    if code == "B023":
        return (f"The function created in this loop uses `{name}` without binding it: every such function sees "
                f"the loop's last value (the classic 'prints 2 2 2').")
    if code == "F601":
        return (f"The key {name} appears twice in this dict: a dict holds one value per key, so the later entry "
                "silently replaces the earlier one and the first value is lost.")
    if code == "S113":
        return ("This request has no timeout: if the server never answers, the program waits for ever (and a web "
                "app runs out of workers).")
    if code == "RUF069":
        return (f"`{name}` compares floats with `==`: float arithmetic rounds (0.1 + 0.2 == 0.3 is False), so "
                "this test can fail for values that look equal.")
    if code == "PLW0133":
        return "The exception is created but not raised, so the check does nothing and the code carries on."
    if code == "B032":
        return "`:` here writes a type annotation and stores nothing; you meant `=`."
    if code == "S202":
        return ("extractall() trusts the names inside the archive: a member called `../../.bashrc` is written "
                "outside the folder (path traversal).")
    if code == "S107":
        return "A password is written into the code as a default value: anyone who reads the code has it."
    if code == "PLW1501":
        return f"`{name}` is not a valid mode for open(): this line raises ValueError."
    if code in ("B909", "PLE4703"):
        return (f"`{name}` is changed while the for loop walks over it: items get skipped (a list) or the loop "
                "raises RuntimeError (a set or dict).")
    if code == "PLW0603":
        return f"`global {name}` lets the function change module state."
    if code == "F403":
        return f"`{name}` is a wildcard import."
    return hit.message.rstrip(".") + "."
