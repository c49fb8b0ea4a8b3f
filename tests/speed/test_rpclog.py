"""agent-logs: one aggregate per (method, caller) per interval, and every failure on its own."""
from __future__ import annotations

from server import enums
from server.rpclog import RpcLog


def test_successes_are_aggregated_and_failures_sent_individually():
    log = RpcLog("mesh", "host-1")
    for latency in (1.0, 3.0, 8.0):
        log.record("/learnflow.v1.MeshService/Echo", "student-a", latency, "OK")
    log.record("/learnflow.v1.MeshService/Echo", "student-a", 5.0, "INVALID_ARGUMENT")
    log.record("/learnflow.v1.MeshService/Echo", "student-b", 2.0, "OK")
    out = log.drain()
    failures = [e for e in out if e.agent_log_entry.call_count == 0]
    aggregates = {(e.student_id, e.agent_log_entry.method): e.agent_log_entry for e in out
                  if e.agent_log_entry.call_count}
    assert len(failures) == 1 and failures[0].agent_log_entry.status == "INVALID_ARGUMENT"
    assert failures[0].student_id == "student-a" and failures[0].trace_id
    a = aggregates[("student-a", "/learnflow.v1.MeshService/Echo")]
    assert (a.call_count, a.error_count, a.max_latency_ms, a.latency_ms) == (4, 1, 8, 4)
    assert a.level == "WARN" and a.window_seconds >= 1 and enums.agent(a.agent_name) == "mesh"
    b = aggregates[("student-b", "/learnflow.v1.MeshService/Echo")]
    assert (b.call_count, b.error_count, b.status) == (1, 0, "OK")
    assert all(e.event_type == "agent.log" for e in out)
    assert log.drain() == []  # drained: the next interval starts empty
