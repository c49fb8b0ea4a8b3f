"""One job, supervised from a process that never runs student code.

The supervisor (pid 1 of the job's pid namespace, see ``zygote``) reads the job from its own
socket (the zygote never sees it), forks the
student process(es) with limits and a dropped uid, enforces wall-clock deadlines and the output
cap, reads replies (checking each test's nonce) and emits result events.  It never sees
expected values: comparisons happen in the service process (``sandbox.compare``).
"""
import os
import selectors
import signal
import time

from . import child, jail, protocol
from .student import StudentProc

class Job:
    def __init__(self, job: dict, emit):
        self.job = job
        self.emit = emit
        self.lim = job["limits"]
        self.out = bytearray()
        self.err = bytearray()
        self.output_total = 0
        self.output_exceeded = False
        self.peak_kb = 0
        self.workdir = None

    # --- plumbing -------------------------------------------------------------------------
    def _pump(self, proc: StudentProc, deadline: float, until) -> str:
        """Read the proc's pipes until ``until(msg)`` is true for a reply, EOF, or a limit.

        Returns "reply", "eof", "timeout" or "output_limit".
        """
        sel = selectors.DefaultSelector()
        for fd in (proc.out, proc.err, proc.resp):
            try:
                sel.register(fd, selectors.EVENT_READ)
            except (ValueError, KeyError, OSError):
                pass
        try:
            while True:
                if not sel.get_map():
                    return "eof"
                left = deadline - time.monotonic()
                if left <= 0:
                    return "timeout"
                for key, _ in sel.select(min(left, 0.5)):
                    fd = key.fd
                    try:
                        data = os.read(fd, 65536)
                    except OSError:
                        data = b""
                    if not data:
                        sel.unregister(fd)
                        if fd == proc.resp:
                            return "eof"
                        continue
                    if fd == proc.resp:
                        for msg in proc.reader.feed(data):
                            if isinstance(msg, dict) and until(msg):
                                return "reply"
                        if proc.reader.broken:
                            sel.unregister(fd)
                        continue
                    self.output_total += len(data)
                    buf = self.out if fd == proc.out else self.err
                    room = self.lim["max_output_bytes"] - len(self.out) - len(self.err)
                    buf += data[:max(room, 0)]
                    if self.output_total > self.lim["max_output_bytes"]:
                        self.output_exceeded = True
                        return "output_limit"
        finally:
            sel.close()

    def _finish_proc(self, proc: StudentProc, kill: bool, sweep: bool = False) -> None:
        """Stop everything the job's uid runs, reap, account peak memory."""
        if kill:
            for killer in (os.killpg, os.kill):   # group first (test children), then the leader
                try:
                    killer(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if sweep:
                jail.kill_job()   # everything it forked too (hanging test children)
        proc.close()
        proc.reap(block=True)
        if proc.rusage is not None:
            self.peak_kb = max(self.peak_kb, int(proc.rusage.ru_maxrss))
        jail.reap_orphans()   # we are the job's init: grandchildren are reparented to us
        # Stragglers a cleanly exited program left behind (daemonised children) die with the
        # job's pid namespace when this supervisor exits (after run_job).

    @staticmethod
    def _signal_status(status) -> str | None:
        if status is None or not os.WIFSIGNALED(status):
            return None
        sig = os.WTERMSIG(status)
        if sig in (signal.SIGXCPU,) or sig == signal.SIGKILL:
            return "timeout" if sig == signal.SIGXCPU else "killed"
        return "killed"

    # --- modes ----------------------------------------------------------------------------
    def run(self) -> dict:
        job = self.job
        job["nonce"] = os.urandom(16).hex()
        proc = StudentProc(job, self.workdir, lambda: child.main_run(job), job.get("stdin", ""))
        deadline = proc.started + self.lim["wall_seconds"]
        report = {}

        def got(msg):
            if msg.get("kind") == "result" and msg.get("nonce") == job["nonce"]:
                report.update(msg)
                return True
            return False
        outcome = self._pump(proc, deadline, got)
        if outcome == "reply":   # drain remaining output briefly (program has finished)
            self._pump(proc, min(deadline, time.monotonic() + 0.2), lambda m: False)
        self._finish_proc(proc, kill=True)
        duration = (time.monotonic() - proc.started) * 1000
        status = "ok"
        exc = report.get("exc")
        if self.output_exceeded:
            status = "output_limit"
        elif outcome == "timeout":
            status = "timeout"
        elif exc is not None:
            if exc["type"] == "MemoryError":
                status = "memory_limit"
            elif report.get("phase") == "compile" and exc["type"] in ("SyntaxError", "IndentationError", "TabError", "ValueError"):
                status = "syntax_error"
            else:
                status = "exception"
        elif not report:
            status = self._signal_status(proc.exit_status) or "ok"
            if status == "killed" and proc.rusage is not None and \
                    proc.rusage.ru_utime + proc.rusage.ru_stime >= self.lim["cpu_seconds"] - 0.05:
                status = "timeout"
        return {"event": "done", "status": status, "exc": exc, "stdout": bytes(self.out).decode("utf-8", "replace"),
                "stderr": bytes(self.err).decode("utf-8", "replace"), "duration_ms": duration, "peak_kb": self.peak_kb}

    def grade(self) -> dict:
        job = self.job
        tests = job["tests"]
        n = max(len(tests), 1)
        wall = self.lim["wall_seconds"]
        per_test = max(wall / n, min(1.0, wall))   # stdout tests (each a whole program run)
        started = time.monotonic()
        hard_end = started + 2 * wall       # import phase <= wall, tests share the other wall
        tests_end = None                    # set when the first import finishes: that + wall
        status, error = "ok", None
        call_tests = [t for t in tests if t["kind"] == "call"]
        proc = None
        respawned = False            # a hung test forced a fresh import process
        pending = list(call_tests)
        while pending and status == "ok":
            job["nonce"] = os.urandom(16).hex()
            proc = StudentProc(job, self.workdir, lambda: child.main_grade_calls(job))
            ready = {}

            def is_ready(msg):
                if msg.get("kind") == "ready" and msg.get("nonce") == job["nonce"]:
                    ready.update(msg)
                    return True
                return False
            outcome = self._pump(proc, min(proc.started + wall, hard_end), is_ready)
            if outcome != "reply" and respawned and outcome != "output_limit":
                # A re-import after a hung test did not finish in the remaining budget: the
                # tests already graded stand, the rest are reported as not run.
                self._finish_proc(proc, kill=True, sweep=True)
                proc = None
                for t in pending:
                    self.emit({"event": "test", "i": t["i"], "ok": False, "error": "not run: time budget exhausted",
                               "duration_ms": 0.0})
                pending = []
                break
            if outcome != "reply":
                self._finish_proc(proc, kill=True)
                status = {"timeout": "timeout", "output_limit": "output_limit"}.get(outcome) or \
                    self._signal_status(proc.exit_status) or "killed"
                if status == "killed" and self._cpu_exhausted(proc):
                    status = "timeout"
                proc = None
                error = {"timeout": "time limit exceeded while running the module",
                         "output_limit": "output limit exceeded"}.get(status, "the program was stopped before its tests ran")
                break
            exc = ready.get("exc")
            if exc is not None:
                if exc["type"] == "MemoryError":
                    status, error = "memory_limit", "MemoryError while running the module"
                    self._finish_proc(proc, kill=True)
                    proc = None
                    break
                if ready.get("phase") == "compile":
                    status = "syntax_error"
                    error = _fmt_exc(exc)
                    self._finish_proc(proc, kill=True)
                    proc = None
                    break
                # The module raised at top level: like running the file, nothing after the
                # failing line exists, so every test fails with that error (this is also what
                # the Refactory observations record).
                error = "the module raised " + _fmt_exc(exc)
                for t in pending:
                    self.emit({"event": "test", "i": t["i"], "ok": False, "error": error, "duration_ms": 0.0})
                pending = []
                break
            if tests_end is None:
                tests_end = min(time.monotonic() + wall, hard_end)
            while pending:
                test = pending.pop(0)
                nonce = os.urandom(16).hex()
                t0 = time.monotonic()
                # Adaptive share: what is left of the test budget split over the tests left
                # (fast tests hand their unused time on), never below 0.2 s, never past 2 x wall.
                limit = max((tests_end - t0) / (len(pending) + 1), min(0.2, wall))
                request = {"i": test["i"], "nonce": nonce}
                if not pending:          # the last one: may run in the import process (child._can_run_last_here)
                    request.update(last=True, wall=limit)
                try:
                    protocol.write_frame(proc.req, request)
                except OSError:
                    pending.insert(0, test)
                    break
                reply, done, here = {}, {}, {}

                def is_reply(msg, nonce=nonce):
                    if msg.get("nonce") != nonce:
                        return False       # stale or forged frame: ignored
                    if msg.get("kind") == "here" and "last" in request:
                        here.update(msg)   # the last test runs in the import process itself
                        return False
                    if msg.get("kind") == "test" and not reply:
                        reply.update(msg)
                        return False
                    if msg.get("kind") == "done":
                        done.update(msg)
                        return True
                    return False
                outcome = self._pump(proc, min(t0 + limit, hard_end), is_reply)
                ms = (time.monotonic() - t0) * 1000
                if outcome == "output_limit":
                    status, error = "output_limit", "output limit exceeded"
                    break
                if outcome == "reply" or reply:
                    self.emit(_test_event(test, reply, done, ms))
                    if outcome == "reply":
                        continue
                if outcome == "timeout":
                    if not reply:
                        self.emit({"event": "test", "i": test["i"], "ok": False, "error": "time limit exceeded",
                                   "duration_ms": ms})
                elif here and not reply:
                    # The last test ran in the import process itself: its end is reported as a forked
                    # test's would be (exit code or signal), from that process's exit status.
                    self._finish_proc(proc, kill=True)     # reaps it (its exit status) before the sweep
                    jail.kill_job()
                    self.emit(_test_event(test, reply, {"status": proc.exit_status}, ms))
                    proc = None
                    break
                else:   # the import process itself died (os._exit in a thread, killed...)
                    if not reply:
                        self.emit({"event": "test", "i": test["i"], "ok": False,
                                   "error": "the program exited before returning a value", "duration_ms": ms})
                self._finish_proc(proc, kill=True, sweep=True)
                proc = None
                respawned = True
                if time.monotonic() >= hard_end:
                    for t in pending:
                        self.emit({"event": "test", "i": t["i"], "ok": False, "error": "not run: time budget exhausted",
                                   "duration_ms": 0.0})
                    pending = []
                break
        if proc is not None:
            proc.close_fd("req")          # EOF on its request pipe: the import process exits
            self._pump(proc, min(time.monotonic() + 0.2, hard_end), lambda m: False)
            self._finish_proc(proc, kill=True)
        if status == "ok":
            for test in [t for t in tests if t["kind"] == "stdout"]:
                status, error = self._stdout_test(test, per_test, hard_end, status, error)
                if status != "ok":
                    break
        return {"event": "done", "status": status, "error": error, "peak_kb": self.peak_kb,
                "duration_ms": (time.monotonic() - started) * 1000}

    def _cpu_exhausted(self, proc) -> bool:
        ru = proc.rusage
        return ru is not None and ru.ru_utime + ru.ru_stime >= self.lim["cpu_seconds"] - 0.05

    def _stdout_test(self, test, per_test, hard_end, status, error):
        job = dict(self.job, nonce=os.urandom(16).hex())
        self.out.clear()
        self.err.clear()
        t0 = time.monotonic()
        proc = StudentProc(job, self.workdir, lambda: child.main_grade_stdout(job, test), test.get("stdin", ""))
        reply = {}

        def got(msg):
            if msg.get("kind") == "test" and msg.get("nonce") == job["nonce"]:
                reply.update(msg)
                return True
            return False
        outcome = self._pump(proc, min(t0 + per_test, hard_end), got)
        if outcome == "reply":
            self._pump(proc, min(t0 + per_test, time.monotonic() + 0.2), lambda m: False)
        self._finish_proc(proc, kill=True)
        ms = (time.monotonic() - t0) * 1000
        stdout = bytes(self.out).decode("utf-8", "replace")
        event = {"event": "test", "i": test["i"], "ok": True, "stdout": stdout, "duration_ms": ms}
        if outcome == "output_limit":
            return "output_limit", "output limit exceeded"
        if outcome == "timeout":
            event.update(ok=False, error="time limit exceeded")
        elif reply and not reply.get("ok"):
            exc = reply.get("exc") or {}
            if reply.get("phase") == "compile":
                self.emit(dict(event, ok=False, error=_fmt_exc(exc)))
                return "syntax_error", _fmt_exc(exc)
            event.update(ok=False, error=_fmt_exc(exc))
        elif not reply and proc.exit_status and self._signal_status(proc.exit_status):
            event.update(ok=False, error="the program was killed")
        self.emit(event)
        return status, error


def _fmt_exc(exc: dict) -> str:
    text = f"{exc.get('type')}: {exc.get('message')}" if exc.get("message") else str(exc.get("type"))
    if exc.get("line"):
        text += f" (line {exc['line']})"
    return text


def _test_event(test, reply, done, ms) -> dict:
    if reply.get("ok"):
        return {"event": "test", "i": test["i"], "ok": True, "repr": reply.get("repr"),
                "literal": bool(reply.get("literal")), "duration_ms": ms}
    if reply:
        exc = reply.get("exc") or {}
        err = "memory limit exceeded" if exc.get("type") == "MemoryError" else _fmt_exc(exc)
        return {"event": "test", "i": test["i"], "ok": False, "error": err, "duration_ms": ms}
    st = done.get("status")
    how = f"signal {os.WTERMSIG(st)}" if isinstance(st, int) and os.WIFSIGNALED(st) else \
        f"exit code {os.WEXITSTATUS(st)}" if isinstance(st, int) else "unknown"
    return {"event": "test", "i": test["i"], "ok": False,
            "error": f"the test exited without returning a value ({how})", "duration_ms": ms}


class JobCancelled(Exception):
    """Raised by SIGTERM: the service gave up on this job (client deadline, cancellation)."""


def _on_sigterm(signum, frame):
    raise JobCancelled()


def serve(sock_fd: int, uid: int) -> None:
    """Entry point in the supervisor: read this job's request from its own socket, run it,
    write its events back on the same socket."""
    reader = protocol.FrameReader(max_frame=64 * 1024 * 1024)
    sel = selectors.DefaultSelector()
    sel.register(sock_fd, selectors.EVENT_READ)
    deadline = time.monotonic() + 30.0
    request = None
    while request is None and time.monotonic() < deadline and not reader.broken:
        if not sel.select(1.0):
            continue
        data = os.read(sock_fd, 1 << 16)
        if not data:
            return
        frames = reader.feed(data)
        request = frames[0] if frames else None
    sel.close()
    if not isinstance(request, dict):
        return
    request["uid"] = uid
    run_job(request, lambda ev: protocol.write_frame(sock_fd, ev))


def run_job(job: dict, emit) -> None:
    """Run, clean up, emit.  ``/tmp`` is the job's own tmpfs (a fresh mount per job)."""
    j = Job(job, emit)
    j.workdir = jail.JOB_ROOT if os.getpid() == 1 else job.get("tmp_root", "/tmp")
    result = None
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        result = j.run() if job["mode"] == "run" else j.grade()
    except JobCancelled:
        result = {"event": "done", "status": "killed", "error": "cancelled", "peak_kb": j.peak_kb,
                  "duration_ms": 0.0, "stdout": "", "stderr": ""}
    except Exception as exc:  # a supervisor bug must still end the job cleanly
        result = {"event": "done", "status": "killed", "error": f"sandbox error: {type(exc).__name__}: {exc}",
                  "peak_kb": j.peak_kb, "duration_ms": 0.0, "stdout": "", "stderr": ""}
    finally:
        # The verdict goes out first (latency); everything else of the job dies with its pid
        # namespace when this process (its pid 1) exits.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            emit(result)
        finally:
            jail.kill_job()
