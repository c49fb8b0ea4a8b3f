"""The last call test of a grade may run in the import process itself (one fork fewer per grade): every
outcome must be what a forked test gives -- the same verdicts and the same error texts."""
import pytest

from sandbox import TestCase

ENDINGS = [
    ("import os\ndef f(x):\n    if x == 3:\n        os._exit(3)\n    return 2 * x\n",
     "the test exited without returning a value (exit code 3)"),
    ("import os, signal\ndef f(x):\n    if x == 3:\n        os.kill(os.getpid(), signal.SIGSEGV)\n    return 2 * x\n",
     "the test exited without returning a value (signal 11)"),
    ("import sys\ndef f(x):\n    if x == 3:\n        sys.exit(4)\n    return 2 * x\n", "SystemExit: 4 (line 4)"),
    ("def f(x):\n    if x == 3:\n        raise ValueError('no')\n    return 2 * x\n", "ValueError: no (line 3)"),
]


@pytest.mark.parametrize("code,error", ENDINGS)
def test_a_test_ends_the_same_first_or_last(sbx, code, error):
    two, three = TestCase("2", "call", "f(2)", "4"), TestCase("3", "call", "f(3)", "6")
    last = sbx.grade(code, [two, three])          # f(3) is the last test
    first = sbx.grade(code, [three, two])         # f(3) is the first test (always forked)
    for g in (last, first):
        assert g.status == "ok" and g.passed == 1
        by_id = {r.id: r for r in g.results}
        assert by_id["2"].passed and not by_id["3"].passed and by_id["3"].error == error


def test_threads_started_at_import_do_not_run_during_any_test(sbx):
    """A forked test has only the calling thread; so must the last one (it is forked when threads exist)."""
    code = "import threading\nthreading.Thread(target=threading.Event().wait, daemon=True).start()\n"
    tests = [TestCase(str(i), "call", "__import__('threading').active_count()", "1") for i in range(3)]
    g = sbx.grade(code, tests)
    assert g.status == "ok" and g.passed == 3, g


def test_the_last_test_sees_the_fresh_post_import_state(sbx):
    code = "seen = []\ndef f():\n    seen.append(1)\n    return len(seen)\n"
    g = sbx.grade(code, [TestCase(str(i), "call", "f()", "1") for i in range(3)])
    assert g.passed == 3, g
