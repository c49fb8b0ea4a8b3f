"""The transactional-outbox relay: PostgreSQL `event_outbox` rows -> Kafka, then marked sent.

Agents insert each event into `event_outbox` in the same transaction as the data it describes; this
process is the only thing that talks to Kafka on their behalf. Guarantees:

- **Never lose**: a row is marked sent only after Kafka acknowledged it (acks=all, flushed) — a row that bundles
  several events of one transaction (`bundle`, migration 0013, bridge/bundle.py) only once all of them were. Kafka or
  PostgreSQL down -> the rows stay unsent (attempts/last_error recorded) and the relay backs off and retries.
- **Never reorder per key**: rows are read in id order; the producer is idempotent with at most 5 requests in
  flight, which keeps per-partition order across retries; after any failure only the acknowledged *prefix*
  of the batch is marked sent and the producer is recreated, so the rest is republished in order.
- **At least once**: a relay killed between publish and UPDATE republishes on restart. Consumers dedupe by the
  `message-id` header (bridge.dedupe).
- **One active relay**: a PostgreSQL session advisory lock elects the leader; other instances are hot
  standbys polling for the lock. The lock is held by the same connection that reads and marks rows, so a
  relay that lost its session (and thus the lock) cannot mark anything either.

Latency: the relay LISTENs on channel `event_outbox` and wakes at once on a NOTIFY (e.g. from a statement
trigger); without one it polls every `poll_interval` seconds.

CLI: `python -m bridge.relay` with LEARNFLOW_DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS; optional
LEARNFLOW_RELAY_BATCH_SIZE, LEARNFLOW_RELAY_POLL_INTERVAL, LEARNFLOW_RELAY_GATHER_MS (default 10: under load,
how long after a NOTIFY to wait for more commits to join the batch), LEARNFLOW_OUTBOX_RETENTION_HOURS (default 24),
LEARNFLOW_OUTBOX_PRUNE_MINUTES (default 10). SIGTERM/SIGINT stop it cleanly.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass

import psycopg

from bridge import bundle, relay_metrics

log = logging.getLogger("learnflow.relay")

LOCK_KEY = 0x4C46524C          # "LFRL": the one advisory lock every LearnFlow outbox relay competes for
NOTIFY_CHANNEL = "event_outbox"

_SELECT = ("SELECT id, message_id, topic, partition_key, event_type, content_type, payload, bundle"
           " FROM event_outbox WHERE sent_at IS NULL ORDER BY id LIMIT %s")
_MARK_SENT = ("UPDATE event_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL"
              " WHERE id = ANY(%s)")
_MARK_FAILED = "UPDATE event_outbox SET attempts = attempts + 1, last_error = %s WHERE id = ANY(%s)"
_BACKLOG = ("SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8"
            " FROM event_outbox WHERE sent_at IS NULL")
# Deleted in chunks so pruning a large backlog never holds long row locks.
_PRUNE = ("DELETE FROM event_outbox WHERE id IN (SELECT id FROM event_outbox WHERE sent_at IS NOT NULL"
          " AND sent_at < now() - make_interval(secs => %s) LIMIT %s)")


@dataclass(frozen=True)
class Backlog:
    unsent: int
    oldest_age_s: float


@dataclass(frozen=True)
class OutboxRow:
    id: int
    message_id: object
    topic: str
    partition_key: str | None
    event_type: str
    content_type: str
    payload: bytes
    bundle: bytes | None = None

    def records(self) -> list[tuple[str, bytes, bytes | None, list]]:
        """(topic, value, key, headers) of every event of the row: its own, then its bundled ones in order."""
        return [_record(self.topic, self.payload, self.partition_key, self.content_type, str(self.message_id),
                        self.event_type)] + \
            [_record(e.topic, e.payload, e.partition_key, self.content_type, e.message_id, e.event_type)
             for e in bundle.decode(self.bundle)]


def _record(topic: str, payload: bytes, partition_key: str | None, content_type: str, message_id: str,
            event_type: str) -> tuple[str, bytes, bytes | None, list]:
    """One Kafka record: its key and the headers consumers read (message-id is what they dedupe on)."""
    headers = [("content-type", content_type.encode()), ("message-id", message_id.encode()),
               ("event-type", event_type.encode())]
    return topic, payload, partition_key.encode() if partition_key is not None else None, headers


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


class OutboxRelay:
    """Publishes unsent `event_outbox` rows to Kafka in id order, one batch at a time."""

    def __init__(self, conninfo: str, bootstrap: str, batch_size: int = 500, poll_interval: float = 0.2, *,
                 retention_hours: float | None = None, prune_interval: float | None = None,
                 backoff_initial: float = 0.5, backoff_max: float = 10.0, send_timeout: float = 30.0,
                 lock_key: int = LOCK_KEY, create_topics: bool = True, name: str = "relay",
                 gather_s: float | None = None):
        self.conninfo = conninfo
        self.bootstrap = bootstrap
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.retention_s = 3600 * (retention_hours if retention_hours is not None
                                   else _env_float("LEARNFLOW_OUTBOX_RETENTION_HOURS", 24.0))
        self.prune_interval = (prune_interval if prune_interval is not None
                               else 60 * _env_float("LEARNFLOW_OUTBOX_PRUNE_MINUTES", 10.0))
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.send_timeout = send_timeout
        self.lock_key = lock_key
        self.create_topics = create_topics
        self.name = name
        # Under load (the previous batch had rows) a NOTIFY is followed by this short wait before the next
        # SELECT, so the transactions committed meanwhile travel in the same batch: fewer SELECT/UPDATE
        # round trips and Kafka produce requests per event, for at most this much more latency. An idle
        # relay (previous batch empty) publishes the first event at once.
        self.gather_s = gather_s if gather_s is not None else _env_float("LEARNFLOW_RELAY_GATHER_MS", 10.0) / 1000

        self.published_total = 0
        self.batches_total = 0
        self.failures_total = 0
        self.pruned_total = 0
        self.last_error: str | None = None
        self.last_error_at: float | None = None
        self._consecutive_failures = 0
        self._last_prune = 0.0
        self._conn: psycopg.Connection | None = None   # standby: polls the lock; leader: holds it
        self._leader = False
        self._producer = None
        self._stop = threading.Event()

    # --- leadership --------------------------------------------------------------------------
    @property
    def is_leader(self) -> bool:
        return self._leader and self._conn is not None and not self._conn.closed

    def _try_lead(self) -> bool:
        """Non-blocking attempt to become the active relay (so a standby keeps answering stop()).

        A standby keeps its session open and re-asks pg_try_advisory_lock each round: no connection churn.
        """
        if self.is_leader:
            return True
        if self._conn is None or self._conn.closed:
            self._leader = False
            self._conn = psycopg.connect(self.conninfo, autocommit=True, application_name=f"learnflow-{self.name}")
        if not self._conn.execute("SELECT pg_try_advisory_lock(%s)", (self.lock_key,)).fetchone()[0]:
            return False
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        # The batch SELECT must read the partial index of unsent rows, never the table: until autovacuum has
        # analyzed a young outbox the planner believes it tiny and scans all of it (sent rows are kept for the
        # retention period), once per batch: measured 500-1,900 rows read per Ask in a 12 s bench. This session
        # runs only the batch SELECT and UPDATEs by primary key, both index reads.
        self._conn.execute("SET enable_seqscan = off")
        self._leader = True
        log.info("%s: became the active outbox relay", self.name)
        return True

    def _resign(self) -> None:
        """Closing the session releases the advisory lock (if held) for a standby."""
        self._leader = False
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    # --- Kafka -------------------------------------------------------------------------------
    def _producer_or_create(self):
        if self._producer is None:
            from kafka import KafkaProducer

            if self.create_topics:
                from bridge.topics import ensure_topics

                ensure_topics(self.bootstrap)
            self._producer = KafkaProducer(
                bootstrap_servers=self.bootstrap, client_id=f"learnflow-{self.name}",
                acks="all", enable_idempotence=True, retries=2**31 - 1,
                # <= 5 in flight keeps per-partition order under retries with the idempotent producer.
                max_in_flight_requests_per_connection=5,
                linger_ms=5, batch_size=256 * 1024, max_request_size=8 * 1024 * 1024,
                # kafka-python requires delivery_timeout > linger + request_timeout.
                request_timeout_ms=max(500, min(10_000, int(self.send_timeout * 1000) // 2)),
                delivery_timeout_ms=int(self.send_timeout * 1000),
                max_block_ms=int(self.send_timeout * 1000), bootstrap_timeout_ms=5_000,
                reconnect_backoff_max_ms=2_000)
        return self._producer

    def _drop_producer(self) -> None:
        """After a failure a fresh producer (new producer id) restarts sequences cleanly."""
        if self._producer is not None:
            try:
                self._producer.close(timeout=0)
            except Exception:  # noqa: BLE001 - closing a broken producer must not mask the real error
                log.debug("closing the Kafka producer failed", exc_info=True)
            self._producer = None

    def _publish(self, rows: list[OutboxRow]) -> tuple[int, Exception | None]:
        """Sends rows and flushes; returns (length of the acknowledged prefix, first error or None)."""
        producer = self._producer_or_create()
        sent: list[list] = []   # per row whose records were all handed to the producer: their futures
        error: Exception | None = None
        for row in rows:
            futures: list = []
            try:
                for topic, value, key, headers in row.records():
                    futures.append(producer.send(topic, value=value, key=key, headers=headers))
            except Exception as exc:  # noqa: BLE001 - e.g. metadata timeout, a malformed bundle: stop here, keep order
                error = exc   # this row counts as not acknowledged (republished whole later; consumers dedupe)
                break
            sent.append(futures)
        try:
            producer.flush(timeout=self.send_timeout)
        except Exception as exc:  # noqa: BLE001
            error = error or exc
        acked = 0
        for futures in sent:
            bad = next((f for f in futures if not f.is_done or f.failed()), None)
            if bad is not None:
                if error is None:
                    error = bad.exception if bad.is_done else TimeoutError("not acknowledged in time")
                break
            acked += 1
        return acked, error

    # --- one batch ---------------------------------------------------------------------------
    def run_once(self) -> int:
        """Publishes at most one batch; returns how many rows were published and marked sent.

        Returns 0 (without raising) when this instance is a standby, the outbox is empty, or Kafka/PostgreSQL
        failed (see last_error); run_forever uses that to back off.
        """
        try:
            if not self._try_lead():
                return 0
            self._maybe_prune()
            with self._conn.cursor() as cur:
                cur.execute(_SELECT, (self.batch_size,))
                rows = [OutboxRow(*r) for r in cur.fetchall()]
        except psycopg.Error as exc:
            self._record_failure(f"PostgreSQL: {exc}")
            self._resign()
            return 0
        if not rows:
            self._consecutive_failures = 0
            return 0

        started = time.perf_counter()
        try:
            acked, error = self._publish(rows)
        except Exception as exc:  # noqa: BLE001 - producer creation / topic creation with Kafka down
            acked, error = 0, exc
        relay_metrics.observe_publish(time.perf_counter() - started, acked, error is None)
        try:
            if error is None:
                # One statement on the autocommit session: atomic by itself, one round trip (a BEGIN/COMMIT
                # around it cost two more before the next batch could start).
                self._conn.execute(_MARK_SENT, ([r.id for r in rows[:acked]],))
            else:
                self._mark_partial(rows, acked, error)
        except psycopg.Error as exc:
            # Published but not marked: republished later (a duplicate, never a loss).
            self._record_failure(f"PostgreSQL: {exc}")
            self._resign()
            return 0
        self.published_total += acked
        self.batches_total += 1
        if error is not None:
            self._record_failure(f"Kafka: {type(error).__name__}: {error}")
            self._drop_producer()
        else:
            self._consecutive_failures = 0
        return acked

    def _mark_partial(self, rows: list[OutboxRow], acked: int, error: Exception) -> None:
        """The acknowledged prefix sent, the rest one failed attempt more: together, in one transaction."""
        with self._conn.transaction():
            if acked:
                self._conn.execute(_MARK_SENT, ([r.id for r in rows[:acked]],))
            # Every row of this batch that Kafka did not acknowledge counts one failed attempt.
            self._conn.execute(_MARK_FAILED, (f"{type(error).__name__}: {error}"[:2000], [r.id for r in rows[acked:]]))

    def _record_failure(self, message: str) -> None:
        self.failures_total += 1
        self._consecutive_failures += 1
        self.last_error = message
        self.last_error_at = time.time()
        log.warning("%s: %s (attempt %d)", self.name, message, self._consecutive_failures)

    def _maybe_prune(self) -> None:
        if time.monotonic() - self._last_prune >= self.prune_interval:
            self._last_prune = time.monotonic()
            try:
                self.prune()
            except psycopg.Error as exc:
                log.warning("%s: pruning the outbox failed: %s", self.name, exc)

    def prune(self, chunk: int = 5000) -> int:
        """Deletes rows sent longer ago than the retention; returns how many."""
        total = 0
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            while True:
                deleted = conn.execute(_PRUNE, (self.retention_s, chunk)).rowcount
                total += deleted
                if deleted < chunk:
                    break
        self.pruned_total += total
        if total:
            log.info("%s: pruned %d sent outbox rows older than %.1f h", self.name, total, self.retention_s / 3600)
        return total

    # --- loop --------------------------------------------------------------------------------
    def backoff_delay(self) -> float:
        if self._consecutive_failures == 0:
            return 0.0
        return min(self.backoff_max, self.backoff_initial * 2 ** (self._consecutive_failures - 1))

    def _idle_wait(self, seconds: float) -> bool:
        """Waits for a NOTIFY on the outbox channel (leader) or just sleeps, waking early on stop().
        True when a NOTIFY ended the wait."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            step = min(left, 0.25)
            if self.is_leader:
                try:
                    if any(True for _ in self._conn.notifies(timeout=step, stop_after=1)):
                        return True
                except psycopg.Error:
                    self._resign()
            else:
                self._stop.wait(step)
        return False

    def run_forever(self) -> None:
        """Runs until stop(): drains full batches back to back, waits poll_interval when idle."""
        log.info("%s: relaying event_outbox -> Kafka %s (batch %d)", self.name, self.bootstrap, self.batch_size)
        try:
            while not self._stop.is_set():
                try:
                    published = self.run_once()
                except Exception as exc:  # noqa: BLE001 - the relay must outlive any single failure
                    self._record_failure(f"{type(exc).__name__}: {exc}")
                    published = 0
                if self._stop.is_set():
                    break
                delay = self.backoff_delay()
                if delay:
                    self._idle_wait(delay)  # a NOTIFY may cut it short, which is harmless
                elif published < self.batch_size:
                    if self._idle_wait(self.poll_interval) and published and self.gather_s > 0:
                        self._stop.wait(self.gather_s)   # under load: let more commits join the batch
        finally:
            self.close()

    def stop(self) -> None:
        """Asks run_forever to finish its current batch and return (thread- and signal-safe)."""
        self._stop.set()

    def close(self) -> None:
        if self._producer is not None:
            try:
                self._producer.close(timeout=5)
            except Exception:  # noqa: BLE001
                log.debug("closing the Kafka producer failed", exc_info=True)
            self._producer = None
        self._resign()

    # --- metrics -----------------------------------------------------------------------------
    def backlog(self) -> Backlog:
        """Unsent rows and the age of the oldest one (seconds; 0 when empty)."""
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            count, age = conn.execute(_BACKLOG).fetchone()
        return Backlog(int(count), float(age))

    def metrics(self) -> dict:
        backlog = self.backlog()
        return {"leader": self.is_leader, "published_total": self.published_total,
                "batches_total": self.batches_total, "failures_total": self.failures_total,
                "pruned_total": self.pruned_total, "last_error": self.last_error,
                "last_error_at": self.last_error_at, "backlog_unsent": backlog.unsent,
                "backlog_oldest_age_s": round(backlog.oldest_age_s, 3)}


