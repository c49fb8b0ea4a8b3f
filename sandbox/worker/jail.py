"""Isolation primitives: namespaces and mounts (once, in the zygote) and the per-process drop
of privileges and resource limits (in every process that runs student code).

Layers, outermost first:
1. ``unshare(CLONE_NEWNET | CLONE_NEWNS)`` (and NEWIPC/NEWUTS) in the zygote: a network namespace with only a
   *down* loopback (every connect, including to 127.0.0.1 and DNS, fails with ENETUNREACH) and a
   private mount namespace in which the host's sensitive trees are covered by empty tmpfs
   mounts (repo, /work, /root, /home, /tmp, /run, /var/tmp, /dev/shm, ...).  Covering /tmp and
   /run also hides Unix sockets (PostgreSQL, Kafka helpers), which a network namespace alone
   would not.  The Python installation is re-bound read-only so the stdlib stays importable.
   /proc is remounted with ``hidepid=2`` so a job sees only its own processes.
2. A unique unprivileged uid/gid per job (not 0, not shared with any other concurrent job),
   ``setgroups([])``: root-only files (/etc/shadow) are unreadable, other jobs' and the
   service's processes cannot be signalled, and RLIMIT_NPROC counts only this job's processes.
3. setrlimit: CPU seconds, address space, processes, file size, open files, no core files.
If the namespaces are unavailable (not root), ``enter_namespaces`` reports what failed and the
other layers still apply; the Sandbox exposes this as ``isolation``.
"""
import ctypes
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUTS = 0x04000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_DUMPABLE = 4

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
_libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]

# Trees covered by an empty tmpfs inside the sandbox (only those that exist are touched).
DEFAULT_HIDDEN = ("/root", "/home", "/work", "/srv", "/mnt", "/media", "/opt", "/tmp", "/var/tmp",
                  "/var/lib", "/var/log", "/var/run", "/run", "/dev/shm", "/var/mail", "/var/spool")
JOB_ROOT = "/tmp"          # a fresh tmpfs after enter_namespaces; job dirs are created inside
BASE_UID = 200000          # job uids are BASE_UID + n: no passwd entry, no files on the host
UID_BLOCK = 1000           # each zygote owns one block of uids (see claim_uid_block)
UID_BLOCKS = 800
LOCK_DIR = "/tmp/learnflow-sandbox-uids"


