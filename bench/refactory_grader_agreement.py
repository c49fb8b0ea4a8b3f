"""Agreement of Sandbox.grade with the observed per-test results of 4,225 real submissions.

Each task of ext-eval/refactory-tasks.json becomes "call" TestCases (setup_code = prelude); every
submission of refactory-submissions.jsonl is graded and each test verdict compared with the
submission's ``tests_passed``.  Prints agreement per task, every disagreement, and the wall time.
Usage: python bench/refactory_grader_agreement.py [--limit N] [--concurrency C]
"""
import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sandbox import Sandbox, TestCase  # noqa: E402

EXT = Path(__file__).resolve().parents[1] / ".." / "shared" / "ext-eval"


async def evaluate(limit, concurrency) -> None:
    tasks = {t["task"]: t for t in json.loads((EXT / "refactory-tasks.json").read_text())}
    subs = [json.loads(x) for x in (EXT / "refactory-submissions.jsonl").read_text().splitlines() if x.strip()]
    subs = subs[:limit]
    cases = {name: [TestCase(id=t["id"], kind="call", call=t["call"], expected=t["expected"]) for t in task["tests"]]
             for name, task in tasks.items()}
    async with Sandbox(max_concurrency=concurrency, max_queue=100_000) as sb:
        t0 = time.perf_counter()
        grades = await asyncio.gather(*(sb.grade(s["code"], cases[s["task"]], tasks[s["task"]]["prelude"]) for s in subs))
        wall = time.perf_counter() - t0
    per_task = Counter()
    per_task_ok = Counter()
    sub_ok = 0
    statuses = Counter()
    disagreements = []
    for s, g in zip(subs, grades):
        statuses[g.status] += 1
        all_ok = True
        for r in g.results:
            observed = s["tests_passed"].get(r.id)
            per_task[s["task"]] += 1
            if observed == r.passed:
                per_task_ok[s["task"]] += 1
            else:
                all_ok = False
                disagreements.append((s, r, g))
        sub_ok += all_ok
    n_tests = sum(per_task.values())
    print(f"submissions {len(subs)}   test verdicts {n_tests}   wall {wall:.1f} s   "
          f"({len(subs) / wall:.1f} submissions/s, concurrency {concurrency})")
    print(f"statuses: {dict(statuses)}")
    for name in sorted(per_task):
        print(f"  {name}: {per_task_ok[name]}/{per_task[name]} = {100 * per_task_ok[name] / per_task[name]:.2f}%")
    print(f"test-level agreement {n_tests - len(disagreements)}/{n_tests} = "
          f"{100 * (n_tests - len(disagreements)) / max(n_tests, 1):.3f}%")
    print(f"submission-level agreement {sub_ok}/{len(subs)} = {100 * sub_ok / max(len(subs), 1):.3f}%")
    for s, r, g in disagreements:
        print(f"  DISAGREE {s['task']} {s['file']} test {r.id}: observed {s['tests_passed'].get(r.id)}, "
              f"ours {r.passed} (got {r.got[:80]!r}, error {r.error!r}, status {g.status}, grade error {g.error!r})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--concurrency", type=int, default=2)
    args = ap.parse_args()
    asyncio.run(evaluate(args.limit, args.concurrency))


if __name__ == "__main__":
    main()
