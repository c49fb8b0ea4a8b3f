"""Summarises a py-spy collapsed-stack profile (`bench/speed.py --profile`): the share of samples whose
stack passes through each per-RPC concern (inclusive time), and the top functions by own time.

  .venv/bin/python bench/profile_summary.py out.mesh.collapsed
"""
from __future__ import annotations

import collections
import re
import sys

CONCERNS = {
    "OpenTelemetry interceptor/spans": r"opentelemetry|grpc/_aio_server\.py|grpc/_server\.py",
    "JWT verification (PyJWT)": r"\bjwt[/.]",
    "per-RPC JSON log line": r"jsonlog|logging/__init__",
    "agent-log events (rpclog/outbox)": r"rpclog|record_rpc|flush_logs|make_envelope",
    "request validation": r"server/validation",
    "token cache": r"tokencache",
    "database (psycopg)": r"psycopg",
    "guard interceptor (all)": r"server/interceptors",
}


def main(path: str) -> None:
    stacks = collections.Counter()
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    total = sum(stacks.values()) or 1
    idle = sum(n for s, n in stacks.items() if re.search(r"select \(selectors|epoll|_run_once \(asyncio", s.split(";")[-1]))
    print(f"{total} samples ({100 * idle / total:.0f}% idle in the event loop's poll)")
    for name, pattern in CONCERNS.items():
        share = sum(n for s, n in stacks.items() if re.search(pattern, s))
        print(f"  {name:<36} {100 * share / total:5.1f} %")
    own = collections.Counter()
    for s, n in stacks.items():
        own[s.split(";")[-1]] += n
    print("top own time:")
    for frame, n in own.most_common(8):
        print(f"  {100 * n / total:5.1f} %  {frame[:110]}")


if __name__ == "__main__":
    main(sys.argv[1])
