"""The code that runs *inside* the student process, after privileges are dropped.

Nothing here is trusted by the harness: student code shares this process and may rewrite any of
it.  What it reports is therefore limited to facts about the student's own program (its
exception, the value one call returned); expected values never reach this process, and every
reply is bound to a one-time nonce the supervisor checks.

fds: 0 stdin, 1 stdout, 2 stderr (pipes read by the supervisor), 3 requests in, 4 replies out.
"""
import io
import linecache
import os
import sys
import traceback

from . import protocol

STUDENT_FILE = "student.py"       # relative name: never collides with an absolute stdlib path
SETUP_FILE = "<exercise-setup>"
REQ_FD, RESP_FD = 3, 4
MAX_REPR = 64 * 1024


def _register_source(name: str, source: str) -> None:
    """Let traceback/linecache show the student's lines without a file on disk."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)


def _safe_str(fn, exc) -> str:
    try:
        return str(fn(exc))
    except BaseException:  # a student-defined __str__ may raise anything
        return "<unprintable>"


def describe_exception(exc: BaseException) -> dict:
    """Type, message and student-code location of an exception.

    ``line`` is the deepest traceback frame whose code comes from the student's file, so an
    error raised inside a builtin or the stdlib points at the student's calling line.
    """
    info = {"type": type(exc).__name__, "message": None, "line": None, "offset": None,
            "source_line": None, "frames": []}
    if isinstance(exc, SyntaxError):
        info["message"] = _safe_str(lambda e: e.msg, exc)
        if exc.filename in (STUDENT_FILE, None):
            info["line"] = exc.lineno
            info["offset"] = exc.offset
            text = exc.text
            if text is None and exc.lineno:
                text = linecache.getline(STUDENT_FILE, exc.lineno)
            info["source_line"] = (text or "").rstrip("\r\n").strip() or None
            return info
    else:
        info["message"] = _safe_str(str, exc)
    tb = exc.__traceback__
    frames = []
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename == STUDENT_FILE:
            frames.append({"line": lineno, "function": frame.f_code.co_name,
                           "source": linecache.getline(STUDENT_FILE, lineno).strip()})
    if len(frames) > 200:   # deep recursion: keep both ends, the line is the deepest frame
        frames = frames[:100] + frames[-100:]
    info["frames"] = frames
    if frames:
        info["line"] = frames[-1]["line"]
        info["source_line"] = frames[-1]["source"] or None
    elif isinstance(exc, SyntaxError):   # raised by compile()/eval() the student called
        info["line"] = None
    return info


def _print_traceback(exc: BaseException) -> None:
    """Python-style traceback on stderr, starting at the student's module frame."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in (STUDENT_FILE, SETUP_FILE):
        tb = tb.tb_next
    try:
        text = "".join(traceback.format_exception(type(exc), exc, tb))
        sys.stderr.write(text)
    except BaseException:
        pass


def _setup_stdio() -> None:
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="replace")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", write_through=False)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _fresh_namespace() -> dict:
    import builtins
    return {"__name__": "__main__", "__builtins__": builtins, "__file__": STUDENT_FILE}


