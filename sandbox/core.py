"""asyncio front end: the Sandbox owns one zygote process and gives every job its own socket.

Per job a socketpair is made; one end goes to the zygote (SCM_RIGHTS over its control socket),
which forks and hands it to the job's supervisor; the payload is written, and the events read,
on the other end -- the zygote never holds a job's data.  Nothing here blocks the event loop.
Concurrency is bounded by a semaphore (``max_concurrency`` jobs at once), a waiting room
(``max_queue``) and a per-owner bound (``per_owner`` jobs of one student queued + running);
beyond those ``SandboxBusy`` is raised.  If the zygote dies, in-flight jobs are retried once.
"""
import asyncio
import contextlib
import itertools
import json
import os
import signal
import socket
import sys
from pathlib import Path

from .compare import clean_text, compare_call, compare_stdout
from .limits import Limits
from .results import Frame, GradeResult, RunResult, SandboxBusy, TestCase, TestResult
from .worker import protocol

_ENTRY = Path(__file__).resolve().parent / "_zygote_entry.py"


class _ZygoteDied(Exception):
    pass


def _pyseccomp_dir() -> str:
    """Where pyseccomp lives: the zygote runs ``python -I`` (no site-packages) and imports it from there."""
    try:
        import pyseccomp
    except ImportError:
        return ""
    return os.path.dirname(os.path.abspath(pyseccomp.__file__))


