"""Row (dict) -> protobuf conversions for the tables, in one place so every agent returns the same shapes."""
from __future__ import annotations

import json
from datetime import datetime

from google.protobuf.struct_pb2 import Struct
from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import entities_pb2

from server import enums


def ts(value: datetime | None) -> Timestamp | None:
    if value is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(value)
    return stamp


def struct(value) -> Struct | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = json.loads(value)
    out = Struct()
    out.update(value)
    return out


def _set(message, **fields) -> None:
    for name, value in fields.items():
        if value is None:
            continue
        target = getattr(message, name)
        if hasattr(target, "CopyFrom"):
            target.CopyFrom(value)
        elif hasattr(target, "extend"):
            target.extend(value)
        else:
            setattr(message, name, value)


def student(row: dict) -> entities_pb2.Student:
    msg = entities_pb2.Student()
    _set(msg, student_id=row["student_id"], name=row["name"], email=row["email"], created_at=ts(row["created_at"]),
         learning_style=enums.from_db("LearningStyle", row["learning_style"]),
         skill_level=enums.from_db("SkillLevel", row["skill_level"]), active=bool(row["active"]),
         first_name=row.get("first_name"), last_name=row.get("last_name"), role=enums.from_db("Role", row["role"]),
         preferences=struct(row.get("preferences")), updated_at=ts(row.get("updated_at")))
    return msg


def query(row: dict) -> entities_pb2.StudentQuery:
    msg = entities_pb2.StudentQuery()
    _set(msg, query_id=str(row["query_id"]), student_id=row["student_id"], query_text=row["query_text"],
         timestamp=ts(row["timestamp"]), detected_intent=enums.from_db("Intent", row["detected_intent"]),
         routed_to_agent=enums.agent_enum(row["routed_to_agent"]), status=enums.from_db("QueryStatus", row["status"]),
         code_snippet=row.get("code_snippet"), language=enums.from_db("CodeLanguage", row.get("language")),
         context=struct(row.get("context")), session_id=row.get("session_id"), processed_at=ts(row.get("processed_at")))
    if row.get("triage_confidence") is not None:
        msg.triage_confidence = float(row["triage_confidence"])
    return msg


def response(row: dict) -> entities_pb2.AgentResponse:
    msg = entities_pb2.AgentResponse()
    _set(msg, response_id=str(row["response_id"]), query_id=str(row["query_id"]),
         agent_type=enums.agent_enum(row["agent_type"]), response_text=row["response_text"],
         response_type=enums.from_db("ResponseType", row["response_type"]),
         processing_time_ms=row["processing_time_ms"], confidence_score=float(row["confidence_score"] or 0),
         code_examples=row.get("code_examples") or [], metadata=struct(row.get("metadata")),
         created_at=ts(row["created_at"]), claude_model=row["claude_model"], token_count=row.get("token_count") or 0,
         ai_provider=row.get("ai_provider"), feedback_comment=row.get("feedback_comment"))
    if row.get("feedback_rating") is not None:
        msg.feedback_rating = row["feedback_rating"]
    return msg


def message_flow(row: dict) -> entities_pb2.MessageFlow:
    return entities_pb2.MessageFlow(
        trace_id=str(row["trace_id"]), query_id=str(row["query_id"]), message_id=str(row["message_id"]),
        source_agent=enums.agent_enum(row["source_agent"]), destination_agent=enums.agent_enum(row["destination_agent"]),
        message_content=row["message_content"], message_type=enums.from_db("MessageType", row["message_type"]),
        timestamp=ts(row["timestamp"]), sequence_order=row["sequence_order"])


def test_case(item: dict) -> entities_pb2.ExerciseTestCase:
    return entities_pb2.ExerciseTestCase(id=item["id"], kind=enums.from_db("TestKind", item["kind"]),
                                         call=item.get("call", ""), expected=item.get("expected", ""),
                                         stdin=item.get("stdin", ""), hidden=bool(item.get("hidden", False)))


def exercise(row: dict, *, reveal_solution: bool, hints_unlocked: int | None = None) -> entities_pb2.Exercise:
    """Students never get the reference solution; hints only as far as they have unlocked them."""
    tests = row["test_cases"] if not isinstance(row["test_cases"], str) else json.loads(row["test_cases"])
    hints = list(row.get("hints") or [])
    msg = entities_pb2.Exercise()
    _set(msg, exercise_id=str(row["exercise_id"]), topic=row["topic"],
         difficulty=enums.from_db("SkillLevel", row["difficulty"]), problem_text=row["problem_text"],
         solution_code=row["solution_code"] if reveal_solution else None, starter_code=row.get("starter_code"),
         test_cases=[test_case(t) for t in tests],
         hints=hints if reveal_solution else hints[: (hints_unlocked or 0)],
         created_at=ts(row["created_at"]), created_by_agent=enums.agent_enum(row.get("created_by_agent") or "exercise"),
         language=enums.from_db("ExerciseLanguage", row["language"]), tags=row.get("tags") or [],
         title=row.get("title"), setup_code=row.get("setup_code"),
         estimated_completion_time=row.get("estimated_completion_time"), created_by=row.get("created_by"),
         updated_at=ts(row.get("updated_at")), slug=row.get("slug"), hint_count=len(hints))
    return msg


def submission(row: dict) -> entities_pb2.ExerciseSubmission:
    results = row.get("results") or []
    if isinstance(results, str):
        results = json.loads(results)
    msg = entities_pb2.ExerciseSubmission()
    _set(msg, submission_id=str(row["id"]), exercise_id=str(row["exercise_id"]), student_id=row["student_id"],
         submission_code=row["submission_code"], submission_time=ts(row["submission_time"]), grade=float(row["grade"]),
         status=enums.from_db("SubmissionStatus", row["status"]), feedback=row.get("feedback"),
         automated_tests_passed=row["automated_tests_passed"], total_tests=row["total_tests"],
         execution_time_ms=row.get("execution_time_ms"), memory_usage_kb=row.get("memory_usage_kb"),
         grader=enums.from_db("Grader", row["grader"]), graded_at=ts(row.get("graded_at")),
         results=[entities_pb2.TestResult(**r) for r in results])
    return msg


def interaction(row: dict) -> entities_pb2.InteractionHistory:
    msg = entities_pb2.InteractionHistory()
    _set(msg, id=str(row["id"]), student_id=row["student_id"],
         query_id=str(row["query_id"]) if row.get("query_id") else None,
         response_id=str(row["response_id"]) if row.get("response_id") else None,
         submission_id=str(row["submission_id"]) if row.get("submission_id") else None,
         interaction_type=enums.from_db("InteractionType", row["interaction_type"]), summary=row.get("summary"),
         engagement_time=row.get("engagement_time"), success_indicators=struct(row.get("success_indicators")),
         created_at=ts(row["created_at"]), updated_at=ts(row.get("updated_at")))
    return msg
