import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EventEnvelope(_message.Message):
    __slots__ = ("schema_version", "message_id", "timestamp", "student_id", "trace_id", "event_type", "student_query_submitted", "triage_routing_decision", "agent_requested", "agent_response_completed", "agent_log_entry", "student_struggle_detected", "mastery_level_updated", "exercise_submission_graded", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    STUDENT_QUERY_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    TRIAGE_ROUTING_DECISION_FIELD_NUMBER: _ClassVar[int]
    AGENT_REQUESTED_FIELD_NUMBER: _ClassVar[int]
    AGENT_RESPONSE_COMPLETED_FIELD_NUMBER: _ClassVar[int]
    AGENT_LOG_ENTRY_FIELD_NUMBER: _ClassVar[int]
    STUDENT_STRUGGLE_DETECTED_FIELD_NUMBER: _ClassVar[int]
    MASTERY_LEVEL_UPDATED_FIELD_NUMBER: _ClassVar[int]
    EXERCISE_SUBMISSION_GRADED_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    schema_version: str
    message_id: str
    timestamp: _timestamp_pb2.Timestamp
    student_id: str
    trace_id: str
    event_type: str
    student_query_submitted: StudentQuerySubmitted
    triage_routing_decision: TriageRoutingDecision
    agent_requested: AgentRequested
    agent_response_completed: AgentResponseCompleted
    agent_log_entry: AgentLogEntry
    student_struggle_detected: StudentStruggleDetected
    mastery_level_updated: MasteryLevelUpdated
    exercise_submission_graded: ExerciseSubmissionGraded
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, schema_version: _Optional[str] = ..., message_id: _Optional[str] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., student_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., event_type: _Optional[str] = ..., student_query_submitted: _Optional[_Union[StudentQuerySubmitted, _Mapping]] = ..., triage_routing_decision: _Optional[_Union[TriageRoutingDecision, _Mapping]] = ..., agent_requested: _Optional[_Union[AgentRequested, _Mapping]] = ..., agent_response_completed: _Optional[_Union[AgentResponseCompleted, _Mapping]] = ..., agent_log_entry: _Optional[_Union[AgentLogEntry, _Mapping]] = ..., student_struggle_detected: _Optional[_Union[StudentStruggleDetected, _Mapping]] = ..., mastery_level_updated: _Optional[_Union[MasteryLevelUpdated, _Mapping]] = ..., exercise_submission_graded: _Optional[_Union[ExerciseSubmissionGraded, _Mapping]] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class StudentQuerySubmitted(_message.Message):
    __slots__ = ("query_id", "query_text", "query_type", "code_snippet", "language", "context", "session_id")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    QUERY_TYPE_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    query_text: str
    query_type: str
    code_snippet: str
    language: _enums_pb2.CodeLanguage
    context: _struct_pb2.Struct
    session_id: str
    def __init__(self, query_id: _Optional[str] = ..., query_text: _Optional[str] = ..., query_type: _Optional[str] = ..., code_snippet: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., session_id: _Optional[str] = ...) -> None: ...

class TriageRoutingDecision(_message.Message):
    __slots__ = ("query_id", "target_agent", "confidence", "reasoning", "detected_intent")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_AGENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    REASONING_FIELD_NUMBER: _ClassVar[int]
    DETECTED_INTENT_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    target_agent: _enums_pb2.AgentName
    confidence: float
    reasoning: str
    detected_intent: _enums_pb2.Intent
    def __init__(self, query_id: _Optional[str] = ..., target_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., confidence: _Optional[float] = ..., reasoning: _Optional[str] = ..., detected_intent: _Optional[_Union[_enums_pb2.Intent, str]] = ...) -> None: ...

class AgentRequested(_message.Message):
    __slots__ = ("query_id", "agent_name", "method", "caller", "summary")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    agent_name: _enums_pb2.AgentName
    method: str
    caller: _enums_pb2.AgentName
    summary: str
    def __init__(self, query_id: _Optional[str] = ..., agent_name: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., method: _Optional[str] = ..., caller: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., summary: _Optional[str] = ...) -> None: ...

class AgentResponseCompleted(_message.Message):
    __slots__ = ("query_id", "agent_name", "response_text", "processing_time_ms", "confidence", "method", "status", "detected_intent", "topics", "error_type", "claude_model", "response_type")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TEXT_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DETECTED_INTENT_FIELD_NUMBER: _ClassVar[int]
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    ERROR_TYPE_FIELD_NUMBER: _ClassVar[int]
    CLAUDE_MODEL_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    agent_name: _enums_pb2.AgentName
    response_text: str
    processing_time_ms: int
    confidence: float
    method: str
    status: str
    detected_intent: _enums_pb2.Intent
    topics: _containers.RepeatedScalarFieldContainer[str]
    error_type: str
    claude_model: str
    response_type: _enums_pb2.ResponseType
    def __init__(self, query_id: _Optional[str] = ..., agent_name: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., response_text: _Optional[str] = ..., processing_time_ms: _Optional[int] = ..., confidence: _Optional[float] = ..., method: _Optional[str] = ..., status: _Optional[str] = ..., detected_intent: _Optional[_Union[_enums_pb2.Intent, str]] = ..., topics: _Optional[_Iterable[str]] = ..., error_type: _Optional[str] = ..., claude_model: _Optional[str] = ..., response_type: _Optional[_Union[_enums_pb2.ResponseType, str]] = ...) -> None: ...

class AgentLogEntry(_message.Message):
    __slots__ = ("agent_name", "level", "message", "method", "latency_ms", "status", "instance_id", "call_count", "error_count", "max_latency_ms", "window_seconds")
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    agent_name: _enums_pb2.AgentName
    level: str
    message: str
    method: str
    latency_ms: int
    status: str
    instance_id: str
    call_count: int
    error_count: int
    max_latency_ms: int
    window_seconds: int
    def __init__(self, agent_name: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., level: _Optional[str] = ..., message: _Optional[str] = ..., method: _Optional[str] = ..., latency_ms: _Optional[int] = ..., status: _Optional[str] = ..., instance_id: _Optional[str] = ..., call_count: _Optional[int] = ..., error_count: _Optional[int] = ..., max_latency_ms: _Optional[int] = ..., window_seconds: _Optional[int] = ...) -> None: ...

class StudentStruggleDetected(_message.Message):
    __slots__ = ("topic", "struggle_level", "query_count", "time_window_minutes", "recommendation", "failed_submissions", "repeated_errors", "mastery")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    STRUGGLE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    QUERY_COUNT_FIELD_NUMBER: _ClassVar[int]
    TIME_WINDOW_MINUTES_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    FAILED_SUBMISSIONS_FIELD_NUMBER: _ClassVar[int]
    REPEATED_ERRORS_FIELD_NUMBER: _ClassVar[int]
    MASTERY_FIELD_NUMBER: _ClassVar[int]
    topic: str
    struggle_level: _enums_pb2.StruggleLevel
    query_count: int
    time_window_minutes: int
    recommendation: str
    failed_submissions: int
    repeated_errors: int
    mastery: float
    def __init__(self, topic: _Optional[str] = ..., struggle_level: _Optional[_Union[_enums_pb2.StruggleLevel, str]] = ..., query_count: _Optional[int] = ..., time_window_minutes: _Optional[int] = ..., recommendation: _Optional[str] = ..., failed_submissions: _Optional[int] = ..., repeated_errors: _Optional[int] = ..., mastery: _Optional[float] = ...) -> None: ...

class MasteryLevelUpdated(_message.Message):
    __slots__ = ("topic", "old_level", "new_level", "reason")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    OLD_LEVEL_FIELD_NUMBER: _ClassVar[int]
    NEW_LEVEL_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    topic: str
    old_level: float
    new_level: float
    reason: str
    def __init__(self, topic: _Optional[str] = ..., old_level: _Optional[float] = ..., new_level: _Optional[float] = ..., reason: _Optional[str] = ...) -> None: ...

class ExerciseSubmissionGraded(_message.Message):
    __slots__ = ("submission", "topic", "difficulty")
    SUBMISSION_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    submission: _entities_pb2.ExerciseSubmission
    topic: str
    difficulty: _enums_pb2.SkillLevel
    def __init__(self, submission: _Optional[_Union[_entities_pb2.ExerciseSubmission, _Mapping]] = ..., topic: _Optional[str] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ...) -> None: ...
