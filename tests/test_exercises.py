"""Exercises through Envoy: generation for the student, grading in the sandbox, persistence, hints,
no solutions for students, teacher-created exercises saved only when their solution passes."""
from __future__ import annotations

import grpc
import pytest
from learnflow.v1 import common_pb2, entities_pb2, enums_pb2, exercise_service_pb2 as ex

from server import enums


def generate(client, topic="", difficulty=0, text=""):
    return client.exercise.GenerateExercise(ex.GenerateExerciseRequest(
        context=common_pb2.TutorContext(), topic=topic, difficulty=difficulty, request_text=text),
        metadata=client.metadata, timeout=20)


def test_generated_exercise_fits_and_hides_the_solution(client):
    reply = generate(client, topic="loops", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER)
    exercise = reply.exercise
    assert exercise.topic == "loops" and exercise.difficulty == enums_pb2.SKILL_LEVEL_BEGINNER
    assert exercise.solution_code == "" and list(exercise.hints) == [] and exercise.hint_count >= 1
    assert len(exercise.test_cases) >= 3 and exercise.starter_code
    assert exercise.exercise_id in reply.response.response_text


def test_teachers_see_reference_solutions(make_client):
    teacher = make_client(role="teacher")
    exercise = generate(teacher, topic="strings").exercise
    assert exercise.solution_code and len(exercise.hints) == exercise.hint_count


def _solution(make_client, exercise_id):
    teacher = make_client(role="teacher")
    return teacher.exercise.GetExercise(ex.GetExerciseRequest(exercise_id=exercise_id),
                                        metadata=teacher.metadata).exercise.solution_code


def test_correct_submission_is_graded_and_persisted(client, make_client, db):
    exercise = generate(client, topic="functions").exercise
    solution = _solution(make_client, exercise.exercise_id)
    sub = client.submit(exercise.exercise_id, solution).submission
    assert sub.grade == 100 and sub.automated_tests_passed == sub.total_tests == len(exercise.test_cases)
    assert sub.status == enums_pb2.SUBMISSION_STATUS_GRADED and sub.grader == enums_pb2.GRADER_SYSTEM
    assert all(r.passed for r in sub.results) and sub.execution_time_ms >= 0
    row = db.execute("SELECT * FROM exercise_submissions WHERE id = %s", (sub.submission_id,)).fetchone()
    assert row["student_id"] == client.student_id and float(row["grade"]) == 100.0
    progress = db.execute("SELECT completed_exercises FROM student_progress WHERE student_id = %s",
                          (client.student_id,)).fetchone()
    assert progress["completed_exercises"] == 1
    event = db.execute("SELECT event_type FROM event_outbox WHERE partition_key = %s AND event_type ="
                       " 'exercise.submission.graded'", (client.student_id,)).fetchone()
    assert event is not None
    # solving it again does not count twice
    client.submit(exercise.exercise_id, solution)
    again = db.execute("SELECT completed_exercises FROM student_progress WHERE student_id = %s",
                       (client.student_id,)).fetchone()
    assert again["completed_exercises"] == 1


def test_one_statement_writes_what_the_response_says(client, make_client, db):
    """The submission, the interaction (with first_solve), the first-solve count and the outbox event are
    written by one statement from values chosen in the agent: the stored row, the event's payload and the
    response agree field by field, and a second solve is not a first solve."""
    from learnflow.v1 import events_pb2

    from agents.exercise import visibility
    from db import records

    exercise = generate(client, topic="functions").exercise
    solution = _solution(make_client, exercise.exercise_id)
    first = client.submit(exercise.exercise_id, solution).submission
    second = client.submit(exercise.exercise_id, solution).submission
    for sub, first_solve in ((first, True), (second, False)):
        row = db.execute("SELECT * FROM exercise_submissions WHERE id = %s", (sub.submission_id,)).fetchone()
        stored = records.submission(row)
        assert visibility.submission_for(records.submission(row), teacher=False) == sub
        indicators = db.execute("SELECT success_indicators FROM interaction_history WHERE submission_id = %s",
                                (sub.submission_id,)).fetchone()["success_indicators"]
        assert indicators == {"grade": 100.0, "topic": "functions", "first_solve": first_solve}
        payloads = [events_pb2.EventEnvelope.FromString(bytes(r["payload"])) for r in db.execute(
            "SELECT payload FROM event_outbox WHERE partition_key = %s AND event_type = 'exercise.submission.graded'",
            (client.student_id,)).fetchall()]
        graded = [p.exercise_submission_graded for p in payloads
                  if p.exercise_submission_graded.submission.submission_id == sub.submission_id]
        assert len(graded) == 1 and graded[0].submission == stored and graded[0].topic == "functions"
    assert db.execute("SELECT completed_exercises FROM student_progress WHERE student_id = %s",
                      (client.student_id,)).fetchone()["completed_exercises"] == 1


def test_wrong_submission_gets_feedback_on_the_first_failing_test(client, make_client):
    exercise = generate(client, topic="lists").exercise
    solution = _solution(make_client, exercise.exercise_id)
    sub = client.submit(exercise.exercise_id, exercise.starter_code).submission
    assert sub.grade < 100 and sub.automated_tests_passed < sub.total_tests
    first_failed = next(r for r in sub.results if not r.passed)
    assert first_failed.test_id in sub.feedback
    assert solution.strip() not in sub.feedback


