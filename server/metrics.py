"""In-process RPC metrics and the AgentHealthMetrics they produce (seed 001 §2.5 status rules)."""
from __future__ import annotations

import random
import time
from collections import deque

from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import entities_pb2

from server import enums
from server.config import VERSION

STALE_HEARTBEAT_S = 30.0
ERROR_THRESHOLD_LAST_HOUR = 10

MINUTES = 60   # the last hour, as minute buckets
SAMPLE = 128   # latencies kept per minute (a uniform reservoir sample) for the p95


class _Minute:
    __slots__ = ("minute", "calls", "errors", "latency_sum", "sample")

    def __init__(self, minute: int):
        self.minute = minute
        self.calls = 0
        self.errors = 0
        self.latency_sum = 0.0
        self.sample: list[float] = []

    def add(self, latency_ms: float, ok: bool) -> None:
        self.calls += 1
        self.latency_sum += latency_ms
        if not ok:
            self.errors += 1
        if len(self.sample) < SAMPLE:
            self.sample.append(latency_ms)
        else:
            slot = random.randrange(self.calls)
            if slot < SAMPLE:
                self.sample[slot] = latency_ms


class AgentMetrics:
    def __init__(self, agent: str, instance_id: str):
        self.agent = agent
        self.instance_id = instance_id
        self.started = time.time()
        self.total = 0
        self.errors = 0
        self.in_flight = 0
        self.stopping = False
        # The last hour as one bucket per minute (bounded: it used to keep a tuple per call for an hour,
        # ~3.6 M at 1,000 calls/s, and sort them all at every heartbeat).
        self._minutes: deque[_Minute] = deque()

    def begin(self) -> None:
        self.in_flight += 1

    def end(self, latency_ms: float, ok: bool) -> None:
        self.in_flight -= 1
        self.total += 1
        if not ok:
            self.errors += 1
        minute = int(time.time() // 60)
        if not self._minutes or self._minutes[-1].minute != minute:
            self._minutes.append(_Minute(minute))
            while self._minutes[0].minute <= minute - MINUTES:
                self._minutes.popleft()
        self._minutes[-1].add(latency_ms, ok)

    def snapshot(self, replica_count: int = 1) -> entities_pb2.AgentHealthMetrics:
        now = time.time()
        recent = [m for m in self._minutes if m.minute > int(now // 60) - MINUTES]
        calls = sum(m.calls for m in recent)
        errors_hour = sum(m.errors for m in recent)
        avg = int(round(sum(m.latency_sum for m in recent) / calls)) if calls else 0
        # p95 over each minute's sample, every sampled latency weighted by the calls it stands for.
        weighted = sorted((lat, m.calls / len(m.sample)) for m in recent for lat in m.sample)
        p95, seen = 0, 0.0
        for latency, weight in weighted:
            seen += weight
            p95 = int(round(latency))
            if seen >= 0.95 * calls:
                break
        stamp = Timestamp()
        stamp.FromSeconds(int(now))
        return entities_pb2.AgentHealthMetrics(
            agent_name=enums.agent_enum(self.agent),
            status=enums.from_db("AgentStatus", status_for(calls, errors_hour, self.stopping,
                                                           now - self.started)),
            uptime_seconds=int(now - self.started),
            total_queries_processed=self.total,
            queries_last_hour=calls,
            error_count=self.errors,
            error_count_last_hour=errors_hour,
            avg_response_time_ms=max(avg, 1) if calls else 0,
            p95_response_time_ms=max(p95, 1) if calls else 0,
            current_queue_depth=max(self.in_flight, 0),
            last_heartbeat=stamp,
            replica_count=replica_count,
            version=VERSION,
            instance_id=self.instance_id,
        )


def status_for(queries_last_hour: int, errors_last_hour: int, stopping: bool, uptime_s: float) -> str:
    if stopping:
        return "stopping"
    if errors_last_hour > ERROR_THRESHOLD_LAST_HOUR:
        return "error"
    if queries_last_hour > 0:
        return "active"
    if uptime_s < 5:
        return "starting"
    return "idle"


def effective_status(metrics: entities_pb2.AgentHealthMetrics, now: float | None = None) -> int:
    """A heartbeat older than 30 s means the agent is in error, whatever it last said."""
    now = time.time() if now is None else now
    if now - metrics.last_heartbeat.seconds > STALE_HEARTBEAT_S and metrics.status != enums.from_db("AgentStatus", "stopping"):
        return enums.from_db("AgentStatus", "error")
    return metrics.status
