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

class ReviewCodeRequest(_message.Message):
    __slots__ = ("context", "code", "language", "question")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    code: str
    language: _enums_pb2.CodeLanguage
    question: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., code: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., question: _Optional[str] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("rule", "line", "severity", "message", "suggestion", "category", "code")
    RULE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SUGGESTION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    rule: str
    line: int
    severity: _enums_pb2.Severity
    message: str
    suggestion: str
    category: str
    code: str
    def __init__(self, rule: _Optional[str] = ..., line: _Optional[int] = ..., severity: _Optional[_Union[_enums_pb2.Severity, str]] = ..., message: _Optional[str] = ..., suggestion: _Optional[str] = ..., category: _Optional[str] = ..., code: _Optional[str] = ...) -> None: ...

class ReviewCodeResponse(_message.Message):
    __slots__ = ("response", "findings", "score", "collaboration", "degraded")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COLLABORATION_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    score: int
    collaboration: _containers.RepeatedCompositeFieldContainer[_entities_pb2.MessageFlow]
    degraded: bool
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., score: _Optional[int] = ..., collaboration: _Optional[_Iterable[_Union[_entities_pb2.MessageFlow, _Mapping]]] = ..., degraded: _Optional[bool] = ...) -> None: ...

class ReviewCodeStreamRequest(_message.Message):
    __slots__ = ("context", "code", "language", "question")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    code: str
    language: _enums_pb2.CodeLanguage
    question: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., code: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., question: _Optional[str] = ...) -> None: ...

class ReviewCodeStreamResponse(_message.Message):
    __slots__ = ("event", "findings", "degraded")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    event: _common_pb2.SpecialistChunk
    findings: _containers.RepeatedCompositeFieldContainer[Finding]
    degraded: bool
    def __init__(self, event: _Optional[_Union[_common_pb2.SpecialistChunk, _Mapping]] = ..., findings: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., degraded: _Optional[bool] = ...) -> None: ...
