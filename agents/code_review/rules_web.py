"""Web-request data used as a file path (path traversal), which ruff does not follow.

A value a visitor controls — `request.args/form/values/json/cookies/headers`, an uploaded file's `.filename`, or a
route parameter (`@app.route("/files/<name>")`, FastAPI's `"/files/{name}"`) — reaching open(), send_file(), a file
`.save()`, os.remove() and friends lets `../../etc/passwd` (or `..\\app.py`) walk out of the intended folder. Passing
the name through `secure_filename()`/`os.path.basename()`, or serving it with `send_from_directory()` (which refuses
paths that leave the folder), is the fix and is not reported. The program's own input()/argv is the user's own
machine: rules_security.path_from_input handles that milder case. The same request data put into a template's own
text (render_template_string) or into HTML built with f-strings and returned from a route is template injection /
cross-site scripting.
"""
from __future__ import annotations

import ast
import re

from agents.code_review.rules_common import Finding
from agents.code_review.rules_astutil import concat_parts, walk

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_REQUEST_PARTS = {"args", "form", "values", "json", "cookies", "headers", "files", "data", "query_params",
                  "path_params", "GET", "POST", "FILES"}
_SINK_CALLS = {"open", "send_file", "FileResponse", "remove", "unlink", "rmtree", "rmdir", "copy", "copyfile",
               "move", "rename", "listdir", "Path", "read_text", "read_bytes", "write_text", "write_bytes"}
_CLEANERS = {"secure_filename", "basename", "send_from_directory", "safe_join", "quote"}
_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)(?::\w+)?\}")


def _from_request(node: ast.AST) -> bool:
    """`request.args.get("f")`, `request.form["f"]`, `request.files["doc"].filename`, `flask.request.values...`."""
    for n in walk(node):
        if isinstance(n, ast.Attribute) and n.attr in _REQUEST_PARTS:
            base = n.value
            if (isinstance(base, ast.Name) and base.id in ("request", "req")) or \
                    (isinstance(base, ast.Attribute) and base.attr == "request"):
                return True
    return False


def _route_params(fn: ast.AST) -> set[str]:
    names: set[str] = set()
    for dec in fn.decorator_list:
        if isinstance(dec, ast.Call) and isinstance(dec.func, ast.Attribute) and dec.args \
                and isinstance(dec.args[0], ast.Constant) and isinstance(dec.args[0].value, str):
            names |= {a or b for a, b in _ROUTE_PARAM.findall(dec.args[0].value)}
    return names


def _cleaned(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and ((isinstance(n.func, ast.Name) and n.func.id in _CLEANERS)
                                            or (isinstance(n.func, ast.Attribute) and n.func.attr in _CLEANERS))
               for n in walk(node))


def _uses(node: ast.AST, tainted: set[str]) -> bool:
    return not _cleaned(node) and (_from_request(node) or any(isinstance(n, ast.Name) and n.id in tainted
                                                              for n in walk(node)))


def _tainted_names(fn: ast.AST) -> set[str]:
    tainted = _route_params(fn)
    assigns = sorted((n for n in walk(fn) if isinstance(n, (ast.Assign, ast.AnnAssign)) and n.value is not None),
                     key=lambda n: n.lineno)
    for _ in range(2):   # `f = request.files["doc"]`, then `name = f.filename`, then `path = base + name`
        for node in assigns:
            if _uses(node.value, tainted):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                tainted |= {t.id for t in targets if isinstance(t, ast.Name)}
    return tainted


def _sink(call: ast.Call) -> str:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name in _SINK_CALLS or (name == "save" and isinstance(func, ast.Attribute)):
        return name
    return ""


def path_from_request(tree: ast.AST) -> list[Finding]:
    out, seen = [], set()
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        tainted = _tainted_names(fn)
        if not tainted and not _from_request(fn):
            continue
        for call in (n for n in walk(fn) if isinstance(n, ast.Call) and _sink(n)):
            args = call.args[:1] or [k.value for k in call.keywords if k.arg in ("path", "dst", "filename", "file")]
            if _sink(call) in ("read_text", "read_bytes", "write_text", "write_bytes"):
                args = [call.func.value] if isinstance(call.func, ast.Attribute) else []
            if not args or not _uses(args[0], tainted) or call.lineno in seen:
                continue
            seen.add(call.lineno)
            path = ast.unparse(args[0])
            sent = next((n for n in walk(args[0]) if (isinstance(n, ast.Name) and n.id in tainted)
                         or (n is not args[0] and isinstance(n, (ast.Call, ast.Subscript, ast.Attribute))
                             and (_from_request(n) or (isinstance(n, ast.Attribute) and n.attr == "filename"
                                                       and _uses(n.value, tainted))))), args[0])
            sink = _statement_of(fn, call)
            if isinstance(sent, ast.Name):
                fixed = f"{sent.id} = secure_filename({sent.id})   # drops ../ and slashes"
            else:
                fixed = f"name = secure_filename({ast.unparse(sent)})   # drops ../ and slashes"
                sink = sink.replace(ast.unparse(sent), "name")
            out.append(Finding(
                "path-traversal", call.lineno, "error",
                f"`{path}` builds a file path from what the visitor sent: a name like `../../etc/passwd` walks out "
                "of the folder, so anyone can read (or overwrite) any file the server can (path traversal).",
                f"from werkzeug.utils import secure_filename\n{fixed}\n{sink}   # or "
                "send_from_directory(folder, name), which refuses paths outside the folder",
                "security"))
    return out


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][\w-]*[^<>]*>")


