import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Student(_message.Message):
    __slots__ = ("student_id", "name", "email", "created_at", "learning_style", "skill_level", "active", "first_name", "last_name", "role", "preferences", "updated_at")
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    LEARNING_STYLE_FIELD_NUMBER: _ClassVar[int]
    SKILL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    name: str
    email: str
    created_at: _timestamp_pb2.Timestamp
    learning_style: _enums_pb2.LearningStyle
    skill_level: _enums_pb2.SkillLevel
    active: bool
    first_name: str
    last_name: str
    role: _enums_pb2.Role
    preferences: _struct_pb2.Struct
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, student_id: _Optional[str] = ..., name: _Optional[str] = ..., email: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., learning_style: _Optional[_Union[_enums_pb2.LearningStyle, str]] = ..., skill_level: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., active: _Optional[bool] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., role: _Optional[_Union[_enums_pb2.Role, str]] = ..., preferences: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StudentQuery(_message.Message):
    __slots__ = ("query_id", "student_id", "query_text", "timestamp", "detected_intent", "routed_to_agent", "status", "triage_confidence", "code_snippet", "language", "context", "session_id", "processed_at")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    DETECTED_INTENT_FIELD_NUMBER: _ClassVar[int]
    ROUTED_TO_AGENT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRIAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_AT_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    student_id: str
    query_text: str
    timestamp: _timestamp_pb2.Timestamp
    detected_intent: _enums_pb2.Intent
    routed_to_agent: _enums_pb2.AgentName
    status: _enums_pb2.QueryStatus
    triage_confidence: float
    code_snippet: str
    language: _enums_pb2.CodeLanguage
    context: _struct_pb2.Struct
    session_id: str
    processed_at: _timestamp_pb2.Timestamp
    def __init__(self, query_id: _Optional[str] = ..., student_id: _Optional[str] = ..., query_text: _Optional[str] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., detected_intent: _Optional[_Union[_enums_pb2.Intent, str]] = ..., routed_to_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., status: _Optional[_Union[_enums_pb2.QueryStatus, str]] = ..., triage_confidence: _Optional[float] = ..., code_snippet: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., session_id: _Optional[str] = ..., processed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AgentResponse(_message.Message):
    __slots__ = ("response_id", "query_id", "agent_type", "response_text", "response_type", "processing_time_ms", "confidence_score", "code_examples", "metadata", "created_at", "claude_model", "token_count", "ai_provider", "feedback_rating", "feedback_comment")
    RESPONSE_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TEXT_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PROCESSING_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_SCORE_FIELD_NUMBER: _ClassVar[int]
    CODE_EXAMPLES_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CLAUDE_MODEL_FIELD_NUMBER: _ClassVar[int]
    TOKEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    AI_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_RATING_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_COMMENT_FIELD_NUMBER: _ClassVar[int]
    response_id: str
    query_id: str
    agent_type: _enums_pb2.AgentName
    response_text: str
    response_type: _enums_pb2.ResponseType
    processing_time_ms: int
    confidence_score: float
    code_examples: _containers.RepeatedScalarFieldContainer[str]
    metadata: _struct_pb2.Struct
    created_at: _timestamp_pb2.Timestamp
    claude_model: str
    token_count: int
    ai_provider: str
    feedback_rating: int
    feedback_comment: str
    def __init__(self, response_id: _Optional[str] = ..., query_id: _Optional[str] = ..., agent_type: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., response_text: _Optional[str] = ..., response_type: _Optional[_Union[_enums_pb2.ResponseType, str]] = ..., processing_time_ms: _Optional[int] = ..., confidence_score: _Optional[float] = ..., code_examples: _Optional[_Iterable[str]] = ..., metadata: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., claude_model: _Optional[str] = ..., token_count: _Optional[int] = ..., ai_provider: _Optional[str] = ..., feedback_rating: _Optional[int] = ..., feedback_comment: _Optional[str] = ...) -> None: ...

class LearningProgress(_message.Message):
    __slots__ = ("student_id", "python_mastery_levels", "completed_exercises", "topics_mastered", "topics_covered", "strengths", "weaknesses", "learning_velocity", "total_queries", "queries_by_type", "last_activity", "struggle_topics", "achievements", "created_at", "updated_at", "streak_days", "topics")
    class PythonMasteryLevelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    class QueriesByTypeEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PYTHON_MASTERY_LEVELS_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_EXERCISES_FIELD_NUMBER: _ClassVar[int]
    TOPICS_MASTERED_FIELD_NUMBER: _ClassVar[int]
    TOPICS_COVERED_FIELD_NUMBER: _ClassVar[int]
    STRENGTHS_FIELD_NUMBER: _ClassVar[int]
    WEAKNESSES_FIELD_NUMBER: _ClassVar[int]
    LEARNING_VELOCITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUERIES_FIELD_NUMBER: _ClassVar[int]
    QUERIES_BY_TYPE_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    STRUGGLE_TOPICS_FIELD_NUMBER: _ClassVar[int]
    ACHIEVEMENTS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    STREAK_DAYS_FIELD_NUMBER: _ClassVar[int]
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    python_mastery_levels: _containers.ScalarMap[str, float]
    completed_exercises: int
    topics_mastered: _containers.RepeatedScalarFieldContainer[str]
    topics_covered: _containers.RepeatedScalarFieldContainer[str]
    strengths: _containers.RepeatedScalarFieldContainer[str]
    weaknesses: _containers.RepeatedScalarFieldContainer[str]
    learning_velocity: float
    total_queries: int
    queries_by_type: _containers.ScalarMap[str, int]
    last_activity: _timestamp_pb2.Timestamp
    struggle_topics: _containers.RepeatedScalarFieldContainer[str]
    achievements: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    streak_days: int
    topics: _containers.RepeatedCompositeFieldContainer[TopicProgress]
    def __init__(self, student_id: _Optional[str] = ..., python_mastery_levels: _Optional[_Mapping[str, float]] = ..., completed_exercises: _Optional[int] = ..., topics_mastered: _Optional[_Iterable[str]] = ..., topics_covered: _Optional[_Iterable[str]] = ..., strengths: _Optional[_Iterable[str]] = ..., weaknesses: _Optional[_Iterable[str]] = ..., learning_velocity: _Optional[float] = ..., total_queries: _Optional[int] = ..., queries_by_type: _Optional[_Mapping[str, int]] = ..., last_activity: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., struggle_topics: _Optional[_Iterable[str]] = ..., achievements: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., streak_days: _Optional[int] = ..., topics: _Optional[_Iterable[_Union[TopicProgress, _Mapping]]] = ...) -> None: ...

class TopicProgress(_message.Message):
    __slots__ = ("topic", "mastery", "attempts_count", "success_count", "last_practiced_at", "query_count")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    MASTERY_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_COUNT_FIELD_NUMBER: _ClassVar[int]
    LAST_PRACTICED_AT_FIELD_NUMBER: _ClassVar[int]
    QUERY_COUNT_FIELD_NUMBER: _ClassVar[int]
    topic: str
    mastery: float
    attempts_count: int
    success_count: int
    last_practiced_at: _timestamp_pb2.Timestamp
    query_count: int
    def __init__(self, topic: _Optional[str] = ..., mastery: _Optional[float] = ..., attempts_count: _Optional[int] = ..., success_count: _Optional[int] = ..., last_practiced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., query_count: _Optional[int] = ...) -> None: ...

class AgentHealthMetrics(_message.Message):
    __slots__ = ("agent_name", "status", "uptime_seconds", "total_queries_processed", "queries_last_hour", "error_count", "error_count_last_hour", "avg_response_time_ms", "p95_response_time_ms", "current_queue_depth", "last_heartbeat", "replica_count", "version", "instance_id")
    AGENT_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUERIES_PROCESSED_FIELD_NUMBER: _ClassVar[int]
    QUERIES_LAST_HOUR_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_LAST_HOUR_FIELD_NUMBER: _ClassVar[int]
    AVG_RESPONSE_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    P95_RESPONSE_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_QUEUE_DEPTH_FIELD_NUMBER: _ClassVar[int]
    LAST_HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    REPLICA_COUNT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    agent_name: _enums_pb2.AgentName
    status: _enums_pb2.AgentStatus
    uptime_seconds: int
    total_queries_processed: int
    queries_last_hour: int
    error_count: int
    error_count_last_hour: int
    avg_response_time_ms: int
    p95_response_time_ms: int
    current_queue_depth: int
    last_heartbeat: _timestamp_pb2.Timestamp
    replica_count: int
    version: str
    instance_id: str
    def __init__(self, agent_name: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., status: _Optional[_Union[_enums_pb2.AgentStatus, str]] = ..., uptime_seconds: _Optional[int] = ..., total_queries_processed: _Optional[int] = ..., queries_last_hour: _Optional[int] = ..., error_count: _Optional[int] = ..., error_count_last_hour: _Optional[int] = ..., avg_response_time_ms: _Optional[int] = ..., p95_response_time_ms: _Optional[int] = ..., current_queue_depth: _Optional[int] = ..., last_heartbeat: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., replica_count: _Optional[int] = ..., version: _Optional[str] = ..., instance_id: _Optional[str] = ...) -> None: ...

class MessageFlow(_message.Message):
    __slots__ = ("trace_id", "query_id", "message_id", "source_agent", "destination_agent", "message_content", "message_type", "timestamp", "sequence_order")
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_AGENT_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_AGENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_CONTENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_ORDER_FIELD_NUMBER: _ClassVar[int]
    trace_id: str
    query_id: str
    message_id: str
    source_agent: _enums_pb2.AgentName
    destination_agent: _enums_pb2.AgentName
    message_content: str
    message_type: _enums_pb2.MessageType
    timestamp: _timestamp_pb2.Timestamp
    sequence_order: int
    def __init__(self, trace_id: _Optional[str] = ..., query_id: _Optional[str] = ..., message_id: _Optional[str] = ..., source_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., destination_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., message_content: _Optional[str] = ..., message_type: _Optional[_Union[_enums_pb2.MessageType, str]] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sequence_order: _Optional[int] = ...) -> None: ...

class ExerciseTestCase(_message.Message):
    __slots__ = ("id", "kind", "call", "expected", "stdin", "hidden")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CALL_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    STDIN_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: _enums_pb2.TestKind
    call: str
    expected: str
    stdin: str
    hidden: bool
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[_Union[_enums_pb2.TestKind, str]] = ..., call: _Optional[str] = ..., expected: _Optional[str] = ..., stdin: _Optional[str] = ..., hidden: _Optional[bool] = ...) -> None: ...

