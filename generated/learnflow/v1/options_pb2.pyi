from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
RULES_FIELD_NUMBER: _ClassVar[int]
rules: _descriptor.FieldDescriptor
DB_VALUE_FIELD_NUMBER: _ClassVar[int]
db_value: _descriptor.FieldDescriptor

class FieldRules(_message.Message):
    __slots__ = ("not_blank", "max_len", "min_len", "has_range", "min", "max", "email", "uuid", "defined_enum", "requires", "min_items", "max_items", "pattern", "optional_enum", "required", "exclusive_min", "max_depth", "max_bytes")
    NOT_BLANK_FIELD_NUMBER: _ClassVar[int]
    MAX_LEN_FIELD_NUMBER: _ClassVar[int]
    MIN_LEN_FIELD_NUMBER: _ClassVar[int]
    HAS_RANGE_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    UUID_FIELD_NUMBER: _ClassVar[int]
    DEFINED_ENUM_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_FIELD_NUMBER: _ClassVar[int]
    MIN_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_ITEMS_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    OPTIONAL_ENUM_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_DEPTH_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    not_blank: bool
    max_len: int
    min_len: int
    has_range: bool
    min: float
    max: float
    email: bool
    uuid: bool
    defined_enum: bool
    requires: str
    min_items: int
    max_items: int
    pattern: str
    optional_enum: bool
    required: bool
    exclusive_min: bool
    max_depth: int
    max_bytes: int
    def __init__(self, not_blank: _Optional[bool] = ..., max_len: _Optional[int] = ..., min_len: _Optional[int] = ..., has_range: _Optional[bool] = ..., min: _Optional[float] = ..., max: _Optional[float] = ..., email: _Optional[bool] = ..., uuid: _Optional[bool] = ..., defined_enum: _Optional[bool] = ..., requires: _Optional[str] = ..., min_items: _Optional[int] = ..., max_items: _Optional[int] = ..., pattern: _Optional[str] = ..., optional_enum: _Optional[bool] = ..., required: _Optional[bool] = ..., exclusive_min: _Optional[bool] = ..., max_depth: _Optional[int] = ..., max_bytes: _Optional[int] = ...) -> None: ...
