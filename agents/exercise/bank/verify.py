"""Grade the whole bank in the real sandbox: every reference solution must pass, every starter must not.

    python -m agents.exercise.bank.verify            # all topics, summary + any problems, exit 1 on problems
    python -m agents.exercise.bank.verify --topic loops --verbose

Run it after editing a bank file (the pytest suite in tests/exercise_bank does the same and more). It also
reports how long each reference solution took inside the sandbox, since exercises must stay fast.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from agents.exercise.bank import BankExercise, load_bank


@dataclass
class Check:
    """Grading outcome of one piece of code for one exercise."""
    slug: str
    role: str            # "solution" | "starter" | "wrong"
    status: str
    passed: int
    total: int
    execution_ms: float
    failures: list[str]


async def grade_codes(jobs: list[tuple[BankExercise, str, str]], max_concurrency: int = 2) -> list[Check]:
    """Grades (exercise, role, code) jobs concurrently through one Sandbox, keeping job order."""
    from sandbox import Sandbox, TestCase

    async with Sandbox(max_concurrency=max_concurrency, max_queue=len(jobs) + 8) as sb:
        async def one(ex: BankExercise, role: str, code: str) -> Check:
            tests = [TestCase(t.id, t.kind, t.call, t.expected, t.stdin) for t in ex.tests]
            g = await sb.grade(code, tests, ex.setup_code)
            failures = [f"{r.id}: expected {r.expected!r}, got {r.got!r}" + (f" ({r.error})" if r.error else "")
                        for r in g.results if not r.passed]
            if g.status != "ok":
                failures.insert(0, f"status {g.status}: {g.error or ''}")
            return Check(ex.slug, role, g.status, g.passed, g.total, g.execution_time_ms, failures)
        return list(await asyncio.gather(*(one(ex, role, code) for ex, role, code in jobs)))


def problems(checks: list[Check]) -> list[str]:
    """What is wrong with the bank according to these checks (empty when all is well)."""
    out = []
    for c in checks:
        if c.role == "solution" and (c.status != "ok" or c.passed != c.total):
            out.append(f"{c.slug}: reference solution fails: " + "; ".join(c.failures))
        elif c.role in ("starter", "wrong") and c.status == "ok" and c.passed == c.total:
            out.append(f"{c.slug}: {c.role} code passes every test (tests too weak)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=None, help="bank directory or one topic file")
    parser.add_argument("--topic", action="append", help="only these topics (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="one line per exercise")
    args = parser.parse_args(argv)

    bank = [ex for ex in load_bank(args.path) if not args.topic or ex.topic in args.topic]
    jobs = [(ex, role, code) for ex in bank for role, code in (("solution", ex.solution_code),
                                                               ("starter", ex.starter_code))]
    started = time.perf_counter()
    checks = asyncio.run(grade_codes(jobs))
    wall = time.perf_counter() - started

    solution_ms = [c.execution_ms for c in checks if c.role == "solution"]
    if args.verbose:
        for c in checks:
            if c.role == "solution":
                print(f"{c.slug:45} {c.passed}/{c.total} {c.execution_ms:7.1f} ms")
    found = problems(checks)
    for line in found:
        print("PROBLEM", line)
    print(f"{len(bank)} exercises, {sum(len(ex.tests) for ex in bank)} tests, graded {len(jobs)} programs "
          f"in {wall:.1f} s; reference solution time in sandbox: median {statistics.median(solution_ms):.0f} ms, "
          f"max {max(solution_ms):.0f} ms; problems: {len(found)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
