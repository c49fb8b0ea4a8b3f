"""A real Sandbox (real zygote, real namespaces) driven from synchronous tests.

The Sandbox is asyncio-only, so a private event loop runs in a background thread and tests
call ``sbx.run(...)`` / ``sbx.grade(...)`` which block on that loop.  The worker is stopped by
``Sandbox.close()`` (killpg of the zygote's own session, by PID) when the session ends.
"""
import asyncio
import threading

import pytest

from sandbox import Limits, Sandbox


class SyncSandbox:
    def __init__(self, limits: Limits, **kw):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.sb = Sandbox(limits=limits, **kw)
        self.call(self.sb.start())

    def call(self, coro, timeout=60):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def run(self, code, stdin=""):
        return self.call(self.sb.run(code, stdin))

    def grade(self, code, tests, setup_code=""):
        return self.call(self.sb.grade(code, tests, setup_code))

    def stream(self, code, tests, setup_code=""):
        async def collect():
            return [item async for item in self.sb.grade_stream(code, tests, setup_code)]
        return self.call(collect())

    def close(self):
        self.call(self.sb.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture(scope="session")
def sbx():
    """Short limits so that the adversarial cases end quickly."""
    s = SyncSandbox(Limits(cpu_seconds=2.0, wall_seconds=2.0, memory_mb=50, max_output_bytes=64 * 1024),
                    max_concurrency=2, max_queue=64)
    yield s
    s.close()


@pytest.fixture
def healthy(sbx):
    """After the test, prove the sandbox still serves normal code."""
    yield sbx
    r = sbx.run("print(sum(range(10)))")
    assert r.status == "ok" and r.stdout == "45\n", r
