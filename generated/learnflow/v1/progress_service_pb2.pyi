from learnflow.v1 import common_pb2 as _common_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetProgressRequest(_message.Message):
    __slots__ = ("student_id",)
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    def __init__(self, student_id: _Optional[str] = ...) -> None: ...

class GetProgressResponse(_message.Message):
    __slots__ = ("progress",)
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    progress: _entities_pb2.LearningProgress
    def __init__(self, progress: _Optional[_Union[_entities_pb2.LearningProgress, _Mapping]] = ...) -> None: ...

class SummarizeProgressRequest(_message.Message):
    __slots__ = ("context", "question")
    CONTEXT_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    context: _common_pb2.TutorContext
    question: str
    def __init__(self, context: _Optional[_Union[_common_pb2.TutorContext, _Mapping]] = ..., question: _Optional[str] = ...) -> None: ...

class SummarizeProgressResponse(_message.Message):
    __slots__ = ("response", "progress")
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    progress: _entities_pb2.LearningProgress
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ..., progress: _Optional[_Union[_entities_pb2.LearningProgress, _Mapping]] = ...) -> None: ...

class ListQueriesRequest(_message.Message):
    __slots__ = ("student_id", "page_size", "page_token")
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    page_size: int
    page_token: str
    def __init__(self, student_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class QueryWithResponse(_message.Message):
    __slots__ = ("query", "response")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    query: _entities_pb2.StudentQuery
    response: _entities_pb2.AgentResponse
    def __init__(self, query: _Optional[_Union[_entities_pb2.StudentQuery, _Mapping]] = ..., response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ...) -> None: ...

class ListQueriesResponse(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[QueryWithResponse]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[QueryWithResponse, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SearchQueriesRequest(_message.Message):
    __slots__ = ("text", "student_id", "page_size")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    text: str
    student_id: str
    page_size: int
    def __init__(self, text: _Optional[str] = ..., student_id: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class SearchQueriesResponse(_message.Message):
    __slots__ = ("queries",)
    QUERIES_FIELD_NUMBER: _ClassVar[int]
    queries: _containers.RepeatedCompositeFieldContainer[_entities_pb2.StudentQuery]
    def __init__(self, queries: _Optional[_Iterable[_Union[_entities_pb2.StudentQuery, _Mapping]]] = ...) -> None: ...

class ListInteractionsRequest(_message.Message):
    __slots__ = ("student_id", "page_size")
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    page_size: int
    def __init__(self, student_id: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListInteractionsResponse(_message.Message):
    __slots__ = ("interactions",)
    INTERACTIONS_FIELD_NUMBER: _ClassVar[int]
    interactions: _containers.RepeatedCompositeFieldContainer[_entities_pb2.InteractionHistory]
    def __init__(self, interactions: _Optional[_Iterable[_Union[_entities_pb2.InteractionHistory, _Mapping]]] = ...) -> None: ...

class RateResponseRequest(_message.Message):
    __slots__ = ("response_id", "rating", "comment")
    RESPONSE_ID_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    response_id: str
    rating: int
    comment: str
    def __init__(self, response_id: _Optional[str] = ..., rating: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RateResponseResponse(_message.Message):
    __slots__ = ("response",)
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    response: _entities_pb2.AgentResponse
    def __init__(self, response: _Optional[_Union[_entities_pb2.AgentResponse, _Mapping]] = ...) -> None: ...
