"""The `event_outbox.bundle` format: the events a transaction writes after its row's own event (migration 0013).

One outbox row can carry several events of one transaction: its columns hold the first event, `bundle` the
rest, each as (message_id, topic, partition_key, event_type, payload). The encoding is length-prefixed
fields (4-byte big-endian lengths; a key of length 0xFFFFFFFF is None) so it costs no parsing library and
cannot be confused with a payload. The relay (bridge/relay.py) publishes the row's event and then these, in
order; every event keeps its own message id (the Kafka `message-id` header consumers dedupe on).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

_LEN = struct.Struct(">I")
_NONE = 0xFFFFFFFF


@dataclass(frozen=True)
class BundledEvent:
    message_id: str
    topic: str
    partition_key: str | None
    event_type: str
    payload: bytes


def _field(out: list, value: bytes | None) -> None:
    if value is None:
        out.append(_LEN.pack(_NONE))
    else:
        out.append(_LEN.pack(len(value)))
        out.append(value)


def encode(events: list[BundledEvent]) -> bytes | None:
    """The bundle column's value for these events (None when there are none)."""
    if not events:
        return None
    out: list[bytes] = [_LEN.pack(len(events))]
    for e in events:
        _field(out, str(e.message_id).encode())
        _field(out, e.topic.encode())
        _field(out, e.partition_key.encode() if e.partition_key is not None else None)
        _field(out, e.event_type.encode())
        _field(out, bytes(e.payload))
    return b"".join(out)


def decode(data: bytes | memoryview | None) -> list[BundledEvent]:
    """The events of a bundle column value, in order; raises ValueError on a malformed value."""
    if not data:
        return []
    data = bytes(data)
    pos = 0

    def take() -> bytes | None:
        nonlocal pos
        if pos + 4 > len(data):
            raise ValueError("truncated outbox bundle")
        (n,) = _LEN.unpack_from(data, pos)
        pos += 4
        if n == _NONE:
            return None
        if pos + n > len(data):
            raise ValueError("truncated outbox bundle")
        value = data[pos:pos + n]
        pos += n
        return value

    count = _LEN.unpack_from(data, 0)[0] if len(data) >= 4 else None
    if count is None:
        raise ValueError("truncated outbox bundle")
    pos = 4
    events = []
    for _ in range(count):
        message_id, topic, key, event_type, payload = take(), take(), take(), take(), take()
        if message_id is None or topic is None or event_type is None or payload is None:
            raise ValueError("malformed outbox bundle")
        events.append(BundledEvent(message_id.decode(), topic.decode(), key.decode() if key is not None else None,
                                   event_type.decode(), payload))
    if pos != len(data):
        raise ValueError("trailing bytes in outbox bundle")
    return events
