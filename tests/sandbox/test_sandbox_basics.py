"""Normal behaviour: results, line numbers, grading semantics, streaming, limits config, restart."""
import asyncio
import os
import signal
import time

import psutil
import pytest

from sandbox import GradeResult, Limits, Sandbox, SandboxBusy, TestCase, TestResult, grade_sync, run_sync
from sandbox.worker.zygote import SPARES


def test_ok_program_with_stdin(sbx):
    r = sbx.run("name = input()\nprint('hello', name)\n", stdin="ann\n")
    assert r.status == "ok" and r.stdout == "hello ann\n" and r.exception_type is None
    assert r.duration_ms > 0 and r.peak_memory_kb > 0


def test_exception_in_stdlib_reports_student_line(sbx):
    r = sbx.run("import json\n\ndef load(s):\n    return json.loads(s)\n\nload('{bad')\n")
    assert r.status == "exception" and r.exception_type == "JSONDecodeError"
    assert r.line == 4 and r.source_line == "return json.loads(s)"
    assert [f.line for f in r.traceback] == [6, 4]
    assert [f.function for f in r.traceback] == ["<module>", "load"]
    assert 'File "student.py", line 4' in r.stderr


def test_syntax_error_line_and_offset(sbx):
    r = sbx.run("x = 1\nif x = 2:\n    pass\n")
    assert r.status == "syntax_error" and r.exception_type == "SyntaxError"
    assert r.line == 2 and r.offset is not None and r.source_line.startswith("if x")


def test_tab_error(sbx):
    r = sbx.run("if True:\n        a = 1\n\tb = 2\n")
    assert r.exception_type == "TabError" and r.line == 3


def test_deep_recursion_is_recursion_error_at_recursive_line(sbx):
    r = sbx.run("def f(n):\n    return f(n + 1)\n\nf(0)\n")
    assert r.status == "exception" and r.exception_type == "RecursionError" and r.line == 2
    assert len(r.traceback) <= 200


CALL_TESTS = [TestCase("a", "call", "double(2)", "4"), TestCase("b", "call", "double('x')", "'xx'"),
              TestCase("c", "call", "double([1])", "[1, 1]"), TestCase("d", "call", "double(0.5)", "1.0"),
              TestCase("e", "call", "double(3)", "7")]


def test_grade_call_tests_by_value(sbx):
    g = sbx.grade("def double(x):\n    return x * 2\n", CALL_TESTS)
    assert isinstance(g, GradeResult) and g.status == "ok" and g.total == 5
    assert [r.passed for r in g.results] == [True, True, True, True, False]
    assert g.results[4].got == "6" and g.passed == 4


def test_values_compare_by_value_not_type_detail(sbx):
    code = ("from collections import namedtuple, OrderedDict, defaultdict\nP = namedtuple('P', 'x y')\n"
            "def pt():\n    return P(1, 2)\ndef dd():\n    d = defaultdict(int)\n    d['a'] += 1\n    return d\n"
            "def t():\n    return True\nclass Box:\n    def __repr__(self):\n        return 'Box()'\ndef box():\n    return Box()\n")
    tests = [TestCase("1", "call", "pt()", "(1, 2)"), TestCase("2", "call", "dd()", "{'a': 1}"),
             TestCase("3", "call", "t()", "1"), TestCase("4", "call", "box()", "Box()")]
    g = sbx.grade(code, tests)
    assert [r.passed for r in g.results] == [True, True, True, True]


def test_failing_and_hanging_tests_do_not_stop_others(sbx):
    code = ("def f(x):\n    if x == 1:\n        raise ValueError('one')\n    if x == 2:\n        while True: pass\n"
            "    if x == 3:\n        import os; os._exit(0)\n    return x\n")
    tests = [TestCase(str(i), "call", f"f({i})", repr(i)) for i in range(5)]
    g = sbx.grade(code, tests)
    assert g.status == "ok"
    assert [r.passed for r in g.results] == [True, False, False, False, True]
    assert "ValueError: one" in g.results[1].error and "line 3" in g.results[1].error
    assert g.results[2].error == "time limit exceeded"
    assert "without returning" in g.results[3].error


def test_tests_run_on_fresh_post_import_state(sbx):
    code = "seen = []\ndef add(x):\n    seen.append(x)\n    return len(seen)\n"
    g = sbx.grade(code, [TestCase("1", "call", "add(1)", "1"), TestCase("2", "call", "add(2)", "1")])
    assert g.passed == 2


def test_setup_code_does_not_shift_student_lines(sbx):
    setup = "\n\nDATA = (1, 2, 3)\n\n\n"
    code = "def total():\n    return sum(DATA) + missing\n"
    g = sbx.grade(code, [TestCase("1", "call", "total()", "6")], setup_code=setup)
    assert not g.results[0].passed and "NameError" in g.results[0].error and "(line 2)" in g.results[0].error


def test_module_level_error_fails_all_tests(sbx):
    g = sbx.grade("def f():\n    return 1\nprint(undefined)\n", [TestCase("1", "call", "f()", "1")])
    assert g.status == "ok" and g.passed == 0 and "NameError" in g.error and "line 3" in g.error


def test_syntax_error_submission(sbx):
    g = sbx.grade("def f(:\n    return 1\n", [TestCase("1", "call", "f()", "1")])
    assert g.status == "syntax_error" and g.passed == 0 and "SyntaxError" in g.error and "line 1" in g.error


