from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TutorContext(_message.Message):
    __slots__ = ("query_id", "student_id", "skill_level", "learning_style", "session_id")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    SKILL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    LEARNING_STYLE_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    student_id: str
    skill_level: _enums_pb2.SkillLevel
    learning_style: _enums_pb2.LearningStyle
    session_id: str
    def __init__(self, query_id: _Optional[str] = ..., student_id: _Optional[str] = ..., skill_level: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., learning_style: _Optional[_Union[_enums_pb2.LearningStyle, str]] = ..., session_id: _Optional[str] = ...) -> None: ...

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
