"""Sandbox grading speed next to the cost of a bare interpreter start, measured in the same run.

Grades a correct 5-test submission N times sequentially (p50/p95 latency), then with
concurrency 2..4 (submissions/s), and times ``python -I -c pass`` subprocesses as the
baseline a fork-per-job design avoids.  Usage: python bench/sandbox_bench.py [-n 300]
"""
import argparse
import asyncio
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
    args = ap.parse_args()
    asyncio.run(bench(args.n))


if __name__ == "__main__":
    main()