class Sandbox:
    def __init__(self, limits: Limits | None = None, max_concurrency: int = 2, max_queue: int = 32,
                 python: str | None = None, per_owner: int | None = None, preexec_fn=None):
        """``per_owner``: jobs one owner (student id) may have queued + running at once (default
        LEARNFLOW_SANDBOX_PER_OWNER or 2).  ``preexec_fn`` runs in the worker process before it
        execs Python (tests use it to start the worker as an unprivileged uid)."""
        self.limits = limits or Limits()
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self.python = python or sys.executable
        if per_owner is None:
            per_owner = int(os.environ.get("LEARNFLOW_SANDBOX_PER_OWNER") or 2)
        self.per_owner = per_owner
        self.preexec_fn = preexec_fn
        self.features: list[str] = []
        self.rootless = False
        self._proc = None
        self._ctl = None
        self._owners: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._sem = None
        self._waiting = 0
        self._start_lock = None
        self._closed = False

    # ---- lifecycle ----------------------------------------------------------------------
    async def __aenter__(self):
        await self.start()
        return self

    async def __aexit__(self, *exc):
        await self.close()

    async def start(self) -> None:
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
            self._sem = asyncio.Semaphore(self.max_concurrency)
        async with self._start_lock:
            if self._proc is not None and self._proc.returncode is None:
                return
            self._closed = False
            env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LEARNFLOW_SANDBOX_PYSECCOMP": _pyseccomp_dir()}
            for name in ("LEARNFLOW_SANDBOX_TMP_MB", "LEARNFLOW_SANDBOX_TMP_INODES", "LEARNFLOW_SANDBOX_ALLOW"):
                if os.environ.get(name):
                    env[name] = os.environ[name]
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            try:
                self._proc = await asyncio.create_subprocess_exec(
                    self.python, "-I", "-B", str(_ENTRY), stdin=theirs.fileno(), stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.DEVNULL, env=env, cwd="/", start_new_session=True,
                    preexec_fn=self.preexec_fn)
            finally:
                theirs.close()
            ours.setblocking(False)
            if self._ctl is not None:
                self._ctl.close()
            self._ctl = ours
            hello = await self._read_frame(self._proc.stdout)
            if hello is None or hello.get("event") != "hello":
                raise RuntimeError("sandbox worker failed to start")
            self.features = hello.get("features", [])
            self.rootless = bool(hello.get("rootless"))
            errors = [f for f in self.features if f.startswith("error:")]
            if errors:   # fail closed: never run student code without the isolation
                await self.close()
                raise RuntimeError(f"sandbox isolation unavailable: {errors[0][6:]}")

    async def close(self) -> None:
        self._closed = True
        proc, self._proc = self._proc, None
        ctl, self._ctl = self._ctl, None
        if ctl is not None:
            ctl.close()          # EOF on its control socket makes the zygote exit (jobs die by PDEATHSIG)
        if proc is not None and proc.returncode is None:
            try:
                await asyncio.wait_for(proc.wait(), 1.0)
            except asyncio.TimeoutError:   # it was started as a session leader: kill its session
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()

    @property
    def worker_pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @staticmethod
    async def _read_frame(stream):
        try:
            header = await stream.readexactly(4)
            size = int.from_bytes(header, "big")
            return protocol.FrameReader(max_frame=1 << 30).feed(header + await stream.readexactly(size))[0]
        except (asyncio.IncompleteReadError, IndexError, ConnectionError):
            return None

    async def _control(self, msg: dict, fds=()) -> None:
        """One record on the zygote's control socket (SEQPACKET: never merged with another)."""
        data = json.dumps(msg).encode()
        for _ in range(1000):
            try:
                socket.send_fds(self._ctl, [data], list(fds))
                return
            except BlockingIOError:
                await asyncio.sleep(0.005)
        raise ConnectionError("sandbox worker does not read its control socket")

    # ---- job plumbing -------------------------------------------------------------------
    async def _events(self, request: dict, owner: str = ""):
        """Send one job, yield its events until "done" (retry once if the zygote dies)."""
        if self._waiting >= self.max_queue + self.max_concurrency:
            raise SandboxBusy(f"sandbox queue full ({self.max_queue} waiting)")
        if owner and self._owners.get(owner, 0) >= self.per_owner:
            raise SandboxBusy(f"too many sandbox jobs of one student at once (at most {self.per_owner})")
        if self._sem is None:
            await self.start()
        self._waiting += 1
        if owner:
            self._owners[owner] = self._owners.get(owner, 0) + 1
        try:
            async with self._sem:
                for attempt in range(2):
                    async for msg, retry in self._one_attempt(request, last=attempt == 1):
                        if retry:
                            break
                        yield msg
                    else:
                        return
                    await self._restart_after_death()
        finally:
            self._waiting -= 1
            if owner:
                self._owners[owner] -= 1
                if not self._owners[owner]:
                    del self._owners[owner]

    async def _one_attempt(self, request: dict, last: bool):
        """Yields (event, False)...; or (None, True) once if the zygote died before any event."""
        await self.start()
        job_id = f"j{next(self._ids)}"
        ours, theirs = socket.socketpair()
        writer = None
        events = 0
        finished = False
        try:
            try:
                await self._control({"job": job_id}, [theirs.fileno()])
            finally:
                theirs.close()
            reader, writer = await asyncio.open_unix_connection(sock=ours, limit=1 << 24)
            writer.write(protocol.encode(request))
            await writer.drain()
            while True:
                msg = await self._read_frame(reader)
                if msg is None:
                    break
                events += 1
                finished = msg.get("event") == "done"
                yield msg, False
                if finished:
                    return
        except (ConnectionError, BrokenPipeError, OSError):
            pass
        finally:
            if writer is not None:
                writer.close()
            else:
                ours.close()
            if not finished:
                self._cancel(job_id)
        if not events and not last and await self._zygote_died():
            yield None, True
            return
        yield {"event": "done", "status": "killed", "error": "sandbox worker died" if not events else
               "sandbox supervisor ended unexpectedly", "peak_kb": 0, "duration_ms": 0.0, "stdout": "", "stderr": ""}, False

    async def _zygote_died(self) -> bool:
        proc = self._proc
        if proc is None:
            return True
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(proc.wait(), 1.0)
        return proc.returncode is not None

    def _cancel(self, job_id: str) -> None:
        """The caller went away (cancelled / deadline) or the job broke: stop it in the worker."""
        if self._ctl is not None and self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(OSError):
                socket.send_fds(self._ctl, [json.dumps({"cancel": job_id}).encode()], [])

    async def _restart_after_death(self) -> None:
        proc = self._proc
        if proc is not None and proc.returncode is not None and self._proc is proc:
            self._proc = None

    # ---- public API ---------------------------------------------------------------------
    async def run(self, code: str, stdin: str = "", owner: str = "") -> RunResult:
        """Run a program once; report its real exception and the line in the student's code.
        ``owner`` (the student id) bounds how many jobs one student has in the sandbox at once."""
        request = {"mode": "run", "code": code, "stdin": stdin, "limits": self.limits.to_wire()}
        done = None
        async for msg in self._events(request, owner):
            done = msg
        exc = done.get("exc") or {}
        frames = [Frame(int(f["line"]), clean_text(f["function"]), clean_text(f["source"]))
                  for f in exc.get("frames") or []]
        return RunResult(status=done["status"], exception_type=clean_text(exc.get("type")),
                         exception_message=clean_text(exc.get("message")), line=exc.get("line"),
                         offset=exc.get("offset"), source_line=clean_text(exc.get("source_line")),
                         traceback=frames, stdout=clean_text(done.get("stdout", "")),
                         stderr=clean_text(done.get("stderr") or done.get("error") or ""), duration_ms=float(done.get("duration_ms", 0.0)),
                         peak_memory_kb=int(done.get("peak_kb", 0)))

    async def grade_stream(self, code: str, tests: list[TestCase], setup_code: str = "", owner: str = ""):
        """Yield a TestResult as each test completes, then the GradeResult."""
        wire = [{"i": i, "kind": t.kind, "call": t.call, "stdin": t.stdin} for i, t in enumerate(tests)]
        request = {"mode": "grade", "code": code, "setup": setup_code, "tests": wire,
                   "limits": self.limits.to_wire()}
        results: dict[int, TestResult] = {}
        done = None
        async for msg in self._events(request, owner):
            if msg.get("event") == "test":
                i = msg.get("i")
                if not isinstance(i, int) or not 0 <= i < len(tests) or i in results:
                    continue
                tr = self._verdict(tests[i], msg)
                results[i] = tr
                yield tr
            elif msg.get("event") == "done":
                done = msg
        status = done.get("status", "killed")
        error = done.get("error")
        for i, t in enumerate(tests):   # tests the run never reached
            if i not in results:
                results[i] = TestResult(t.id, False, t.expected, "", error or "not run", 0.0)
                yield results[i]
        ordered = [results[i] for i in range(len(tests))]
        yield GradeResult(status=status, results=ordered, passed=sum(r.passed for r in ordered), total=len(tests),
                          execution_time_ms=float(done.get("duration_ms", 0.0)), peak_memory_kb=int(done.get("peak_kb", 0)),
                          error=clean_text(error))

    @staticmethod
    def _verdict(test: TestCase, msg: dict) -> TestResult:
        ms = float(msg.get("duration_ms", 0.0))
        if not msg.get("ok"):
            return TestResult(test.id, False, test.expected, "", clean_text(msg.get("error") or "failed"), ms)
        if test.kind == "stdout":
            got = str(msg.get("stdout", ""))
            return TestResult(test.id, compare_stdout(test.expected, got), test.expected, clean_text(got), None, ms)
        got = str(msg.get("repr", ""))
        passed = compare_call(test.expected, got, bool(msg.get("literal")))
        return TestResult(test.id, passed, test.expected, clean_text(got), None, ms)

    async def grade(self, code: str, tests: list[TestCase], setup_code: str = "", owner: str = "") -> GradeResult:
        """Grade a submission against all tests in one sandboxed run."""
        final = None
        async for item in self.grade_stream(code, tests, setup_code, owner):
            final = item
        return final
