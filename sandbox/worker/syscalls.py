"""The seccomp filter every job's supervisor installs before it receives its job (so every
student process runs under it; nothing of the student's runs before it).

Built once, in a short-lived child of the zygote (``build_in_child``), with ``pyseccomp`` (ctypes over Debian's libseccomp2), which must be
imported while the host file system is still visible (it locates libseccomp with ldconfig).
Default action: allow; the listed calls fail with EPERM (Python raises PermissionError, the
harness reports normally) rather than killing the process:

- namespaces: unshare, setns, clone with any CLONE_NEW* flag, clone3 (ENOSYS, so glibc falls
  back to clone(2), whose flags a filter *can* inspect) -- no nested user namespace with
  capabilities, no private mounts;
- mount family (mount, umount2, pivot_root, chroot, the new fsopen/fsmount/move_mount API);
- introspection of other processes and the kernel: ptrace, process_vm_readv/writev,
  perf_event_open, bpf, userfaultfd, io_uring, kcmp, keyctl/add_key/request_key, syslog;
- machine administration: kexec, (f)init/delete_module, reboot, swapon/off, acct, quotactl,
  clock/time setting, personality, open_by_handle_at;
- sockets of any family but AF_UNIX (AF_INET/INET6/VSOCK/NETLINK/PACKET...): only
  socketpairs and the job's own Unix sockets remain (the network namespace has no route anyway).
"""
import ctypes
import errno
import os
import socket



def _pyseccomp():
    """pyseccomp, from the directory the service names (the zygote runs ``python -I``), or None:
    reported as a missing "seccomp" feature, never silently."""
    import sys
    where = os.environ.get("LEARNFLOW_SANDBOX_PYSECCOMP", "")
    if where and where not in sys.path:
        sys.path.append(where)
    try:
        import pyseccomp
    except (ImportError, RuntimeError):   # RuntimeError: libseccomp itself is missing
        return None
    return pyseccomp

DENIED = (
    "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "fsopen", "fsconfig", "fsmount",
    "fspick", "move_mount", "open_tree", "mount_setattr",
    "ptrace", "process_vm_readv", "process_vm_writev", "perf_event_open", "bpf", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register", "kcmp", "keyctl", "add_key", "request_key",
    "syslog", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "personality", "open_by_handle_at", "name_to_handle_at", "lookup_dcookie", "vhangup", "iopl", "ioperm",
    "pidfd_getfd",
)
CLONE_NS_FLAGS = (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000, 0x00000080)
#                 NEWNS       NEWCGROUP   NEWUTS      NEWIPC      NEWUSER     NEWPID      NEWNET      NEWTIME


def build_in_child() -> bytes | None:
    """``build()`` in a short-lived child process: the zygote gets the program's bytes but never loads
    pyseccomp, libseccomp and what ctypes.util pulls in (subprocess, shutil, zlib, bz2, lzma...).  Every
    job process is forked from the zygote, so each library and heap page it does not hold is one fewer to
    copy per fork (about 40 of its ~180 memory mappings)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            program = build() or b""
            view = memoryview(program)
            while view:
                view = view[os.write(w, view):]
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    program = b"".join(chunks)
    if status != 0 or not program or len(program) % 8:
        return None
    return program


def build() -> bytes | None:
    """The compiled BPF program (libseccomp's export), or None if pyseccomp/libseccomp is missing.

    Compiled once; each job's supervisor then installs these bytes with one prctl
    instead of having libseccomp rebuild the program per job."""
    sc = _pyseccomp()
    if sc is None:
        return None
    f = sc.SyscallFilter(defaction=sc.ALLOW)
    deny = sc.ERRNO(errno.EPERM)
    for name in DENIED:
        try:
            f.add_rule(deny, name)
        except (ValueError, RuntimeError, OSError):   # not a syscall on this architecture
            pass
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    for bit in CLONE_NS_FLAGS:
        f.add_rule(deny, "clone", sc.Arg(0, sc.MASKED_EQ, bit, bit))
    for name in ("socket", "socketpair"):
        f.add_rule(deny, name, sc.Arg(0, sc.NE, socket.AF_UNIX))
    fd = os.memfd_create("seccomp-bpf")
    try:
        with os.fdopen(os.dup(fd), "rb") as fh:
            f.export_bpf(fh)
            fh.seek(0)
            return fh.read()
    finally:
        os.close(fd)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
_libc = ctypes.CDLL(None, use_errno=True)


def load(program: bytes) -> None:
    """Install the program in this process (needs PR_SET_NO_NEW_PRIVS, set by drop_privileges)."""
    buf = ctypes.create_string_buffer(program, len(program))
    prog = _SockFprog(len(program) // 8, ctypes.addressof(buf))
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp: {os.strerror(err)}")
