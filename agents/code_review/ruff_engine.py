"""ruff, the review engine: the curated selection on each snippet, and its documented "why" per rule.

Each review asks the warm `ruff server` of this process (agents/code_review/ruff_server.py: ruff's language server,
started once, ~0.3 ms of CPU per snippet) and falls back to one `ruff check -` process (~5 ms of CPU, most of it
start-up) when the server is off (LEARNFLOW_RUFF_SERVER=0), cannot start, or fails. Both paths give identical
findings (tests/engines/test_review_ruff_server.py): the server's diagnostics are turned into the command line's
codes, rows, fix titles and edits, in its order. The curated selection (agents/code_review/ruff_rules.py) is
passed inline (server) or on the command line with --isolated, so no ruff.toml on the machine changes what students
are told.

Every ruff rule is documented ("## Why is this bad?"); `ruff rule --all --output-format json` is read
once per process (first use) and the first sentences of that section become the plain-language why.
"""
from __future__ import annotations

import json
import re
import subprocess
from concurrent.futures import Future
from dataclasses import dataclass
from functools import lru_cache

from ruff.__main__ import find_ruff_bin

from agents.code_review import ruff_server
from agents.code_review.ruff_rules import PREVIEW_CODES, SELECT

LINE_LENGTH = 99
TIMEOUT_S = 10.0


@dataclass(frozen=True)
class RuffHit:
    code: str
    name: str
    line: int
    end_line: int
    message: str
    fix_message: str
    rewrite: str  # the student's lines with ruff's fix applied ("" when ruff has no fix)


@lru_cache(maxsize=1)
def _binary() -> str:
    return find_ruff_bin()


def _command() -> list[str]:
    return [_binary(), "check", "--isolated", "--no-cache", "--quiet", "--preview",
            "--config", "lint.explicit-preview-rules = true", "--config", f"line-length = {LINE_LENGTH}",
            "--select", ",".join(SELECT + PREVIEW_CODES), "--output-format", "json",
            "--stdin-filename", "student.py", "-"]


@dataclass
class Pending:
    """One review's ruff call in flight: on the warm server (future + uri) or as a `ruff check -` process."""
    proc: subprocess.Popen | None = None
    future: Future | None = None
    uri: str = ""
    server: ruff_server.RuffServer | None = None


def _popen() -> subprocess.Popen:
    return subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def start(code: str) -> Pending:
    """Starts ruff on `code` (the warm server, else the command line); the caller runs its own rules meanwhile,
    then calls finish() (or cancel())."""
    if ruff_server.enabled():
        try:
            server = ruff_server.get(_binary())
            uri = ruff_server.new_uri()
            return Pending(future=server.diagnose(uri, code), uri=uri, server=server)
        except ruff_server.ServerGone:
            pass   # this review uses the command line; the next one tries to start the server again
    return Pending(proc=_popen())


def cancel(pending: Pending) -> None:
    if pending.proc is not None:
        pending.proc.kill()
        pending.proc.communicate()
    elif pending.server is not None:
        pending.server.done(pending.uri)


def finish(pending: Pending, code: str) -> list[RuffHit]:
    """ruff's findings on `code`, each with the rewrite of the student's own lines when ruff has a fix."""
    if pending.future is not None:
        try:
            items = pending.future.result(timeout=TIMEOUT_S).get("items", [])
        except (ruff_server.ServerGone, TimeoutError) as exc:
            if isinstance(exc, TimeoutError) or not pending.server.alive:
                pending.server.close()   # stuck or gone: the next review starts a fresh one
            return finish(Pending(proc=_popen()), code)   # (an error answer to this one request keeps the server)
        finally:
            pending.server.done(pending.uri)
        keyed = [_from_lsp(code, item) for item in items if item.get("code")]
        return [hit for _, hit in sorted(keyed, key=lambda pair: pair[0])]   # the command line's order
    return _finish_cli(pending.proc, code)


def _from_lsp(code: str, item: dict) -> tuple[tuple, RuffHit]:
    """An LSP diagnostic as the command line's JSON would give it (rule code, 1-based rows, fix title and edits)."""
    ident = item["code"]
    names = _names()
    code_id, name = (names[ident], ident) if ident in names else (ident, _codes().get(ident, ""))
    start, end = item["range"]["start"], item["range"]["end"]
    data = item.get("data") or {}
    edits = [{"content": e["newText"],
              "location": {"row": e["range"]["start"]["line"] + 1, "column": e["range"]["start"]["character"] + 1},
              "end_location": {"row": e["range"]["end"]["line"] + 1, "column": e["range"]["end"]["character"] + 1}}
             for e in data.get("edits") or []]
    message = item.get("message", "").split("\n\nhelp: ")[0]
    hit = RuffHit(code_id, name, start["line"] + 1, end["line"] + 1, message,
                  (data.get("title") or "") if edits else "", _apply(code, edits) if edits else "")
    return (start["line"], start["character"], name), hit   # the command line sorts by position, then rule name


