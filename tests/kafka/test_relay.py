"""The outbox relay against a real PostgreSQL and a real Kafka broker.

Each event's payload is b"<key>:<seq>" with seq increasing per key in insert order, so per-key order is
checked on what a de-duplicating consumer (by the message-id header) would apply.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

from bridge.broker import free_port
from bridge.dedupe import RecentIds, claim, message_id_of, prune_processed
from bridge.relay import OutboxRelay
from kafka_helpers import consume, create_topic, insert_events, per_key_sequences, wait_until

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["s-ada", "s-bob", "s-cyd", "s-dee", "s-eve"]


def _events(count: int, start: dict[str, int] | None = None, keys=KEYS) -> list[tuple[str, int]]:
    """count events spread over keys; seq continues from `start` (updated in place)."""
    start = start if start is not None else {}
    out = []
    for i in range(count):
        key = keys[i % len(keys)]
        start[key] = start.get(key, -1) + 1
        out.append((key, start[key]))
    return out


def _assert_complete_in_order(records, seqs: dict[str, int]):
    got = per_key_sequences(records)
    for key, last in seqs.items():
        assert got.get(key) == list(range(last + 1)), f"{key}: {got.get(key)[:20] if got.get(key) else None}..."


def _unsent(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM event_outbox WHERE sent_at IS NULL").fetchone()[0]


def _relay_thread(relay: OutboxRelay) -> threading.Thread:
    thread = threading.Thread(target=relay.run_forever, daemon=True, name=relay.name)
    thread.start()
    return thread


def test_rows_reach_the_topic_in_order_per_key_with_headers(outbox_db, kafka_broker, topic):
    seqs: dict[str, int] = {}
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        ids = insert_events(conn, topic, _events(700, seqs))
        null_ids = insert_events(conn, topic, [(None, i) for i in range(5)])
    relay = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=300, create_topics=False)
    try:
        published = [relay.run_once() for _ in range(4)]
    finally:
        relay.close()
    assert published == [300, 300, 105, 0]
    assert relay.published_total == 705 and relay.last_error is None

    records = consume(kafka_broker.bootstrap, topic, expected=705)
    assert len(records) == 705  # no duplicates without failures
    _assert_complete_in_order(records, seqs)
    sample = next(r for r in records if r.key == b"s-ada")
    headers = dict(sample.headers)
    assert headers["content-type"] == b"application/x-protobuf"
    assert headers["event-type"] == b"test.event.created"
    assert {message_id_of(r) for r in records} == set(ids) | set(null_ids)
    assert sum(1 for r in records if r.key is None) == 5
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FILTER (WHERE sent_at IS NULL), min(attempts), max(attempts),"
                           " count(last_error) FROM event_outbox").fetchone()
    assert row == (0, 1, 1, 0)
    assert relay.backlog().unsent == 0


def test_kafka_down_keeps_rows_then_delivers_all_in_order(outbox_db, own_broker):
    topic = create_topic(own_broker.bootstrap, partitions=6)
    seqs: dict[str, int] = {}
    relay = OutboxRelay(outbox_db, own_broker.bootstrap, batch_size=100, poll_interval=0.05,
                        backoff_initial=0.2, backoff_max=1.0, send_timeout=3.0, create_topics=False)
    thread = _relay_thread(relay)
    try:
        with psycopg.connect(outbox_db, autocommit=True) as conn:
            insert_events(conn, topic, _events(200, seqs))
            wait_until(lambda: _unsent(outbox_db) == 0, 30, message="first rows relayed")

            own_broker.stop()
            for _ in range(6):  # rows keep arriving while Kafka is down
                insert_events(conn, topic, _events(50, seqs))
                time.sleep(0.3)
            wait_until(lambda: relay.last_error is not None, 30, message="relay noticing Kafka is down")
            # Give the relay time to try (and fail) more than once, then check nothing was marked sent.
            time.sleep(4)
            stats = conn.execute("SELECT count(*), max(attempts), count(last_error) FROM event_outbox"
                                 " WHERE sent_at IS NULL").fetchone()
            assert stats[0] == 300, stats
            assert stats[1] >= 1 and stats[2] >= 1, stats
            backlog = relay.backlog()
            assert backlog.unsent == 300 and backlog.oldest_age_s > 1

            own_broker.start(timeout=120)  # same port, same data
            insert_events(conn, topic, _events(100, seqs))
            wait_until(lambda: _unsent(outbox_db) == 0, 90, message="backlog drained after restart")
            assert conn.execute("SELECT count(last_error) FROM event_outbox").fetchone()[0] == 0
    finally:
        relay.stop()
        thread.join(30)
    assert not thread.is_alive()
    records = consume(own_broker.bootstrap, topic, expected=600)
    assert len({message_id_of(r) for r in records}) == 600
    _assert_complete_in_order(records, seqs)
    assert relay.failures_total >= 1


def _start_relay_process(url: str, bootstrap: str, log_path: Path) -> subprocess.Popen:
    env = dict(os.environ, LEARNFLOW_DATABASE_URL=url, KAFKA_BOOTSTRAP_SERVERS=bootstrap,
               LEARNFLOW_RELAY_BATCH_SIZE="200", LEARNFLOW_RELAY_POLL_INTERVAL="0.05", PYTHONPATH=str(ROOT))
    with open(log_path, "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "bridge.relay"], cwd=ROOT, env=env, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)


def _kill(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, sig)
    proc.wait(30)


def test_relay_killed_mid_stream_loses_nothing(outbox_db, kafka_broker, topic, tmp_path):
    seqs: dict[str, int] = {}
    total = 6000
    producer_done = threading.Event()

    def writer():
        with psycopg.connect(outbox_db, autocommit=True) as conn:
            for _ in range(total // 100):
                insert_events(conn, topic, _events(100, seqs))
                time.sleep(0.01)
        producer_done.set()

    log_path = tmp_path / "relay.log"
    first = _start_relay_process(outbox_db, kafka_broker.bootstrap, log_path)
    second = None
    writing = threading.Thread(target=writer, daemon=True)
    try:
        writing.start()
        wait_until(lambda: _sent(outbox_db) >= 1000, 60, message="the first relay publishing")
        _kill(first)  # SIGKILL: no chance to finish the batch or mark it sent
        sent_before_restart = _sent(outbox_db)
        assert sent_before_restart < total  # really mid-stream
        second = _start_relay_process(outbox_db, kafka_broker.bootstrap, log_path)
        writing.join(120)
        assert producer_done.is_set()
        wait_until(lambda: _unsent(outbox_db) == 0, 120, message="the restarted relay draining the outbox")
    finally:
        _kill(first)
        if second is not None:
            _kill(second, signal.SIGTERM)
    assert second.returncode == 0, log_path.read_text()[-3000:]

    records = consume(kafka_broker.bootstrap, topic, expected=total)
    ids = [message_id_of(r) for r in records]
    assert len(set(ids)) == total                   # nothing lost
    duplicates = len(ids) - len(set(ids))
    assert duplicates <= 2 * 200                    # at most the batch(es) in flight at the kill
    _assert_complete_in_order(records, seqs)


def _sent(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM event_outbox WHERE sent_at IS NOT NULL").fetchone()[0]


def test_two_relays_only_one_publishes_and_standby_takes_over(outbox_db, kafka_broker, topic):
    seqs: dict[str, int] = {}
    a = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=50, poll_interval=0.05, name="relay-a",
                    create_topics=False)
    b = OutboxRelay(outbox_db, kafka_broker.bootstrap, batch_size=50, poll_interval=0.05, name="relay-b",
                    create_topics=False)
    threads = {a.name: _relay_thread(a)}
    wait_until(lambda: a.is_leader, 10, message="relay-a leading")
    threads[b.name] = _relay_thread(b)
    try:
        with psycopg.connect(outbox_db, autocommit=True) as conn:
            insert_events(conn, topic, _events(500, seqs))
            wait_until(lambda: _unsent(outbox_db) == 0, 60, message="outbox drained")
            time.sleep(0.5)
            assert a.published_total == 500 and b.published_total == 0
            assert a.is_leader and not b.is_leader

            a.stop()
            threads[a.name].join(30)
            assert not a.is_leader
            insert_events(conn, topic, _events(300, seqs))
            wait_until(lambda: _unsent(outbox_db) == 0, 60, message="the standby draining new rows")
            assert b.is_leader and b.published_total == 300
    finally:
        a.stop()
        b.stop()
        for thread in threads.values():
            thread.join(30)
    records = consume(kafka_broker.bootstrap, topic, expected=800)
    assert len(records) == 800
    _assert_complete_in_order(records, seqs)


def test_unreachable_kafka_records_attempts_and_error(outbox_db):
    dead = f"127.0.0.1:{free_port()}"  # nothing listens there
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        insert_events(conn, "student-queries", _events(3))
    relay = OutboxRelay(outbox_db, dead, batch_size=10, send_timeout=2.0, create_topics=False)
    try:
        assert relay.run_once() == 0
        assert relay.run_once() == 0
    finally:
        relay.close()
    assert relay.last_error and relay.failures_total == 2 and relay.backoff_delay() > 0
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        rows = conn.execute("SELECT sent_at, attempts, last_error FROM event_outbox ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [None, None, None]
    assert [r[1] for r in rows] == [2, 2, 2]
    assert all(r[2] for r in rows)


def test_prune_deletes_only_old_sent_rows(outbox_db):
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        insert_events(conn, "student-queries", _events(6))
        conn.execute("UPDATE event_outbox SET sent_at = now() - interval '30 hours' WHERE id IN"
                     " (SELECT id FROM event_outbox ORDER BY id LIMIT 3)")
        conn.execute("UPDATE event_outbox SET sent_at = now() - interval '1 hour' WHERE id ="
                     " (SELECT max(id) FROM event_outbox)")
        conn.commit()
    relay = OutboxRelay(outbox_db, "127.0.0.1:1", retention_hours=24)
    assert relay.prune(chunk=2) == 3   # chunked deletes still take them all
    assert relay.prune() == 0
    with psycopg.connect(outbox_db, autocommit=True) as conn:
        left = conn.execute("SELECT count(*), count(sent_at) FROM event_outbox").fetchone()
    assert left == (3, 1)
    backlog = relay.backlog()
    assert backlog.unsent == 2 and backlog.oldest_age_s >= 0


def test_dedupe_claims_once_per_consumer_inside_the_transaction(outbox_db):
    mid = uuid.uuid4()
    with psycopg.connect(outbox_db) as conn:
        with conn.transaction():
            assert claim(conn, "projector", mid) is True
            assert claim(conn, "projector", str(mid)) is False
        assert claim(conn, "other-consumer", mid) is True
        conn.rollback()  # the claim of other-consumer rolls back with the (absent) effects
        assert claim(conn, "other-consumer", mid) is True
        conn.commit()
        conn.execute("UPDATE processed_messages SET processed_at = now() - interval '10 days'")
        assert prune_processed(conn, older_than_hours=24 * 8) == 2
        conn.commit()

    window = RecentIds(capacity=2)
    ids = [uuid.uuid4() for _ in range(3)]
    assert [window.first_time(i) for i in ids] == [True, True, True]
    assert window.first_time(ids[2]) is False
    assert window.first_time(ids[0]) is True  # forgotten: the window holds 2
    assert len(window) == 2
