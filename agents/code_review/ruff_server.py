"""A warm ruff: one `ruff server` (ruff's own language server, the same binary) per agent process, asked for each
review's diagnostics over LSP instead of starting `ruff check -` per review.

Starting the binary is most of what a review's ruff call cost (~4.4 ms of CPU of the ~5 ms per call, measured by
bench/review_cpu.py); the server keeps the parsed rule selection and answers a snippet in ~0.3 ms. The selection is
the same (ruff_rules.SELECT + PREVIEW_CODES, explicit preview rules, line length), passed inline with
`configurationPreference: editorOnly`, and each document is an `untitled:` URI, so no ruff.toml on the machine
changes what students are told — as `--isolated` does for the command line.

Requests from several threads share the one pipe: a reader thread hands each response to the caller waiting for
its id. If the server cannot start, dies, or does not answer in time, ruff_engine falls back to the command line
for that review (and the next review starts a new server); LEARNFLOW_RUFF_SERVER=0 turns the server off. Nothing
is cached between reviews: each snippet is opened, diagnosed and closed.
"""
from __future__ import annotations

import atexit
import itertools
import json
import os
import subprocess
import threading
from concurrent.futures import Future

from agents.code_review.ruff_rules import PREVIEW_CODES, SELECT

LINE_LENGTH = 99


class ServerGone(RuntimeError):
    """The server is not running (could not start, exited, or broke the protocol)."""


def _settings() -> dict:
    return {"configurationPreference": "editorOnly", "lineLength": LINE_LENGTH, "showSyntaxErrors": False,
            "lint": {"enable": True},
            "configuration": {"line-length": LINE_LENGTH,
                              "lint": {"preview": True, "explicit-preview-rules": True,
                                       "select": SELECT + PREVIEW_CODES}}}


class RuffServer:
    def __init__(self, binary: str):
        self.proc = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.pid = os.getpid()
        self._ids = itertools.count(1)
        self._write = threading.Lock()
        self._waiting: dict[int, Future] = {}
        self._lock = threading.Lock()
        self.alive = True
        threading.Thread(target=self._read_loop, name="ruff-server-reader", daemon=True).start()
        try:
            reply = self.request("initialize", {
                "processId": os.getpid(), "rootUri": None,
                "capabilities": {"textDocument": {"diagnostic": {"dynamicRegistration": False}},
                                 "general": {"positionEncodings": ["utf-32"]}},
                "initializationOptions": {"settings": _settings()}}).result(timeout=10)
            if reply.get("capabilities", {}).get("positionEncoding") != "utf-32":   # columns must count characters
                raise ServerGone("ruff server did not accept utf-32 positions")
            self._notify("initialized", {})
        except BaseException:
            self.close()
            raise

    # ---- protocol ------------------------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        try:
            with self._write:
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.proc.stdin.flush()
        except (OSError, ValueError) as exc:
            self._fail(exc)
            raise ServerGone(str(exc)) from exc

    def _notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: dict) -> Future:
        if not self.alive:
            raise ServerGone("ruff server stopped")
        future: Future = Future()
        with self._lock:
            ident = next(self._ids)
            self._waiting[ident] = future
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        return future

    def _read_loop(self) -> None:
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        raise ServerGone("ruff server closed its output")
                    if line in (b"\r\n", b"\n"):
                        break
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                message = json.loads(out.read(length or 0))
                if "method" in message:
                    if "id" in message:   # a request from the server (progress, registration): acknowledge it
                        self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                    continue   # notifications (logs, pushed diagnostics of closed documents) are not needed
                with self._lock:
                    future = self._waiting.pop(message.get("id"), None)
                if future is not None:
                    if "error" in message:
                        future.set_exception(ServerGone(str(message["error"])[:300]))
                    else:
                        future.set_result(message.get("result") or {})
        except (OSError, ValueError, ServerGone) as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        self.alive = False
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        for future in waiting.values():
            if not future.done():
                future.set_exception(ServerGone(str(exc)))

    # ---- one document ----------------------------------------------------------------------------------------
    def diagnose(self, uri: str, code: str) -> Future:
        """Opens `code` as `uri` and asks for its diagnostics; call done(uri) once the future is resolved."""
        self._notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                               "text": code}})
        return self.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})

    def done(self, uri: str) -> None:
        if self.alive:
            try:
                self._notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            except ServerGone:
                pass

    def close(self) -> None:
        self.alive = False
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=5)


_server: RuffServer | None = None
_start_lock = threading.Lock()
_uris = itertools.count(1)


def enabled() -> bool:
    return os.environ.get("LEARNFLOW_RUFF_SERVER", "1") != "0"


def _running(server: RuffServer | None) -> bool:
    """Started by this process (not inherited through a fork), not stopped, and its process still there."""
    return server is not None and server.alive and server.pid == os.getpid() and server.proc.poll() is None


def get(binary: str) -> RuffServer:
    """This process's server, started on first use (and again after it stopped, or in a forked child)."""
    global _server
    server = _server
    if _running(server):
        return server
    with _start_lock:
        if not _running(_server):
            if _server is not None and _server.pid == os.getpid():
                _server.close()
            try:
                _server = RuffServer(binary)
            except Exception as exc:   # noqa: BLE001 - any start failure means: use the command line this time
                _server = None
                raise ServerGone(f"ruff server did not start: {exc}") from exc
        return _server


def new_uri() -> str:
    return f"untitled:student-{os.getpid()}-{next(_uris)}.py"


@atexit.register
def _stop() -> None:
    if _server is not None and _server.pid == os.getpid():
        _server.close()
