"""In-process RPC metrics and the AgentHealthMetrics they produce (seed 001 §2.5 status rules)."""
from __future__ import annotations

import time
from collections import deque

from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import entities_pb2

from server import enums
from server.config import VERSION

HOUR = 3600.0
STALE_HEARTBEAT_S = 30.0
ERROR_THRESHOLD_LAST_HOUR = 10


class AgentMetrics:
    def __init__(self, agent: str, instance_id: str):
        self.agent = agent
        self.instance_id = instance_id
        self.started = time.time()
        self.total = 0
        self.errors = 0
        self.in_flight = 0
        self.stopping = False
        self._recent: deque[tuple[float, float, bool]] = deque()  # (when, latency_ms, ok) over the last hour

    def begin(self) -> None:
        self.in_flight += 1

    def end(self, latency_ms: float, ok: bool) -> None:
        self.in_flight -= 1
        self.total += 1
        if not ok:
            self.errors += 1
        now = time.time()
        self._recent.append((now, latency_ms, ok))
        while self._recent and self._recent[0][0] < now - HOUR:
            self._recent.popleft()

    def snapshot(self, replica_count: int = 1) -> entities_pb2.AgentHealthMetrics:
        now = time.time()
        recent = [r for r in self._recent if r[0] >= now - HOUR]
        latencies = sorted(r[1] for r in recent)
        errors_hour = sum(1 for r in recent if not r[2])
        avg = int(round(sum(latencies) / len(latencies))) if latencies else 0
        p95 = int(round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))])) if latencies else 0
        stamp = Timestamp()
        stamp.FromSeconds(int(now))
        return entities_pb2.AgentHealthMetrics(
            agent_name=enums.agent_enum(self.agent),
            status=enums.from_db("AgentStatus", status_for(len(recent), errors_hour, self.stopping,
                                                           now - self.started)),
            uptime_seconds=int(now - self.started),
            total_queries_processed=self.total,
            queries_last_hour=len(recent),
            error_count=self.errors,
            error_count_last_hour=errors_hour,
            avg_response_time_ms=max(avg, 1) if latencies else 0,
            p95_response_time_ms=max(p95, 1) if latencies else 0,
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
