from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class Intent(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTENT_UNSPECIFIED: _ClassVar[Intent]
    INTENT_CONCEPTS: _ClassVar[Intent]
    INTENT_CODE_REVIEW: _ClassVar[Intent]
    INTENT_DEBUG: _ClassVar[Intent]
    INTENT_EXERCISE: _ClassVar[Intent]
    INTENT_PROGRESS: _ClassVar[Intent]

class AgentName(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_NAME_UNSPECIFIED: _ClassVar[AgentName]
    AGENT_NAME_TRIAGE: _ClassVar[AgentName]
    AGENT_NAME_CONCEPTS: _ClassVar[AgentName]
    AGENT_NAME_CODE_REVIEW: _ClassVar[AgentName]
    AGENT_NAME_DEBUG: _ClassVar[AgentName]
    AGENT_NAME_EXERCISE: _ClassVar[AgentName]
    AGENT_NAME_PROGRESS: _ClassVar[AgentName]
    AGENT_NAME_IDENTITY: _ClassVar[AgentName]
    AGENT_NAME_MESH: _ClassVar[AgentName]

class QueryStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUERY_STATUS_UNSPECIFIED: _ClassVar[QueryStatus]
    QUERY_STATUS_PENDING: _ClassVar[QueryStatus]
    QUERY_STATUS_PROCESSING: _ClassVar[QueryStatus]
    QUERY_STATUS_COMPLETED: _ClassVar[QueryStatus]
    QUERY_STATUS_FAILED: _ClassVar[QueryStatus]

class CodeLanguage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CODE_LANGUAGE_UNSPECIFIED: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_PYTHON: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_JAVASCRIPT: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_JAVA: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_CPP: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_GO: _ClassVar[CodeLanguage]
    CODE_LANGUAGE_RUST: _ClassVar[CodeLanguage]

class ResponseType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESPONSE_TYPE_UNSPECIFIED: _ClassVar[ResponseType]
    RESPONSE_TYPE_EXPLANATION: _ClassVar[ResponseType]
    RESPONSE_TYPE_CODE_REVIEW: _ClassVar[ResponseType]
    RESPONSE_TYPE_DEBUG_SOLUTION: _ClassVar[ResponseType]
    RESPONSE_TYPE_EXERCISE: _ClassVar[ResponseType]
    RESPONSE_TYPE_PROGRESS_REPORT: _ClassVar[ResponseType]

class LearningStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEARNING_STYLE_UNSPECIFIED: _ClassVar[LearningStyle]
    LEARNING_STYLE_VISUAL: _ClassVar[LearningStyle]
    LEARNING_STYLE_AUDITORY: _ClassVar[LearningStyle]
    LEARNING_STYLE_KINESTHETIC: _ClassVar[LearningStyle]
    LEARNING_STYLE_STEP_BY_STEP: _ClassVar[LearningStyle]
    LEARNING_STYLE_EXAMPLE_DRIVEN: _ClassVar[LearningStyle]

class SkillLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SKILL_LEVEL_UNSPECIFIED: _ClassVar[SkillLevel]
    SKILL_LEVEL_BEGINNER: _ClassVar[SkillLevel]
    SKILL_LEVEL_INTERMEDIATE: _ClassVar[SkillLevel]
    SKILL_LEVEL_ADVANCED: _ClassVar[SkillLevel]

class Role(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROLE_UNSPECIFIED: _ClassVar[Role]
    ROLE_STUDENT: _ClassVar[Role]
    ROLE_TEACHER: _ClassVar[Role]
    ROLE_ADMIN: _ClassVar[Role]

class AgentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_STATUS_UNSPECIFIED: _ClassVar[AgentStatus]
    AGENT_STATUS_ACTIVE: _ClassVar[AgentStatus]
    AGENT_STATUS_IDLE: _ClassVar[AgentStatus]
    AGENT_STATUS_ERROR: _ClassVar[AgentStatus]
    AGENT_STATUS_STARTING: _ClassVar[AgentStatus]
    AGENT_STATUS_STOPPING: _ClassVar[AgentStatus]

class MessageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MESSAGE_TYPE_UNSPECIFIED: _ClassVar[MessageType]
    MESSAGE_TYPE_ROUTING_DECISION: _ClassVar[MessageType]
    MESSAGE_TYPE_REQUEST: _ClassVar[MessageType]
    MESSAGE_TYPE_RESPONSE: _ClassVar[MessageType]
    MESSAGE_TYPE_COLLABORATION: _ClassVar[MessageType]

class SubmissionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUBMISSION_STATUS_UNSPECIFIED: _ClassVar[SubmissionStatus]
    SUBMISSION_STATUS_PENDING: _ClassVar[SubmissionStatus]
    SUBMISSION_STATUS_GRADING: _ClassVar[SubmissionStatus]
    SUBMISSION_STATUS_GRADED: _ClassVar[SubmissionStatus]
    SUBMISSION_STATUS_MANUAL_REVIEW: _ClassVar[SubmissionStatus]

class Grader(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRADER_UNSPECIFIED: _ClassVar[Grader]
    GRADER_AI: _ClassVar[Grader]
    GRADER_TEACHER: _ClassVar[Grader]
    GRADER_SYSTEM: _ClassVar[Grader]

class InteractionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INTERACTION_TYPE_UNSPECIFIED: _ClassVar[InteractionType]
    INTERACTION_TYPE_QUERY: _ClassVar[InteractionType]
    INTERACTION_TYPE_EXERCISE_SUBMISSION: _ClassVar[InteractionType]
    INTERACTION_TYPE_PROGRESS_UPDATE: _ClassVar[InteractionType]

class ExerciseLanguage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXERCISE_LANGUAGE_UNSPECIFIED: _ClassVar[ExerciseLanguage]
    EXERCISE_LANGUAGE_PYTHON: _ClassVar[ExerciseLanguage]
    EXERCISE_LANGUAGE_JAVASCRIPT: _ClassVar[ExerciseLanguage]
    EXERCISE_LANGUAGE_JAVA: _ClassVar[ExerciseLanguage]

class TestKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TEST_KIND_UNSPECIFIED: _ClassVar[TestKind]
    TEST_KIND_CALL: _ClassVar[TestKind]
    TEST_KIND_STDOUT: _ClassVar[TestKind]

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_ERROR: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_SUGGESTION: _ClassVar[Severity]

class StruggleLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STRUGGLE_LEVEL_UNSPECIFIED: _ClassVar[StruggleLevel]
    STRUGGLE_LEVEL_LOW: _ClassVar[StruggleLevel]
    STRUGGLE_LEVEL_MEDIUM: _ClassVar[StruggleLevel]
    STRUGGLE_LEVEL_HIGH: _ClassVar[StruggleLevel]
INTENT_UNSPECIFIED: Intent
INTENT_CONCEPTS: Intent
INTENT_CODE_REVIEW: Intent
INTENT_DEBUG: Intent
INTENT_EXERCISE: Intent
INTENT_PROGRESS: Intent
AGENT_NAME_UNSPECIFIED: AgentName
AGENT_NAME_TRIAGE: AgentName
AGENT_NAME_CONCEPTS: AgentName
AGENT_NAME_CODE_REVIEW: AgentName
AGENT_NAME_DEBUG: AgentName
AGENT_NAME_EXERCISE: AgentName
AGENT_NAME_PROGRESS: AgentName
AGENT_NAME_IDENTITY: AgentName
AGENT_NAME_MESH: AgentName
QUERY_STATUS_UNSPECIFIED: QueryStatus
QUERY_STATUS_PENDING: QueryStatus
QUERY_STATUS_PROCESSING: QueryStatus
QUERY_STATUS_COMPLETED: QueryStatus
QUERY_STATUS_FAILED: QueryStatus
CODE_LANGUAGE_UNSPECIFIED: CodeLanguage
CODE_LANGUAGE_PYTHON: CodeLanguage
CODE_LANGUAGE_JAVASCRIPT: CodeLanguage
CODE_LANGUAGE_JAVA: CodeLanguage
CODE_LANGUAGE_CPP: CodeLanguage
CODE_LANGUAGE_GO: CodeLanguage
CODE_LANGUAGE_RUST: CodeLanguage
RESPONSE_TYPE_UNSPECIFIED: ResponseType
RESPONSE_TYPE_EXPLANATION: ResponseType
RESPONSE_TYPE_CODE_REVIEW: ResponseType
RESPONSE_TYPE_DEBUG_SOLUTION: ResponseType
RESPONSE_TYPE_EXERCISE: ResponseType
RESPONSE_TYPE_PROGRESS_REPORT: ResponseType
LEARNING_STYLE_UNSPECIFIED: LearningStyle
LEARNING_STYLE_VISUAL: LearningStyle
LEARNING_STYLE_AUDITORY: LearningStyle
LEARNING_STYLE_KINESTHETIC: LearningStyle
LEARNING_STYLE_STEP_BY_STEP: LearningStyle
LEARNING_STYLE_EXAMPLE_DRIVEN: LearningStyle
SKILL_LEVEL_UNSPECIFIED: SkillLevel
SKILL_LEVEL_BEGINNER: SkillLevel
SKILL_LEVEL_INTERMEDIATE: SkillLevel
SKILL_LEVEL_ADVANCED: SkillLevel
ROLE_UNSPECIFIED: Role
ROLE_STUDENT: Role
ROLE_TEACHER: Role
ROLE_ADMIN: Role
AGENT_STATUS_UNSPECIFIED: AgentStatus
AGENT_STATUS_ACTIVE: AgentStatus
AGENT_STATUS_IDLE: AgentStatus
AGENT_STATUS_ERROR: AgentStatus
AGENT_STATUS_STARTING: AgentStatus
AGENT_STATUS_STOPPING: AgentStatus
MESSAGE_TYPE_UNSPECIFIED: MessageType
MESSAGE_TYPE_ROUTING_DECISION: MessageType
MESSAGE_TYPE_REQUEST: MessageType
MESSAGE_TYPE_RESPONSE: MessageType
MESSAGE_TYPE_COLLABORATION: MessageType
SUBMISSION_STATUS_UNSPECIFIED: SubmissionStatus
SUBMISSION_STATUS_PENDING: SubmissionStatus
SUBMISSION_STATUS_GRADING: SubmissionStatus
SUBMISSION_STATUS_GRADED: SubmissionStatus
SUBMISSION_STATUS_MANUAL_REVIEW: SubmissionStatus
GRADER_UNSPECIFIED: Grader
GRADER_AI: Grader
GRADER_TEACHER: Grader
GRADER_SYSTEM: Grader
INTERACTION_TYPE_UNSPECIFIED: InteractionType
INTERACTION_TYPE_QUERY: InteractionType
INTERACTION_TYPE_EXERCISE_SUBMISSION: InteractionType
INTERACTION_TYPE_PROGRESS_UPDATE: InteractionType
EXERCISE_LANGUAGE_UNSPECIFIED: ExerciseLanguage
EXERCISE_LANGUAGE_PYTHON: ExerciseLanguage
EXERCISE_LANGUAGE_JAVASCRIPT: ExerciseLanguage
EXERCISE_LANGUAGE_JAVA: ExerciseLanguage
TEST_KIND_UNSPECIFIED: TestKind
TEST_KIND_CALL: TestKind
TEST_KIND_STDOUT: TestKind
SEVERITY_UNSPECIFIED: Severity
SEVERITY_ERROR: Severity
SEVERITY_WARNING: Severity
SEVERITY_SUGGESTION: Severity
STRUGGLE_LEVEL_UNSPECIFIED: StruggleLevel
STRUGGLE_LEVEL_LOW: StruggleLevel
STRUGGLE_LEVEL_MEDIUM: StruggleLevel
STRUGGLE_LEVEL_HIGH: StruggleLevel
