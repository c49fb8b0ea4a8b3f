"""A real Sandbox (real zygote, real namespaces) driven from synchronous tests.

The Sandbox is asyncio-only, so a private event loop runs in a background thread and tests
call ``sbx.run(...)`` / ``sbx.grade(...)`` which block on that loop.  The worker is stopped by
``Sandbox.close()`` (killpg of the zygote's own session, by PID) when the session ends.

The ``sbx`` fixture runs every test twice: with the worker as root, and with the worker as an
unprivileged uid (65534) that builds the same isolation inside a user namespace.
"""
import asyncio
import ctypes
import os
import sys
import threading

import pytest

from sandbox import Limits, Sandbox

FULL_ISOLATION = {"netns", "ipcns", "mntns", "pidns", "seccomp", "allowlist-fs", "job-tmpfs", "hidepid"}
NOBODY = 65534
MODES = ["root", "rootless"]


def _reachable_by_others(path: str) -> bool:
    parts = path.split("/")
    for i in range(2, len(parts) + 1):
        d = "/".join(parts[:i]) or "/"
        if not os.stat(d).st_mode & 0o001:
            return False
    return True


def _become_nobody():
    """preexec_fn of the unprivileged worker.  If the interpreter sits under a 0700 directory
    (/root/.pyenv here), first show it to uid 65534 in a private mount namespace of this process
    (the test runs as root; an unprivileged deployment installs Python where it can read it)."""
    prefix = os.path.realpath(sys.base_prefix)
    if not _reachable_by_others(prefix):
        from sandbox.worker import rootfs
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(0x00020000) != 0:
            raise OSError(ctypes.get_errno(), "unshare(mnt)")
        rootfs.mount(None, "/", None, rootfs.MS_REC | rootfs.MS_PRIVATE)
        rootfs.mount(prefix, "/mnt", None, rootfs.MS_BIND | rootfs.MS_REC)
        top = "/" + prefix.split("/")[1]
        rootfs.mount("tmpfs", top, "tmpfs", 0, "mode=0755,size=1m")
        os.makedirs(prefix)
        rootfs.mount("/mnt", prefix, None, rootfs.MS_BIND | rootfs.MS_REC)
        libc.umount2(b"/mnt", 2)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)


def worker_options(mode: str) -> dict:
    """Sandbox keyword arguments that start the worker in ``mode``."""
    if mode == "root":
        return {}
    return {"preexec_fn": _become_nobody, "python": os.path.realpath(sys.executable)}


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


def start_sync(mode: str, limits: Limits, **kw) -> SyncSandbox:
    """A SyncSandbox in ``mode``; skips (saying why) only when the kernel refuses user namespaces."""
    try:
        return SyncSandbox(limits, **worker_options(mode), **kw)
    except RuntimeError as exc:
        if mode == "rootless" and "unshare" in str(exc):
            pytest.skip(f"kernel forbids unprivileged user namespaces here: {exc}")
        raise


@pytest.fixture(scope="session", params=MODES)
def sbx(request):
    """Short limits so that the adversarial cases end quickly."""
    s = start_sync(request.param, Limits(cpu_seconds=2.0, wall_seconds=2.0, memory_mb=50, max_output_bytes=64 * 1024),
                   max_concurrency=2, max_queue=64)
    s.mode = request.param
    yield s
    s.close()


@pytest.fixture
def full_isolation():
    return set(FULL_ISOLATION)


@pytest.fixture
def healthy(sbx):
    """After the test, prove the sandbox still serves normal code."""
    yield sbx
    r = sbx.run("print(sum(range(10)))")
    assert r.status == "ok" and r.stdout == "45\n", r
