"""Issue 14's sandbox attacks, each shown to fail (in both worker modes, root and unprivileged):
another job's data in inherited memory, one job starving the others' disk, the denied
syscalls, the host file system outside the allow-list."""
import concurrent.futures
import re
import uuid

import pytest

from sandbox import TestCase

# Scans every private readable mapping of its own process for "LFMARK-<32 hex>" and prints the
# hex parts found.  Its own source holds only the prefix, never a full marker -- except OWN, the
# positive control that proves the scan sees the heap at all.
SCANNER = r'''
import ctypes, re
OWN = "LFMARK-%s"
found = set()
pat = re.compile(rb"LFMARK-([0-9a-f]{32})")
for line in open("/proc/self/maps"):
    parts = line.split()
    lo, hi = (int(x, 16) for x in parts[0].split("-"))
    path = parts[5] if len(parts) > 5 else ""
    if "r" not in parts[1] or path not in ("", "[heap]", "[stack]"):
        continue          # file mappings may end before the mapping does (SIGBUS); they hold no job data
    step = 1 << 20
    for start in range(lo, hi, step):
        chunk = ctypes.string_at(start, min(step + 64, hi - start))
        found.update(m.decode() for m in pat.findall(chunk))
print(sorted(found))
'''


def _marker() -> tuple[str, str]:
    h = uuid.uuid4().hex
    return h, "LFMARK-" + h


def _scan(sbx) -> set[str]:
    own, _ = _marker()
    r = sbx.run(SCANNER % own)
    assert r.status == "ok", r
    found = set(eval(r.stdout))   # a list of hex strings printed by the scanner
    assert own in found           # the scan does read this process's memory
    return found - {own}


def test_no_earlier_job_data_in_a_later_jobs_memory(sbx):
    marks = {name: _marker() for name in ("run-code", "run-stdin", "code", "setup", "call", "stdin", "expected")}
    keep = {name: m for name, (_, m) in marks.items()}
    r = sbx.run(f"x = input()\ny = {keep['run-code']!r}\nprint(len(x + y))\n", stdin=keep["run-stdin"] + "\n")
    assert r.status == "ok"
    g = sbx.grade(f"SECRET = {keep['code']!r}\ndef f(s):\n    return len(s)\n",
                  [TestCase("1", "call", f"f({keep['call']!r})", "39"),
                   TestCase("2", "call", "f(SETUP)", repr(keep["expected"])),
                   TestCase("3", "stdout", "print(input()[:6])", "LFMARK", stdin=keep["stdin"])],
                  setup_code=f"SETUP = {keep['setup']!r}\n")
    assert g.results[0].passed and g.results[2].passed       # the job really ran with all of it
    leaked = {name for name, (h, _) in marks.items() if h in _scan(sbx)}
    assert leaked == set()


def test_no_earlier_job_data_even_under_concurrency(sbx):
    """Jobs running side by side, then a scan: still nothing of the others."""
    marks = [_marker() for _ in range(4)]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda m: sbx.run(f"import time\ns = {m[1]!r}\ntime.sleep(0.2)\n"), marks))
    found = _scan(sbx)
    assert not any(h in found for h, _ in marks)


# ---- per-job file-system quota ---------------------------------------------------------------

FACTORIAL = "def factorial(n):\n    return 1 if n < 2 else n * factorial(n - 1)\n"
FACTORIAL_TESTS = [TestCase(str(i), "call", f"factorial({n})", str(v))
                   for i, (n, v) in enumerate([(0, 1), (1, 1), (5, 120), (10, 3628800)])]


