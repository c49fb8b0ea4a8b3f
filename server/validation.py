"""Request validation driven by the `(learnflow.v1.rules)` field options declared in the .proto files.

The rules live once, in the contracts; this module compiles them, once per message type, into a
plan (a tuple of field checks) and applies it to each request, reporting every violation (field
path + description) up to MAX_VIOLATIONS, so the interceptor can answer INVALID_ARGUMENT with a
google.rpc.BadRequest naming each bad field.

Beyond the declared rules, every string anywhere in a request (Struct keys and values, repeated
strings, nested messages) is refused when it holds NUL or a lone surrogate: PostgreSQL text cannot
store NUL. Sizes are bounded before anything is enumerated: a repeated field's count is checked
before its items are looked at, a Struct's serialized size before it is walked, and fields without a
declared bound get a default cap (fail closed).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from learnflow.v1 import options_pb2

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
_NUMERIC = frozenset({
    FieldDescriptor.CPPTYPE_INT32, FieldDescriptor.CPPTYPE_INT64, FieldDescriptor.CPPTYPE_UINT32,
    FieldDescriptor.CPPTYPE_UINT64, FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT,
})
_FLOATS = frozenset({FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT})
_STRUCT_TYPES = frozenset({"google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"})

MAX_VIOLATIONS = 100          # collected per request; the reply lists fewer (see interceptors)
DEFAULT_MAX_ITEMS = 1000      # repeated fields without a declared max_items
DEFAULT_STRUCT_BYTES = 16384  # Struct fields without a declared max_bytes
DEFAULT_STRUCT_DEPTH = 8
DEFAULT_STRUCT_ITEMS = 200


@dataclass(frozen=True)
class Violation:
    field: str
    description: str


@dataclass(frozen=True)
class _FieldPlan:
    field: FieldDescriptor
    name: str
    rules: options_pb2.FieldRules | None
    repeated: bool
    cpp_type: int
    kind: str          # "scalar" | "message" | "struct" | "map"
    enum_numbers: frozenset[int] | None
    max_items: int
    requires: FieldDescriptor | None
    item_rules: options_pb2.FieldRules | None  # for repeated scalars: the rules each item must meet


class _Full(Exception):
    """Enough violations collected: stop walking."""


def _item_rules(rules):
    """The rules that apply to each item of a repeated scalar (lengths, formats; not the counts)."""
    if rules is None:
        return None
    item = options_pb2.FieldRules()
    item.CopyFrom(rules)
    item.ClearField("min_items")
    item.ClearField("max_items")
    return item


def _is_repeated(field: FieldDescriptor) -> bool:
    flag = getattr(field, "is_repeated", None)
    return bool(flag) if flag is not None else field.label == FieldDescriptor.LABEL_REPEATED


@lru_cache(maxsize=None)
def _plan(descriptor: Descriptor) -> tuple[_FieldPlan, ...]:
    """Everything about a message type's fields that a check needs, computed once per type."""
    out = []
    for field in descriptor.fields:
        options = field.GetOptions()
        rules = options.Extensions[options_pb2.rules] if options.HasExtension(options_pb2.rules) else None
        repeated = _is_repeated(field)
        kind = "scalar"
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                kind = "map"
            elif field.message_type.full_name in _STRUCT_TYPES:
                kind = "struct"
            else:
                kind = "message"
        max_items = (rules.max_items if rules is not None and rules.max_items else DEFAULT_MAX_ITEMS)
        requires = None
        if rules is not None and rules.requires:
            requires = descriptor.fields_by_name[rules.requires]
        out.append(_FieldPlan(
            field=field, name=field.name, rules=rules, repeated=repeated, cpp_type=field.cpp_type, kind=kind,
            enum_numbers=frozenset(v.number for v in field.enum_type.values)
            if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM else None,
            max_items=max_items, requires=requires, item_rules=_item_rules(rules) if repeated else None))
    return tuple(out)


def _is_set(message: Message, field: FieldDescriptor) -> bool:
    value = getattr(message, field.name)
    if _is_repeated(field):
        return len(value) > 0
    if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
        return message.HasField(field.name)
    if field.cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return value != "" and value != b""
    return bool(value)


def _bad_chars(value: str) -> str | None:
    match = _BAD_CHARS.search(value)
    if match is None:
        return None
    return "must not contain NUL characters" if match.group() == "\x00" else "must be valid UTF-8 text"


def _string_problems(value: str, rules) -> list[str]:
    problems: list[str] = []
    bad = _bad_chars(value)
    if bad:
        problems.append(bad)
    if rules is None:
        return problems
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
    if bad:  # the format checks below would only repeat the same complaint
        return problems
    if rules.email and not _EMAIL.match(value):
        problems.append("must be a valid e-mail address")
    if rules.uuid and value and not _UUID.match(value):
        problems.append("must be a UUID")
    if rules.pattern and value and not re.fullmatch(rules.pattern, value):
        problems.append(f"must match {rules.pattern}")
    return problems


