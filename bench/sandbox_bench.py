"""Sandbox grading speed next to the cost of a bare interpreter start, measured in the same run, and the CPU
each job costs (the service process and every worker process, exited ones included).

Grades a correct 5-test submission N times sequentially (p50/p95 latency), then with
concurrency 2..4 (submissions/s), and times ``python -I -c pass`` subprocesses as the
baseline a fork-per-job design avoids.  ``--cpu`` instead measures CPU per job for a debug ``run``,
a 5-test grade and the 3-test starter-code grade of ``make bench``: user+system time of this (service)
process and of the zygote with all its reaped descendants (``psutil`` ``cpu_times().children_*``, i.e.
``getrusage(RUSAGE_CHILDREN)`` of the zygote), over N sequential jobs after a warm-up.
Usage: python bench/sandbox_bench.py [-n 300] [--cpu]
"""
import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sandbox import Sandbox, TestCase  # noqa: E402

CODE = '''def fizz(n):
    out = []
    for i in range(1, n + 1):
        out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
    return out
'''
TESTS = [TestCase("1", "call", "fizz(1)", "['1']"), TestCase("2", "call", "fizz(3)[-1]", "'Fizz'"),
         TestCase("3", "call", "fizz(5)[-1]", "'Buzz'"), TestCase("4", "call", "fizz(15)[-1]", "'FizzBuzz'"),
         TestCase("5", "call", "len(fizz(100))", "100")]
STARTER = "def count_vowels(text):\n    # your code here\n    pass\n"     # like make bench's starter-code row
STARTER_TESTS = [TestCase("1", "call", "count_vowels('hello')", "2"), TestCase("2", "call", "count_vowels('')", "0"),
                 TestCase("3", "call", "count_vowels('AEIOU xyz')", "5")]
