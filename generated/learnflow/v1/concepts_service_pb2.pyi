from learnflow.v1 import common_pb2 as _common_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExplainRequest(_message.Message):
    __slots__ = ("context", "question", "code_snippet")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    question: str
    code_snippet: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., question: _Optional[str] = ..., code_snippet: _Optional[str] = ...) -> None: ...

class ExplainResponse(_message.Message):
    __slots__ = ("response", "topic", "related_topics")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    RELATED_TOPICS_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    topic: str
    related_topics: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., topic: _Optional[str] = ..., related_topics: _Optional[_Iterable[str]] = ...) -> None: ...

class ExplainStreamRequest(_message.Message):
    __slots__ = ("context", "question", "code_snippet")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    question: str
    code_snippet: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., question: _Optional[str] = ..., code_snippet: _Optional[str] = ...) -> None: ...

class ExplainStreamResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: _common_pb2.SpecialistChunk
    def __init__(self, event: _Optional[_Union[_common_pb2.SpecialistChunk, _Mapping]] = ...) -> None: ...

class ExplainErrorRequest(_message.Message):
    __slots__ = ("context", "exception_type", "message")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    exception_type: str
    message: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., exception_type: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ExplainErrorResponse(_message.Message):
    __slots__ = ("response", "topic")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    topic: str
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., topic: _Optional[str] = ...) -> None: ...

class ListTopicsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Topic(_message.Message):
    __slots__ = ("id", "title", "summary")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    summary: str
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ...) -> None: ...

class ListTopicsResponse(_message.Message):
    __slots__ = ("topics",)
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    topics: _containers.RepeatedCompositeFieldContainer[Topic]
    def __init__(self, topics: _Optional[_Iterable[_Union[Topic, _Mapping]]] = ...) -> None: ...