def _scalar_problems(plan: _FieldPlan, value, rules) -> list[str]:
    if plan.enum_numbers is not None:
        if value not in plan.enum_numbers:
            return [f"unknown {plan.field.enum_type.name} value {value}"]
        if rules is not None and rules.defined_enum and value == 0:
            return [f"must be set to one of the {plan.field.enum_type.name} values"]
        return []
    if plan.cpp_type == FieldDescriptor.CPPTYPE_STRING:
        return _string_problems(value, rules) if isinstance(value, str) else []
    if plan.cpp_type in _NUMERIC:
        problems = []
        if plan.cpp_type in _FLOATS and not math.isfinite(value):
            return ["must be a finite number"]
        if rules is None:
            return problems
        if rules.required and not value:
            problems.append("is required")
        if rules.has_range:
            too_low = value <= rules.min if rules.exclusive_min else value < rules.min
            if too_low or value > rules.max:
                low = "(" if rules.exclusive_min else "["
                problems.append(f"must be in {low}{rules.min:g}, {rules.max:g}] (got {value:g})")
        return problems
    return []


class _Collector:
    def __init__(self, limit: int):
        self.limit = limit
        self.items: list[Violation] = []

    def add(self, path: str, description: str) -> None:
        self.items.append(Violation(path, description))
        if len(self.items) >= self.limit:
            raise _Full


def _check_struct(out: _Collector, path: str, value: Message, rules) -> None:
    max_bytes = (rules.max_bytes if rules is not None and rules.max_bytes else DEFAULT_STRUCT_BYTES)
    max_depth = (rules.max_depth if rules is not None and rules.max_depth else DEFAULT_STRUCT_DEPTH)
    max_items = (rules.max_items if rules is not None and rules.max_items else DEFAULT_STRUCT_ITEMS)
    size = value.ByteSize()  # computed in C, before anything is walked
    if size > max_bytes:
        out.add(path, f"must be at most {max_bytes} bytes (got {size})")
        return
    items = 0
    # (message, depth, path): Struct -> fields map; Value -> one kind; ListValue -> values.
    stack = [(value, 1, path)]
    while stack:
        node, depth, where = stack.pop()
        if depth > max_depth:
            out.add(path, f"must be nested at most {max_depth} levels deep")
            return
        name = node.DESCRIPTOR.full_name
        if name == "google.protobuf.Struct":
            for key, item in node.fields.items():
                items += 1
                if _BAD_CHARS.search(key):
                    out.add(where, "keys must not contain NUL characters or invalid text")
                stack.append((item, depth + 1, f"{where}.{key[:40]}"))
        elif name == "google.protobuf.ListValue":
            for index, item in enumerate(node.values):
                items += 1
                stack.append((item, depth + 1, f"{where}[{index}]"))
        else:  # Value
            kind = node.WhichOneof("kind")
            if kind == "string_value":
                bad = _bad_chars(node.string_value)
                if bad:
                    out.add(where, bad)
            elif kind == "number_value" and not math.isfinite(node.number_value):
                out.add(where, "must be a finite number")
            elif kind == "struct_value":
                stack.append((node.struct_value, depth, where))
            elif kind == "list_value":
                stack.append((node.list_value, depth, where))
        if items > max_items:
            out.add(path, f"must have at most {max_items} keys and items in all")
            return


def _check_map(out: _Collector, path: str, value) -> None:
    for key in value:
        if isinstance(key, str) and _BAD_CHARS.search(key):
            out.add(path, "keys must not contain NUL characters or invalid text")
        item = value[key]
        if isinstance(item, str) and _BAD_CHARS.search(item):
            out.add(f"{path}[{key!s:.40}]", "must not contain NUL characters or invalid text")
        elif isinstance(item, Message):
            _walk(out, item, f"{path}[{key!s:.40}].")


def _walk(out: _Collector, message: Message, prefix: str) -> None:
    for plan in _plan(message.DESCRIPTOR):
        path = prefix + plan.name
        rules = plan.rules
        value = getattr(message, plan.name)
        if plan.kind == "map":
            if len(value) > plan.max_items:
                out.add(path, f"must have at most {plan.max_items} entries (got {len(value)})")
                continue
            _check_map(out, path, value)
            continue
        if plan.repeated:
            count = len(value)  # counted before any item is looked at
            if rules is not None and rules.min_items and count < rules.min_items:
                out.add(path, f"must have at least {rules.min_items} items (got {count})")
            if count > plan.max_items:
                out.add(path, f"must have at most {plan.max_items} items (got {count})")
                continue
            if plan.kind == "message":
                for index, item in enumerate(value):
                    _walk(out, item, f"{path}[{index}].")
            elif plan.kind == "struct":
                for index, item in enumerate(value):
                    _check_struct(out, f"{path}[{index}]", item, rules)
            else:
                for index, item in enumerate(value):
                    for problem in _scalar_problems(plan, item, plan.item_rules):
                        out.add(f"{path}[{index}]", problem)
            continue
        if plan.kind in ("message", "struct"):
            if message.HasField(plan.name):
                if plan.kind == "struct":
                    _check_struct(out, path, value, rules)
                else:
                    _walk(out, value, f"{path}.")
            elif rules is not None and rules.required:
                out.add(path, "is required")
            continue
        for problem in _scalar_problems(plan, value, rules):
            out.add(path, problem)
        if plan.requires is not None and _is_set(message, plan.field) and not _is_set(message, plan.requires):
            out.add(f"{prefix}{plan.requires.name}", f"is required when {plan.name} is given")


def validate(message: Message, prefix: str = "", limit: int = MAX_VIOLATIONS) -> list[Violation]:
    """Rule violations in `message` and everything it contains, as dotted field paths (at most `limit`)."""
    out = _Collector(limit)
    try:
        _walk(out, message, prefix)
    except _Full:
        pass
    return out.items
