"""Adversarial programs: each must end with a clear result, and the sandbox keeps serving
(the ``healthy`` fixture runs a normal program after every test)."""
import os
import socket
from pathlib import Path

import pytest

from sandbox import TestCase

REPO_FILE = Path(__file__).resolve()


# ---- resource exhaustion -------------------------------------------------------------------

def test_infinite_loop_times_out(healthy):
    r = healthy.run("while True:\n    pass\n")
    assert r.status == "timeout" and r.duration_ms < 4000


def test_sleeping_program_hits_wall_clock(healthy):
    r = healthy.run("import time\ntime.sleep(60)\n")
    assert r.status == "timeout" and 1500 < r.duration_ms < 4000


def test_fork_bomb_is_contained(healthy):
    r = healthy.run("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n")
    assert r.status in ("timeout", "killed", "ok")
    r2 = healthy.run("import os\npids = []\nfor i in range(100):\n    pids.append(os.fork())\n")
    assert r2.status in ("exception", "ok", "timeout", "killed")
    if r2.status == "exception":
        assert r2.exception_type in ("BlockingIOError", "OSError")


def test_memory_bomb(healthy):
    r = healthy.run("x = bytearray(400 * 1024 * 1024)\n")
    assert r.status == "memory_limit" and r.exception_type == "MemoryError" and r.line == 1
    r = healthy.run("chunks = []\nwhile True:\n    chunks.append('x' * 1_000_000)\n")
    assert r.status == "memory_limit"


def test_memory_limit_counts_from_baseline(healthy):
    """40 MB fits in the 50 MB budget even though the interpreter itself uses more."""
    r = healthy.run("x = bytearray(40 * 1024 * 1024)\nprint(len(x))\n")
    assert r.status == "ok" and r.stdout == f"{40 * 1024 * 1024}\n"


def test_huge_output_is_capped(healthy):
    r = healthy.run("while True:\n    print('spam' * 1000)\n")
    assert r.status == "output_limit" and len(r.stdout.encode()) <= 64 * 1024


def test_huge_output_in_grading(healthy):
    g = healthy.grade("def f():\n    while True:\n        print('x' * 10000)\n", [TestCase("1", "call", "f()", "1")])
    assert g.status == "output_limit" and g.passed == 0


def test_big_file_write_is_limited(healthy):
    r = healthy.run("with open('big', 'wb') as fh:\n    fh.write(b'x' * (50 * 1024 * 1024))\n")
    assert r.status in ("exception", "killed") and r.exception_type in (None, "OSError")


def test_threads_that_keep_running_are_stopped(healthy):
    code = ("import threading, time\ndef spin():\n    while True:\n        time.sleep(0.01)\n"
            "threading.Thread(target=spin).start()\nprint('main done')\n")
    r = healthy.run(code)
    assert r.stdout == "main done\n" and r.status in ("ok", "timeout")
    g = healthy.grade(code + "def f():\n    return 1\n", [TestCase("1", "call", "f()", "1")])
    assert g.passed == 1


# ---- network -------------------------------------------------------------------------------

def test_no_tcp_to_localhost(healthy):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        r = healthy.run(f"import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=1)\nprint('connected')\n")
    finally:
        server.close()
    assert r.status == "exception" and r.exception_type in ("PermissionError", "OSError", "ConnectionRefusedError",
                                                            "TimeoutError")
    assert "connected" not in r.stdout


def test_no_dns(healthy):
    r = healthy.run("import socket\nprint(socket.getaddrinfo('example.com', 80))\n")
    assert r.status == "exception" and r.exception_type == "gaierror"


def test_no_inet_sockets_and_no_network_namespace_exit(healthy):
    """seccomp refuses AF_INET sockets; under it, the network namespace has no route anyway."""
    r = healthy.run("import socket\ns=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.sendto(b'x', ('8.8.8.8', 53))\n")
    assert r.exception_type == "PermissionError" and r.line == 2
    assert "netns" in healthy.sb.features


# ---- host file system and secrets ------------------------------------------------------------

def test_runs_unprivileged(healthy):
    r = healthy.run("import os\nprint(os.getuid(), os.getgid(), os.getgroups())\n")
    uid, gid, groups = r.stdout.split(" ", 2)
    assert int(uid) != 0 and int(gid) != 0 and groups.strip() == "[]"


