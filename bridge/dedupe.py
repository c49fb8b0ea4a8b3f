"""Consumer-side de-duplication by the `message-id` header.

The outbox relay publishes at least once: after a crash between "Kafka acknowledged" and "row marked sent"
the same event is published again with the same message-id. A consumer that changes its own database drops
redeliveries by claiming the message-id *in the same transaction* as its effects:

    with conn.transaction():
        if claim(conn, "progress-projector", message_id_of(record)):
            ...apply the event...
        # a duplicate claims nothing and applies nothing; an error rolls back the claim with the effects

Table (created by db/migrations/0003_infrastructure.sql):

    CREATE TABLE processed_messages (
        consumer VARCHAR(100) NOT NULL,
        message_id UUID NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
    );

Consumers without a database (a dashboard feed, a test) can use `RecentIds`, a bounded in-memory window.
"""
from __future__ import annotations

import uuid
from collections import OrderedDict

_CLAIM = ("INSERT INTO processed_messages (consumer, message_id) VALUES (%s, %s)"
          " ON CONFLICT (consumer, message_id) DO NOTHING")
_PRUNE = "DELETE FROM processed_messages WHERE processed_at < now() - make_interval(secs => %s)"


def header(record, name: str) -> bytes | None:
    """A header value from a kafka-python ConsumerRecord (headers are a list of (str, bytes))."""
    for key, value in record.headers or ():
        if key == name:
            return value
    return None


def message_id_of(record) -> uuid.UUID:
    """The event's message-id header as a UUID; raises ValueError when missing or malformed
    (such a record cannot be de-duplicated, so the caller must decide what to do with it)."""
    raw = header(record, "message-id")
    if raw is None:
        raise ValueError(f"record {record.topic}/{record.partition}@{record.offset} has no message-id header")
    return uuid.UUID(raw.decode())


def claim(conn, consumer: str, message_id) -> bool:
    """Records (consumer, message_id) in the caller's open transaction.

    True: first delivery, apply the event. False: already processed (or being processed by a concurrent
    transaction that will commit first; the INSERT waits for it), skip it.
    """
    return conn.execute(_CLAIM, (consumer, _as_uuid(message_id))).rowcount == 1


async def claim_async(conn, consumer: str, message_id) -> bool:
    """claim() for a psycopg AsyncConnection (the agents are asyncio servers)."""
    cur = await conn.execute(_CLAIM, (consumer, _as_uuid(message_id)))
    return cur.rowcount == 1


def prune_processed(conn, older_than_hours: float) -> int:
    """Forgets claims older than the longest time a redelivery can arrive (>= the topics' retention)."""
    return conn.execute(_PRUNE, (older_than_hours * 3600,)).rowcount


def _as_uuid(value) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, bytes):
        value = value.decode()
    return uuid.UUID(str(value))


class RecentIds:
    """The last `capacity` message-ids seen, for consumers without a database. `first_time(id)` is True
    once per id while it stays in the window (oldest forgotten first)."""

    def __init__(self, capacity: int = 100_000):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, message_id) -> bool:
        key = str(_as_uuid(message_id))
        if key in self._seen:
            self._seen.move_to_end(key)
            return False
        self._seen[key] = None
        if len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return True

    def __len__(self) -> int:
        return len(self._seen)