class Exercise(_message.Message):
    __slots__ = ("exercise_id", "topic", "difficulty", "problem_text", "solution_code", "starter_code", "test_cases", "hints", "created_at", "created_by_agent", "language", "tags", "title", "setup_code", "estimated_completion_time", "created_by", "updated_at", "slug", "hint_count")
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_TEXT_FIELD_NUMBER: _ClassVar[int]
    SOLUTION_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTER_CODE_FIELD_NUMBER: _ClassVar[int]
    TEST_CASES_FIELD_NUMBER: _ClassVar[int]
    HINTS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_AGENT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SETUP_CODE_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COMPLETION_TIME_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SLUG_FIELD_NUMBER: _ClassVar[int]
    HINT_COUNT_FIELD_NUMBER: _ClassVar[int]
    exercise_id: str
    topic: str
    difficulty: _enums_pb2.SkillLevel
    problem_text: str
    solution_code: str
    starter_code: str
    test_cases: _containers.RepeatedCompositeFieldContainer[ExerciseTestCase]
    hints: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    created_by_agent: _enums_pb2.AgentName
    language: _enums_pb2.ExerciseLanguage
    tags: _containers.RepeatedScalarFieldContainer[str]
    title: str
    setup_code: str
    estimated_completion_time: int
    created_by: str
    updated_at: _timestamp_pb2.Timestamp
    slug: str
    hint_count: int
    def __init__(self, exercise_id: _Optional[str] = ..., topic: _Optional[str] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., problem_text: _Optional[str] = ..., solution_code: _Optional[str] = ..., starter_code: _Optional[str] = ..., test_cases: _Optional[_Iterable[_Union[ExerciseTestCase, _Mapping]]] = ..., hints: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_by_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., language: _Optional[_Union[_enums_pb2.ExerciseLanguage, str]] = ..., tags: _Optional[_Iterable[str]] = ..., title: _Optional[str] = ..., setup_code: _Optional[str] = ..., estimated_completion_time: _Optional[int] = ..., created_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., slug: _Optional[str] = ..., hint_count: _Optional[int] = ...) -> None: ...