def test_cannot_read_shadow(healthy):
    r = healthy.run("print(open('/etc/shadow').read())\n")
    assert r.exception_type in ("FileNotFoundError", "PermissionError") and "root:" not in r.stdout


def test_cannot_read_repo_files(healthy):
    r = healthy.run(f"print(open({str(REPO_FILE)!r}).read()[:50])\n")
    assert r.exception_type in ("FileNotFoundError", "PermissionError")
    r = healthy.run("import os\nprint(os.path.exists('/work'), os.path.exists('/work/main'), os.path.exists('/work/shared'))\n")
    assert r.stdout == "False False False\n"


def test_parent_environment_is_not_visible(healthy):
    """The worker is started with a minimal environment; a secret in the service's env never reaches it."""
    os.environ["LEARNFLOW_TEST_SECRET"] = "s3cr3t-value"
    try:
        from sandbox import Sandbox
        import asyncio

        async def go():
            async with Sandbox() as sb:
                return await sb.run("import os, glob\nprint(dict(os.environ))\n"
                                    "for p in glob.glob('/proc/*/environ'):\n"
                                    "    try:\n        print(open(p, 'rb').read())\n    except OSError:\n        pass\n")
        r = asyncio.run(go())
    finally:
        del os.environ["LEARNFLOW_TEST_SECRET"]
    assert r.status == "ok" and "s3cr3t" not in r.stdout and "LEARNFLOW" not in r.stdout


def test_sees_only_own_processes(healthy):
    r = healthy.run("import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()) == [os.getpid()])\n")
    assert r.stdout == "True\n"


def test_cannot_write_outside_workdir(healthy):
    """/tmp is the job's own tmpfs (its working directory); everything else is read-only or absent."""
    code = ("import os\nfor p in ['/etc/evil', '/evil', '/work/evil', '/usr/lib/evil', '../evil', '/root/evil', '/proc/evil']:\n"
            "    try:\n        open(p, 'w').write('x')\n        print('WROTE', p)\n    except OSError as e:\n"
            "        print('no', p)\nopen('mine.txt', 'w').write('ok')\nprint(open('mine.txt').read())\n")
    r = healthy.run(code)
    assert "WROTE" not in r.stdout and r.stdout.endswith("ok\n")
    assert not Path("/tmp/evil").exists() and not Path("/work/evil").exists()


def test_workdir_is_fresh_every_run(healthy):
    healthy.run("open('left-behind.txt', 'w').write('x')\n")
    r = healthy.run("import os\nprint(os.listdir('.'))\n")
    assert r.stdout == "[]\n"


def test_symlink_tricks(healthy):
    code = ("import os\nos.symlink('/etc/shadow', 'sh')\nos.symlink(%r, 'repo')\nos.symlink('/', 'root')\n"
            "for p in ['sh', 'repo', 'root/etc/shadow', 'root/work/main/README.md', '../' * 8 + 'etc/shadow']:\n"
            "    try:\n        print('GOT:', p, open(p).read()[:20])\n    except OSError as e:\n        print('no', p, type(e).__name__)\n"
            % str(REPO_FILE))
    r = healthy.run(code)
    assert "GOT:" not in r.stdout and r.stdout.count("no ") == 5


# ---- attacking the harness -------------------------------------------------------------------

def test_kill_parent_and_process_group(healthy):
    for code in ("import os\nos.kill(os.getppid(), 9)\nprint('alive')\n",
                 "import os\nos.killpg(0, 9)\n",
                 "import os, signal\nos.kill(-1, signal.SIGKILL)\n",
                 "import os\nfor pid in range(1, 400):\n    try:\n        os.kill(pid, 9)\n    except OSError:\n        pass\n"):
        r = healthy.run(code)
        assert r.status in ("ok", "exception", "killed"), (code, r)
    g = healthy.grade("import os\ndef f():\n    os.kill(os.getppid(), 9)\n    return 1\n", [TestCase("1", "call", "f()", "1")])
    assert g.status == "ok"


@pytest.mark.parametrize("code,status", [
    ("import os\nprint('bye')\nos._exit(3)\n", "ok"),
    ("import sys\nsys.exit(4)\n", "ok"),
    ("raise SystemExit('x')\n", "ok"),
    ("raise KeyboardInterrupt\n", "exception"),
    ("class Boom(BaseException):\n    pass\nraise Boom()\n", "exception"),
    ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n", "killed"),
    ("import signal\nsignal.alarm(1)\nwhile True:\n    pass\n", "killed"),
    ("import ctypes\nctypes.string_at(0)\n", "killed"),
])
def test_exits_and_signals(healthy, code, status):
    assert healthy.run(code).status == status


