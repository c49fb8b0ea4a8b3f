"""The file system student code sees: built from an allow-list, never by hiding a deny-list.

Once, in the zygote (inside its private mount namespace): a fresh, small tmpfs becomes the new
root; only the listed host paths are bind-mounted into it read-only (the Python installation,
the shared libraries it loads, ``/etc/ld.so.cache``, a few device nodes), then ``pivot_root``
and the old root is detached.  Anything not listed -- /work, /root's other contents, /home,
/opt, /srv, /var, /etc, the repository, service sockets -- does not exist for a job.

Per job, in its supervisor (pid 1 of the job's own pid namespace, in its own mount namespace):
a private tmpfs with byte and inode limits becomes /tmp (and the working directory), and a
fresh /proc shows only the job's processes.  Both vanish with the job's namespaces.
"""
import ctypes
import os
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME = 32, 1024, 2048
MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME = 4096, 16384, 1 << 18, 1 << 21
MNT_DETACH = 2
_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine)

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
_libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]

# Host paths visible (read-only) besides the Python prefix; LEARNFLOW_SANDBOX_ALLOW adds more.
ALLOWED = ("/usr/lib", "/usr/lib64", "/usr/share/zoneinfo", "/etc/ld.so.cache")
DEVICES = ("null", "zero", "full", "random", "urandom")
SYMLINKS = ("lib", "lib64", "lib32", "libx32")     # usr-merged systems: /lib -> usr/lib


def _check(rc: int, what: str) -> None:
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def mount(src, target, fstype, flags, data=None) -> None:
    _check(_libc.mount(src and src.encode(), target.encode(), fstype and fstype.encode(), flags,
                       data and data.encode()), f"mount {target}")


def _is_under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def allowed_paths(extra=()) -> list[str]:
    """Real paths of what a job may see; nested entries are dropped (their parent covers them)."""
    wanted = [sys.base_prefix, *ALLOWED, *extra]
    real = [os.path.realpath(p) for p in wanted if p and os.path.exists(p)]
    real = list(dict.fromkeys(real))
    return sorted(p for p in real if not any(p != o and _is_under(p, o) for o in real))


def _remount_readonly(path: str) -> None:
    """Read-only bind; keeps the flags the kernel locked on the source (needed in a user namespace)."""
    have = os.statvfs(path).f_flag
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY
    for st, ms in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                   (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME)):
        if have & st:
            flags |= ms
    mount(None, path, None, flags)


def _bind(src: str, dst: str, readonly: bool = True) -> None:
    if os.path.isdir(src):
        os.makedirs(dst, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "a"):
            pass
    mount(src, dst, None, MS_BIND | MS_REC)
    if readonly:
        _remount_readonly(dst)


def build_root(allow: list[str]) -> None:
    """Make a new root holding only ``allow`` (+ /dev nodes, /proc, /tmp) and pivot into it.

    Must run in a private mount namespace with CAP_SYS_ADMIN over it (root, or root of a user
    namespace).  The staging mount point is one that holds none of the allowed paths.
    """
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    stage = next(p for p in ("/mnt", "/media", "/srv", "/tmp", "/opt")
                 if os.path.isdir(p) and not os.path.islink(p) and not any(_is_under(a, p) for a in allow))
    mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m,nr_inodes=4096")
    for path in allow:
        _bind(path, stage + path)
    for name in SYMLINKS:
        if os.path.islink("/" + name) and not os.path.lexists(stage + "/" + name):
            os.symlink(os.readlink("/" + name), stage + "/" + name)
    for name in DEVICES:
        if os.path.exists("/dev/" + name):
            _bind("/dev/" + name, f"{stage}/dev/{name}", readonly=False)
    os.symlink("/tmp", stage + "/dev/shm")        # multiprocessing's semaphores land in the job's tmpfs
    for name in ("tmp", "proc", "etc"):
        os.makedirs(f"{stage}/{name}", mode=0o755, exist_ok=True)
    # A full /proc must stay mounted somewhere in this namespace: the kernel lets a user
    # namespace mount a new procfs (each job's) only where one is already fully visible.
    # Every job covers it with its own before any student code runs.
    mount("/proc", stage + "/proc", None, MS_BIND | MS_REC)
    os.chdir(stage)
    _check(_libc.syscall(_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach old root")
    os.chdir("/")
    mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def enter_job_fs(uid: int, tmp_mb: int, tmp_inodes: int, rootless: bool = False) -> None:
    """In the job's supervisor (pid 1 of the job's pid namespace): own mount namespace, own /proc,
    own size- and inode-limited /tmp owned by the job uid.

    Without root the /proc of the job's pid namespace (owned by the zygote's user namespace) is
    mounted first, while the supervisor still holds the zygote's capabilities; then the job's nested
    user namespace (``jail.enter_job_userns``), in which the job uid exists, and a mount namespace of
    its own for the /tmp tmpfs owned by that uid."""
    from .jail import CLONE_NEWNS, enter_job_userns, unshare
    unshare(CLONE_NEWNS)
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")
    if rootless:
        enter_job_userns(uid)
        unshare(CLONE_NEWNS)
    mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
          f"mode=0700,uid={uid},gid={uid},size={tmp_mb}m,nr_inodes={tmp_inodes}")