def _exec_module(code: str, setup: str, ns: dict):
    """Run setup then student code in ``ns``; return (phase, exception) or (None, None)."""
    if setup:
        _register_source(SETUP_FILE, setup)
        try:
            exec(compile(setup, SETUP_FILE, "exec", dont_inherit=True), ns)
        except BaseException as exc:  # noqa: B902 - every kind, including SystemExit
            return "setup", exc
    _register_source(STUDENT_FILE, code)
    try:
        compiled = compile(code, STUDENT_FILE, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return "compile", exc
    try:
        exec(compiled, ns)
    except BaseException as exc:
        return "run", exc
    return None, None


def main_run(job: dict) -> None:
    """Debug mode: run the program once, report how it ended."""
    _setup_stdio()
    phase, exc = _exec_module(job["code"], "", _fresh_namespace())
    report = {"kind": "result", "nonce": job["nonce"], "phase": phase}
    if exc is not None:
        if isinstance(exc, SystemExit):
            report["phase"] = None
            report["exit"] = _safe_str(lambda e: e.code, exc)
        else:
            report["exc"] = describe_exception(exc)
            if phase == "run":
                _print_traceback(exc)
            else:
                try:
                    sys.stderr.write("".join(traceback.format_exception_only(type(exc), exc)))
                except BaseException:
                    pass
    _flush()
    protocol.write_frame(RESP_FD, report)
    os._exit(0)


# ---- value serialisation (grading) -------------------------------------------------------

_LITERAL_SCALARS = (int, float, complex, str, bytes, bool, type(None))


def serialise(value, _depth=0):
    """repr of ``value`` normalised to plain literals where possible.

    Subclasses of dict/list/tuple/set/int/str are converted to their base type first (what
    ``expected == got`` would see for a defaultdict or a namedtuple).  Returns (text, literal)
    where ``literal`` says the harness may ``ast.literal_eval`` the text.
    """
    plain = _plain(value, 0)
    if plain is not _NOT_LITERAL:
        text = repr(plain)
        if len(text) <= MAX_REPR:
            return text, True
        return text[:MAX_REPR], False
    try:
        text = repr(value)
    except BaseException as exc:
        text = f"<repr failed: {type(exc).__name__}>"
    return str(text)[:MAX_REPR], False


_NOT_LITERAL = object()


def _plain(value, depth):
    if depth > 50:
        return _NOT_LITERAL
    t = type(value)
    if t in _LITERAL_SCALARS:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = []
        for item in value:
            p = _plain(item, depth + 1)
            if p is _NOT_LITERAL:
                return _NOT_LITERAL
            items.append(p)
        if isinstance(value, list):
            return items
        if isinstance(value, tuple):
            return tuple(items)
        try:
            return set(items) if isinstance(value, set) else frozenset(items)
        except TypeError:
            return _NOT_LITERAL
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            pk, pv = _plain(k, depth + 1), _plain(v, depth + 1)
            if pk is _NOT_LITERAL or pv is _NOT_LITERAL:
                return _NOT_LITERAL
            try:
                out[pk] = pv
            except TypeError:
                return _NOT_LITERAL
        return out
    return _NOT_LITERAL


def _eval_call(call: str, ns: dict) -> dict:
    if not call:
        return {"ok": True, "repr": "None", "literal": True}
    try:
        value = eval(compile(call, "<test>", "eval", dont_inherit=True), ns)
        text, literal = serialise(value)
        return {"ok": True, "repr": text, "literal": literal}
    except BaseException as exc:
        info = describe_exception(exc) if not isinstance(exc, MemoryError) else {
            "type": "MemoryError", "message": "", "line": None}
        return {"ok": False, "exc": {k: info.get(k) for k in ("type", "message", "line")}}


def _can_run_last_here(wall: float) -> bool:
    """Whether the job's last test may run in this (import) process instead of a forked copy of it
    with the same outcome: no other thread is running (a fork would have left them behind), and
    the CPU limit cannot end it where a fresh child's would not (a single-threaded test uses at
    most its wall share of CPU: that share fits under a fresh child's soft limit, and this
    process's CPU so far plus that share under the hard limit, which becomes the soft one)."""
    import resource
    try:
        if len(os.listdir("/proc/self/task")) != 1:
            return False
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if soft != resource.RLIM_INFINITY:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            if wall > soft or usage.ru_utime + usage.ru_stime + wall >= hard:
                return False
            resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
        return True
    except BaseException:   # anything odd: the usual fork
        return False


def main_grade_calls(job: dict) -> None:
    """Grading, "call" tests: import once, then one forked child per requested test.

    The fork gives every test the same post-import state and lets a crashing or exiting test
    (os._exit, SystemExit, segfault) fail alone.  The last test needs no copy of that state
    (nothing runs after it), so when ``_can_run_last_here`` it runs in this process: one fork
    fewer per grade.  The supervisor reports a crash or exit there exactly as a forked test's
    (from this process's exit status), and this process may forge nothing it could not before:
    it already runs the student's code and knows each request's nonce.
    """
    _setup_stdio()
    ns = _fresh_namespace()
    phase, exc = _exec_module(job["code"], job.get("setup", ""), ns)
    _flush()
    ready = {"kind": "ready", "nonce": job["nonce"], "phase": phase}
    if exc is not None and not isinstance(exc, SystemExit):
        ready["exc"] = describe_exception(exc)
    protocol.write_frame(RESP_FD, ready)
    calls = {t["i"]: t["call"] for t in job["tests"]}
    reader = protocol.FrameReader()
    while True:
        data = os.read(REQ_FD, 65536)
        if not data:
            os._exit(0)
        for req in reader.feed(data):
            _flush()
            if req.get("last") and _can_run_last_here(float(req.get("wall") or 0.0)):
                protocol.write_frame(RESP_FD, {"kind": "here", "nonce": req.get("nonce")})
                reply = _eval_call(calls.get(req.get("i"), ""), ns)
                _flush()
                reply.update(kind="test", nonce=req.get("nonce"))
                protocol.write_frame(RESP_FD, reply)
                protocol.write_frame(RESP_FD, {"kind": "done", "nonce": req.get("nonce"), "status": 0})
                os._exit(0)
            pid = os.fork()
            if pid == 0:
                reply = _eval_call(calls.get(req.get("i"), ""), ns)
                _flush()
                reply.update(kind="test", nonce=req.get("nonce"))
                protocol.write_frame(RESP_FD, reply)
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            protocol.write_frame(RESP_FD, {"kind": "done", "nonce": req.get("nonce"), "status": status})


def main_grade_stdout(job: dict, test: dict) -> None:
    """Grading, "stdout" tests: a whole program run with this test's stdin (then ``call``)."""
    _setup_stdio()
    ns = _fresh_namespace()
    phase, exc = _exec_module(job["code"], job.get("setup", ""), ns)
    report = {"kind": "test", "nonce": job["nonce"], "ok": True}
    if exc is None and test.get("call"):
        r = _eval_call(test["call"], ns)
        if not r["ok"]:
            exc_info = r["exc"]
            report = {"kind": "test", "nonce": job["nonce"], "ok": False, "exc": exc_info}
    elif exc is not None and not isinstance(exc, SystemExit):
        report = {"kind": "test", "nonce": job["nonce"], "ok": False, "phase": phase,
                  "exc": describe_exception(exc)}
        _print_traceback(exc)
    _flush()
    protocol.write_frame(RESP_FD, report)
    os._exit(0)
