"""Issue 14's sandbox attacks through Envoy against the real mesh: another job's data in a later
job's memory (a teacher's reference solution, another student's submission), and one student's
Diagnose flood keeping another student's Diagnose from running."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc
from learnflow.v1 import common_pb2, debug_service_pb2, debug_service_pb2_grpc, entities_pb2, enums_pb2
from learnflow.v1 import exercise_service_pb2 as ex

# double(x) of the attacker scans its own process memory for "LFMARK-<32 hex>" and returns what it found
# (the grader reports the returned value as "got").  OWN is the positive control.
SCANNING_SUBMISSION = r'''
import ctypes, re
OWN = "LFMARK-%s"
def double(x):
    found = set()
    pat = re.compile(rb"LFMARK-([0-9a-f]{32})")
    for line in open("/proc/self/maps"):
        parts = line.split()
        lo, hi = (int(v, 16) for v in parts[0].split("-"))
        if "r" not in parts[1] or (len(parts) > 5 and parts[5] not in ("[heap]", "[stack]")):
            continue
        for start in range(lo, hi, 1 << 20):
            found.update(m.decode() for m in pat.findall(ctypes.string_at(start, min((1 << 20) + 64, hi - start))))
    return sorted(found)
'''


def _create(solution: str) -> ex.CreateExerciseRequest:
    tests = [entities_pb2.ExerciseTestCase(id=f"t{i}", kind=enums_pb2.TEST_KIND_CALL, call=f"double({x})",
                                           expected=repr(2 * x)) for i, x in enumerate((0, 3, -4))]
    return ex.CreateExerciseRequest(title="Double it", topic="functions", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER,
                                    problem_text="Write double(x) that returns twice x.", solution_code=solution,
                                    starter_code="def double(x):\n    pass\n", test_cases=tests,
                                    hints=["Multiply", "Use *", "return 2 * x"])


def test_reference_solution_and_other_submissions_do_not_reach_a_later_job(make_client):
    reference, victim, own = (uuid.uuid4().hex for _ in range(3))
    teacher = make_client(role="teacher")    # main's teacher path; sec-guard moves teachers to an operator path
    created = teacher.exercise.CreateExercise(
        _create(f"REF = 'LFMARK-{reference}'\ndef double(x):\n    return 2 * x\n"), metadata=teacher.metadata, timeout=30)
    assert all(r.passed for r in created.verification)
    exercise_id = created.exercise.exercise_id
    student = make_client()
    graded = student.submit(exercise_id, f"MINE = 'LFMARK-{victim}'\ndef double(x):\n    return x * 2\n").submission
    assert graded.automated_tests_passed == graded.total_tests == 3
    attacker = make_client()
    sub = attacker.submit(exercise_id, SCANNING_SUBMISSION % own).submission
    found = set(eval(sub.results[0].got))
    assert own in found                              # the scan reads the job's memory
    assert reference not in found and victim not in found


def test_one_students_diagnose_flood_does_not_starve_another(make_client):
    flooder, other = make_client(), make_client()
    flood_stub = debug_service_pb2_grpc.DebugServiceStub(flooder.channel)
    other_stub = debug_service_pb2_grpc.DebugServiceStub(other.channel)

    def diagnose(stub, client, code):
        try:
            reply = stub.Diagnose(debug_service_pb2.DiagnoseRequest(context=common_pb2.TutorContext(), code=code),
                                  metadata=client.metadata, timeout=60)
            return "OK", reply
        except grpc.RpcError as err:
            return err.code().name, None

    with ThreadPoolExecutor(41) as pool:
        flood = [pool.submit(diagnose, flood_stub, flooder, "import time\ntime.sleep(1)\n") for _ in range(40)]
        mine = pool.submit(diagnose, other_stub, other, "print([1, 2][5])\n")
        code, reply = mine.result()
        outcomes = [f.result()[0] for f in flood]
    assert code == "OK" and reply.execution.exception_type == "IndexError"
    assert set(outcomes) <= {"OK", "RESOURCE_EXHAUSTED"} and "OK" in outcomes
    assert outcomes.count("RESOURCE_EXHAUSTED") >= 30     # the flood is refused, not queued in front of others
