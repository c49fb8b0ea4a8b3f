"""Bounded error details (issue 14, attack 7), through Envoy: a request with thousands of problems gets a
small INVALID_ARGUMENT (the first 20 violations and a count), counts are checked before items are looked
at, and other students' concurrent calls through the same Envoy are unaffected."""
from __future__ import annotations

import threading

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from learnflow.v1 import entities_pb2, enums_pb2, exercise_service_pb2

TRAILER_BUDGET = 16 * 1024  # far below Envoy's ~60 KiB header limit


def _create(count: int, bad: bool = False) -> exercise_service_pb2.CreateExerciseRequest:
    return exercise_service_pb2.CreateExerciseRequest(
        title="Many tests", topic="functions", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER, problem_text="Write f(x).",
        solution_code="def f(x):\n    return x\n",
        test_cases=[entities_pb2.ExerciseTestCase(id="" if bad else f"t{i}", kind=0 if bad else 1,
                                                  call=f"f({i})", expected=str(i)) for i in range(count)])


def _trailer_bytes(exc: grpc.RpcError) -> int:
    return sum(len(k) + len(v) for k, v in exc.trailing_metadata() or ()) + len(exc.details() or "")


def _violations(exc) -> list:
    out = []
    for detail in rpc_status.from_call(exc).details:
        request = error_details_pb2.BadRequest()
        if detail.Unpack(request):
            out.extend(request.field_violations)
    return out


def test_thousands_of_test_cases_get_one_small_answer(make_client):
    teacher = make_client("teacher")
    try:
        teacher.exercise.CreateExercise(_create(1500), metadata=teacher.metadata, timeout=30)
        raise AssertionError("1500 test cases were accepted")
    except grpc.RpcError as exc:
        assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert [(v.field, v.description) for v in _violations(exc)] == [
            ("test_cases", "must have at most 100 items (got 1500)")]
        assert _trailer_bytes(exc) < TRAILER_BUDGET


def test_many_violations_are_capped_with_a_count(make_client):
    teacher = make_client("teacher")
    try:
        teacher.exercise.CreateExercise(_create(100, bad=True), metadata=teacher.metadata, timeout=30)
        raise AssertionError("invalid test cases were accepted")
    except grpc.RpcError as exc:
        assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert len(_violations(exc)) == 20
        assert "more)" in exc.details()  # "... N problems (and M more): ..."
        assert _trailer_bytes(exc) < TRAILER_BUDGET


def test_other_students_are_unaffected_while_the_flood_is_refused(make_client):
    teacher, student = make_client("teacher"), make_client()
    exercise = student.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=1),
                                              metadata=student.metadata, timeout=10).exercises[0]
    stop = threading.Event()
    failures, successes = [], []

    def student_calls():
        while not stop.is_set():
            try:
                student.exercise.GetExercise(exercise_service_pb2.GetExerciseRequest(
                    exercise_id=exercise.exercise_id), metadata=student.metadata, timeout=20)
                student.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=5),
                                               metadata=student.metadata, timeout=20)
                successes.append(1)
            except grpc.RpcError as exc:
                failures.append(exc.code().name)

    threads = [threading.Thread(target=student_calls) for _ in range(3)]
    for thread in threads:
        thread.start()
    codes = []
    for request in [_create(1500), _create(100, bad=True)] * 5:
        try:
            teacher.exercise.CreateExercise(request, metadata=teacher.metadata, timeout=30)
        except grpc.RpcError as exc:
            codes.append(exc.code().name)
    submitted = student.submit(exercise.exercise_id, "def f(x):\n    return x\n").submission  # mid-flood
    stop.set()
    for thread in threads:
        thread.join()
    assert codes == ["INVALID_ARGUMENT"] * 10
    assert submitted.submission_id and submitted.total_tests >= 3
    assert failures == [] and successes