@pytest.mark.parametrize("hog", [
    "import os, time\nn = 0\ntry:\n    for i in range(16382):\n        os.mkdir(f'd{i}')\n        n += 1\n"
    "except OSError as e:\n    print('stopped', n, e.errno, flush=True)\ntime.sleep(0.8)\n",
    "import os, time\nn = 0\ntry:\n    while True:\n        with open(f'f{n}', 'wb') as fh:\n"
    "            fh.write(b'x' * 1000000)\n        n += 1\nexcept OSError as e:\n    print('stopped', n, e.errno, flush=True)\n"
    "time.sleep(0.8)\n",
], ids=["16k-mkdir", "fill-bytes"])
def test_one_job_filling_its_disk_does_not_fail_others(sbx, hog):
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        hogs = [pool.submit(sbx.run, hog) for _ in range(2)]
        grades = [pool.submit(sbx.grade, FACTORIAL, FACTORIAL_TESTS) for _ in range(4)]
        results = [g.result() for g in grades]
        hogged = [h.result() for h in hogs]
    assert [(g.status, g.passed, g.total) for g in results] == [("ok", 4, 4)] * 4
    for h in hogged:   # the hog hit its own quota (ENOSPC), not someone else's
        assert re.match(r"stopped \d+ 28\n", h.stdout), h


# ---- seccomp -----------------------------------------------------------------------------------

LIBC = "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"


def _syscall(expr: str) -> str:
    return LIBC + f"r = {expr}\nprint(r, ctypes.get_errno())\n"


DENIED = {
    "unshare-user": (_syscall("libc.unshare(0x10000000)"), "-1 1"),
    "unshare-mount": (_syscall("libc.unshare(0x00020000)"), "-1 1"),
    "clone-newuser": (_syscall("libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)"), "-1 1"),
    "clone-newnet": (_syscall("libc.syscall(56, 0x40000000 | 17, 0, 0, 0, 0)"), "-1 1"),
    "clone3": (_syscall("libc.syscall(435, 0, 0)"), "-1 38"),
    "setns": (_syscall("libc.setns(0, 0)"), "-1 1"),
    "mount-tmpfs": (_syscall("libc.mount(b'x', b'/tmp', b'tmpfs', 0, None)"), "-1 1"),
    "umount": (_syscall("libc.umount2(b'/proc', 2)"), "-1 1"),
    "pivot_root": (_syscall("libc.syscall(155, b'/tmp', b'/tmp')"), "-1 1"),
    "ptrace": (_syscall("libc.ptrace(0, 0, 0, 0)"), "-1 1"),
    "process_vm_readv": (_syscall("libc.syscall(310, 1, 0, 0, 0, 0, 0)"), "-1 1"),
    "bpf": (_syscall("libc.syscall(321, 0, 0, 0)"), "-1 1"),
    "keyctl": (_syscall("libc.syscall(250, 0, 0, 0, 0, 0)"), "-1 1"),
    "add_key": (_syscall("libc.syscall(248, b'user', b'k', b'v', 1, -2)"), "-1 1"),
    "request_key": (_syscall("libc.syscall(249, b'user', b'k', 0, 0)"), "-1 1"),
    "perf_event_open": (_syscall("libc.syscall(298, 0, 0, -1, -1, 0)"), "-1 1"),
    "kexec_load": (_syscall("libc.syscall(246, 0, 0, 0, 0)"), "-1 1"),
    "init_module": (_syscall("libc.syscall(175, 0, 0, b'')"), "-1 1"),
    "personality": (_syscall("libc.personality(0x0040000)"), "-1 1"),
    "userfaultfd": (_syscall("libc.syscall(323, 0)"), "-1 1"),
    "io_uring_setup": (_syscall("libc.syscall(425, 1, 0)"), "-1 1"),
}


@pytest.mark.parametrize("name", sorted(DENIED))
def test_denied_syscalls_fail_with_an_error(healthy, name):
    code, expected = DENIED[name]
    r = healthy.run(code)
    assert r.status == "ok" and r.stdout == expected + "\n", r