def _finish_cli(proc: subprocess.Popen, code: str) -> list[RuffHit]:
    try:
        stdout, stderr = proc.communicate(code, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    if proc.returncode not in (0, 1):   # 2 = ruff itself failed (bad option): a bug here, not in the student code
        raise RuntimeError(f"ruff failed: {stderr.strip()[:300]}")
    hits = []
    for item in json.loads(stdout or "[]"):
        code_id = item.get("code")
        if not code_id:   # syntax errors come without a code; review() reports those itself
            continue
        fix = item.get("fix") or {}
        start_row, end_row = item["location"]["row"], item["end_location"]["row"]
        rewrite = _apply(code, fix.get("edits") or []) if fix else ""
        hits.append(RuffHit(code_id, item.get("name", ""), start_row, end_row, item.get("message", ""),
                            fix.get("message") or "", rewrite))
    return hits


def check(code: str) -> list[RuffHit]:
    return finish(start(code), code)


def _apply(code: str, edits: list[dict]) -> str:
    """The lines touched by `edits`, as they read after applying them (ruff columns count characters)."""
    rows = code.split("\n")
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row) + 1)

    def pos(loc: dict) -> int:
        return min(len(code), offsets[loc["row"] - 1] + loc["column"] - 1)

    first = min(e["location"]["row"] for e in edits)
    last = max(e["end_location"]["row"] - (1 if e["end_location"]["column"] == 1 and
                                              e["end_location"]["row"] > e["location"]["row"] else 0)
               for e in edits)
    fixed = code
    for edit in sorted(edits, key=lambda e: pos(e["location"]), reverse=True):
        fixed = fixed[:pos(edit["location"])] + edit["content"] + fixed[pos(edit["end_location"]):]
    before = "\n".join(rows[first - 1:last])
    grown = len(fixed.split("\n")) - len(rows)
    after = "\n".join(fixed.split("\n")[first - 1:last + grown])
    if after.strip() == before.strip():
        return ""
    return _dedent(after)


def _dedent(text: str) -> str:
    lines = text.split("\n")
    pad = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0)
    return "\n".join(ln[pad:] for ln in lines).strip("\n")


@lru_cache(maxsize=1)
def _rules() -> tuple[dict, ...]:
    proc = subprocess.run([_binary(), "rule", "--all", "--output-format", "json"], capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=True)
    return tuple(json.loads(proc.stdout))


@lru_cache(maxsize=1)
def _docs() -> dict[str, str]:
    return {rule["code"]: (_why(rule.get("explanation", "")), _example(rule.get("explanation", "")))
            for rule in _rules()}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Rule name -> code (the language server names a rule where the command line gives its code)."""
    return {rule["name"]: rule["code"] for rule in _rules() if rule.get("code")}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {rule["code"]: rule["name"] for rule in _rules() if rule.get("code")}


def _example(markdown: str) -> str:
    """The "Use instead:" code block of ruff's documentation (a model rewrite), if it has one."""
    match = re.search(r"Use instead:\s*```python\n(.*?)```", markdown, re.S)
    return match.group(1).strip() if match else ""


_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]|\[([^\]]+)\]\([^)]*\)")


def _why(markdown: str) -> str:
    """First two sentences of ruff's "Why is this bad?" section, as plain text."""
    match = re.search(r"## Why is this bad\?\s*\n(.*?)(?:\n\s*\n|\n#|$)", markdown, re.S)
    text = (match.group(1) if match else "").replace("\n", " ")
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\[([^\]]+)\]", r"\1", text)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z`])", text.strip())
    return " ".join(sentences[:2]).strip()


def why(code: str) -> str:
    """ruff's own explanation of why `code` matters, in a sentence or two ("" if unknown)."""
    return _docs().get(code, ("", ""))[0]


def example(code: str) -> str:
    """ruff's documented model rewrite for `code` ("" if none)."""
    return _docs().get(code, ("", ""))[1]


def warm() -> None:
    """Reads the rule docs once and starts the warm server, off the request path (called when the agent starts)."""
    _docs()
    _names()
    if ruff_server.enabled():
        try:
            ruff_server.get(_binary())
        except ruff_server.ServerGone:
            pass   # reviews use the command line until a server starts
