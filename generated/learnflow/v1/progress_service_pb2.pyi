import datetime

from learnflow.v1 import common_pb2 as _common_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import events_pb2 as _events_pb2
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

class GetMasteryHistoryRequest(_message.Message):
    __slots__ = ("student_id", "topic", "days")
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    topic: str
    days: int
    def __init__(self, student_id: _Optional[str] = ..., topic: _Optional[str] = ..., days: _Optional[int] = ...) -> None: ...

class MasteryPoint(_message.Message):
    __slots__ = ("at", "mastery", "score")
    AT_FIELD_NUMBER: _ClassVar[int]
    MASTERY_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    mastery: float
    score: float
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mastery: _Optional[float] = ..., score: _Optional[float] = ...) -> None: ...

class TopicMasteryHistory(_message.Message):
    __slots__ = ("topic", "points")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    topic: str
    points: _containers.RepeatedCompositeFieldContainer[MasteryPoint]
    def __init__(self, topic: _Optional[str] = ..., points: _Optional[_Iterable[_Union[MasteryPoint, _Mapping]]] = ...) -> None: ...

class DailyActivity(_message.Message):
    __slots__ = ("day", "questions", "submissions")
    DAY_FIELD_NUMBER: _ClassVar[int]
    QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    SUBMISSIONS_FIELD_NUMBER: _ClassVar[int]
    day: str
    questions: int
    submissions: int
    def __init__(self, day: _Optional[str] = ..., questions: _Optional[int] = ..., submissions: _Optional[int] = ...) -> None: ...

class GetMasteryHistoryResponse(_message.Message):
    __slots__ = ("topics", "activity", "streak_days", "struggle_topics")
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    STREAK_DAYS_FIELD_NUMBER: _ClassVar[int]
    STRUGGLE_TOPICS_FIELD_NUMBER: _ClassVar[int]
    topics: _containers.RepeatedCompositeFieldContainer[TopicMasteryHistory]
    activity: _containers.RepeatedCompositeFieldContainer[DailyActivity]
    streak_days: int
    struggle_topics: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, topics: _Optional[_Iterable[_Union[TopicMasteryHistory, _Mapping]]] = ..., activity: _Optional[_Iterable[_Union[DailyActivity, _Mapping]]] = ..., streak_days: _Optional[int] = ..., struggle_topics: _Optional[_Iterable[str]] = ...) -> None: ...

class WatchClassAlertsRequest(_message.Message):
    __slots__ = ("class_id",)
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    def __init__(self, class_id: _Optional[str] = ...) -> None: ...

class WatchStarted(_message.Message):
    __slots__ = ("class_ids", "student_count")
    CLASS_IDS_FIELD_NUMBER: _ClassVar[int]
    STUDENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    class_ids: _containers.RepeatedScalarFieldContainer[str]
    student_count: int
    def __init__(self, class_ids: _Optional[_Iterable[str]] = ..., student_count: _Optional[int] = ...) -> None: ...

class ClassAlert(_message.Message):
    __slots__ = ("alert_id", "student_id", "student_name", "class_ids", "at", "struggle", "mastery")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_NAME_FIELD_NUMBER: _ClassVar[int]
    CLASS_IDS_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    STRUGGLE_FIELD_NUMBER: _ClassVar[int]
    MASTERY_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    student_id: str
    student_name: str
    class_ids: _containers.RepeatedScalarFieldContainer[str]
    at: _timestamp_pb2.Timestamp
    struggle: _events_pb2.StudentStruggleDetected
    mastery: _events_pb2.MasteryLevelUpdated
    def __init__(self, alert_id: _Optional[str] = ..., student_id: _Optional[str] = ..., student_name: _Optional[str] = ..., class_ids: _Optional[_Iterable[str]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., struggle: _Optional[_Union[_events_pb2.StudentStruggleDetected, _Mapping]] = ..., mastery: _Optional[_Union[_events_pb2.MasteryLevelUpdated, _Mapping]] = ...) -> None: ...

class WatchClassAlertsResponse(_message.Message):
    __slots__ = ("started", "alert", "heartbeat")
    STARTED_FIELD_NUMBER: _ClassVar[int]
    ALERT_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    started: WatchStarted
    alert: ClassAlert
    heartbeat: _timestamp_pb2.Timestamp
    def __init__(self, started: _Optional[_Union[WatchStarted, _Mapping]] = ..., alert: _Optional[_Union[ClassAlert, _Mapping]] = ..., heartbeat: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