def test_stdout_tests(sbx):
    code = "n = int(input())\nfor i in range(n):\n    print(i, end='  \\n')\n"
    tests = [TestCase("1", "stdout", expected="0\n1\n2", stdin="3\n"), TestCase("2", "stdout", expected="0", stdin="2\n"),
             TestCase("3", "stdout", expected="", stdin="x\n")]
    g = sbx.grade(code, tests)
    assert [r.passed for r in g.results] == [True, False, False]
    assert "ValueError" in g.results[2].error


def test_grade_stream_yields_each_result_then_grade(sbx):
    items = sbx.stream("def double(x):\n    return x * 2\n", CALL_TESTS)
    assert all(isinstance(i, TestResult) for i in items[:-1]) and isinstance(items[-1], GradeResult)
    assert [i.id for i in items[:-1]] == ["a", "b", "c", "d", "e"]


def test_limits_from_env():
    lim = Limits.from_env({"LEARNFLOW_SANDBOX_CPU_SECONDS": "1.5", "LEARNFLOW_SANDBOX_MEMORY_MB": "80",
                           "LEARNFLOW_SANDBOX_MAX_OUTPUT_BYTES": "1000", "LEARNFLOW_SANDBOX_WALL_SECONDS": ""})
    assert lim.cpu_seconds == 1.5 and lim.memory_mb == 80 and lim.max_output_bytes == 1000 and lim.wall_seconds == 5.0


def test_sync_helpers():
    assert run_sync("print(2 + 2)").stdout == "4\n"
    assert grade_sync("def f():\n    return 4\n", [TestCase("1", "call", "f()", "4")]).passed == 1


def test_busy_when_queue_full():
    async def go():
        async with Sandbox(Limits(wall_seconds=1, cpu_seconds=1), max_concurrency=1, max_queue=1) as sb:
            slow = "import time\ntime.sleep(0.5)\n"
            jobs = [asyncio.ensure_future(sb.run(slow)) for _ in range(4)]
            done = await asyncio.gather(*jobs, return_exceptions=True)
            return done
    done = asyncio.run(go())
    assert sum(isinstance(d, SandboxBusy) for d in done) == 2
    assert sum(getattr(d, "status", None) == "ok" for d in done) == 2


def test_zygote_restarts_transparently():
    async def go():
        async with Sandbox() as sb:
            first = sb.worker_pid
            assert (await sb.run("print(1)")).stdout == "1\n"
            os.kill(first, signal.SIGKILL)
            await asyncio.sleep(0.1)
            r = await sb.run("print(2)")
            return first, sb.worker_pid, r
    first, second, r = asyncio.run(go())
    assert r.status == "ok" and r.stdout == "2\n" and second != first


def test_run_does_not_block_event_loop():
    async def go():
        async with Sandbox(Limits(wall_seconds=1, cpu_seconds=1)) as sb:
            ticks = 0

            async def ticker():
                nonlocal ticks
                while True:
                    await asyncio.sleep(0.01)
                    ticks += 1
            t = asyncio.ensure_future(ticker())
            start = time.monotonic()
            await sb.run("import time\ntime.sleep(0.5)\n")
            t.cancel()
            return ticks, time.monotonic() - start
    ticks, elapsed = asyncio.run(go())
    assert ticks >= 0.5 * elapsed / 0.01 * 0.5


def test_import_that_hangs_is_a_timeout(sbx):
    g = sbx.grade("while True:\n    pass\n", [TestCase("1", "call", "1", "1")])
    assert g.status == "timeout" and g.passed == 0 and "time limit" in g.error


def test_every_test_hanging_still_ends_with_all_results(sbx):
    code = "def f(x):\n    while True:\n        pass\n"
    g = sbx.grade(code, [TestCase(str(i), "call", f"f({i})", "0") for i in range(3)])
    assert g.status == "ok" and g.total == 3 and g.passed == 0
    assert all(r.error for r in g.results) and g.execution_time_ms < 2 * 2000 + 1000


def test_isolation_features_in_force(sbx, full_isolation):
    """The same isolation with the worker as root and as an unprivileged uid."""
    assert set(sbx.sb.features) == full_isolation
    assert sbx.sb.rootless == (sbx.mode == "rootless")


def test_cancelled_job_is_stopped_and_frees_its_slot():
    async def go():
        async with Sandbox(Limits(wall_seconds=30, cpu_seconds=30), max_concurrency=1) as sb:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(sb.run("import time\ntime.sleep(60)\n"), 0.3)
            start = time.monotonic()
            r = await sb.run("print('next')")
            elapsed = time.monotonic() - start
            keeper = psutil.Process(sb.worker_pid)
            # the cancelled job's processes (supervisor, sleeper) must go away; what stays under the
            # worker process the service started is the zygote (pid 1 of its own pid namespace) and
            # the prepared spares (a supervisor each, no student process)
            for _ in range(50):
                left = keeper.children(recursive=True)
                if len(left) == 1 + SPARES:
                    break
                await asyncio.sleep(0.1)
            return r, elapsed, left
    r, elapsed, left = asyncio.run(go())
    assert r.stdout == "next\n" and elapsed < 5 and len(left) == 1 + SPARES
