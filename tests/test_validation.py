"""Validation rules declared in the protos, checked by server/validation.py (unit level)."""
from __future__ import annotations

from learnflow.v1 import (common_pb2, entities_pb2, exercise_service_pb2, identity_service_pb2,
                          progress_service_pb2, triage_service_pb2)

from server.validation import validate


def fields(message) -> set[str]:
    return {v.field for v in validate(message)}


def test_valid_ask_passes():
    assert validate(triage_service_pb2.AskRequest(query_text="What is a list?")) == []


def test_query_text_blank_and_too_long():
    assert fields(triage_service_pb2.AskRequest(query_text="   \n")) == {"query_text"}
    assert fields(triage_service_pb2.AskRequest(query_text="x" * 5001)) == {"query_text"}
    assert validate(triage_service_pb2.AskRequest(query_text="x" * 5000)) == []


def test_code_snippet_limit_and_requires_language():
    assert fields(triage_service_pb2.AskRequest(query_text="q", code_snippet="x=1")) == {"language"}
    too_long = triage_service_pb2.AskRequest(query_text="q", code_snippet="x" * 10001, language=1)
    assert fields(too_long) == {"code_snippet"}


def test_unknown_enum_values_are_rejected():
    assert fields(triage_service_pb2.AskRequest(query_text="q", language=42)) == {"language"}


def test_email_and_password_rules():
    bad = identity_service_pb2.RegisterRequest(email="not-an-email", password="short", name=" ")
    assert fields(bad) == {"email", "password", "name"}


def test_rating_range():
    ok = progress_service_pb2.RateResponseRequest(response_id="550e8400-e29b-41d4-a716-446655440000", rating=5)
    assert validate(ok) == []
    for rating in (0, 6):
        bad = progress_service_pb2.RateResponseRequest(response_id="550e8400-e29b-41d4-a716-446655440000",
                                                      rating=rating)
        assert fields(bad) == {"rating"}


def test_uuid_fields():
    assert fields(exercise_service_pb2.GetExerciseRequest(exercise_id="nope")) == {"exercise_id"}
    assert fields(exercise_service_pb2.GetExerciseRequest()) == {"exercise_id"}


def test_nested_messages_and_repeated_items_are_validated():
    request = exercise_service_pb2.CreateExerciseRequest(
        title="t", topic="Loops!", difficulty=0, problem_text="p" * 1000, solution_code="x",
        test_cases=[entities_pb2.ExerciseTestCase(id="", kind=1)])
    got = fields(request)
    assert {"topic", "difficulty", "problem_text", "test_cases", "test_cases[0].id"} <= got


def test_context_is_validated_inside_specialist_requests():
    from learnflow.v1 import concepts_service_pb2

    request = concepts_service_pb2.ExplainRequest(context=common_pb2.TutorContext(query_id="x"), question="q")
    assert fields(request) == {"context.query_id"}
