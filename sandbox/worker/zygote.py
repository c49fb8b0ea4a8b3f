"""The pre-started worker ("zygote"): enters the namespaces once, then forks per job -- *before*
it sees anything of the job.

Control channel: fd 0 is a SOCK_SEQPACKET socket from the service.  A request is only
``{"job": id}`` with one socket attached (SCM_RIGHTS); the zygote forks, and the job's own
process reads the payload (code, stdin, setup, calls) from that socket and writes its events
back on it.  So no job's data ever enters the zygote's memory, and no later job (forked from the
zygote) can find an earlier job's code or inputs in the heap it inherits.  ``{"cancel": id}``
kills a job.  fd 1 carries only the ``hello`` frame.  EOF on fd 0 ends the zygote.

The zygote itself runs as pid 1 of a pid namespace of its own (``jail.become_pidns_init``; the
process the service started stays behind as a keeper that waits for it).  Per job it unshares a
new pid namespace for its next child and forks the supervisor S straight into it as that
namespace's pid 1 (then switches back with setns): no intermediate process.  S makes its own mount
namespace (own /tmp tmpfs and /proc, ``rootfs.enter_job_fs``; without root also the job's nested
user namespace) -> student processes.  ``SPARES`` such supervisors are prepared ahead (forked from
the zygote, so as clean as it is) and wait for a job's socket; the fork, namespaces and mounts are
then off the job's critical path.
"""
import importlib
import json
import os
import selectors
import signal
import socket
import sys
import time

from . import jail, protocol, rootfs, supervisor, syscalls  # imported before the root is replaced


PRELOAD = ("collections", "itertools", "functools", "math", "random", "string", "re", "json", "datetime",
           "decimal", "fractions", "statistics", "heapq", "bisect", "copy", "operator", "typing",
           "dataclasses", "traceback", "linecache", "io", "textwrap", "enum", "time")


def _preload() -> None:
    """Import what student code commonly uses once, in the zygote: every job then gets these
    modules for free (forked, already initialised) instead of paying their import time."""
    for name in PRELOAD:
        importlib.import_module(name)


def _isolate(rootless: bool) -> tuple[list[str], object]:
    features = []
    if rootless:
        jail.enter_userns()
    features += jail.enter_namespaces()
    filt = syscalls.build_in_child()
    if filt is None:
        raise OSError("no seccomp: pyseccomp or libseccomp2 is missing")
    features.append("seccomp")
    extra = [p for p in os.environ.get("LEARNFLOW_SANDBOX_ALLOW", "").split(":") if p]
    rootfs.build_root(rootfs.allowed_paths(extra))
    jail.become_pidns_init()   # from here on the zygote is pid 1 of its own pid namespace
    features += ["allowlist-fs", "pidns", "job-tmpfs", "hidepid"]
    return features, filt


SPARES = 2


def _spare(spare_fd: int, uid: int, rootless: bool, filt, limits: dict) -> None:
    """In the forked supervisor S (pid 1 of a fresh pid namespace): the job's mounts (and, without
    root, its user namespace), the seccomp filter, then wait on ``spare_fd`` for the job's own socket."""
    try:
        jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.closerange(0, spare_fd)            # nothing of the zygote's channels (or other spares)
        os.closerange(spare_fd + 1, 65536)
        rootfs.enter_job_fs(uid, limits["tmp_mb"], limits["tmp_inodes"], rootless)
        jail.prctl(jail.PR_SET_DUMPABLE, 0)   # its memory holds this job's payload only; still, no peeking
        # The supervisor needs none of the denied calls from here on, so it installs the
        # filter now, before it has a job: every student process inherits it, and the
        # filter's (JIT) load is off the job's critical path.
        jail.prctl(jail.PR_SET_NO_NEW_PRIVS, 1)
        syscalls.load(filt)
        _data, fds, _flags, _addr = socket.recv_fds(socket.socket(fileno=spare_fd), 16, 1)
        if fds:
            supervisor.serve(fds[0], uid)
    finally:
        os._exit(0)


