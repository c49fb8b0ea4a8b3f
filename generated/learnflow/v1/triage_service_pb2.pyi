from google.protobuf import struct_pb2 as _struct_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AskRequest(_message.Message):
    __slots__ = ("query_text", "code_snippet", "language", "session_id", "context", "stdin")
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    STDIN_FIELD_NUMBER: _ClassVar[int]
    query_text: str
    code_snippet: str
    language: _enums_pb2.CodeLanguage
    session_id: str
    context: _struct_pb2.Struct
    stdin: str
    def __init__(self, query_text: _Optional[str] = ..., code_snippet: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., session_id: _Optional[str] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., stdin: _Optional[str] = ...) -> None: ...

class RoutingDecision(_message.Message):
    __slots__ = ("detected_intent", "routed_to_agent", "confidence", "reasoning", "query_id", "trace_id")
    DETECTED_INTENT_FIELD_NUMBER: _ClassVar[int]
    ROUTED_TO_AGENT_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    REASONING_FIELD_NUMBER: _ClassVar[int]
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    detected_intent: _enums_pb2.Intent
    routed_to_agent: _enums_pb2.AgentName
    confidence: float
    reasoning: str
    query_id: str
    trace_id: str
    def __init__(self, detected_intent: _Optional[_Union[_enums_pb2.Intent, str]] = ..., routed_to_agent: _Optional[_Union[_enums_pb2.AgentName, str]] = ..., confidence: _Optional[float] = ..., reasoning: _Optional[str] = ..., query_id: _Optional[str] = ..., trace_id: _Optional[str] = ...) -> None: ...

class AskResponse(_message.Message):
    __slots__ = ("query", "response", "routing", "degraded")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ROUTING_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    query: _entities_pb2.StudentQuery
    response: _entities_pb2.AgentResponse
    routing: RoutingDecision
    degraded: bool
    def __init__(self, query: _Optional[_Union[_entities_pb2.StudentQuery, _Mapping]] = ..., response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., routing: _Optional[_Union[RoutingDecision, _Mapping]] = ..., degraded: _Optional[bool] = ...) -> None: ...

class AskStreamRequest(_message.Message):
    __slots__ = ("query_text", "code_snippet", "language", "session_id", "context", "stdin")
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    STDIN_FIELD_NUMBER: _ClassVar[int]
    query_text: str
    code_snippet: str
    language: _enums_pb2.CodeLanguage
    session_id: str
    context: _struct_pb2.Struct
    stdin: str
    def __init__(self, query_text: _Optional[str] = ..., code_snippet: _Optional[str] = ..., language: _Optional[_Union[_enums_pb2.CodeLanguage, str]] = ..., session_id: _Optional[str] = ..., context: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., stdin: _Optional[str] = ...) -> None: ...

class AskStreamResponse(_message.Message):
    __slots__ = ("routing", "text_chunk", "final")
    ROUTING_FIELD_NUMBER: _ClassVar[int]
    TEXT_CHUNK_FIELD_NUMBER: _ClassVar[int]
    FINAL_FIELD_NUMBER: _ClassVar[int]
    routing: RoutingDecision
    text_chunk: str
    final: AskResponse
    def __init__(self, routing: _Optional[_Union[RoutingDecision, _Mapping]] = ..., text_chunk: _Optional[str] = ..., final: _Optional[_Union[AskResponse, _Mapping]] = ...) -> None: ...

class ClassifyRequest(_message.Message):
    __slots__ = ("query_text", "code_snippet")
    QUERY_TEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_SNIPPET_FIELD_NUMBER: _ClassVar[int]
    query_text: str
    code_snippet: str
    def __init__(self, query_text: _Optional[str] = ..., code_snippet: _Optional[str] = ...) -> None: ...

class ClassifyResponse(_message.Message):
    __slots__ = ("routing", "signals")
    ROUTING_FIELD_NUMBER: _ClassVar[int]
    SIGNALS_FIELD_NUMBER: _ClassVar[int]
    routing: RoutingDecision
    signals: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, routing: _Optional[_Union[RoutingDecision, _Mapping]] = ..., signals: _Optional[_Iterable[str]] = ...) -> None: ...
