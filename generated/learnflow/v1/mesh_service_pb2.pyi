from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListAgentHealthRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAgentHealthResponse(_message.Message):
    __slots__ = ("agents",)
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    agents: _containers.RepeatedCompositeFieldContainer[_entities_pb2.AgentHealthMetrics]
    def __init__(self, agents: _Optional[_Iterable[_Union[_entities_pb2.AgentHealthMetrics, _Mapping]]] = ...) -> None: ...

class GetMessageFlowRequest(_message.Message):
    __slots__ = ("query_id", "trace_id")
    QUERY_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    query_id: str
    trace_id: str
    def __init__(self, query_id: _Optional[str] = ..., trace_id: _Optional[str] = ...) -> None: ...

class GetMessageFlowResponse(_message.Message):
    __slots__ = ("messages",)
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[_entities_pb2.MessageFlow]
    def __init__(self, messages: _Optional[_Iterable[_Union[_entities_pb2.MessageFlow, _Mapping]]] = ...) -> None: ...

class GetEventBacklogRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetEventBacklogResponse(_message.Message):
    __slots__ = ("unsent", "oldest_unsent_age_seconds", "sent_last_hour", "last_error", "consumer_lag", "kafka_available", "kafka_error")
    class ConsumerLagEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    UNSENT_FIELD_NUMBER: _ClassVar[int]
    OLDEST_UNSENT_AGE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SENT_LAST_HOUR_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_LAG_FIELD_NUMBER: _ClassVar[int]
    KAFKA_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    KAFKA_ERROR_FIELD_NUMBER: _ClassVar[int]
    unsent: int
    oldest_unsent_age_seconds: float
    sent_last_hour: int
    last_error: str
    consumer_lag: _containers.ScalarMap[str, int]
    kafka_available: bool
    kafka_error: str
    def __init__(self, unsent: _Optional[int] = ..., oldest_unsent_age_seconds: _Optional[float] = ..., sent_last_hour: _Optional[int] = ..., last_error: _Optional[str] = ..., consumer_lag: _Optional[_Mapping[str, int]] = ..., kafka_available: _Optional[bool] = ..., kafka_error: _Optional[str] = ...) -> None: ...

class EchoRequest(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...

class EchoResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: str
    def __init__(self, message: _Optional[str] = ...) -> None: ...
