"""Kafka consumer of agent-responses (questions answered, submissions graded) for the progress agent.

kafka-python is blocking, so it runs in its own thread with a sync connection pool. Offsets are
committed only after the database transaction that applied the batch; a crash in between means
redelivery, which processed_messages turns into a no-op (exactly-once effect).
"""
from __future__ import annotations

import logging
import threading

from learnflow.v1 import events_pb2

from agents.progress import tracker
from db.pool import open_pool

log = logging.getLogger("learnflow.progress.consumer")
TOPICS = ("agent-responses",)
GROUP = "progress-agent"
# Offsets are committed once per polled batch: small batches keep the committed lag moving (a 200-record
# batch of a busy student once held the group's lag still for tens of seconds) and keep each batch far
# below max.poll.interval.ms, so a slow batch can never cost a rebalance.
MAX_POLL_RECORDS = 100
FETCH_MIN_BYTES = 64 * 1024
FETCH_MAX_WAIT_MS = 250


class ProgressConsumer:
    def __init__(self, bootstrap: str, database_url: str, group: str = GROUP):
        self.bootstrap = bootstrap
        self.database_url = database_url
        self.group = group
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.applied = 0
        self.duplicates = 0
        self.last_error: str | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="progress-consumer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _consumer(self):
        from kafka import KafkaConsumer

        return KafkaConsumer(*TOPICS, bootstrap_servers=self.bootstrap, group_id=self.group,
                             enable_auto_commit=False, auto_offset_reset="earliest",
                             max_poll_records=MAX_POLL_RECORDS, consumer_timeout_ms=1000, client_id=f"{self.group}-consumer",
                             # A fetch waits up to 250 ms for 64 KiB: under load one fetch (and one transaction,
                             # one offset commit, one run of the student-wide aggregates) carries ~20-40 events
                             # instead of a few; idle, an event is applied 250 ms after it is published at most.
                             fetch_min_bytes=FETCH_MIN_BYTES, fetch_max_wait_ms=FETCH_MAX_WAIT_MS)

    def _run(self) -> None:
        pool = open_pool(self.database_url, max_size=2)
        consumer = None
        try:
            while not self._stop.is_set():
                try:
                    if consumer is None:
                        consumer = self._consumer()
                    batches = consumer.poll(timeout_ms=500)
                    if not batches:
                        continue
                    with pool.connection() as conn:
                        with conn.transaction():
                            self._apply_batch(conn, [r for records in batches.values() for r in records])
                    consumer.commit()
                except Exception as exc:  # broker or database away: back off, reconnect, redeliver
                    self.last_error = f"{type(exc).__name__}: {exc}"[:300]
                    log.warning("progress consumer error; retrying", extra={"error": self.last_error})
                    if consumer is not None:
                        try:
                            consumer.close()
                        except Exception:
                            pass
                        consumer = None
                    self._stop.wait(1.0)
        finally:
            if consumer is not None:
                consumer.close()
            pool.close()

    def _apply_batch(self, conn, records) -> None:
        """Each student's events of the batch together (tracker.apply_student: the student-wide aggregates
        run once per batch, not once per event). An error propagates, as before: nothing of the batch is
        committed, offsets stay, and the batch is redelivered."""
        by_student: dict[str, list] = {}
        for record in records:
            env = events_pb2.EventEnvelope()
            try:
                env.ParseFromString(record.value)
            except Exception:
                log.warning("skipping undecodable event", extra={"offset": record.offset})
                continue
            if not tracker.relevant(env):
                self.duplicates += 1
                continue
            by_student.setdefault(env.student_id, []).append(env)
        for student_id, envs in by_student.items():
            with conn.transaction():  # savepoint per student
                applied = tracker.apply_student(conn, student_id, envs)
            self.applied += applied
            self.duplicates += len(envs) - applied