def main() -> None:
    jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)
    rootless = os.geteuid() != 0
    uid_base, _lock_fd = (jail.BASE_UID, -1) if rootless else jail.claim_uid_block()
    try:
        features, filt = _isolate(rootless)
    except Exception as exc:  # reported to the service, which refuses to run anything (fails closed)
        features, filt = [f"error:{type(exc).__name__}: {exc}"], None
    _preload()
    os.chdir("/")
    pidns_fd = jail.own_pidns_fd() if filt is not None else -1
    limits = {"tmp_mb": int(os.environ.get("LEARNFLOW_SANDBOX_TMP_MB") or 32),
              "tmp_inodes": int(os.environ.get("LEARNFLOW_SANDBOX_TMP_INODES") or 2048)}
    protocol.write_frame(1, {"event": "hello", "features": features, "pid": os.getpid(), "rootless": rootless})
    ctl = socket.socket(fileno=0)
    if filt is None:          # isolation failed: the service refuses; run nothing, exit on its EOF
        while ctl.recv(4096):
            pass
        os._exit(0)
    wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *a: None)
    sel = selectors.DefaultSelector()
    sel.register(ctl, selectors.EVENT_READ)
    sel.register(wake_r, selectors.EVENT_READ)
    jobs = {}          # pid of S -> [job id or None while spare, uid]
    spares = []        # [pid of S, our end of its socket], oldest first
    counter = 0

    def make_spare() -> None:
        nonlocal counter
        used = {u for _, u in jobs.values()}
        counter += 1
        uid = uid_base + counter % jail.UID_BLOCK
        while uid in used:
            counter += 1
            uid = uid_base + counter % jail.UID_BLOCK
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        jail.new_pidns_for_next_child()
        try:
            pid = os.fork()
        except BaseException:
            jail.restore_pidns(pidns_fd)
            raise
        if pid == 0:
            _spare(theirs.fileno(), uid, rootless, filt, limits)
        jail.restore_pidns(pidns_fd)
        theirs.close()
        jobs[pid] = [None, uid]
        spares.append([pid, ours])

    def dispatch(job_id: str, fd: int) -> None:
        for _ in range(3):        # a spare that died meanwhile refuses the fd: take the next
            if not spares:
                make_spare()
            pid, ours = spares.pop(0)
            try:
                socket.send_fds(ours, [b"job"], [fd])
                jobs[pid][0] = job_id
                return
            except OSError:
                continue
            finally:
                ours.close()

    while len(spares) < SPARES:
        make_spare()
    while True:
        for key, _ in sel.select(5.0):
            if key.fd == wake_r:
                try:
                    os.read(wake_r, 4096)
                except BlockingIOError:
                    pass
                continue
            try:
                data, fds, _flags, _addr = socket.recv_fds(ctl, 4096, 1)
            except InterruptedError:
                continue
            except OSError:
                data, fds = b"", []
            if not data:
                os._exit(0)       # the service went away: so do we (and, via PDEATHSIG, the jobs)
            try:
                req = json.loads(data)
            except ValueError:
                req = {}
            if "cancel" in req:   # the service gave up on a job: end it (S is its pidns's init: all of it dies)
                for pid, (job_id, _) in jobs.items():
                    if job_id is not None and job_id == req["cancel"]:
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
            for fd in fds:
                dispatch(str(req.get("job")), fd)
                os.close(fd)
        try:   # reap finished jobs; their uids become free only now (S and its pidns are gone)
            while True:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                if any(sp[0] == pid for sp in spares):   # a spare died before it got a job
                    spares[:] = [sp for sp in spares if sp[0] != pid]
                    time.sleep(0.05)                     # do not spin if that keeps happening
                jobs.pop(pid, None)
        except ChildProcessError:
            pass
        while len(spares) < SPARES:
            make_spare()


if __name__ == "__main__":
    sys.exit(main())