@pytest.mark.parametrize("family", ["AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET", "AF_VSOCK"])
def test_only_unix_sockets(healthy, family):
    r = healthy.run(f"import socket\ns = socket.socket(socket.{family}, socket.SOCK_DGRAM if socket.{family} != "
                    f"socket.AF_PACKET else socket.SOCK_RAW)\n")
    assert r.status == "exception" and r.exception_type == "PermissionError" and r.line == 2, r


def test_what_student_code_needs_still_works(healthy):
    """Threads (clone3 -> ENOSYS, glibc falls back to clone), fork, Unix socketpairs, no capabilities."""
    code = ("import os, socket, threading\nout = []\nt = threading.Thread(target=lambda: out.append(1))\nt.start()\nt.join()\n"
            "a, b = socket.socketpair()\na.send(b'hi')\npid = os.fork()\nif pid == 0:\n    os._exit(7)\n"
            "_, st = os.waitpid(pid, 0)\ncap = [l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1]\n"
            "print(out, b.recv(2), os.waitstatus_to_exitcode(st), cap, os.getuid() != 0)\n")
    r = healthy.run(code)
    assert r.stdout == "[1] b'hi' 7 0000000000000000 True\n", r


# ---- the file system is an allow-list ----------------------------------------------------------

def test_only_allow_listed_paths_are_visible(healthy):
    code = ("import os, sys\nprint(sorted(os.listdir('/')))\n"
            "print([p for p in ['/work', '/home', '/opt', '/srv', '/var', '/mnt', '/media', '/boot', '/run', '/sys',"
            " '/farm', '/old_root', '/etc/passwd', '/etc/shadow', '/etc/hosts', '/.dockerenv', '/container_info.json',"
            " '/usr/bin', '/usr/local', '/usr/sbin', '/bin/sh', '/dev/sda', '/dev/kmsg'] if os.path.lexists(p)])\n"
            "print(sorted(os.listdir('/etc')), sorted(os.listdir('/dev')), sorted(os.listdir('/usr')))\n"
            "p = os.path.realpath(sys.base_prefix).split('/')\n"
            "print(all(os.listdir('/'.join(p[:i])) == [p[i]] for i in range(2, len(p) - 1)))\n")
    r = healthy.run(code)
    top, hidden, listed, prefix_only = r.stdout.splitlines()
    assert set(eval(top)) <= {"dev", "etc", "lib", "lib64", "proc", "tmp", "usr", "root"}
    assert hidden == "[]"
    etc, dev, usr = listed.split("] [")
    assert set(eval(etc + "]")) <= {"ld.so.cache"}
    assert set(eval("[" + dev + "]")) == {"null", "zero", "full", "random", "urandom", "shm"}
    assert set(eval("[" + usr)) <= {"lib", "lib64", "share"}
    assert prefix_only == "True"     # the directories above the Python prefix hold nothing else


def test_proc_shows_only_the_job(healthy):
    r = healthy.run("import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), os.getpid(), "
                    "os.path.exists('/proc/1/environ') and os.access('/proc/1/environ', os.R_OK))\n")
    assert r.stdout.endswith(" False\n")
    pids = eval(r.stdout.split("] ")[0] + "]")
    assert pids in ([int(r.stdout.split("] ")[1].split()[0])], [1, int(r.stdout.split("] ")[1].split()[0])])


def test_fails_closed_without_namespaces():
    """A worker that cannot create its namespaces refuses to start; it never runs code unisolated."""
    import asyncio
    import errno

    import pyseccomp

    from sandbox import Sandbox

    def no_unshare():
        f = pyseccomp.SyscallFilter(defaction=pyseccomp.ALLOW)
        f.add_rule(pyseccomp.ERRNO(errno.EPERM), "unshare")
        f.load()

    async def go():
        sb = Sandbox(preexec_fn=no_unshare)
        try:
            await sb.start()
        finally:
            await sb.close()
    with pytest.raises(RuntimeError, match="isolation unavailable.*unshare"):
        asyncio.run(go())