DEBUG = "arr = [1, 2, 3]\nprint(arr[5])\n"                             # make bench's debug Ask snippet
STDOUT_TESTS = [TestCase("1", "stdout", "", "3", "1 2"), TestCase("2", "stdout", "", "7", "3 4")]
STDOUT_CODE = "a, b = map(int, input().split())\nprint(a + b)\n"


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def bare_python(n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
        out.append((time.perf_counter() - t) * 1000)
    return out


def bare_python_cpu(n: int) -> float:
    """CPU ms of one ``python -I -c pass`` (children's rusage)."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(n):
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / n


def _worker_cpu(pid: int) -> tuple[float, float]:
    """(user, system) seconds of the zygote and its reaped descendants, plus live ones."""
    import psutil
    root = psutil.Process(pid)
    user = system = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            t = proc.cpu_times()
        except psutil.Error:
            continue
        user += t.user + t.children_user
        system += t.system + t.children_system
    return user, system


async def cpu_case(sb: Sandbox, job, n: int) -> dict:
    for _ in range(max(5, n // 10)):
        await job()
    await asyncio.sleep(0.3)           # spares of the warm-up ready
    w0, s0, t0 = _worker_cpu(sb.worker_pid), os.times(), time.perf_counter()
    for _ in range(n):
        await job()
    await asyncio.sleep(0.3)           # the last job's processes exited and reaped; spares refilled
    w1, s1, wall = _worker_cpu(sb.worker_pid), os.times(), time.perf_counter() - t0
    service = (s1.user + s1.system - s0.user - s0.system) * 1000 / n
    wu, ws = (w1[0] - w0[0]) * 1000 / n, (w1[1] - w0[1]) * 1000 / n
    return {"service": service, "worker_user": wu, "worker_sys": ws, "total": service + wu + ws,
            "wall_ms": (wall - 0.3) * 1000 / n}


async def cpu_bench(n: int) -> None:
    import psutil
    load0 = os.getloadavg()[0]
    cpu0 = psutil.cpu_times()
    bare = bare_python_cpu(max(20, n // 5))
    rows = []
    async with Sandbox(max_concurrency=2, max_queue=10_000) as sb:
        async def run_debug():
            r = await sb.run(DEBUG)
            assert r.status == "exception" and r.line == 2, r

        async def grade5():
            g = await sb.grade(CODE, TESTS)
            assert g.passed == 5, g

        async def starter():
            g = await sb.grade(STARTER, STARTER_TESTS)
            assert g.total == 3 and g.passed == 0 and g.status == "ok", g

        async def stdout2():
            g = await sb.grade(STDOUT_CODE, STDOUT_TESTS)
            assert g.passed == 2, g

        for name, job in (("run (debug Ask snippet)", run_debug), ("grade 5 call tests", grade5),
                          ("grade starter code, 3 call tests", starter), ("grade 2 stdout tests", stdout2)):
            rows.append((name, await cpu_case(sb, job, n)))
    cpu1 = psutil.cpu_times()
    busy = sum(getattr(cpu1, f) - getattr(cpu0, f) for f in ("user", "nice", "system", "irq", "softirq"))
    idle = cpu1.idle - cpu0.idle
    print(f"CPU per job, ms (n={n} sequential jobs each; load average at start {load0:.1f}, machine busy "
          f"{100 * busy / max(busy + idle, 1e-9):.0f} % of {psutil.cpu_count()} cores during the run)")
    print(f"{'case':36s} {'service':>8s} {'worker user':>12s} {'worker sys':>11s} {'total':>8s} {'wall ms':>8s} {'/ bare py':>10s}")
    print(f"{'bare `python -I -c pass` (CPU)':36s} {'':>8s} {'':>12s} {'':>11s} {bare:8.2f}")
    for name, r in rows:
        print(f"{name:36s} {r['service']:8.2f} {r['worker_user']:12.2f} {r['worker_sys']:11.2f} {r['total']:8.2f} "
              f"{r['wall_ms']:8.1f} {r['total'] / bare:10.2f}")


async def bench(n: int) -> None:
    rows = []
    baseline = bare_python(max(20, n // 5))
    rows.append(("bare `python -I -c pass`", statistics.median(baseline), pct(baseline, 95), 1000 / statistics.mean(baseline)))
    async with Sandbox(max_concurrency=4, max_queue=10_000) as sb:
        for _ in range(10):
            assert (await sb.grade(CODE, TESTS)).passed == 5
        lat = []
        t0 = time.perf_counter()
        for _ in range(n):
            t = time.perf_counter()
            g = await sb.grade(CODE, TESTS)
            lat.append((time.perf_counter() - t) * 1000)
            assert g.passed == 5, g
        rows.append(("grade 5 tests, sequential", statistics.median(lat), pct(lat, 95), n / (time.perf_counter() - t0)))
        runs = []
        for _ in range(n // 2):
            t = time.perf_counter()
            await sb.run("print(sum(range(100)))")
            runs.append((time.perf_counter() - t) * 1000)
        rows.append(("run (debug) print, sequential", statistics.median(runs), pct(runs, 95), len(runs) / (sum(runs) / 1000)))
        for conc in (2, 3, 4):
            sb.max_concurrency = conc
            sb._sem = asyncio.Semaphore(conc)
            lat = []
            per_worker = max(1, n // conc)

            async def worker():   # closed loop: latency is service time, not time spent queued
                for _ in range(per_worker):
                    t = time.perf_counter()
                    g = await sb.grade(CODE, TESTS)
                    lat.append((time.perf_counter() - t) * 1000)
                    assert g.passed == 5

            t0 = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(conc)))
            rows.append((f"grade 5 tests, concurrency {conc}", statistics.median(lat), pct(lat, 95),
                         len(lat) / (time.perf_counter() - t0)))
    base = rows[0][1]
    print(f"{'case':34s} {'p50 ms':>8s} {'p95 ms':>8s} {'per s':>8s} {'p50 / bare python':>18s}")
    for name, p50, p95, rate in rows:
        print(f"{name:34s} {p50:8.1f} {p95:8.1f} {rate:8.1f} {p50 / base:18.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--cpu", action="store_true", help="CPU per job (service + worker processes) instead of latency")
    args = ap.parse_args()
    asyncio.run(cpu_bench(args.n) if args.cpu else bench(args.n))


if __name__ == "__main__":
    main()
