from learnflow.v1 import common_pb2 as _common_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GenerateExerciseRequest(_message.Message):
    __slots__ = ("context", "topic", "difficulty", "request_text")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_TEXT_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    topic: str
    difficulty: _enums_pb2.SkillLevel
    request_text: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., topic: _Optional[str] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., request_text: _Optional[str] = ...) -> None: ...

class GenerateExerciseResponse(_message.Message):
    __slots__ = ("exercise", "response", "reason")
    EXERCISE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    exercise: _entities_pb2.Exercise
    response: _entities_pb2.AgentResponse
    reason: str
    def __init__(self, exercise: _Optional[_Union[_entities_pb2.Exercise, _Mapping]] = ..., response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class GetExerciseRequest(_message.Message):
    __slots__ = ("exercise_id",)
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    exercise_id: str
    def __init__(self, exercise_id: _Optional[str] = ...) -> None: ...

class GetExerciseResponse(_message.Message):
    __slots__ = ("exercise",)
    EXERCISE_FIELD_NUMBER: _ClassVar[int]
    exercise: _entities_pb2.Exercise
    def __init__(self, exercise: _Optional[_Union[_entities_pb2.Exercise, _Mapping]] = ...) -> None: ...

class ListExercisesRequest(_message.Message):
    __slots__ = ("topic", "difficulty", "page_size", "page_token")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    topic: str
    difficulty: _enums_pb2.SkillLevel
    page_size: int
    page_token: str
    def __init__(self, topic: _Optional[str] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListExercisesResponse(_message.Message):
    __slots__ = ("exercises", "next_page_token")
    EXERCISES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    exercises: _containers.RepeatedCompositeFieldContainer[_entities_pb2.Exercise]
    next_page_token: str
    def __init__(self, exercises: _Optional[_Iterable[_Union[_entities_pb2.Exercise, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateExerciseRequest(_message.Message):
    __slots__ = ("title", "topic", "difficulty", "problem_text", "solution_code", "starter_code", "setup_code", "test_cases", "hints", "tags", "language", "estimated_completion_time")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_TEXT_FIELD_NUMBER: _ClassVar[int]
    SOLUTION_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTER_CODE_FIELD_NUMBER: _ClassVar[int]
    SETUP_CODE_FIELD_NUMBER: _ClassVar[int]
    TEST_CASES_FIELD_NUMBER: _ClassVar[int]
    HINTS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_COMPLETION_TIME_FIELD_NUMBER: _ClassVar[int]
    title: str
    topic: str
    difficulty: _enums_pb2.SkillLevel
    problem_text: str
    solution_code: str
    starter_code: str
    setup_code: str
    test_cases: _containers.RepeatedCompositeFieldContainer[_entities_pb2.ExerciseTestCase]
    hints: _containers.RepeatedScalarFieldContainer[str]
    tags: _containers.RepeatedScalarFieldContainer[str]
    language: _enums_pb2.ExerciseLanguage
    estimated_completion_time: int
    def __init__(self, title: _Optional[str] = ..., topic: _Optional[str] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., problem_text: _Optional[str] = ..., solution_code: _Optional[str] = ..., starter_code: _Optional[str] = ..., setup_code: _Optional[str] = ..., test_cases: _Optional[_Iterable[_Union[_entities_pb2.ExerciseTestCase, _Mapping]]] = ..., hints: _Optional[_Iterable[str]] = ..., tags: _Optional[_Iterable[str]] = ..., language: _Optional[_Union[_enums_pb2.ExerciseLanguage, str]] = ..., estimated_completion_time: _Optional[int] = ...) -> None: ...

class CreateExerciseResponse(_message.Message):
    __slots__ = ("exercise", "verification")
    EXERCISE_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_FIELD_NUMBER: _ClassVar[int]
    exercise: _entities_pb2.Exercise
    verification: _containers.RepeatedCompositeFieldContainer[_entities_pb2.TestResult]
    def __init__(self, exercise: _Optional[_Union[_entities_pb2.Exercise, _Mapping]] = ..., verification: _Optional[_Iterable[_Union[_entities_pb2.TestResult, _Mapping]]] = ...) -> None: ...

class SubmitSolutionRequest(_message.Message):
    __slots__ = ("exercise_id", "code", "language")
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    exercise_id: str
    code: str
    language: _enums_pb2.CodeLanguage
    def __init__(self, exercise_id: _Optional[str] = ..., code: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ...) -> None: ...

class SubmitSolutionResponse(_message.Message):
    __slots__ = ("submission",)
    SUBMISSION_FIELD_NUMBER: _ClassVar[int]
    submission: _entities_pb2.ExerciseSubmission
    def __init__(self, submission: _Optional[_Union[_entities_pb2.ExerciseSubmission, _Mapping]] = ...) -> None: ...

class SubmitSolutionStreamRequest(_message.Message):
    __slots__ = ("exercise_id", "code", "language")
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    exercise_id: str
    code: str
    language: _enums_pb2.CodeLanguage
    def __init__(self, exercise_id: _Optional[str] = ..., code: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ...) -> None: ...

class SubmitSolutionStreamResponse(_message.Message):
    __slots__ = ("test_result", "submission")
    TEST_RESULT_FIELD_NUMBER: _ClassVar[int]
    SUBMISSION_FIELD_NUMBER: _ClassVar[int]
    test_result: _entities_pb2.TestResult
    submission: _entities_pb2.ExerciseSubmission
    def __init__(self, test_result: _Optional[_Union[_entities_pb2.TestResult, _Mapping]] = ..., submission: _Optional[_Union[_entities_pb2.ExerciseSubmission, _Mapping]] = ...) -> None: ...

class GetHintRequest(_message.Message):
    __slots__ = ("exercise_id",)
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    exercise_id: str
    def __init__(self, exercise_id: _Optional[str] = ...) -> None: ...

class GetHintResponse(_message.Message):
    __slots__ = ("hint", "hint_number", "hint_count")
    HINT_FIELD_NUMBER: _ClassVar[int]
    HINT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    HINT_COUNT_FIELD_NUMBER: _ClassVar[int]
    hint: str
    hint_number: int
    hint_count: int
    def __init__(self, hint: _Optional[str] = ..., hint_number: _Optional[int] = ..., hint_count: _Optional[int] = ...) -> None: ...

class ListSubmissionsRequest(_message.Message):
    __slots__ = ("student_id", "exercise_id", "page_size")
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    exercise_id: str
    page_size: int
    def __init__(self, student_id: _Optional[str] = ..., exercise_id: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListSubmissionsResponse(_message.Message):
    __slots__ = ("submissions",)
    SUBMISSIONS_FIELD_NUMBER: _ClassVar[int]
    submissions: _containers.RepeatedCompositeFieldContainer[_entities_pb2.ExerciseSubmission]
    def __init__(self, submissions: _Optional[_Iterable[_Union[_entities_pb2.ExerciseSubmission, _Mapping]]] = ...) -> None: ...
