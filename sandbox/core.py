"""asyncio front end: the Sandbox owns one zygote process and multiplexes jobs over its pipes.

Nothing here blocks the event loop: the zygote is an asyncio subprocess, results arrive through
a reader task and are routed to per-job queues.  Concurrency is bounded by a semaphore
(``max_concurrency`` jobs in the zygote at once) and a waiting room (``max_queue``) beyond which
``SandboxBusy`` is raised.  If the zygote dies, in-flight jobs are retried once on a new one.
"""
import asyncio
import contextlib
import itertools
import os
import signal
import sys
from pathlib import Path

from .compare import clean_text, compare_call, compare_stdout
from .limits import Limits
from .results import Frame, GradeResult, RunResult, SandboxBusy, TestCase, TestResult
from .worker import protocol

_ENTRY = Path(__file__).resolve().parent / "_zygote_entry.py"
_REPO = Path(__file__).resolve().parents[1]


class _ZygoteDied(Exception):
    pass


class Sandbox:
    def __init__(self, limits: Limits | None = None, max_concurrency: int = 2, max_queue: int = 32,
                 python: str | None = None):
        self.limits = limits or Limits()
        self.max_concurrency = max_concurrency
        self.max_queue = max_queue
        self.python = python or sys.executable
        self.features: list[str] = []
        self._proc = None
        self._reader = None
        self._jobs: dict[str, asyncio.Queue] = {}
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
            env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                   "LEARNFLOW_SANDBOX_HIDE": str(_REPO)}
            if os.environ.get("LEARNFLOW_SANDBOX_TMP_MB"):
                env["LEARNFLOW_SANDBOX_TMP_MB"] = os.environ["LEARNFLOW_SANDBOX_TMP_MB"]
            self._proc = await asyncio.create_subprocess_exec(
                self.python, "-I", "-B", str(_ENTRY), stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, env=env,
                cwd="/", start_new_session=True, limit=1 << 24)
            hello = await self._read_frame(self._proc)
            if hello is None or hello.get("event") != "hello":
                raise RuntimeError("sandbox worker failed to start")
            self.features = hello.get("features", [])
            self._reader = asyncio.create_task(self._read_loop(self._proc))

    async def close(self) -> None:
        self._closed = True
        proc, self._proc = self._proc, None
        if proc is not None and proc.returncode is None:
            # EOF on its stdin makes the zygote exit (its jobs die by PDEATHSIG); if it does
            # not within a second, kill its session (it was started as a session leader).
            with contextlib.suppress(Exception):
                proc.stdin.close()
            try:
                await asyncio.wait_for(proc.wait(), 1.0)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                await proc.wait()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
            self._reader = None

    @property
    def worker_pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @staticmethod
    async def _read_frame(proc):
        try:
            header = await proc.stdout.readexactly(4)
            size = int.from_bytes(header, "big")
            return protocol.FrameReader(max_frame=1 << 30).feed(header + await proc.stdout.readexactly(size))[0]
        except (asyncio.IncompleteReadError, IndexError, ConnectionError):
            return None

    async def _read_loop(self, proc) -> None:
        try:
            while True:
                msg = await self._read_frame(proc)
                if msg is None:
                    break
                q = self._jobs.get(msg.get("id"))
                if q is not None:
                    q.put_nowait(msg)
        finally:
            for q in list(self._jobs.values()):
                q.put_nowait(None)       # zygote gone: wake every waiter

    # ---- job plumbing -------------------------------------------------------------------
    async def _events(self, request: dict):
        """Send one job, yield its events until "done" (retry once if the zygote dies)."""
        if self._waiting >= self.max_queue + self.max_concurrency:
            raise SandboxBusy(f"sandbox queue full ({self.max_queue} waiting)")
        if self._sem is None:
            await self.start()
        self._waiting += 1
        try:
            async with self._sem:
                for attempt in range(2):
                    await self.start()
                    job_id = f"j{next(self._ids)}"
                    q: asyncio.Queue = asyncio.Queue()
                    self._jobs[job_id] = q
                    sent_events = 0
                    finished = False
                    try:
                        self._proc.stdin.write(protocol.encode(dict(request, id=job_id)))
                        await self._proc.stdin.drain()
                        while True:
                            msg = await q.get()
                            if msg is None:
                                raise _ZygoteDied()
                            sent_events += 1
                            if msg.get("event") == "done":
                                finished = True
                            yield msg
                            if finished:
                                return
                    except (_ZygoteDied, ConnectionError, BrokenPipeError):
                        if attempt == 1 or sent_events:
                            yield {"event": "done", "status": "killed", "error": "sandbox worker died",
                                   "peak_kb": 0, "duration_ms": 0.0, "stdout": "", "stderr": ""}
                            return
                        await self._restart_after_death()
                    finally:
                        self._jobs.pop(job_id, None)
                        if not finished:
                            self._cancel(job_id)
        finally:
            self._waiting -= 1

    def _cancel(self, job_id: str) -> None:
        """The caller went away (cancelled / deadline): stop the job in the worker, freeing its slot."""
        proc = self._proc
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(Exception):
                proc.stdin.write(protocol.encode({"cancel": job_id}))

    async def _restart_after_death(self) -> None:
        proc = self._proc
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(proc.wait(), 1.0)
        if proc is not None and proc.returncode is not None and self._proc is proc:
            self._proc = None

    # ---- public API ---------------------------------------------------------------------
    async def run(self, code: str, stdin: str = "") -> RunResult:
        """Run a program once; report its real exception and the line in the student's code."""
        request = {"mode": "run", "code": code, "stdin": stdin, "limits": self.limits.to_wire()}
        done = None
        async for msg in self._events(request):
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

    async def grade_stream(self, code: str, tests: list[TestCase], setup_code: str = ""):
        """Yield a TestResult as each test completes, then the GradeResult."""
        wire = [{"i": i, "kind": t.kind, "call": t.call, "stdin": t.stdin} for i, t in enumerate(tests)]
        request = {"mode": "grade", "code": code, "setup": setup_code, "tests": wire,
                   "limits": self.limits.to_wire()}
        results: dict[int, TestResult] = {}
        done = None
        async for msg in self._events(request):
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

    async def grade(self, code: str, tests: list[TestCase], setup_code: str = "") -> GradeResult:
        """Grade a submission against all tests in one sandboxed run."""
        final = None
        async for item in self.grade_stream(code, tests, setup_code):
            final = item
        return final
