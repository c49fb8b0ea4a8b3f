"""Latency of Ask through Envoy with the offline engines, against a trivial Echo through the same Envoy.

Starts its own mesh on free ports (or uses --address of a running one with --email/--password), then
for each case sends N sequential calls and prints p50/p95/mean and the ratio to the Echo baseline.
Also measures AskStream time-to-first-chunk vs time-to-final.

  .venv/bin/python bench/ask_latency.py [-n 200]
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from learnflow.v1 import mesh_service_pb2  # noqa: E402

CASES = {
    "concepts (no code)": ("What is the difference between a list and a tuple?", ""),
    "debug (code, sandbox run + concepts collaboration)": ("Why does my code crash?",
                                                          "arr = [1, 2, 3]\nprint(arr[5])\n"),
    "code review (code)": ("Please review my code", "def f(l):\n    r = []\n    for i in range(len(l)):\n"
                                                    "        r.append(l[i])\n    return r\n"),
}

UNCACHED_CONCEPTS = ("What is a list comprehension?", "how do decorators work", "what is a lambda function",
                     "explain recursion and the base case", "how do I read a file line by line",
                     "what is the difference between a set and a list", "how do i use a list as a queue",
                     "what does the global keyword do")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def timed(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


@contextlib.contextmanager
def bench_client(prefix: str = "lf-bench-"):
    """A mesh of its own on free ports (no Kafka, Ask limits lifted) and a signed-in student's client; both are
    stopped on exit. Shared by the latency benches (ask, debug paths, review hand-off)."""
    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig

    run = Path(tempfile.mkdtemp(prefix=prefix))
    mesh = Mesh(MeshConfig.on_free_ports(run, start_kafka=False, extra_env={
        "LEARNFLOW_ASKS_PER_MINUTE": "1000000"}), log=lambda *_: None)
    mesh.start()
    try:
        client = LearnFlowClient(mesh.envoy_address)
        client.ensure_account(f"bench-{uuid.uuid4().hex[:8]}@example.org", "bench-password-1", "Bench")
        try:
            yield client
        finally:
            client.close()
    finally:
        mesh.stop()


def echo_baseline(client, n: int) -> list[float]:
    """Latencies (ms) of n MeshService/Echo calls through the same Envoy, after 20 warm-up calls."""
    echo = lambda: client.mesh.Echo(mesh_service_pb2.EchoRequest(message="ping"), metadata=client.metadata)
    timed(echo, 20)
    return timed(echo, n)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args()
    with bench_client() as client:
        base = echo_baseline(client, args.n)
        b50 = statistics.median(base)
        print(f"{'case':<52} {'p50 ms':>8} {'p95 ms':>8} {'mean':>8} {'x echo p50':>11}")
        print(f"{'Echo through Envoy (baseline)':<52} {b50:8.2f} {pct(base, .95):8.2f} {statistics.mean(base):8.2f} {1:11.1f}")
        for name, (text, code) in CASES.items():
            timed(lambda: client.ask(text, code), 5)
            lat = timed(lambda: client.ask(text, code), args.n)
            p50 = statistics.median(lat)
            print(f"{'Ask: ' + name:<52} {p50:8.2f} {pct(lat, .95):8.2f} {statistics.mean(lat):8.2f} {p50 / b50:11.1f}")
        # A new wording every time: the concepts agent's 7-day answer cache cannot help (retrieval + composing).
        fresh = iter(range(10 ** 6))

        def uncached():
            i = next(fresh)
            client.ask(f"{UNCACHED_CONCEPTS[i % len(UNCACHED_CONCEPTS)]} (#{i})", "")
        lat = timed(uncached, args.n)
        p50 = statistics.median(lat)
        name = "Ask: concepts, uncached (varied questions)"
        print(f"{name:<52} {p50:8.2f} {pct(lat, .95):8.2f} {statistics.mean(lat):8.2f} {p50 / b50:11.1f}")
        # Conversation memory: the same question inside a session that already has 10 turns (history read +
        # follow-up resolution on every call).
        sid = client.ask("What is a list?").query.session_id
        for _ in range(10):
            client.ask("can you show another example?", "", sid)
        lat = timed(lambda: client.ask("can you show another example?", "", sid), args.n)
        p50 = statistics.median(lat)
        print(f"{'Ask: concepts follow-up in a 10-turn session':<52} {p50:8.2f} {pct(lat, .95):8.2f} "
              f"{statistics.mean(lat):8.2f} {p50 / b50:11.1f}")
        first, final = [], []
        for _ in range(min(args.n, 100)):
            t = time.perf_counter()
            got_first = None
            for event in client.ask_stream(*CASES["debug (code, sandbox run + concepts collaboration)"]):
                if event.WhichOneof("event") == "text_chunk" and got_first is None:
                    got_first = (time.perf_counter() - t) * 1000
            first.append(got_first)
            final.append((time.perf_counter() - t) * 1000)
        print(f"\nAskStream (debug): first chunk p50 {statistics.median(first):.2f} ms, "
              f"final p50 {statistics.median(final):.2f} ms")


if __name__ == "__main__":
    main()
