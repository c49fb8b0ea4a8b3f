"""Latency of the debug agent through Envoy, by path, against a trivial Echo through the same Envoy.

    .venv/bin/python bench/debug_latency.py [-n 60]

Starts its own mesh on free ports (no Kafka) and times N sequential calls of:
  - Ask with code that crashes (the case bench/ask_latency.py reports: sandbox run + concepts collaboration),
  - DebugService.Diagnose of a clean run with an expected-vs-got question (run + repair-search job),
  - DebugService.Diagnose of a clean run asked "is this ok?" (run + the code review hop of round 3).
Run it from an older checkout too (copy the file) to compare before/after on the same machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from learnflow.v1 import (common_pb2, debug_service_pb2 as dbg, debug_service_pb2_grpc as dbg_grpc,  # noqa: E402
                          mesh_service_pb2)

CRASH = ("Why does my code crash?", "arr = [1, 2, 3]\nprint(arr[5])\n")
SILENT = ("the middle of 4 and 10 should be 7 but it prints 9.0", "low = 4\nhigh = 10\nmid = low + high / 2\nprint(mid)\n")
REVIEW = ("is this ok?", "line = input('Calc: ')\nanswer = eval(line)\nprint('=', answer)\n")


def timed(fn, n):
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=60)
    args = parser.parse_args()
    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig

    run = Path(tempfile.mkdtemp(prefix="lf-debug-bench-"))
    mesh = Mesh(MeshConfig.on_free_ports(run, start_kafka=False, extra_env={
        "LEARNFLOW_ASKS_PER_MINUTE": "1000000"}), log=lambda *_: None)
    mesh.start()
    try:
        client = LearnFlowClient(mesh.envoy_address)
        client.ensure_account(f"bench-{uuid.uuid4().hex[:8]}@example.org", "bench-password-1", "Bench")
        stub = dbg_grpc.DebugServiceStub(client.channel)

        def diagnose(question, code):
            return stub.Diagnose(dbg.DiagnoseRequest(context=common_pb2.TutorContext(), code=code, question=question),
                                 metadata=client.metadata, timeout=60)
        echo = lambda: client.mesh.Echo(mesh_service_pb2.EchoRequest(message="ping"), metadata=client.metadata)
        timed(echo, 20)
        b50 = statistics.median(timed(echo, args.n))
        print(f"{'case':<58} {'p50 ms':>8} {'p95 ms':>8} {'x echo':>7}")
        print(f"{'Echo through Envoy (baseline)':<58} {b50:8.2f}")
        for name, fn in (("Ask: debug, crash (sandbox run + concepts)", lambda: client.ask(*CRASH)),
                         ("Diagnose: clean run, expected vs got (+ search job)", lambda: diagnose(*SILENT)),
                         ("Diagnose: clean run, 'is this ok?' (+ review hop)", lambda: diagnose(*REVIEW))):
            timed(fn, 5)
            lat = sorted(timed(fn, args.n))
            p50 = statistics.median(lat)
            print(f"{name:<58} {p50:8.2f} {lat[min(len(lat) - 1, int(.95 * len(lat)))]:8.2f} {p50 / b50:7.1f}")
        client.close()
    finally:
        mesh.stop()


if __name__ == "__main__":
    main()