def claim_uid_block() -> tuple[int, int]:
    """Reserve a block of job uids for this zygote, exclusive among all zygotes on the host.

    Job uids must never be shared by two live jobs: the end-of-job sweep kills *every* process of
    the uid.  Several services (and tests) run their own zygotes, so each holds an flock on one
    block's lock file for its whole life (released by the kernel when it dies).  Must run before
    the host /tmp is hidden; returns (first uid, lock fd).
    """
    import fcntl
    import random
    os.makedirs(LOCK_DIR, mode=0o700, exist_ok=True)
    start = random.randrange(UID_BLOCKS)
    for k in range(UID_BLOCKS):
        block = (start + k) % UID_BLOCKS
        fd = os.open(os.path.join(LOCK_DIR, f"block-{block}.lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        first = BASE_UID + block * UID_BLOCK
        _kill_leftovers(first, first + UID_BLOCK)
        return first, fd
    raise RuntimeError("no free sandbox uid block")


def _kill_leftovers(lo: int, hi: int) -> None:
    """Kill processes a dead previous owner of this uid block left behind (e.g. a daemonised
    grandchild that outlived a crashed zygote)."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            uid = os.stat(f"/proc/{name}").st_uid
            if lo <= uid < hi:
                os.kill(int(name), 9)
        except OSError:
            pass


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(src, target, fstype, flags, data=None) -> None:
    _check(_libc.mount(src and src.encode(), target.encode(), fstype and fstype.encode(), flags,
                       data and data.encode()), f"mount {target}")


def prctl(option: int, arg: int) -> None:
    _libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def enter_namespaces(extra_hidden=(), tmp_size_mb: int = 256) -> list[str]:
    """Move this process into new network + mount namespaces and hide the host's trees.

    Returns the list of isolation features in force (for the health report).  Must be called
    before any student code exists; children forked later inherit everything.
    """
    features = []
    if os.geteuid() != 0:
        return features
    _check(_libc.unshare(CLONE_NEWNET), "unshare(net)")
    features.append("netns")
    if _libc.unshare(CLONE_NEWIPC | CLONE_NEWUTS) == 0:   # SysV IPC / hostname: best effort
        features.append("ipcns")
    _check(_libc.unshare(CLONE_NEWNS), "unshare(mnt)")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    features.append("mntns")

    keep = os.path.realpath(sys.base_prefix)   # the stdlib; site-packages are not needed
    hidden = [p for p in dict.fromkeys(list(DEFAULT_HIDDEN) + list(extra_hidden))
              if os.path.isdir(p) and not os.path.islink(p) and p != JOB_ROOT]
    # a tree inside another hidden tree is already covered (and vanishes once its parent is); so is
    # anything under the job root, which gets its own fresh tmpfs (e.g. a checkout in /tmp)
    hidden = [p for p in hidden if not any(p != o and _is_under(p, o) for o in hidden)
              and not _is_under(p, JOB_ROOT)]
    # The job root gets its fresh tmpfs first; it doubles as the staging area for the
    # interpreter tree when that lives under a hidden tree (pyenv in /root, a venv in /work).
    _mount("tmpfs", JOB_ROOT, "tmpfs", MS_NOSUID | MS_NODEV, f"mode=0711,size={tmp_size_mb}m,nr_inodes=16384")
    stage = None
    if any(_is_under(keep, h) for h in hidden):
        stage = os.path.join(JOB_ROOT, ".stage")
        os.mkdir(stage, 0o700)
        _mount(keep, stage, None, MS_BIND | MS_REC)
    for h in sorted(hidden, key=len):
        _mount("tmpfs", h, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m,nr_inodes=1024")
    if stage:
        os.makedirs(keep, exist_ok=True)
        _mount(stage, keep, None, MS_BIND | MS_REC)
        try:
            _mount(None, keep, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID)
        except OSError:
            pass
        _check(_libc.umount2(stage.encode(), 2), "umount stage")  # MNT_DETACH
        os.rmdir(stage)
    features.append("hidden-fs")
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV, "hidepid=2")
        features.append("hidepid")
    except OSError:
        pass
    return features


def apply_limits(cpu_seconds: float, address_space: int, max_processes: int, max_file_bytes: int,
                 max_open_files: int) -> None:
    """setrlimit for the student process (inherited by anything it forks)."""
    cpu = max(1, int(cpu_seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if address_space > 0:
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_NPROC, (max_processes, max_processes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
    resource.setrlimit(resource.RLIMIT_NOFILE, (max_open_files, max_open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        resource.setrlimit(resource.RLIMIT_MEMLOCK, (0, 0))
        resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))
    except (ValueError, OSError):
        pass


def drop_privileges(uid: int) -> None:
    """Become ``uid``/``uid`` with no supplementary groups; no way back (no_new_privs)."""
    if os.geteuid() == 0:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    prctl(PR_SET_NO_NEW_PRIVS, 1)


def kill_uid(uid: int, rounds: int = 4) -> None:
    """SIGKILL every process owned by ``uid`` (a whole job, including escaped grandchildren).

    A short-lived helper becomes ``uid`` and calls ``kill(-1, SIGKILL)``, which reaches exactly
    the processes that uid may signal: its own.  Repeated a few times, so a fork bomb racing
    the kill still ends (RLIMIT_NPROC keeps the number of processes small).  Only meaningful when we are root (unique job uids).
    """
    if os.geteuid() != 0:
        return   # unprivileged fallback: the supervisor's killpg of the student's group is all we have
    pid = os.fork()
    if pid == 0:
        try:
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            # A few rounds: processes forked while the first round ran are caught by the
            # next.  (Not "until ESRCH": killed-but-unreaped zombies still count as targets.)
            for _ in range(rounds):
                try:
                    os.kill(-1, 9)
                except ProcessLookupError:
                    break
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
