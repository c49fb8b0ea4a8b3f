"""A process that runs student code, forked by the supervisor, and the supervisor's ends of its pipes.

In the child, in this order: own process group, fds 0-4 only, the job's working directory and a
minimal environment, setrlimit, the job uid without groups or capabilities (no_new_privs), then
the entry point (``child.main_*``).  The seccomp filter is inherited from the supervisor.
"""
import fcntl
import os
import signal
import time

from . import jail, protocol


MB = 1024 * 1024
# An object of exactly the budget must fit: malloc maps it with a header, rounded up to whole pages.
# (Before, free space that happened to lie at the top of the inherited heap gave this room by luck, so
# whether a 50 MB object fit a 50 MB budget depended on the zygote's heap layout.)
ALLOCATOR_SLACK = 256 * 1024


def _vm_size() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


class StudentProc:
    """A student process and the supervisor's ends of its pipes."""

    def __init__(self, job: dict, workdir: str, entry, stdin: str = ""):
        lim = job["limits"]
        self.uid = job["uid"]
        fd_in = os.memfd_create("stdin", 0)
        os.write(fd_in, stdin.encode("utf-8", "surrogatepass"))
        os.lseek(fd_in, 0, 0)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        self.started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # ---------------- student process
            try:
                jail.prctl(jail.PR_SET_PDEATHSIG, signal.SIGKILL)
                os.setpgid(0, 0)      # own process group: killpg ends its test children too
                signal.signal(signal.SIGPIPE, signal.SIG_DFL)
                for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
                    signal.signal(sig, signal.SIG_DFL)
                high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100) for fd in (fd_in, out_w, err_w, req_r, resp_w)]
                for target, fd in enumerate(high):
                    os.dup2(fd, target, inheritable=True)
                os.closerange(5, 65536)
                os.chdir(workdir)
                os.environ.clear()
                os.environ.update({"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": workdir, "TMPDIR": workdir,
                                   "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
                os.umask(0o077)
                budget = lim["memory_mb"] * MB
                jail.apply_limits(lim["cpu_seconds"], _vm_size() + budget + ALLOCATOR_SLACK if budget > 0 else 0,
                                  lim["max_processes"], lim["max_file_bytes"], lim["max_open_files"])
                jail.drop_privileges(self.uid)
                entry()
            finally:
                os._exit(70)
        for fd in (fd_in, out_w, err_w, req_r, resp_w):
            os.close(fd)
        self.pid = pid
        self.out, self.err, self.req, self.resp = out_r, err_r, req_w, resp_r
        self.reader = protocol.FrameReader()
        self.exit_status = None
        self.rusage = None

    def close(self):
        for name in ("out", "err", "req", "resp"):
            self.close_fd(name)

    def close_fd(self, name: str) -> None:
        """Close one of our pipe ends once (a second close could hit a reused fd number)."""
        fd = getattr(self, name)
        if fd >= 0:
            setattr(self, name, -1)
            try:
                os.close(fd)
            except OSError:
                pass

    def reap(self, block: bool) -> bool:
        if self.exit_status is not None:
            return True
        try:
            pid, status, ru = os.wait4(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            self.exit_status = 0
            return True
        if pid == 0:
            return False
        self.exit_status, self.rusage = status, ru
        return True
