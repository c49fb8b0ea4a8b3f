"""The seccomp filter every job's supervisor installs before it receives its job (so every
student process runs under it; nothing of the student's runs before it).

Built once in the zygote with ``pyseccomp`` (ctypes over Debian's libseccomp2), which must be
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

try:  # the zygote puts pyseccomp's directory on sys.path just for this import
    import pyseccomp as sc
except ImportError:   # reported as a missing "seccomp" feature, never silently
    sc = None

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


def build() -> bytes | None:
    """The compiled BPF program (libseccomp's export), or None if pyseccomp/libseccomp is missing.

    Compiled once here; each job's supervisor then installs these bytes with one prctl
    instead of having libseccomp rebuild the program per job."""
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
