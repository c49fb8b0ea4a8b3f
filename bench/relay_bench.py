"""Outbox relay throughput and commit->Kafka latency, against a direct-produce baseline in the same run.

Starts its own embedded PostgreSQL (migrated) and KRaft broker (or uses LEARNFLOW_DATABASE_URL /
KAFKA_BOOTSTRAP_SERVERS), then:

1. baseline: N records produced straight to Kafka by one idempotent acks=all producer (no database);
2. throughput: N outbox rows inserted up front (1,000 keys, ~300-byte payloads), then drained by the relay
   (batch sizes 500 and 2000): events/s from first run_once to an empty outbox;
3. latency, trickle workload: one row per transaction every --interval seconds while the relay runs;
   commit time (after COMMIT returns) vs the time a consumer receives it: p50/p99/max. Run twice: relay
   polling every 0.2 s only, then with a NOTIFY statement trigger on event_outbox (the relay LISTENs).

  .venv/bin/python bench/relay_bench.py [-n 20000] [--trickle 400] [--interval 0.02]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer  # noqa: E402
from kafka.structs import TopicPartition  # noqa: E402

from bridge.relay import OutboxRelay  # noqa: E402

PAYLOAD = os.urandom(300)
NOTIFY_TRIGGER = """
CREATE OR REPLACE FUNCTION bench_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('event_outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER bench_outbox_notify AFTER INSERT ON event_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION bench_outbox_notify();
"""


def make_topic(bootstrap: str, partitions: int = 12) -> str:
    name = f"bench-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        admin.create_topics({name: {"num_partitions": partitions, "replication_factor": 1}}, wait_for_metadata=True)
    finally:
        admin.close()
    return name


def baseline(bootstrap: str, n: int) -> float:
    topic = make_topic(bootstrap)
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
                             batch_size=256 * 1024)
    records = [(f"student-{i % 1000}".encode(), [("content-type", b"application/x-protobuf"),
                ("message-id", str(uuid.uuid4()).encode()), ("event-type", b"bench.event")]) for i in range(n)]
    start = time.perf_counter()
    for i, (key, headers) in enumerate(records):
        producer.send(topic, key=key, value=PAYLOAD, headers=headers)
        if i % 500 == 499:  # the relay's default batch: flush per batch, as it does
            producer.flush()
    producer.flush()
    elapsed = time.perf_counter() - start
    producer.close()
    return n / elapsed


def insert_rows(url: str, topic: str, n: int, chunk: int = 2000) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for offset in range(0, n, chunk):
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO event_outbox (message_id, topic, partition_key, event_type, payload)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    [(uuid.uuid4(), topic, f"student-{i % 1000}", "bench.event", PAYLOAD)
                     for i in range(offset, min(n, offset + chunk))])


def throughput(url: str, bootstrap: str, n: int, batch_size: int) -> float:
    topic = make_topic(bootstrap)
    insert_rows(url, topic, n)
    relay = OutboxRelay(url, bootstrap, batch_size=batch_size, create_topics=False, name="bench")
    try:
        relay._producer_or_create()  # connect outside the timed part, as a long-running relay would be
        start = time.perf_counter()
        published = 0
        while published < n:
            done = relay.run_once()
            if done == 0 and relay.last_error:
                raise RuntimeError(relay.last_error)
            published += done
        elapsed = time.perf_counter() - start
    finally:
        relay.close()
    return n / elapsed


def latency(url: str, bootstrap: str, count: int, interval: float) -> list[float]:
    """Seconds from COMMIT of each single-row transaction to its arrival at a consumer."""
    topic = make_topic(bootstrap)
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, fetch_max_wait_ms=10)
    parts = [TopicPartition(topic, p) for p in range(12)]
    consumer.assign(parts)
    consumer.seek_to_end(*parts)
    for part in parts:
        consumer.position(part)
    received: dict[str, float] = {}
    stop = threading.Event()

    def consume():
        while not stop.is_set():
            for batch in consumer.poll(timeout_ms=50).values():
                now = time.time()
                for record in batch:
                    received.setdefault(dict(record.headers)["message-id"].decode(), now)

    reader = threading.Thread(target=consume, daemon=True)
    reader.start()
    relay = OutboxRelay(url, bootstrap, create_topics=False, name="bench-latency")  # defaults: 500 / 0.2 s
    relay_thread = threading.Thread(target=relay.run_forever, daemon=True)
    relay_thread.start()
    committed: dict[str, float] = {}
    try:
        time.sleep(1.0)
        with psycopg.connect(url, autocommit=True) as conn:
            for i in range(count):
                mid = uuid.uuid4()
                with conn.transaction():
                    conn.execute("INSERT INTO event_outbox (message_id, topic, partition_key, event_type, payload)"
                                 " VALUES (%s, %s, %s, %s, %s)", (mid, topic, f"student-{i % 50}", "bench.t", PAYLOAD))
                committed[str(mid)] = time.time()
                time.sleep(interval)
        deadline = time.monotonic() + 30
        while len(received.keys() & committed.keys()) < count and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        relay.stop()
        relay_thread.join(30)
        stop.set()
        reader.join(10)
        consumer.close()
    missing = set(committed) - set(received)
    if missing:
        raise RuntimeError(f"{len(missing)} trickle events never arrived")
    return [received[m] - committed[m] for m in committed]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=20000, help="rows for the throughput runs")
    parser.add_argument("--trickle", type=int, default=400, help="events in each latency run")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between trickle commits")
    args = parser.parse_args()

    import logging
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("kafka").setLevel(logging.CRITICAL)
    work = Path(tempfile.mkdtemp(prefix="lf-relay-bench-"))
    pg_server = broker = None
    try:
        url = os.environ.get("LEARNFLOW_DATABASE_URL")
        if not url:
            from localmesh.postgres import start_embedded
            pg_server, url = start_embedded(work / "pg", keep_running=False)
        from db.migrate import apply_migrations
        apply_migrations(url)
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if not bootstrap:
            from bridge.broker import KafkaBroker
            broker = KafkaBroker(data_dir=work / "kafka").start(timeout=120)
            bootstrap = broker.bootstrap
        print(f"PostgreSQL {'embedded' if pg_server else 'external'}, Kafka {bootstrap}; {os.cpu_count()} CPUs")

        base = baseline(bootstrap, args.n)
        print(f"baseline  direct KafkaProducer (acks=all, idempotent), {args.n} records: {base:,.0f} events/s")
        for batch in (500, 2000):
            rate = throughput(url, bootstrap, args.n, batch)
            print(f"relay     batch {batch:>4}, {args.n} rows drained: {rate:,.0f} events/s "
                  f"({rate / base:.0%} of baseline)")

        # Migration 0005 installs the NOTIFY trigger; drop it for the polling-only measurement (baseline).
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TRIGGER IF EXISTS event_outbox_notify ON event_outbox")
        for label, trigger in (("poll 0.2 s only", False), ("LISTEN + NOTIFY trigger", True)):
            if trigger:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("DROP TRIGGER IF EXISTS bench_outbox_notify ON event_outbox")
                    conn.execute(NOTIFY_TRIGGER)
            try:
                lat = latency(url, bootstrap, args.trickle, args.interval)
            finally:
                if trigger:
                    with psycopg.connect(url, autocommit=True) as conn:
                        conn.execute("DROP TRIGGER IF EXISTS bench_outbox_notify ON event_outbox")
                        conn.execute("DROP FUNCTION IF EXISTS bench_outbox_notify()")
            print(f"latency   {label:<24} commit->consumer, {len(lat)} events every {args.interval * 1000:.0f} ms: "
                  f"p50 {pct(lat, 0.5) * 1000:.0f} ms, p99 {pct(lat, 0.99) * 1000:.0f} ms, "
                  f"max {max(lat) * 1000:.0f} ms, mean {statistics.mean(lat) * 1000:.0f} ms")
    finally:
        if broker is not None:
            broker.stop()
        if pg_server is not None:
            pg_server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
