"""Hidden test cases (issue 14, item 9), through Envoy: students see the visible tests' inputs and expected
values, and only pass/fail for hidden ones - so a lookup table of the visible expectations cannot pass.
Teachers see every test."""
from __future__ import annotations

import re

from learnflow.v1 import enums_pb2, exercise_service_pb2

from agents.exercise.bank import load_bank

CALL = re.compile(r"^([A-Za-z_]\w*)\(([^()]*)\)$")


def test_every_bank_exercise_has_hidden_and_visible_tests():
    for exercise in load_bank():
        hidden = [t for t in exercise.tests if t.hidden]
        assert hidden and len(hidden) < len(exercise.tests), exercise.slug


def _lookup_table_target(client):
    """A bank exercise whose visible tests are all plain calls `name(args)` of one function."""
    page = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=200),
                                         metadata=client.metadata, timeout=20).exercises
    for exercise in page:
        visible = [t for t in exercise.test_cases if not t.hidden]
        matches = [CALL.match(t.call) for t in visible]
        if visible and all(t.kind == enums_pb2.TEST_KIND_CALL for t in exercise.test_cases) and all(matches) \
                and len({m.group(1) for m in matches}) == 1:
            return exercise, visible, matches[0].group(1)
    raise AssertionError("no exercise with plain call tests in the bank")


def test_students_see_only_pass_fail_of_hidden_tests_and_a_lookup_table_fails(make_client):
    student, teacher = make_client(), make_client("teacher")
    exercise, visible, name = _lookup_table_target(student)
    hidden = [t for t in exercise.test_cases if t.hidden]
    assert hidden and all(not (t.call or t.expected or t.stdin) for t in hidden)
    assert all(t.expected for t in visible)
    # what a student could build from everything they were shown
    table = "\n".join(f"_T[repr(({CALL.match(t.call).group(2)},))] = {t.expected}" for t in visible)
    cheat = f"_T = {{}}\n{table}\ndef {name}(*args):\n    return _T.get(repr(args))\n"
    submission = student.submit(exercise.exercise_id, cheat).submission
    assert submission.automated_tests_passed == len(visible) < submission.total_tests
    assert submission.grade < 100
    for result in submission.results:
        if result.hidden:
            assert not (result.expected or result.got or result.error)
    assert all(r.expected for r in submission.results if not r.hidden)
    streamed = [m.test_result for m in student.exercise.SubmitSolutionStream(
        exercise_service_pb2.SubmitSolutionStreamRequest(exercise_id=exercise.exercise_id, code=cheat),
        metadata=student.metadata, timeout=60) if m.HasField("test_result")]
    assert any(r.hidden for r in streamed) and all(not r.expected for r in streamed if r.hidden)
    listed = student.exercise.ListSubmissions(exercise_service_pb2.ListSubmissionsRequest(
        exercise_id=exercise.exercise_id), metadata=student.metadata, timeout=10).submissions
    assert all(not r.expected for s in listed for r in s.results if r.hidden)
    # teachers see every test in full
    full = teacher.exercise.GetExercise(exercise_service_pb2.GetExerciseRequest(exercise_id=exercise.exercise_id),
                                        metadata=teacher.metadata, timeout=10).exercise
    assert all(t.call and t.expected for t in full.test_cases if t.hidden)
