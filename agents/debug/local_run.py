"""A stand-in for the sandbox, for evaluation scripts and unit tests of the explainer (never used by the agent).

run() executes a snippet in a fresh `python -I` subprocess and reports it with the sandbox's RunResult fields
(status, exception_type, exception_message, line, offset, source_line, traceback, stdout), so the explainer
can be measured and tested on real exceptions without the sandbox service. It is not a security boundary:
only the project's own labelled snippets go through it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

_RUNNER = r'''
import json, sys, traceback
code = open(sys.argv[1]).read()
try:
    compiled = compile(code, "<student>", "exec")
except SyntaxError as e:
    sys.stderr.write("\x00" + json.dumps({"status": "syntax_error", "type": type(e).__name__, "msg": e.msg,
                                          "line": e.lineno, "offset": e.offset}))
    sys.exit(1)
try:
    exec(compiled, {"__name__": "__main__"})
except BaseException as e:
    frames = [(f.lineno, f.name, f.line) for f in traceback.extract_tb(e.__traceback__) if f.filename == "<student>"]
    sys.stderr.write("\x00" + json.dumps({"status": "exception", "type": type(e).__name__, "msg": str(e),
                                          "line": frames[-1][0] if frames else None, "tb": frames[-60:]}))
    sys.exit(1)
'''


@dataclass
class Run:
    """Same fields as the sandbox's RunResult."""
    status: str = "ok"
    exception_type: str | None = None
    exception_message: str | None = None
    line: int | None = None
    offset: int | None = None
    source_line: str | None = None
    traceback: list = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""


def run(code: str, timeout: float = 5.0, stdin: str = "") -> Run:
    """Runs `code` with `stdin` as its standard input (the code itself travels in a temp file)."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(code)
    try:
        proc = subprocess.run([sys.executable, "-I", "-c", _RUNNER, handle.name], input=stdin, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Run(status="timeout")
    finally:
        os.unlink(handle.name)
    if "\x00" not in proc.stderr:
        return Run(stdout=proc.stdout[:10000])
    data = json.loads(proc.stderr.rsplit("\x00", 1)[-1])
    rows = code.split("\n")
    line = data.get("line")
    source = rows[line - 1] if isinstance(line, int) and 1 <= line <= len(rows) else None
    return Run(status=data["status"], exception_type=data["type"], exception_message=data["msg"], line=line,
               offset=data.get("offset"), source_line=source, traceback=data.get("tb", []), stdout=proc.stdout[:10000])
