"""Random requests for any learnflow method, generated from the message descriptors: random fields and
values, NULs, lone surrogates and invalid UTF-8 (as raw bytes), deep Struct nesting, huge repeats,
truncated and garbage payloads. Deterministic for a given random.Random."""
from __future__ import annotations

import random

from google.protobuf import struct_pb2
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

_TEXT = ["", " ", "What is a list?", "x" * 6000, "a\x00b", "\x00", "é😀", "def f(:\n", "print(1/0)",
         "00000000-0000-0000-0000-000000000000", "not-a-uuid", "ann@example.org", "\u00b2", "9" * 40, "1" * 20,
         "-1", "  \t\n", "<script>", "' OR 1=1 --", "a" * 256, "import os\nos.system('id')"]
_INTS = [0, 1, -1, 2, 5, 100, 201, 2**31 - 1, -2**31, 999999]
_FLOATS = [0.0, -1.0, 0.5, 1e308, float("nan"), float("inf")]


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(_TEXT)
    if roll < 0.8:
        return "".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(1, 40)))
    return "".join(rng.choice("abc\x00 é") for _ in range(rng.randint(1, 20)))


def _nested(depth: int) -> dict:
    out = inner = {}
    for _ in range(depth):
        inner["k"] = {}
        inner = inner["k"]
    return out


def _struct(rng: random.Random, message: Message) -> None:
    roll = rng.random()
    if roll < 0.2:
        message.update(_nested(rng.choice([5, 9, 20, 45])))
    elif roll < 0.3:
        message.update({f"k{i}": i for i in range(rng.choice([10, 300]))})
    else:
        message.update({_text(rng)[:30]: rng.choice([_text(rng)[:50], 1.5, True, None, [1, "a\x00"], {"x": "y"}])
                        for _ in range(rng.randint(0, 5))})


def fill(rng: random.Random, message: Message, depth: int = 0) -> Message:
    if message.DESCRIPTOR.full_name == "google.protobuf.Struct":
        _struct(rng, message)
        return message
    if message.DESCRIPTOR.full_name.startswith("google.protobuf."):
        return message
    for field in message.DESCRIPTOR.fields:
        if rng.random() < 0.35:
            continue
        repeated = field.is_repeated
        if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE and field.message_type.GetOptions().map_entry:
            continue
        count = 1
        if repeated:  # mostly small; sometimes past any max_items (huge ones only for cheap scalar items)
            count = rng.choices([0, 1, 3, 30, 150, 2000], weights=[3, 3, 2, 1, 0.5, 0.3])[0]
            if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
                count = min(count, 150)
        for _ in range(count):
            _set_one(rng, message, field, repeated, depth)
    return message


def _set_one(rng, message, field, repeated, depth):
    container = getattr(message, field.name)
    if field.cpp_type == FieldDescriptor.CPPTYPE_MESSAGE:
        if depth > 3:
            return
        target = container.add() if repeated else container
        fill(rng, target, depth + 1)
        if not repeated and target.ByteSize() == 0:
            target.SetInParent()
        return
    if field.cpp_type == FieldDescriptor.CPPTYPE_STRING:
        value = _text(rng) if field.type == FieldDescriptor.TYPE_STRING else _text(rng).encode("utf-8", "replace")
    elif field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
        value = rng.choice([0, 1, 2, 3, 7, 99, -5])
    elif field.cpp_type == FieldDescriptor.CPPTYPE_BOOL:
        value = rng.random() < 0.5
    elif field.cpp_type in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
        value = rng.choice(_FLOATS)
    elif field.cpp_type in (FieldDescriptor.CPPTYPE_UINT32, FieldDescriptor.CPPTYPE_UINT64):
        value = abs(rng.choice(_INTS))
    else:
        value = rng.choice(_INTS)
    try:
        if repeated:
            container.append(value)
        else:
            setattr(message, field.name, value)
    except (ValueError, TypeError):
        pass  # e.g. a closed enum refusing an unknown number: leave the field unset


def _string_field(number: int, data: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        bits = value & 0x7F
        value >>= 7
        out.append(bits | (0x80 if value else 0))
        if not value:
            return bytes(out)


def payload(rng: random.Random, request_type) -> bytes:
    """Serialized random request, or raw bytes no valid message has (about a third of the time)."""
    roll = rng.random()
    if roll < 0.65:
        return fill(rng, request_type()).SerializeToString()
    strings = [f.number for f in request_type.DESCRIPTOR.fields if f.type == FieldDescriptor.TYPE_STRING]
    if roll < 0.8 and strings:  # invalid UTF-8 or a lone surrogate in a string field
        bad = rng.choice([b"\xff", b"a\xc3", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf8\x88\x80\x80\x80"])
        return _string_field(rng.choice(strings), bad)
    if roll < 0.87:  # a Struct nested past the parser's recursion limit, wherever a Struct field is
        structs = [f.number for f in request_type.DESCRIPTOR.fields
                   if f.message_type is not None and f.message_type.full_name == "google.protobuf.Struct"]
        if structs:
            deep = struct_pb2.Struct()
            deep.update(_nested(60))
            return _string_field(structs[0], deep.SerializeToString())
    valid = fill(rng, request_type()).SerializeToString()
    if roll < 0.94 and valid:  # truncated / flipped bytes
        cut = bytearray(valid[: rng.randint(0, len(valid))])
        if cut:
            cut[rng.randrange(len(cut))] ^= 0xFF
        return bytes(cut) + b"\x0a\xff\xff\xff\xff\x0f"
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
