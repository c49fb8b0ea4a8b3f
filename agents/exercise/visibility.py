"""Hidden test cases: students see only whether they passed. Teachers see everything.

A hidden test's call, stdin and expected value are blanked in every Exercise a student receives, and its
expected/got/error in every TestResult (streamed, returned or listed later). Grading itself uses all
tests, so a solution that only reproduces the visible expectations fails the hidden ones.
"""
from __future__ import annotations

from learnflow.v1 import entities_pb2


def exercise_for(msg: entities_pb2.Exercise, teacher: bool) -> entities_pb2.Exercise:
    if not teacher:
        for test in msg.test_cases:
            if test.hidden:
                test.call = test.expected = test.stdin = ""
    return msg


def result_for(result: entities_pb2.TestResult, teacher: bool) -> entities_pb2.TestResult:
    if result.hidden and not teacher:
        result.expected = result.got = result.error = ""
    return result


def submission_for(submission: entities_pb2.ExerciseSubmission, teacher: bool) -> entities_pb2.ExerciseSubmission:
    for result in submission.results:
        result_for(result, teacher)
    return submission


def hidden_ids(tests: list[dict]) -> frozenset[str]:
    return frozenset(t["id"] for t in tests if t.get("hidden"))
