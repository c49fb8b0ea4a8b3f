"""Read a traceback the student pasted without their code: the file, line and code line of the last frame in
their own file, and the exception line. The student's prose around it is never taken as the error message."""
from __future__ import annotations

import re

from sandbox import RunResult

_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)(?:, in (?P<func>.+?))?\s*$')
_EXC = re.compile(r"^(?P<type>(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Interrupt|Exit|Iteration|Warning))"
                  r"(?::\s?(?P<msg>.*))?$")
_NAMED = re.compile(r"\b([A-Z][A-Za-z]*(?:Error|Exception|Interrupt|Exit|Iteration|Warning))\b")
_LIBRARY = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "<frozen", "/usr/lib/")


def _is_library(path: str) -> bool:
    return any(marker in path for marker in _LIBRARY)


def parse(text: str) -> RunResult:
    """A RunResult as if the pasted traceback's program had run here (status "ok" when no error is named)."""
    rows = (text or "").splitlines()
    frames: list[tuple[str, int, str]] = []
    exc_type = exc_msg = None
    for pos, row in enumerate(rows):
        frame = _FRAME.match(row)
        if frame:
            following = rows[pos + 1] if pos + 1 < len(rows) else ""
            code = following.strip() if following.startswith((" ", "\t")) and not _FRAME.match(following) \
                and not set(following.strip()) <= set("^~ ") else ""
            frames.append((frame.group("file"), int(frame.group("line")), code))
            continue
        exc = _EXC.match(row.strip())
        if exc and (frames or pos == len(rows) - 1 or row.strip() == row):
            exc_type, exc_msg = exc.group("type").rsplit(".", 1)[-1], (exc.group("msg") or "").strip()
    if exc_type is None:
        named = _NAMED.search(text or "")
        if not named:
            return RunResult(status="ok")
        exc_type, exc_msg = named.group(1), ""   # named in prose only: no message to quote
    own = [f for f in frames if not _is_library(f[0])] or frames
    line, source = (own[-1][1], own[-1][2]) if own else (None, "")
    if line is None:
        stated = re.search(r"\bline (\d+)\b", text or "")
        line = int(stated.group(1)) if stated else None
    status = "syntax_error" if exc_type in ("SyntaxError", "IndentationError", "TabError") else "exception"
    return RunResult(status=status, exception_type=exc_type, exception_message=exc_msg[:300], line=line,
                     source_line=source or None)
