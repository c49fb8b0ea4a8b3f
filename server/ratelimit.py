"""Sliding-window rate limits, per key (student id, account e-mail, peer address).

Per process: each replica enforces its own window, which with N replicas behind Envoy bounds a
student at N x the limit; good enough for abuse control, documented in the README.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque


class SlidingWindowLimiter:
    def __init__(self, limit: int, window_s: float):
        self.limit = limit
        self.window_s = window_s
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def _trim(self, key: str, now: float) -> deque[float]:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def check(self, key: str, now: float | None = None) -> float:
        """Records a hit; returns 0 if allowed, else the seconds to wait before retrying."""
        now = time.monotonic() if now is None else now
        hits = self._trim(key, now)
        if self.limit <= 0:
            return 0.0
        if len(hits) >= self.limit:
            return max(0.001, hits[0] + self.window_s - now)
        hits.append(now)
        if len(self._hits) > 10_000:  # keep memory bounded under key-spraying
            for stale in [k for k, v in self._hits.items() if not v]:
                del self._hits[stale]
        return 0.0

    def blocked_for(self, key: str, now: float | None = None) -> float:
        """Like check() but without recording a hit."""
        now = time.monotonic() if now is None else now
        hits = self._trim(key, now)
        if self.limit > 0 and len(hits) >= self.limit:
            return max(0.001, hits[0] + self.window_s - now)
        return 0.0

    def record(self, key: str, now: float | None = None) -> None:
        self._hits[key].append(time.monotonic() if now is None else now)

    def reset(self, key: str) -> None:
        self._hits.pop(key, None)
