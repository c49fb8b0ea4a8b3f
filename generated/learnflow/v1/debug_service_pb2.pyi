from learnflow.v1 import common_pb2 as _common_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DiagnoseRequest(_message.Message):
    __slots__ = ("context", "code", "question", "stdin")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    STDIN_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    code: str
    question: str
    stdin: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., code: _Optional[str] = ..., question: _Optional[str] = ..., stdin: _Optional[str] = ...) -> None: ...

class ExecutionReport(_message.Message):
    __slots__ = ("status", "exception_type", "exception_message", "line", "source_line", "stdout", "duration_ms")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXCEPTION_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LINE_FIELD_NUMBER: _ClassVar[int]
    STDOUT_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    status: str
    exception_type: str
    exception_message: str
    line: int
    source_line: str
    stdout: str
    duration_ms: float
    def __init__(self, status: _Optional[str] = ..., exception_type: _Optional[str] = ..., exception_message: _Optional[str] = ..., line: _Optional[int] = ..., source_line: _Optional[str] = ..., stdout: _Optional[str] = ..., duration_ms: _Optional[float] = ...) -> None: ...

class DiagnoseResponse(_message.Message):
    __slots__ = ("response", "execution", "fixed_code", "collaboration", "degraded")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    FIXED_CODE_FIELD_NUMBER: _ClassVar[int]
    COLLABORATION_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    execution: ExecutionReport
    fixed_code: str
    collaboration: _containers.RepeatedCompositeFieldContainer[_entities_pb2.MessageFlow]
    degraded: bool
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., execution: _Optional[_Union[ExecutionReport, _Mapping]] = ..., fixed_code: _Optional[str] = ..., collaboration: _Optional[_Iterable[_Union[_entities_pb2.MessageFlow, _Mapping]]] = ..., degraded: _Optional[bool] = ...) -> None: ...

class DiagnoseStreamRequest(_message.Message):
    __slots__ = ("context", "code", "question", "stdin")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    STDIN_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    code: str
    question: str
    stdin: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., code: _Optional[str] = ..., question: _Optional[str] = ..., stdin: _Optional[str] = ...) -> None: ...

class DiagnoseStreamResponse(_message.Message):
    __slots__ = ("event", "execution", "degraded")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    event: _common_pb2.SpecialistChunk
    execution: ExecutionReport
    degraded: bool
    def __init__(self, event: _Optional[_Union[_common_pb2.SpecialistChunk, _Mapping]] = ..., execution: _Optional[_Union[ExecutionReport, _Mapping]] = ..., degraded: _Optional[bool] = ...) -> None: ...
