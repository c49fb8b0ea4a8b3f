"""Prometheus metrics of an agent process, served over HTTP on the agent's metrics port.

Names follow Prometheus conventions (base units, `_total` counters). The registry gives each agent a
default metrics port (gRPC port + 1000 locally; 9464 in a pod); LEARNFLOW_METRICS_LISTEN overrides it
and `off` disables the endpoint. Recording is a counter increment and a histogram observation per RPC.
"""
from __future__ import annotations

import logging
import os
import time

from prometheus_client import Counter, Gauge, Histogram, start_http_server

log = logging.getLogger("learnflow.metrics")

# Agent RPCs are milliseconds (offline engines) to tens of seconds (model calls, long streams).
_RPC_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_SANDBOX_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

RPC_REQUESTS = Counter("learnflow_rpc_requests_total", "RPCs handled, by method and gRPC status code",
                       ["agent", "method", "code"])
RPC_DURATION = Histogram("learnflow_rpc_duration_seconds", "RPC handling time (streams: until the last message)",
                         ["agent", "method", "code"], buckets=_RPC_BUCKETS)
SANDBOX_JOBS = Gauge("learnflow_sandbox_jobs", "Sandbox jobs admitted (running + waiting)", ["agent"])
SANDBOX_WAITING = Gauge("learnflow_sandbox_queue_depth", "Sandbox jobs waiting for a free slot", ["agent"])
SANDBOX_RUN = Histogram("learnflow_sandbox_run_seconds", "Time a sandboxed run took, queueing included",
                        ["agent", "status"], buckets=_SANDBOX_BUCKETS)


def metrics_listen(agent: str) -> str | None:
    """host:port for the metrics endpoint, or None when switched off."""
    from server import registry

    value = os.environ.get("LEARNFLOW_METRICS_LISTEN", "")
    if value.lower() == "off":
        return None
    return value or f"127.0.0.1:{registry.agent(agent).metrics_port}"


def serve(listen: str | None) -> int | None:
    """Starts the HTTP endpoint (a daemon thread). A busy port is logged, not fatal: metrics are optional."""
    if not listen:
        return None
    host, _, port = listen.rpartition(":")
    try:
        server, _thread = start_http_server(int(port), addr=host or "0.0.0.0")
    except OSError as exc:
        log.warning("metrics endpoint not started on %s: %s", listen, exc)
        return None
    return server.server_port


def rpc_children(agent: str, method: str, code: str) -> tuple:
    """The (counter, histogram) children of one label set: callers keep them, so a call does not look its
    labels up again (prometheus_client's labels() takes a lock and builds a key per call)."""
    return RPC_REQUESTS.labels(agent, method, code), RPC_DURATION.labels(agent, method, code)


def watch_sandbox(agent: str, sandbox) -> None:
    """Queue gauges read the sandbox's admission counter at scrape time; run() is timed per call."""
    concurrency = sandbox.max_concurrency if hasattr(sandbox, "max_concurrency") else 0
    SANDBOX_JOBS.labels(agent).set_function(lambda: getattr(sandbox, "_waiting", 0))
    SANDBOX_WAITING.labels(agent).set_function(lambda: max(0, getattr(sandbox, "_waiting", 0) - concurrency))
    run = sandbox.run

    async def timed_run(*args, **kwargs):
        started = time.perf_counter()
        result = await run(*args, **kwargs)
        SANDBOX_RUN.labels(agent, getattr(result, "status", "unknown")).observe(time.perf_counter() - started)
        return result

    sandbox.run = timed_run