class TestResult(_message.Message):
    __slots__ = ("test_id", "passed", "expected", "got", "error", "duration_ms", "hidden")
    TEST_ID_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    GOT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    test_id: str
    passed: bool
    expected: str
    got: str
    error: str
    duration_ms: float
    hidden: bool
    def __init__(self, test_id: _Optional[str] = ..., passed: _Optional[bool] = ..., expected: _Optional[str] = ..., got: _Optional[str] = ..., error: _Optional[str] = ..., duration_ms: _Optional[float] = ..., hidden: _Optional[bool] = ...) -> None: ...

class ExerciseSubmission(_message.Message):
    __slots__ = ("submission_id", "exercise_id", "student_id", "submission_code", "submission_time", "grade", "status", "feedback", "automated_tests_passed", "total_tests", "execution_time_ms", "memory_usage_kb", "grader", "graded_at", "results")
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_CODE_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_TIME_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    AUTOMATED_TESTS_PASSED_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TESTS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USAGE_KB_FIELD_NUMBER: _ClassVar[int]
    GRADER_FIELD_NUMBER: _ClassVar[int]
    GRADED_AT_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    submission_id: str
    exercise_id: str
    student_id: str
    submission_code: str
    submission_time: _timestamp_pb2.Timestamp
    grade: float
    status: _enums_pb2.SubmissionStatus
    feedback: str
    automated_tests_passed: int
    total_tests: int
    execution_time_ms: int
    memory_usage_kb: int
    grader: _enums_pb2.Grader
    graded_at: _timestamp_pb2.Timestamp
    results: _containers.RepeatedCompositeFieldContainer[TestResult]
    def __init__(self, submission_id: _Optional[str] = ..., exercise_id: _Optional[str] = ..., student_id: _Optional[str] = ..., submission_code: _Optional[str] = ..., submission_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., grade: _Optional[float] = ..., status: _Optional[_Union[_enums_pb2.SubmissionStatus, str]] = ..., feedback: _Optional[str] = ..., automated_tests_passed: _Optional[int] = ..., total_tests: _Optional[int] = ..., execution_time_ms: _Optional[int] = ..., memory_usage_kb: _Optional[int] = ..., grader: _Optional[_Union[_enums_pb2.Grader, str]] = ..., graded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., results: _Optional[_Iterable[_Union[TestResult, _Mapping]]] = ...) -> None: ...

