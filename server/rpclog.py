"""What the agent-logs topic gets about RPCs: aggregates, plus every failure on its own.

Writing one outbox row per RPC cost ~13 % of an agent's CPU under load. Instead, each interval
(`LEARNFLOW_AGENT_LOG_INTERVAL_S`, default 5 s) produces one AgentLogEntry per (method, caller) with
the number of calls, failures, mean and max latency, and each non-OK call is still sent individually
with its trace id, as before. An operator keeps per-method traffic, error counts and latency, and
every error with the trace to follow; the events stay keyed by student, as the seed asks.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass

from learnflow.v1 import events_pb2

from server import enums, events, telemetry

DEFAULT_INTERVAL_S = 5.0
MAX_PENDING = 5000   # failures waiting for the next flush; more are counted but not sent one by one


def interval_from_env() -> float:
    return float(os.environ.get("LEARNFLOW_AGENT_LOG_INTERVAL_S", DEFAULT_INTERVAL_S))


@dataclass
class _Totals:
    calls: int = 0
    errors: int = 0
    latency_sum: float = 0.0
    latency_max: float = 0.0


class RpcLog:
    def __init__(self, agent: str, instance_id: str):
        self.agent = agent
        self.instance_id = instance_id
        self._totals: dict[tuple[str, str | None], _Totals] = {}
        self._failures: list[events_pb2.EventEnvelope] = []
        self._since = time.monotonic()

    def record(self, method: str, student_id: str | None, latency_ms: float, code: str) -> None:
        totals = self._totals.get((method, student_id))
        if totals is None:
            totals = self._totals[(method, student_id)] = _Totals()
        totals.calls += 1
        totals.latency_sum += latency_ms
        if latency_ms > totals.latency_max:
            totals.latency_max = latency_ms
        if code != "OK":
            totals.errors += 1
            if len(self._failures) < MAX_PENDING:
                entry = self._entry(method, "WARN", f"{method.rsplit('/', 1)[-1]} -> {code}", int(latency_ms), code)
                self._failures.append(events.make_envelope(
                    "agent.log", entry, student_id=student_id, trace_id=telemetry.current_trace_id(),
                    agent=self.agent))

    def drain(self) -> list[events_pb2.EventEnvelope]:
        """The envelopes to write now: the failures so far, then one aggregate per (method, caller)."""
        window = max(1, round(time.monotonic() - self._since))
        totals, self._totals = self._totals, {}
        out, self._failures = self._failures, []
        self._since = time.monotonic()
        for (method, student_id), t in totals.items():
            short = method.rsplit("/", 1)[-1]
            entry = self._entry(method, "INFO" if not t.errors else "WARN",
                                f"{short}: {t.calls} calls, {t.errors} failed in {window} s",
                                int(t.latency_sum / t.calls), "OK" if not t.errors else "ERRORS")
            entry.call_count, entry.error_count = t.calls, t.errors
            entry.max_latency_ms, entry.window_seconds = int(t.latency_max), window
            out.append(events.make_envelope("agent.log", entry, student_id=student_id, trace_id=None,
                                            agent=self.agent))
        return out

    def _entry(self, method: str, level: str, message: str, latency_ms: int, status: str):
        return events_pb2.AgentLogEntry(agent_name=enums.agent_enum(self.agent), level=level, message=message,
                                        method=method, latency_ms=latency_ms, status=status,
                                        instance_id=self.instance_id)