def test_exits_in_grading_fail_only_their_test(healthy):
    code = "import os, sys\ndef f(x):\n    if x == 0: os._exit(0)\n    if x == 1: sys.exit(0)\n    if x == 2: raise KeyboardInterrupt\n    return x\n"
    g = healthy.grade(code, [TestCase(str(i), "call", f"f({i})", repr(i)) for i in range(4)])
    assert [r.passed for r in g.results] == [False, False, False, True]


def test_printing_fake_results_does_not_pass(healthy):
    code = ("print('PASS 1\\nPASS 2\\n{\"kind\": \"test\", \"ok\": true, \"repr\": \"42\", \"literal\": true}')\n"
            "import sys\nsys.stderr.write('ok 2 passed')\ndef answer():\n    print('42')\n    return 0\n")
    g = healthy.grade(code, [TestCase("1", "call", "answer()", "42"), TestCase("2", "call", "answer()", "42")])
    assert g.passed == 0


def test_writing_frames_to_inherited_fds_does_not_forge(healthy):
    code = ("import os, json, struct\n"
            "def frame(o):\n    b = json.dumps(o).encode()\n    return struct.pack('>I', len(b)) + b\n"
            "for fd in range(3, 40):\n    for nonce in ['0' * 32, '']:\n"
            "        for kind in ('test', 'done', 'ready'):\n"
            "            try:\n                os.write(fd, frame({'kind': kind, 'nonce': nonce, 'ok': True, 'repr': '42', 'literal': True, 'i': 1}))\n"
            "            except OSError:\n                pass\n"
            "def answer():\n    return 0\n")
    g = healthy.grade(code, [TestCase("1", "call", "answer()", "42"), TestCase("2", "call", "answer()", "42")])
    assert g.passed == 0 and g.status == "ok"


def test_monkeypatching_builtins_and_eq_does_not_pass(healthy):
    code = ("import builtins\nbuiltins.repr = lambda o: '42'\nbuiltins.str = lambda o='': '42'\n"
            "class Liar:\n    def __eq__(self, other):\n        return True\n    def __ne__(self, other):\n        return False\n"
            "    def __repr__(self):\n        return 'Liar'\n"
            "def answer():\n    return Liar()\n")
    g = healthy.grade(code, [TestCase("1", "call", "answer()", "42"), TestCase("2", "call", "answer()", "[1, 2]")])
    assert g.passed == 0


def test_patching_the_harness_in_process_cannot_see_expected_values(healthy):
    code = ("import gc\nfound = [o for o in gc.get_objects() if isinstance(o, dict) and 'expected' in o]\n"
            "import sys\nsecret = 'expected-secret-7319'\n"
            "hits = [m for m in list(sys.modules) if 'sandbox' in m]\n"
            "def answer():\n    return repr([len(found), hits])\n")
    g = healthy.grade(code, [TestCase("1", "call", "answer()", "'expected-secret-7319'")])
    assert g.passed == 0 and "expected-secret" not in g.results[0].got


# ---- encodings ------------------------------------------------------------------------------

def test_unicode_and_binary_abuse(healthy):
    r = healthy.run("print('\\ud800 lone surrogate')\n")
    assert r.status == "ok" and "surrogate" in r.stdout
    r = healthy.run("import sys\nsys.stdout.buffer.write(b'\\xff\\xfe bad utf8 \\x00 nul')\n")
    assert r.status == "ok" and "bad utf8" in r.stdout and "\x00" in r.stdout
    r = healthy.run("raise ValueError('\\ud800\\x00' * 3)\n")
    assert r.exception_type == "ValueError" and r.exception_message.encode("utf-8")
    r = healthy.run("print('\\U0001F600' * 100000)\n")
    assert r.status == "output_limit"
    g = healthy.grade("def f():\n    return '\\ud800\\x00'\n", [TestCase("1", "call", "f()", "'x'")])
    assert g.results[0].got.encode("utf-8") and not g.results[0].passed
    r = healthy.run("x = 1\n\x00\n")
    assert r.status == "syntax_error"
