"""The grader judged on real student code, through the product's own API.

Starts a mesh on free ports (no Kafka needed), makes each of the five Refactory tasks an exercise
with `CreateExercise` (as a teacher: saved only because the reference solution passes), then submits
all 4,225 submissions with `SubmitSolution` through Envoy and compares every per-test verdict with the
observed `tests_passed`. Prints agreement, every disagreement, and the wall time.

  .venv/bin/python bench/refactory_grader_rpc.py [--limit N] [--threads 4]
Data: ../shared/ext-eval (read in place, never copied into the project).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from learnflow.v1 import entities_pb2, enums_pb2, exercise_service_pb2 as ex  # noqa: E402

EXT = ROOT.parent / "shared" / "ext-eval"


def create_exercises(teacher, tasks) -> dict[str, str]:
    ids = {}
    for task in tasks:
        name = task["task"]
        request = ex.CreateExerciseRequest(
            title=f"Refactory {name}", topic="refactory-" + name.replace("_", "-"),
            difficulty=enums_pb2.SKILL_LEVEL_BEGINNER, problem_text=task["description"][:999] or name,
            solution_code=task["reference"], setup_code=task["prelude"],
            test_cases=[entities_pb2.ExerciseTestCase(id=t["id"], kind=enums_pb2.TEST_KIND_CALL, call=t["call"],
                                                      expected=t["expected"]) for t in task["tests"]])
        reply = teacher.exercise.CreateExercise(request, metadata=teacher.metadata, timeout=60)
        assert all(r.passed for r in reply.verification)
        ids[name] = reply.exercise.exercise_id
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig

    tasks = json.loads((EXT / "refactory-tasks.json").read_text())
    subs = [json.loads(line) for line in (EXT / "refactory-submissions.jsonl").read_text().splitlines() if line]
    if args.limit:
        subs = subs[:args.limit]
    mesh = Mesh(MeshConfig.on_free_ports(Path(tempfile.mkdtemp(prefix="lf-refactory-")), start_kafka=False,
                                         extra_env={"LEARNFLOW_SUBMISSIONS_PER_MINUTE": "1000000",
                                                    "LEARNFLOW_SANDBOX_MAX_QUEUE": "256"}),
                log=lambda *_: None)
    mesh.start()
    try:
        teacher = LearnFlowClient(mesh.envoy_address, timeout=120)
        teacher_email = f"teacher-{uuid.uuid4().hex[:8]}@example.org"
        teacher.register(teacher_email, "teacher-pass-1", "T")
        from agents.identity.admin import grant_role  # teachers are made by the operator (issue 14)

        grant_role(mesh.database_url, teacher_email, "teacher")
        teacher.login(teacher_email, "teacher-pass-1")
        ids = create_exercises(teacher, tasks)
        student = LearnFlowClient(mesh.envoy_address, timeout=120)
        student.ensure_account(f"student-{uuid.uuid4().hex[:8]}@example.org", "student-pass-1", "S")

        def grade(sub):
            return sub, student.submit(ids[sub["task"]], sub["code"]).submission

        started = time.perf_counter()
        with ThreadPoolExecutor(args.threads) as pool:
            results = list(pool.map(grade, subs))
        wall = time.perf_counter() - started
        total = agree = 0
        per_task, per_task_ok, whole = Counter(), Counter(), 0
        disagreements = []
        for sub, submission in results:
            ok_all = True
            for r in submission.results:
                total += 1
                per_task[sub["task"]] += 1
                if sub["tests_passed"].get(r.test_id) == r.passed:
                    agree += 1
                    per_task_ok[sub["task"]] += 1
                else:
                    ok_all = False
                    disagreements.append((sub, r))
            whole += ok_all
        print(f"submissions {len(subs)} through Envoy in {wall:.1f} s ({len(subs) / wall:.1f}/s, {args.threads} threads)")
        for name in sorted(per_task):
            print(f"  {name}: {per_task_ok[name]}/{per_task[name]} test verdicts agree")
        print(f"test-level agreement {agree}/{total} = {100 * agree / max(total, 1):.3f}%")
        print(f"submission-level agreement {whole}/{len(subs)} = {100 * whole / max(len(subs), 1):.3f}%")
        for sub, r in disagreements:
            print(f"  DISAGREE {sub['task']} {sub['file']} test {r.test_id}: observed {sub['tests_passed'].get(r.test_id)}"
                  f", ours {r.passed} (got {r.got[:60]!r}, error {r.error[:80]!r})")
    finally:
        mesh.stop()


if __name__ == "__main__":
    main()