def test_streaming_submission_reports_each_test(client, make_client):
    exercise = generate(client, topic="dictionaries").exercise
    solution = _solution(make_client, exercise.exercise_id)
    events = list(client.exercise.SubmitSolutionStream(ex.SubmitSolutionStreamRequest(
        exercise_id=exercise.exercise_id, code=solution), metadata=client.metadata, timeout=30))
    kinds = [e.WhichOneof("event") for e in events]
    assert kinds[-1] == "submission" and kinds.count("test_result") == len(exercise.test_cases)


def test_hints_unlock_one_at_a_time(client):
    exercise = generate(client, topic="recursion").exercise
    seen = []
    for n in range(1, exercise.hint_count + 2):
        reply = client.exercise.GetHint(ex.GetHintRequest(exercise_id=exercise.exercise_id),
                                        metadata=client.metadata)
        seen.append(reply.hint)
        assert reply.hint_number == min(n, exercise.hint_count)
    again = client.exercise.GetExercise(ex.GetExerciseRequest(exercise_id=exercise.exercise_id),
                                        metadata=client.metadata).exercise
    assert list(again.hints) == seen[:exercise.hint_count] and again.solution_code == ""


def test_solved_exercises_are_not_offered_again(client, make_client):
    first = generate(client, topic="sets", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER).exercise
    client.submit(first.exercise_id, _solution(make_client, first.exercise_id))
    second = generate(client, topic="sets", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER).exercise
    assert second.exercise_id != first.exercise_id


def _create_request(solution: str):
    tests = [entities_pb2.ExerciseTestCase(id=f"t{i}", kind=enums_pb2.TEST_KIND_CALL, call=f"double({x})",
                                           expected=repr(2 * x)) for i, x in enumerate((0, 3, -4))]
    tests.append(entities_pb2.ExerciseTestCase(id="out", kind=enums_pb2.TEST_KIND_STDOUT,
                                               call="print(double(5))", expected="10\n"))
    return ex.CreateExerciseRequest(title="Double it", topic="functions", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER,
                                    problem_text="Write double(x) that returns twice x.", solution_code=solution,
                                    starter_code="def double(x):\n    pass\n", test_cases=tests,
                                    hints=["Multiply", "Use *", "return 2 * x"])


def test_teacher_exercise_is_saved_only_if_its_solution_passes(make_client, db):
    teacher = make_client(role="teacher")
    with pytest.raises(grpc.RpcError) as err:
        teacher.exercise.CreateExercise(_create_request("def double(x):\n    return x + x + 1\n"),
                                        metadata=teacher.metadata, timeout=30)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "solution_code" in err.value.details()
    created = teacher.exercise.CreateExercise(_create_request("def double(x):\n    return 2 * x\n"),
                                              metadata=teacher.metadata, timeout=30)
    assert all(r.passed for r in created.verification) and len(created.verification) == 4
    row = db.execute("SELECT created_by, topic FROM exercises WHERE exercise_id = %s",
                     (created.exercise.exercise_id,)).fetchone()
    assert row["created_by"] == teacher.student_id


def test_students_cannot_create_exercises(client):
    with pytest.raises(grpc.RpcError) as err:
        client.exercise.CreateExercise(_create_request("def double(x):\n    return 2 * x\n"),
                                       metadata=client.metadata, timeout=30)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_exercise_intent_through_triage_returns_an_exercise(client):
    reply = client.ask("Give me a harder exercise on strings")
    assert enums.agent(reply.routing.routed_to_agent) == "exercise"
    assert reply.response.metadata["topic"] == "strings"


def test_grader_queue_is_bounded(mesh, client):
    """More concurrent submissions than the sandbox's slots + queue: the excess gets RESOURCE_EXHAUSTED."""
    from concurrent.futures import ThreadPoolExecutor

    from learnflow.v1 import exercise_service_pb2_grpc

    from localmesh.processes import stop_pid
    from tests.conftest import spawn_agent

    channel, pid = spawn_agent(mesh, "exercise", LEARNFLOW_SANDBOX_CONCURRENCY=1, LEARNFLOW_SANDBOX_MAX_QUEUE=1)
    try:
        stub = exercise_service_pb2_grpc.ExerciseServiceStub(channel)
        exercise = stub.GenerateExercise(ex.GenerateExerciseRequest(context=common_pb2.TutorContext(), topic="loops"),
                                         metadata=client.metadata, timeout=20).exercise
        slow = "import time\ntime.sleep(1.5)\n"

        def submit(_):
            try:
                stub.SubmitSolution(ex.SubmitSolutionRequest(exercise_id=exercise.exercise_id, code=slow),
                                    metadata=client.metadata, timeout=30)
                return "graded"
            except grpc.RpcError as err:
                return err.code().name

        with ThreadPoolExecutor(5) as pool:
            outcomes = list(pool.map(submit, range(5)))
        assert outcomes.count("RESOURCE_EXHAUSTED") >= 2 and outcomes.count("graded") >= 1, outcomes
    finally:
        channel.close()
        stop_pid(pid)