class SessionContext(_message.Message):
    __slots__ = ("id", "query_id", "session_data", "current_module", "current_difficulty", "learning_path", "session_started_at", "last_activity_at", "session_duration", "session_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_DATA_FIELD_NUMBER: _ClassVar[int]
    CURRENT_MODULE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    LEARNING_PATH_FIELD_NUMBER: _ClassVar[int]
    SESSION_STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVITY_AT_FIELD_NUMBER: _ClassVar[int]
    SESSION_DURATION_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    query_id: str
    session_data: _struct_pb2.Struct
    current_module: str
    current_difficulty: _enums_pb2.SkillLevel
    learning_path: _containers.RepeatedScalarFieldContainer[str]
    session_started_at: _timestamp_pb2.Timestamp
    last_activity_at: _timestamp_pb2.Timestamp
    session_duration: int
    session_id: str
    def __init__(self, id: _Optional[str] = ..., query_id: _Optional[str] = ..., session_data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., current_module: _Optional[str] = ..., current_difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., learning_path: _Optional[_Iterable[str]] = ..., session_started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_activity_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., session_duration: _Optional[int] = ..., session_id: _Optional[str] = ...) -> None: ...

class InteractionHistory(_message.Message):
    __slots__ = ("id", "student_id", "query_id", "response_id", "interaction_type", "summary", "engagement_time", "success_indicators", "created_at", "updated_at", "submission_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_ID_FIELD_NUMBER: _ClassVar[int]
    INTERACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_TIME_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_INDICATORS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    student_id: str
    query_id: str
    response_id: str
    interaction_type: _enums_pb2.InteractionType
    summary: str
    engagement_time: int
    success_indicators: _struct_pb2.Struct
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    submission_id: str
    def __init__(self, id: _Optional[str] = ..., student_id: _Optional[str] = ..., query_id: _Optional[str] = ..., response_id: _Optional[str] = ..., interaction_type: _Optional[_Union[_enums_pb2.InteractionType, str]] = ..., summary: _Optional[str] = ..., engagement_time: _Optional[int] = ..., success_indicators: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submission_id: _Optional[str] = ...) -> None: ...

class ServiceRoutingInformation(_message.Message):
    __slots__ = ("id", "query_id", "response_id", "original_service", "target_service", "routing_reason", "routing_timestamp", "message_id", "confidence")
    ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_SERVICE_FIELD_NUMBER: _ClassVar[int]
    TARGET_SERVICE_FIELD_NUMBER: _ClassVar[int]
    ROUTING_REASON_FIELD_NUMBER: _ClassVar[int]
    ROUTING_TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    query_id: str
    response_id: str
    original_service: _enums_pb2.AgentName
    target_service: _enums_pb2.AgentName
    routing_reason: str
    routing_timestamp: _timestamp_pb2.Timestamp
    message_id: str
    confidence: float
    def __init__(self, id: _Optional[str] = ..., query_id: _Optional[str] = ..., response_id: _Optional[str] = ..., original_service: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., target_service: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., routing_reason: _Optional[str] = ..., routing_timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., message_id: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class ClassGroup(_message.Message):
    __slots__ = ("class_id", "name", "teacher_id", "student_ids", "created_at", "join_code", "pending_invitations")
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TEACHER_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    JOIN_CODE_FIELD_NUMBER: _ClassVar[int]
    PENDING_INVITATIONS_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    name: str
    teacher_id: str
    student_ids: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    join_code: str
    pending_invitations: int
    def __init__(self, class_id: _Optional[str] = ..., name: _Optional[str] = ..., teacher_id: _Optional[str] = ..., student_ids: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., join_code: _Optional[str] = ..., pending_invitations: _Optional[int] = ...) -> None: ...
