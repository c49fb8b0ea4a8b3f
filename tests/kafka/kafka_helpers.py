"""Helpers shared by the Kafka bridge tests: topics, outbox rows, consuming, per-key order."""
from __future__ import annotations

import time
import uuid


def create_topic(bootstrap: str, partitions: int = 6) -> str:
    from kafka import KafkaAdminClient

    name = f"test-{uuid.uuid4().hex[:10]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        admin.create_topics({name: {"num_partitions": partitions, "replication_factor": 1}},
                            wait_for_metadata=True)
    finally:
        admin.close()
    return name


def insert_events(conn, topic: str, events: list[tuple[str | None, int]]) -> list[uuid.UUID]:
    """Inserts (key, seq) events as outbox rows, payload b"key:seq", in one transaction; returns message ids."""
    # On a non-autocommit connection an earlier SELECT leaves a transaction open and transaction() would
    # only be a savepoint inside it: the rows would stay invisible to the relay.
    assert conn.autocommit, "insert_events needs an autocommit connection (one real transaction per call)"
    ids = [uuid.uuid4() for _ in events]
    with conn.transaction():
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO event_outbox (message_id, topic, partition_key, event_type, payload)"
                " VALUES (%s, %s, %s, %s, %s)",
                [(mid, topic, key, "test.event.created", f"{key}:{seq}".encode())
                 for mid, (key, seq) in zip(ids, events)])
    return ids


def consume(bootstrap: str, topic: str, expected: int, timeout: float = 60.0, settle: float = 1.0) -> list:
    """Reads the topic from the beginning until `expected` records arrived (then `settle` s more, to see
    any extra duplicates) or the timeout passed; returns the ConsumerRecords in arrival order."""
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None)
    records: list = []
    deadline = time.monotonic() + timeout
    settle_until = None
    try:
        while time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=200).values():
                records.extend(batch)
            if len(records) >= expected and settle_until is None:
                settle_until = time.monotonic() + settle
            if settle_until is not None and time.monotonic() >= settle_until:
                break
    finally:
        consumer.close()
    return records


def per_key_sequences(records) -> dict[str | None, list[int]]:
    """key -> seqs in the order a de-duplicating consumer (by message-id) would apply them."""
    from bridge.dedupe import RecentIds, message_id_of

    seen = RecentIds()
    out: dict[str | None, list[int]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        if not seen.first_time(message_id_of(record)):
            continue
        key, seq = record.value.decode().rsplit(":", 1)
        out.setdefault(None if key == "None" else key, []).append(int(seq))
    return out


def wait_until(predicate, timeout: float, interval: float = 0.1, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
