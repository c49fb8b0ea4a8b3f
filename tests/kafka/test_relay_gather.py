"""The relay's gather wait (LEARNFLOW_RELAY_GATHER_MS), against a real PostgreSQL and Kafka broker: under load
(its previous batch had rows) a NOTIFY is followed by a short wait, so commits made meanwhile are published
in the same batch (fewer SELECT/UPDATE round trips and produce requests per event); nothing is lost or
reordered for it."""
from __future__ import annotations

import threading

import psycopg

from bridge.relay import OutboxRelay
from kafka_helpers import consume, insert_events, per_key_sequences, wait_until


def test_commits_made_during_the_gather_wait_travel_in_one_batch(outbox_db, kafka_broker, topic):
    # A long poll interval: only NOTIFYs wake the relay, so the rounds below are the ones the commits cause.
    relay = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=100, poll_interval=30.0, gather_s=1.0,
                        name="relay-gather")
    thread = threading.Thread(target=relay.run_forever, daemon=True, name=relay.name)
    thread.start()
    try:
        with psycopg.connect(outbox_db, autocommit=True) as conn:
            wait_until(lambda: relay.is_leader, 60, message="the relay leading")
            insert_events(conn, topic, [("s-gather", 0)])       # idle relay: published at once, alone
            wait_until(lambda: relay.published_total == 1, 60, message="the first row published")
            batches = relay.batches_total
            insert_events(conn, topic, [("s-gather", 1)])       # wakes the relay, which now gathers ...
            insert_events(conn, topic, [("s-gather", 2)])       # ... so this commit joins the same batch
            wait_until(lambda: relay.published_total == 3, 60, message="all three rows published")
        assert relay.batches_total == batches + 1
    finally:
        relay.stop()
        thread.join(30)
    records = consume(kafka_broker.bootstrap, topic, 3)
    assert per_key_sequences(records) == {"s-gather": [0, 1, 2]}
