"""Unit tests of the guard's pure parts: validation caps, bounded error details, client address from
x-forwarded-for. (The attacks themselves are reproduced through Envoy in the other files here.)"""
from __future__ import annotations

from learnflow.v1 import entities_pb2, exercise_service_pb2, triage_service_pb2

from server.auth import client_address
from server.interceptors import MAX_LISTED_VIOLATIONS, invalid_argument_status
from server.validation import MAX_VIOLATIONS, Violation, validate


def test_repeated_counts_are_checked_before_items():
    request = exercise_service_pb2.CreateExerciseRequest(
        test_cases=[entities_pb2.ExerciseTestCase(id="", kind=99) for _ in range(5000)])
    problems = [v for v in validate(request) if v.field.startswith("test_cases")]
    assert problems == [Violation("test_cases", "must have at most 100 items (got 5000)")]


def test_violations_are_capped():
    request = exercise_service_pb2.CreateExerciseRequest(
        test_cases=[entities_pb2.ExerciseTestCase(id="\x00", kind=99, call="\x00") for _ in range(100)])
    assert len(validate(request)) == MAX_VIOLATIONS


def test_error_status_lists_twenty_and_counts_the_rest():
    violations = [Violation(f"f{i}" * 100, "x" * 5000) for i in range(500)]
    grpc_status = invalid_argument_status(violations)
    details = dict(grpc_status.trailing_metadata)["grpc-status-details-bin"]
    assert len(details) < 10_000 and len(grpc_status.details) <= 1000
    assert "500 problems (and 480 more)" in grpc_status.details
    assert MAX_LISTED_VIOLATIONS == 20


def test_nul_and_surrogates_anywhere():
    request = triage_service_pb2.AskRequest(query_text="ok\x00")
    assert {v.field for v in validate(request)} == {"query_text"}
    request = triage_service_pb2.AskRequest(query_text="ok", session_id="\x00")
    assert {v.field for v in validate(request)} == {"session_id"}


def test_client_address_from_forwarded_for():
    envoy_added = [("x-forwarded-for", "6.6.6.6, 10.0.0.7")]  # the client wrote 6.6.6.6; Envoy appended 10.0.0.7
    assert client_address(envoy_added, "ipv4:127.0.0.1:5000", 1) == "10.0.0.7"
    assert client_address(envoy_added, "ipv4:127.0.0.1:5000", 0) == "127.0.0.1"
    assert client_address([], "ipv6:[::1]:5000", 1) == "::1"
    assert client_address(envoy_added, "ipv4:127.0.0.1:5000", 2) == "6.6.6.6"
