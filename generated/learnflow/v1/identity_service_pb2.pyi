import datetime

from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from learnflow.v1 import entities_pb2 as _entities_pb2
from learnflow.v1 import enums_pb2 as _enums_pb2
from learnflow.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RegisterRequest(_message.Message):
    __slots__ = ("email", "password", "name", "first_name", "last_name", "role", "learning_style", "skill_level")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LEARNING_STYLE_FIELD_NUMBER: _ClassVar[int]
    SKILL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    email: str
    password: str
    name: str
    first_name: str
    last_name: str
    role: _enums_pb2.Role
    learning_style: _enums_pb2.LearningStyle
    skill_level: _enums_pb2.SkillLevel
    def __init__(self, email: _Optional[str] = ..., password: _Optional[str] = ..., name: _Optional[str] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ..., role: _Optional[_Union[_enums_pb2.Role, str]] = ..., learning_style: _Optional[_Union[_enums_pb2.LearningStyle, str]] = ..., skill_level: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ...) -> None: ...

class RegisterResponse(_message.Message):
    __slots__ = ("student",)
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    student: _entities_pb2.Student
    def __init__(self, student: _Optional[_Union[_entities_pb2.Student, _Mapping]] = ...) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("email", "password")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    email: str
    password: str
    def __init__(self, email: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class TokenPair(_message.Message):
    __slots__ = ("access_token", "access_expires_at", "refresh_token", "refresh_expires_at", "token_type")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ACCESS_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REFRESH_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    access_expires_at: _timestamp_pb2.Timestamp
    refresh_token: str
    refresh_expires_at: _timestamp_pb2.Timestamp
    token_type: str
    def __init__(self, access_token: _Optional[str] = ..., access_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., refresh_token: _Optional[str] = ..., refresh_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., token_type: _Optional[str] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ("tokens", "student")
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    tokens: TokenPair
    student: _entities_pb2.Student
    def __init__(self, tokens: _Optional[_Union[TokenPair, _Mapping]] = ..., student: _Optional[_Union[_entities_pb2.Student, _Mapping]] = ...) -> None: ...

class RefreshRequest(_message.Message):
    __slots__ = ("refresh_token",)
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    refresh_token: str
    def __init__(self, refresh_token: _Optional[str] = ...) -> None: ...

class RefreshResponse(_message.Message):
    __slots__ = ("tokens",)
    TOKENS_FIELD_NUMBER: _ClassVar[int]
    tokens: TokenPair
    def __init__(self, tokens: _Optional[_Union[TokenPair, _Mapping]] = ...) -> None: ...

class GetProfileRequest(_message.Message):
    __slots__ = ("student_id",)
    STUDENT_ID_FIELD_NUMBER: _ClassVar[int]
    student_id: str
    def __init__(self, student_id: _Optional[str] = ...) -> None: ...

class GetProfileResponse(_message.Message):
    __slots__ = ("student",)
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    student: _entities_pb2.Student
    def __init__(self, student: _Optional[_Union[_entities_pb2.Student, _Mapping]] = ...) -> None: ...

class UpdatePreferencesRequest(_message.Message):
    __slots__ = ("learning_style", "skill_level", "preferences")
    LEARNING_STYLE_FIELD_NUMBER: _ClassVar[int]
    SKILL_LEVEL_FIELD_NUMBER: _ClassVar[int]
    PREFERENCES_FIELD_NUMBER: _ClassVar[int]
    learning_style: _enums_pb2.LearningStyle
    skill_level: _enums_pb2.SkillLevel
    preferences: _struct_pb2.Struct
    def __init__(self, learning_style: _Optional[_Union[_enums_pb2.LearningStyle, str]] = ..., skill_level: _Optional[_Union[_enums_pb2.SkillLevel, str]] = ..., preferences: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class UpdatePreferencesResponse(_message.Message):
    __slots__ = ("student",)
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    student: _entities_pb2.Student
    def __init__(self, student: _Optional[_Union[_entities_pb2.Student, _Mapping]] = ...) -> None: ...

class CreateClassRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class CreateClassResponse(_message.Message):
    __slots__ = ("class_group",)
    CLASS_GROUP_FIELD_NUMBER: _ClassVar[int]
    class_group: _entities_pb2.ClassGroup
    def __init__(self, class_group: _Optional[_Union[_entities_pb2.ClassGroup, _Mapping]] = ...) -> None: ...

class AddClassMemberRequest(_message.Message):
    __slots__ = ("class_id", "student_email")
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    STUDENT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    student_email: str
    def __init__(self, class_id: _Optional[str] = ..., student_email: _Optional[str] = ...) -> None: ...

class AddClassMemberResponse(_message.Message):
    __slots__ = ("class_group",)
    CLASS_GROUP_FIELD_NUMBER: _ClassVar[int]
    class_group: _entities_pb2.ClassGroup
    def __init__(self, class_group: _Optional[_Union[_entities_pb2.ClassGroup, _Mapping]] = ...) -> None: ...

class ListClassesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListClassesResponse(_message.Message):
    __slots__ = ("classes",)
    CLASSES_FIELD_NUMBER: _ClassVar[int]
    classes: _containers.RepeatedCompositeFieldContainer[_entities_pb2.ClassGroup]
    def __init__(self, classes: _Optional[_Iterable[_Union[_entities_pb2.ClassGroup, _Mapping]]] = ...) -> None: ...

class JoinClassRequest(_message.Message):
    __slots__ = ("join_code",)
    JOIN_CODE_FIELD_NUMBER: _ClassVar[int]
    join_code: str
    def __init__(self, join_code: _Optional[str] = ...) -> None: ...

class JoinClassResponse(_message.Message):
    __slots__ = ("class_group",)
    CLASS_GROUP_FIELD_NUMBER: _ClassVar[int]
    class_group: _entities_pb2.ClassGroup
    def __init__(self, class_group: _Optional[_Union[_entities_pb2.ClassGroup, _Mapping]] = ...) -> None: ...

class ListClassInvitationsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ClassInvitation(_message.Message):
    __slots__ = ("class_id", "class_name", "teacher_name", "invited_at")
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    CLASS_NAME_FIELD_NUMBER: _ClassVar[int]
    TEACHER_NAME_FIELD_NUMBER: _ClassVar[int]
    INVITED_AT_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    class_name: str
    teacher_name: str
    invited_at: _timestamp_pb2.Timestamp
    def __init__(self, class_id: _Optional[str] = ..., class_name: _Optional[str] = ..., teacher_name: _Optional[str] = ..., invited_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListClassInvitationsResponse(_message.Message):
    __slots__ = ("invitations",)
    INVITATIONS_FIELD_NUMBER: _ClassVar[int]
    invitations: _containers.RepeatedCompositeFieldContainer[ClassInvitation]
    def __init__(self, invitations: _Optional[_Iterable[_Union[ClassInvitation, _Mapping]]] = ...) -> None: ...

class AcceptClassInvitationRequest(_message.Message):
    __slots__ = ("class_id",)
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    def __init__(self, class_id: _Optional[str] = ...) -> None: ...

class AcceptClassInvitationResponse(_message.Message):
    __slots__ = ("class_group",)
    CLASS_GROUP_FIELD_NUMBER: _ClassVar[int]
    class_group: _entities_pb2.ClassGroup
    def __init__(self, class_group: _Optional[_Union[_entities_pb2.ClassGroup, _Mapping]] = ...) -> None: ...

class LeaveClassRequest(_message.Message):
    __slots__ = ("class_id",)
    CLASS_ID_FIELD_NUMBER: _ClassVar[int]
    class_id: str
    def __init__(self, class_id: _Optional[str] = ...) -> None: ...

class LeaveClassResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GrantRoleRequest(_message.Message):
    __slots__ = ("email", "role")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    email: str
    role: _enums_pb2.Role
    def __init__(self, email: _Optional[str] = ..., role: _Optional[_Union[_enums_pb2.Role, str]] = ...) -> None: ...

class GrantRoleResponse(_message.Message):
    __slots__ = ("student",)
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    student: _entities_pb2.Student
    def __init__(self, student: _Optional[_Union[_entities_pb2.Student, _Mapping]] = ...) -> None: ...
