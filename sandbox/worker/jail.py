"""Isolation primitives: namespaces (once, in the zygote; per job, in its supervisor) and the
per-process drop of privileges and resource limits (in every process that runs student code).

Layers, outermost first:
1. Without root, ``enter_userns`` first makes the zygote root of a new user namespace (its own
   uid mapped to 0, as bubblewrap/nsjail do), which grants the capabilities for everything below
   inside that namespace only.
2. ``unshare(CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS)`` in the zygote: a network
   namespace with only a *down* loopback (every connect, including to 127.0.0.1 and DNS, fails)
   and a private mount namespace in which ``rootfs.build_root`` pivots into an allow-listed root.
3. Per job: a new pid namespace (``new_pidns_for_next_child`` in the zygote, which forks the
   supervisor straight into it as its pid 1 and then ``restore_pidns``; a job sees and signals only
   its own processes and all of them die with it), then in the supervisor a mount namespace with the
   job's own /tmp tmpfs and /proc and, under no root, a nested user namespace that maps the job's
   uid (``enter_job_userns``: so RLIMIT_NPROC counts per job).
4. The student process: a unique unprivileged uid/gid per job, no supplementary groups, no
   capabilities, ``PR_SET_NO_NEW_PRIVS``, the seccomp filter (``syscalls``) and setrlimit.
"""
import ctypes
import os
import resource
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
SECURE_ALL_LOCKED = 0x3f | 0xc0     # NOROOT, NO_SETUID_FIXUP, KEEP_CAPS (+ their locks), NO_CAP_AMBIENT_RAISE(+lock)

_libc = ctypes.CDLL(None, use_errno=True)

JOB_ROOT = "/tmp"          # each job's own tmpfs (see rootfs.enter_job_fs)
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


def unshare(flags: int) -> None:
    _check(_libc.unshare(flags), f"unshare({flags:#x})")


def prctl(option: int, arg: int) -> int:
    return _libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


def _map_ids(inside: int, outside: int) -> None:
    """Map one uid/gid: the only mapping an unprivileged process may write itself."""
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{inside} {outside} 1\n")
    _write("/proc/self/gid_map", f"{inside} {outside} 1\n")


def enter_userns() -> None:
    """Without root: become root of a new user namespace (host uid -> 0)."""
    uid, gid = os.geteuid(), os.getegid()
    unshare(CLONE_NEWUSER)
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"0 {uid} 1\n")
    _write("/proc/self/gid_map", f"0 {gid} 1\n")


def enter_namespaces() -> list[str]:
    """Move this process into new network, IPC/UTS and mount namespaces (the caller then builds
    the allow-listed root).  Returns the features in force."""
    unshare(CLONE_NEWNET)
    features = ["netns"]
    unshare(CLONE_NEWIPC | CLONE_NEWUTS)
    features.append("ipcns")
    unshare(CLONE_NEWNS)
    features.append("mntns")
    return features


_libc.setns.argtypes = [ctypes.c_int, ctypes.c_int]


def become_pidns_init() -> None:
    """Once, in the zygote (after its user namespace, if any): continue as pid 1 of a new pid
    namespace owned by the zygote's user namespace.  The calling process stays behind as a keeper
    that only waits for it and exits with its status.  Needed so that the zygote may switch its
    children's pid namespace back after each job (``restore_pidns``: setns to a pid namespace takes
    CAP_SYS_ADMIN over its owner, which the rootless zygote has only over its own)."""
    unshare(CLONE_NEWPID)
    pid = os.fork()
    if pid == 0:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        return
    os.closerange(0, 65536)     # the control socket and stdout belong to the zygote
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            os._exit(1)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def own_pidns_fd() -> int:
    """An fd for the caller's active pid namespace (``restore_pidns`` goes back to it)."""
    return os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)


def new_pidns_for_next_child() -> None:
    """In the zygote, per job: the next fork is pid 1 of a fresh pid namespace (its supervisor), with
    no intermediate process.  Undo with ``restore_pidns`` right after the fork."""
    unshare(CLONE_NEWPID)


def restore_pidns(fd: int) -> None:
    """Children of the caller are created in its own pid namespace again (so the next
    ``new_pidns_for_next_child`` may unshare anew)."""
    _check(_libc.setns(fd, CLONE_NEWPID), "setns(pid)")


def enter_job_userns(uid: int) -> None:
    """Without root, in the job's supervisor: a nested user namespace in which the job uid maps to the
    zygote's single id: capabilities stay inside it, and RLIMIT_NPROC counts (per user namespace)
    only this job's processes, as the distinct uids do under root."""
    unshare(CLONE_NEWUSER)
    _map_ids(uid, 0)


def drop_capabilities() -> None:
    """Clear every capability for good (the root-in-a-user-namespace case): bounding set,
    ambient set, securebits so that no uid change or exec can bring them back, then capset(0)."""
    prctl(PR_SET_SECUREBITS, SECURE_ALL_LOCKED)
    for cap in range(64):
        if prctl(PR_CAPBSET_DROP, cap) != 0 and ctypes.get_errno() == 22:   # EINVAL: past the last cap
            break
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)        # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()                       # effective/permitted/inheritable x 2 words
    _check(_libc.capset(header, data), "capset")


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
    """Become ``uid``/``uid`` with no supplementary groups and no capabilities; no way back."""
    if os.geteuid() == 0:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)       # leaves no capability (no keep-caps)
    else:
        drop_capabilities()               # already the job uid, in the job's own user namespace
    prctl(PR_SET_NO_NEW_PRIVS, 1)


def kill_job(rounds: int = 4) -> None:
    """SIGKILL every other process of this pid namespace (called by its pid 1, the supervisor):
    the whole job, including escaped grandchildren and threads.  Repeated a few times so a fork
    bomb racing the kill still ends; then reap what was reparented to us."""
    for _ in range(rounds):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            break
    reap_orphans()


def reap_orphans() -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass
