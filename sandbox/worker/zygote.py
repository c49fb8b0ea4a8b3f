"""The pre-started worker ("zygote"): enters the namespaces once, then forks a supervisor per job.

Protocol on its stdin/stdout (frames, see ``protocol``): requests ``{"id", "mode", ...}``;
events ``{"id", "event": "test"|"done"|"hello", ...}``.  Paying the interpreter start-up and the
namespace setup once is what makes a grading run cost a few forks instead of a new Python.
"""
import errno
import importlib
import os
import selectors
import signal

from . import jail, protocol, supervisor  # noqa: F401  (imported before the file system is hidden)


PRELOAD = ("collections", "itertools", "functools", "math", "random", "string", "re", "json", "datetime",
           "decimal", "fractions", "statistics", "heapq", "bisect", "copy", "operator", "typing",
           "dataclasses", "traceback", "linecache", "io", "textwrap", "enum", "time")


def _preload() -> None:
    """Import what student code commonly uses once, in the zygote: every job then gets these
    modules for free (forked, already initialised) instead of paying their import time."""
    for name in PRELOAD:
        importlib.import_module(name)


def main() -> None:
    jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)
    hidden = [p for p in os.environ.get("LEARNFLOW_SANDBOX_HIDE", "").split(":") if p]
    features = []
    uid_base, _lock_fd = jail.claim_uid_block() if os.geteuid() == 0 else (jail.BASE_UID, -1)
    try:
        features = jail.enter_namespaces(hidden, int(os.environ.get("LEARNFLOW_SANDBOX_TMP_MB", "256")))
    except OSError as exc:
        features.append(f"error:{exc}")
    _preload()
    os.chdir("/")
    out_fd = 1
    protocol.write_frame(out_fd, {"event": "hello", "features": features, "pid": os.getpid(),
                                  "root": os.geteuid() == 0})
    signal.signal(signal.SIGCHLD, lambda *a: None)
    sel = selectors.DefaultSelector()
    sel.register(0, selectors.EVENT_READ, None)
    requests = protocol.FrameReader(max_frame=64 * 1024 * 1024)
    jobs = {}          # fd -> (job id, pid, reader, uid, saw_done)
    used_uids = set()
    counter = 0
    while True:
        try:
            events = sel.select(1.0)
        except InterruptedError:
            events = []
        for key, _ in events:
            fd = key.fd
            try:
                data = os.read(fd, 1 << 16)
            except OSError as exc:
                if exc.errno == errno.EINTR:
                    continue
                data = b""
            if fd == 0:
                if not data:
                    os._exit(0)       # the service went away: so do we (and, via PDEATHSIG, jobs)
                for req in requests.feed(data):
                    if "cancel" in req:   # the service gave up on a job: let its supervisor clean up
                        for info in jobs.values():
                            if info[0] == req["cancel"] and not info[4]:
                                try:
                                    os.kill(info[1], signal.SIGTERM)
                                except ProcessLookupError:
                                    pass
                        continue
                    counter += 1
                    uid = uid_base + (counter % jail.UID_BLOCK)
                    while uid in used_uids:
                        counter += 1
                        uid = uid_base + (counter % jail.UID_BLOCK)
                    req["uid"] = uid
                    r, w = os.pipe()
                    pid = os.fork()
                    if pid == 0:
                        try:
                            os.close(r)
                            sel.close()
                            os.close(0)
                            os.close(1)
                            jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)
                            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                            job_id = req["id"]
                            supervisor.run_job(req, lambda ev: protocol.write_frame(w, dict(ev, id=job_id)))
                        finally:
                            os._exit(0)
                    os.close(w)
                    used_uids.add(uid)
                    jobs[r] = [req["id"], pid, protocol.FrameReader(), uid, False]
                    sel.register(r, selectors.EVENT_READ, None)
                    del req
                if requests.broken:
                    os._exit(2)
                continue
            info = jobs[fd]
            if data:
                for ev in info[2].feed(data):
                    if ev.get("event") == "done":
                        info[4] = True
                    protocol.write_frame(out_fd, ev)
                continue
            sel.unregister(fd)
            os.close(fd)
            del jobs[fd]
            try:
                os.waitpid(info[1], 0)
            except ChildProcessError:
                pass
            used_uids.discard(info[3])
            if not info[4]:
                protocol.write_frame(out_fd, {"id": info[0], "event": "done", "status": "killed",
                                              "error": "sandbox supervisor ended unexpectedly", "peak_kb": 0,
                                              "duration_ms": 0.0, "stdout": "", "stderr": ""})
        # reap anything else (defensive)
        try:
            while True:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
        except ChildProcessError:
            pass


if __name__ == "__main__":
    main()