def main() -> int:
    from server import jsonlog  # one JSON log format for every LearnFlow process

    jsonlog.configure("relay", os.environ.get("LEARNFLOW_LOG_LEVEL", "INFO"))
    logging.getLogger("kafka").setLevel(logging.ERROR)  # its reconnect chatter; our own warnings say enough
    conninfo = os.environ.get("LEARNFLOW_DATABASE_URL")
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if not conninfo or not bootstrap:
        print("set LEARNFLOW_DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS", file=sys.stderr)
        return 2
    relay = OutboxRelay(conninfo, bootstrap,
                        batch_size=int(os.environ.get("LEARNFLOW_RELAY_BATCH_SIZE", "500")),
                        poll_interval=_env_float("LEARNFLOW_RELAY_POLL_INTERVAL", 0.2),
                        name=os.environ.get("LEARNFLOW_RELAY_NAME", f"relay-{os.getpid()}"))
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: relay.stop())

    def report() -> None:  # one metrics line a minute, for the log
        while not relay._stop.wait(60):
            try:
                log.info("metrics %s", relay.metrics())
            except psycopg.Error as exc:
                log.warning("metrics unavailable: %s", exc)

    threading.Thread(target=report, daemon=True, name="relay-metrics").start()
    relay_metrics.serve(relay)
    relay.run_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