def _route(fn: ast.AST) -> bool:
    return any(isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute)
               and d.func.attr in ("route", "get", "post", "put", "delete", "patch") for d in fn.decorator_list)


def _html_text(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and _TAG.search(n.value) for n in walk(node))


def template_from_request(tree: ast.AST) -> list[Finding]:
    """render_template_string() of text built from request data (server-side template injection), and HTML built
    from request data with f-strings or + and returned from a route without escape() (cross-site scripting)."""
    out = []
    for fn in (n for n in walk(tree) if isinstance(n, _FUNCS)):
        tainted = _tainted_names(fn)
        for call in (n for n in walk(fn) if isinstance(n, ast.Call) and call_name(n) == "render_template_string"):
            if call.args and not isinstance(call.args[0], ast.Constant) and _uses(call.args[0], tainted):
                out.append(Finding(
                    "template-injection", call.lineno, "error",
                    f"`{ast.unparse(call.args[0])}` puts what the visitor sent into the template's own text: a value "
                    "like `{{ config }}` or `{{ ''.__class__ }}` is run by Jinja on the server (template injection), "
                    "and `<script>` reaches the page unescaped.",
                    f"render_template_string({_as_template(call.args[0])})   # a constant template; the values "
                    "are passed in and escaped", "security"))
        if not _route(fn):
            continue
        for ret in (n for n in walk(fn) if isinstance(n, ast.Return) and n.value is not None):
            value = ret.value
            if isinstance(value, (ast.JoinedStr, ast.BinOp)) and _html_text(value) and _uses(value, tainted) \
                    and not any(isinstance(c, ast.Call) and call_name(c) in ("escape", "render_template")
                                for c in walk(value)):
                var = next((n.id for n in walk(value) if isinstance(n, ast.Name) and n.id in tainted), "value")
                out.append(Finding(
                    "html-from-request", ret.lineno, "error",
                    f"`{ast.unparse(value)}` puts what the visitor sent straight into HTML: a link carrying "
                    "`<script>...</script>` runs in the page of whoever opens it (cross-site scripting, XSS).",
                    f"from markupsafe import escape\n{ast.unparse(ret).replace('{' + var + '}', '{escape(' + var + ')}')}"
                    "   # or render_template(), which escapes", "security"))
    return out


def _statement_of(fn: ast.AST, node: ast.AST) -> str:
    """The student's statement that holds `node` (its first line when it is a block)."""
    inner = [s for s in walk(fn) if isinstance(s, ast.stmt) and not isinstance(s, _FUNCS)
             and any(n is node for n in walk(s))]
    stmt = min(inner, key=lambda s: (s.end_lineno or s.lineno) - s.lineno) if inner else node
    text = ast.unparse(stmt)
    return text.split("\n")[0] + ("\n    ..." if "\n" in text else "")


def _as_template(node: ast.AST) -> str:
    """`"<h1>" + name + "</h1>"` / f"<h1>{name}</h1>" -> `"<h1>{{ name }}</h1>", name=name`."""
    parts = concat_parts(node)
    text, values = "", {}
    for part in parts:
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            text += part.value
        else:
            key = part.id if isinstance(part, ast.Name) else f"value{len(values) + 1}"
            values[key] = ast.unparse(part)
            text += "{{ " + key + " }}"
    return ", ".join([repr(text)] + [f"{k}={v}" for k, v in values.items()])


def call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def run(tree: ast.AST) -> list[Finding]:
    out: list[Finding] = []
    for check in (path_from_request, template_from_request):
        try:
            out += check(tree)
        except (ValueError, AttributeError, IndexError, TypeError):   # an odd shape of code: skip the check
            continue
    return out
