"""Outbox rows that bundle several events of one transaction (migration 0013, bridge/bundle.py), through the
relay to a real Kafka broker: every event reaches its own topic, in the row's order, with its own message-id
header and key; the row is marked sent only when all its events were acknowledged; a malformed bundle is a
failure that holds the row (and everything after it) back instead of losing events."""
from __future__ import annotations

import uuid

import psycopg
import pytest

from bridge import bundle
from bridge.dedupe import message_id_of
from bridge.relay import OutboxRelay
from kafka_helpers import consume, create_topic

_INSERT = ("INSERT INTO event_outbox (message_id, topic, partition_key, event_type, payload, bundle)"
           " VALUES (%s, %s, %s, %s, %s, %s)")


def test_bundle_encoding_round_trips_and_refuses_malformed_values():
    events = [bundle.BundledEvent(str(uuid.uuid4()), "t-a", "s-1", "a.b.c", b"\x00\x01payload"),
              bundle.BundledEvent(str(uuid.uuid4()), "t-b", None, "d.e.f", b"")]
    assert bundle.decode(bundle.encode(events)) == events
    assert bundle.encode([]) is None and bundle.decode(None) == []
    data = bundle.encode(events)
    for bad in (data[:-1], data + b"x", data[:3]):
        with pytest.raises(ValueError):
            bundle.decode(bad)


def _bundle_row(conn, topics: tuple[str, str], key: str, seq: int) -> list[str]:
    """One row: the event key:seq:0 on topics[0], bundled key:seq:1 on topics[1] and key:seq:2 on topics[0]."""
    ids = [str(uuid.uuid4()) for _ in range(3)]
    rest = [bundle.BundledEvent(ids[1], topics[1], key, "test.second", f"{key}:{seq}:1".encode()),
            bundle.BundledEvent(ids[2], topics[0], key, "test.third", f"{key}:{seq}:2".encode())]
    conn.execute(_INSERT, (ids[0], topics[0], key, "test.first", f"{key}:{seq}:0".encode(), bundle.encode(rest)))
    return ids


def test_bundled_events_reach_their_topics_in_order_with_their_own_ids(outbox_db, kafka_broker):
    topics = (create_topic(kafka_broker.bootstrap, partitions=3), create_topic(kafka_broker.bootstrap, partitions=3))
    ids: list[str] = []
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        for seq in range(20):
            for key in ("s-ada", "s-bob"):
                ids += _bundle_row(conn, topics, key, seq)
            plain = str(uuid.uuid4())   # a row without a bundle between them
            conn.execute(_INSERT, (plain, topics[1], "s-ada", "test.plain", f"s-ada:{seq}:p".encode(), None))
            ids.append(plain)
    relay = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=25, create_topics=False)
    try:
        published = [relay.run_once() for _ in range(4)]
    finally:
        relay.close()
    assert published == [25, 25, 10, 0]   # rows, not events
    first = consume(kafka_broker.bootstrap, topics[0], expected=80)
    second = consume(kafka_broker.bootstrap, topics[1], expected=60)
    assert len(first) == 80 and len(second) == 60   # no duplicates, nothing lost
    assert {message_id_of(r) for r in first + second} == {uuid.UUID(i) for i in ids}
    for key in (b"s-ada", b"s-bob"):
        on_first = [r.value.decode() for r in first if r.key == key]
        assert on_first == [f"{key.decode()}:{s}:{p}" for s in range(20) for p in (0, 2)]
    on_second = [r.value.decode() for r in second if r.key == b"s-ada"]
    assert on_second == [v for s in range(20) for v in (f"s-ada:{s}:1", f"s-ada:{s}:p")]
    sample = next(r for r in second if r.value == b"s-bob:3:1")
    headers = dict(sample.headers)
    assert headers["event-type"] == b"test.second" and headers["content-type"] == b"application/x-protobuf"
    with psycopg.connect(outbox_db) as conn:
        assert conn.execute("SELECT count(*) FILTER (WHERE sent_at IS NULL), count(*) FROM event_outbox"
                            ).fetchone() == (0, 60)


def test_a_malformed_bundle_holds_its_row_and_the_rest_back(outbox_db, kafka_broker):
    topic = create_topic(kafka_broker.bootstrap, partitions=1)
    good = str(uuid.uuid4())
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        conn.execute(_INSERT, (good, topic, "k", "test.first", b"before", None))
        conn.execute(_INSERT, (str(uuid.uuid4()), topic, "k", "test.bad", b"bad", b"\x00\x00\x00\x02garbage"))
        conn.execute(_INSERT, (str(uuid.uuid4()), topic, "k", "test.after", b"after", None))
    relay = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=10, create_topics=False)
    try:
        assert relay.run_once() == 1   # the acknowledged prefix: only the row before the bad one
        assert relay.last_error is not None and "bundle" in relay.last_error
    finally:
        relay.close()
    with psycopg.connect(outbox_db) as conn:
        rows = conn.execute("SELECT event_type, sent_at IS NOT NULL, attempts FROM event_outbox ORDER BY id").fetchall()
    assert rows == [("test.first", True, 1), ("test.bad", False, 1), ("test.after", False, 1)]
    records = consume(kafka_broker.bootstrap, topic, expected=1)
    assert [r.value for r in records] == [b"before"]
