"""The bounded per-minute health metrics and the in-process memo (pure logic, no services)."""
from __future__ import annotations

import time

from server import metrics
from server.memo import Memo


def test_health_metrics_count_every_call_but_keep_a_bounded_sample():
    m = metrics.AgentMetrics("mesh", "i-1")
    for i in range(10_000):
        m.begin()
        m.end(latency_ms=1.0 if i % 100 else 50.0, ok=i % 1000 != 0)
    snap = m.snapshot()
    assert snap.queries_last_hour == 10_000 and snap.total_queries_processed == 10_000
    assert snap.error_count_last_hour == 10
    assert sum(len(b.sample) for b in m._minutes) <= metrics.SAMPLE * len(m._minutes)
    assert snap.p95_response_time_ms == 1          # 1 % of calls at 50 ms: the p95 is the 1 ms majority
    assert snap.avg_response_time_ms == 1          # (9900 * 1 + 100 * 50) / 10000 = 1.49 -> 1


def test_minutes_older_than_an_hour_drop_out(monkeypatch):
    now = [time.time()]
    monkeypatch.setattr(metrics.time, "time", lambda: now[0])
    m = metrics.AgentMetrics("mesh", "i-1")
    m.end(latency_ms=5.0, ok=False)
    now[0] += 61 * 60
    m.end(latency_ms=5.0, ok=True)
    snap = m.snapshot()
    assert snap.queries_last_hour == 1 and snap.error_count_last_hour == 0 and snap.error_count == 1
    assert len(m._minutes) == 1


def test_memo_keeps_the_most_recently_used_entries():
    memo = Memo(max_entries=2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1          # a is now the most recent
    memo.put("c", 3)                   # evicts b
    assert memo.get("b") is None and memo.get("a") == 1 and memo.get("c") == 3
    assert len(memo) == 2 and memo.hits == 3 and memo.misses == 1
