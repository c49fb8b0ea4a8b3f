import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FollowUp(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FOLLOW_UP_UNSPECIFIED: _ClassVar[FollowUp]
    FOLLOW_UP_ANOTHER_EXAMPLE: _ClassVar[FollowUp]
    FOLLOW_UP_SIMPLER: _ClassVar[FollowUp]
    FOLLOW_UP_MORE_DETAIL: _ClassVar[FollowUp]
    FOLLOW_UP_HARDER: _ClassVar[FollowUp]
    FOLLOW_UP_EASIER: _ClassVar[FollowUp]
    FOLLOW_UP_SHOW_CODE: _ClassVar[FollowUp]
    FOLLOW_UP_PREVENTION: _ClassVar[FollowUp]
    FOLLOW_UP_RELATED_QUESTION: _ClassVar[FollowUp]
    FOLLOW_UP_ABOUT_THE_CODE: _ClassVar[FollowUp]
FOLLOW_UP_UNSPECIFIED: FollowUp
FOLLOW_UP_ANOTHER_EXAMPLE: FollowUp
FOLLOW_UP_SIMPLER: FollowUp
FOLLOW_UP_MORE_DETAIL: FollowUp
FOLLOW_UP_HARDER: FollowUp
FOLLOW_UP_EASIER: FollowUp
FOLLOW_UP_SHOW_CODE: FollowUp
FOLLOW_UP_PREVENTION: FollowUp
FOLLOW_UP_RELATED_QUESTION: FollowUp
FOLLOW_UP_ABOUT_THE_CODE: FollowUp

class TutorContext(_message.Message):
    __slots__ = ("query_id", "student_id", "skill_level", "learning_style", "session_id", "recent_turns", "follow_up", "topic")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    SKILL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    LEARNING_STYLE_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    RECENT_TURNS_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    student_id: str
    skill_level: _enums_pb2.SkillLevel
    learning_style: _enums_pb2.LearningStyle
    session_id: str
    recent_turns: _containers.RepeatedCompositeFieldContainer[ConversationTurn]
    follow_up: FollowUp
    topic: str
    def __init__(self, query_id: _Optional[str] = ..., student_id: _Optional[str] = ..., skill_level: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., learning_style: _Optional[_Union[_enums_pb2.LearningStyle, str]] = ..., session_id: _Optional[str] = ..., recent_turns: _Optional[_Iterable[_Union[ConversationTurn, _Mapping]]] = ..., follow_up: _Optional[_Union[FollowUp, str]] = ..., topic: _Optional[str] = ...) -> None: ...

class ConversationTurn(_message.Message):
    __slots__ = ("query_id", "query_text", "code_snippet", "intent", "agent", "topic", "answer_excerpt", "asked_at", "difficulty", "exercise_id")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    INTENT_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    ANSWER_EXCERPT_FIELD_NUMBER: _ClassVar[int]
    ASKED_AT_FIELD_NUMBER: _ClassVar[int]
    DIFFICULTY_FIELD_NUMBER: _ClassVar[int]
    EXERCISE_ID_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    query_text: str
    code_snippet: str
    intent: _enums_pb2.Intent
    agent: _enums_pb2.AgentName
    topic: str
    answer_excerpt: str
    asked_at: _timestamp_pb2.Timestamp
    difficulty: _enums_pb2.SkillLevel
    exercise_id: str
    def __init__(self, query_id: _Optional[str] = ..., query_text: _Optional[str] = ..., code_snippet: _Optional[str] = ..., intent: _Optional[_Union[_enums_pb2.Intent, str]] = ..., agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., topic: _Optional[str] = ..., answer_excerpt: _Optional[str] = ..., asked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., difficulty: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., exercise_id: _Optional[str] = ...) -> None: ...

class TextChunk(_message.Message):
    __slots__ = ("text", "index")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    text: str
    index: int
    def __init__(self, text: _Optional[str] = ..., index: _Optional[int] = ...) -> None: ...

class SpecialistChunk(_message.Message):
    __slots__ = ("chunk", "final", "collaboration")
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    COLLABORATION_FIELD_NUMBER: _ClassVar[int]
    chunk: TextChunk
    final: _entities_pb2.AgentResponse
    collaboration: _containers.RepeatedCompositeFieldContainer[_entities_pb2.MessageFlow]
    def __init__(self, chunk: _Optional[_Union[TextChunk, _Mapping]] = ..., final: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., collaboration: _Optional[_Iterable[_Union[_entities_pb2.MessageFlow, _Mapping]]] = ...) -> None: ...
