"""Request validation driven by the `(learnflow.v1.rules)` field options declared in the .proto files.

The rules live once, in the contracts; this module reads them from the message descriptors and
reports every violation (field path + description), so the interceptor can answer
INVALID_ARGUMENT with a google.rpc.BadRequest naming each bad field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.protobuf.message import Message
from learnflow.v1 import options_pb2

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NUMERIC = {
    FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT32,
    FieldDescriptor.CPPTYPE_UINT64, FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT,
}


@dataclass(frozen=True)
class Violation:
    field: str
    description: str


def _is_repeated(field: FieldDescriptor) -> bool:
    return getattr(field, "is_repeated", None) if hasattr(field, "is_repeated") else (
        field.label == FieldDescriptor.LABEL_REPEATED)


@lru_cache(maxsize=None)
def _rules_for(descriptor: Descriptor) -> tuple[tuple[FieldDescriptor, options_pb2.FieldRules | None], ...]:
    out = []
    for field in descriptor.fields:
        options = field.GetOptions()
        rules = options.Extensions[options_pb2.rules] if options.HasExtension(options_pb2.rules) else None
        out.append((field, rules))
    return tuple(out)


@lru_cache(maxsize=None)
def _enum_numbers(enum: EnumDescriptor) -> frozenset[int]:
    return frozenset(v.number for v in enum.values)


def _is_set(message: Message, field: FieldDescriptor) -> bool:
    value = getattr(message, field.name)
    if _is_repeated(field):
        return len(value) > 0
    if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
        return message.HasField(field.name)
    if field.cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return value != "" and value != b""
    return bool(value)


def _scalar_violations(path: str, field: FieldDescriptor, value, rules) -> list[str]:
    problems: list[str] = []
    if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
        known = _enum_numbers(field.enum_type)
        if value not in known:
            problems.append(f"unknown {field.enum_type.name} value {value}")
        elif rules is not None and rules.defined_enum and value == 0:
            problems.append(f"must be set to one of the {field.enum_type.name} values")
        return problems
    if rules is None:
        return problems
    if field.cpp_type == FieldDescriptor.CPPTYPE_STRING and isinstance(value, str):
        stripped = value.strip()
        if rules.required and not value:
            problems.append("is required")
        if rules.not_blank and not stripped:
            problems.append("must not be empty")
        if rules.max_len and len(value) > rules.max_len:
            problems.append(f"must be at most {rules.max_len} characters (got {len(value)})")
        if rules.min_len and value and len(stripped) < rules.min_len:
            problems.append(f"must be at least {rules.min_len} characters")
        if rules.min_len and not value and not rules.not_blank:
            problems.append(f"must be at least {rules.min_len} characters")
        if rules.email and not _EMAIL.match(value):
            problems.append("must be a valid e-mail address")
        if rules.uuid and value and not _UUID.match(value):
            problems.append("must be a UUID")
        if rules.pattern and value and not re.fullmatch(rules.pattern, value):
            problems.append(f"must match {rules.pattern}")
        if "\x00" in value:
            problems.append("must not contain NUL characters")
    elif field.cpp_type in _NUMERIC:
        if rules.required and not value:
            problems.append("is required")
        if rules.has_range:
            too_low = value <= rules.min if rules.exclusive_min else value < rules.min
            if too_low or value > rules.max:
                low = "(" if rules.exclusive_min else "["
                problems.append(f"must be in {low}{rules.min:g}, {rules.max:g}] (got {value:g})")
    return problems


def validate(message: Message, prefix: str = "") -> list[Violation]:
    """Every rule violation in `message` and its set sub-messages, as dotted field paths."""
    violations: list[Violation] = []
    for field, rules in _rules_for(message.DESCRIPTOR):
        path = f"{prefix}{field.name}"
        value = getattr(message, field.name)
        if _is_repeated(field):
            if rules is not None:
                if rules.min_items and len(value) < rules.min_items:
                    violations.append(Violation(path, f"must have at least {rules.min_items} items (got {len(value)})"))
                if rules.max_items and len(value) > rules.max_items:
                    violations.append(Violation(path, f"must have at most {rules.max_items} items (got {len(value)})"))
            if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and not field.message_type.GetOptions().map_entry:
                for index, item in enumerate(value):
                    violations.extend(validate(item, f"{path}[{index}]."))
            elif field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
                for index, item in enumerate(value):
                    for problem in _scalar_violations(f"{path}[{index}]", field, item, None):
                        violations.append(Violation(f"{path}[{index}]", problem))
            continue
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            if message.HasField(field.name):
                if field.message_type.full_name.startswith("learnflow."):
                    violations.extend(validate(value, f"{path}."))
            elif rules is not None and rules.required:
                violations.append(Violation(path, "is required"))
            continue
        for problem in _scalar_violations(path, field, value, rules):
            violations.append(Violation(path, problem))
        if rules is not None and rules.requires and _is_set(message, field):
            sibling = message.DESCRIPTOR.fields_by_name[rules.requires]
            if not _is_set(message, sibling):
                violations.append(Violation(f"{prefix}{sibling.name}", f"is required when {field.name} is given"))
    return violations
