"""Live class alerts (ProgressService.WatchClassAlerts): a Kafka consumer of the student-struggle and
mastery-level-updated topics that hands each event to the teachers watching that student.

Every progress replica must see every event (a teacher's stream may be served by any of them), so the
consumer joins no group: it reads all partitions from the end (alerts are live, not a history) and commits
nothing. kafka-python is blocking, so it runs in its own thread; events cross into the asyncio loop of the
watching RPCs with call_soon_threadsafe. A watcher lists the students it wants (the consenting members of
the teacher's classes, reloaded by the RPC while it runs), and sees only their events.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from collections import deque
from dataclasses import dataclass, field

from learnflow.v1 import events_pb2

log = logging.getLogger("learnflow.progress.alerts")
TOPICS = ("student-struggle", "mastery-level-updated")
STOPPED = object()   # put on every watcher's queue when the agent stops


@dataclass(eq=False)   # identity-hashed: watchers live in a set
class Watcher:
    loop: asyncio.AbstractEventLoop
    students: frozenset[str]
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=1000))
    seen: deque = field(default_factory=lambda: deque(maxlen=500))   # message_ids (redelivery never repeats)
    dropped: int = 0

    def offer(self, env: events_pb2.EventEnvelope) -> None:
        """Runs in the loop's thread."""
        if env.message_id in self.seen or env.student_id not in self.students:
            return
        self.seen.append(env.message_id)
        try:
            self.queue.put_nowait(env)
        except asyncio.QueueFull:   # a stalled reader loses alerts rather than holding the consumer
            self.dropped += 1


class AlertHub:
    def __init__(self, bootstrap: str):
        self.bootstrap = bootstrap
        self._watchers: set[Watcher] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ready = threading.Event()   # partitions assigned and positioned: later events will be seen
        self.delivered = 0
        self.last_error: str | None = None

    # --- the watchers' side (asyncio) ----------------------------------------------------------
    def watch(self, students) -> Watcher:
        watcher = Watcher(asyncio.get_running_loop(), frozenset(students))
        with self._lock:
            self._watchers.add(watcher)
        return watcher

    def unwatch(self, watcher: Watcher) -> None:
        with self._lock:
            self._watchers.discard(watcher)

    async def wait_ready(self, timeout: float) -> bool:
        return await asyncio.to_thread(self.ready.wait, timeout)

    # --- the consumer thread -------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="progress-alerts", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        with self._lock:
            watchers, self._watchers = list(self._watchers), set()
        for w in watchers:
            _call(w.loop, w.queue.put_nowait, STOPPED)

    def _consumer(self):
        from kafka import KafkaConsumer

        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
                                 auto_offset_reset="latest", client_id="progress-alerts")
        consumer.subscribe(list(TOPICS))
        return consumer

    def _positioned(self, consumer) -> bool:
        """Every partition of both topics assigned, with its start offset resolved."""
        assigned = consumer.assignment()
        if {tp.topic for tp in assigned} != set(TOPICS):
            return False
        for tp in assigned:
            consumer.position(tp)
        return True

    def _run(self) -> None:
        consumer = None
        while not self._stop.is_set():
            try:
                if consumer is None:
                    consumer = self._consumer()
                batches = consumer.poll(timeout_ms=300)
                if not self.ready.is_set() and self._positioned(consumer):
                    self.ready.set()
                for records in batches.values():
                    for record in records:
                        self._deliver(record.value)
            except Exception as exc:  # broker away: reconnect; alerts meanwhile are missed (they are live only)
                self.last_error = f"{type(exc).__name__}: {exc}"[:300]
                log.warning("alert consumer error; retrying", extra={"error": self.last_error})
                self.ready.clear()
                if consumer is not None:
                    _close(consumer)
                    consumer = None
                self._stop.wait(1.0)
        if consumer is not None:
            _close(consumer)

    def _deliver(self, value: bytes) -> None:
        env = events_pb2.EventEnvelope()
        try:
            env.ParseFromString(value)
        except Exception:
            return
        if env.WhichOneof("payload") not in ("student_struggle_detected", "mastery_level_updated"):
            return
        with self._lock:
            targets = [w for w in self._watchers if env.student_id in w.students]
        for w in targets:
            _call(w.loop, w.offer, env)
            self.delivered += 1


def _call(loop, fn, *args) -> None:
    try:
        loop.call_soon_threadsafe(fn, *args)
    except RuntimeError:   # that loop has closed
        pass


def _close(consumer) -> None:
    try:
        consumer.close()
    except Exception:
        pass
