"""Latency of the debug agent through Envoy, by path, against a trivial Echo through the same Envoy.

    .venv/bin/python bench/debug_latency.py [-n 60]

Starts its own mesh on free ports (no Kafka) and times N sequential calls of:
  - Ask with code that crashes (the case bench/ask_latency.py reports: sandbox run + concepts collaboration),
  - DebugService.Diagnose of a clean run with an expected-vs-got question (run + repair-search job),
  - DebugService.Diagnose of a clean run asked "is this ok?" (run + the code review hop of round 3),
  - DebugService.Diagnose of a question about Python without code (the concepts hand-off of round 5; an older
    checkout answers it with "Nothing to debug yet").
Run it from an older checkout too (copy the file) to compare before/after on the same machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from learnflow.v1 import common_pb2, debug_service_pb2 as dbg, debug_service_pb2_grpc as dbg_grpc  # noqa: E402

from bench.ask_latency import bench_client, echo_baseline, pct, timed  # noqa: E402

CRASH = ("Why does my code crash?", "arr = [1, 2, 3]\nprint(arr[5])\n")
SILENT = ("the middle of 4 and 10 should be 7 but it prints 9.0", "low = 4\nhigh = 10\nmid = low + high / 2\nprint(mid)\n")
REVIEW = ("is this ok?", "line = input('Calc: ')\nanswer = eval(line)\nprint('=', answer)\n")
CONCEPT = ("how come list.sort() gives me None but sorted() gives a list?", "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=60)
    args = parser.parse_args()
    with bench_client("lf-debug-bench-") as client:
        stub = dbg_grpc.DebugServiceStub(client.channel)

        def diagnose(question, code):
            return stub.Diagnose(dbg.DiagnoseRequest(context=common_pb2.TutorContext(), code=code, question=question),
                                 metadata=client.metadata, timeout=60)
        b50 = statistics.median(echo_baseline(client, args.n))
        print(f"{'case':<58} {'p50 ms':>8} {'p95 ms':>8} {'x echo':>7}")
        print(f"{'Echo through Envoy (baseline)':<58} {b50:8.2f}")
        for name, fn in (("Ask: debug, crash (sandbox run + concepts)", lambda: client.ask(*CRASH)),
                         ("Diagnose: clean run, expected vs got (+ search job)", lambda: diagnose(*SILENT)),
                         ("Diagnose: clean run, 'is this ok?' (+ review hop)", lambda: diagnose(*REVIEW)),
                         ("Diagnose: no-code question (concepts hand-off)", lambda: diagnose(*CONCEPT))):
            timed(fn, 5)
            lat = sorted(timed(fn, args.n))
            p50 = statistics.median(lat)
            print(f"{name:<58} {p50:8.2f} {pct(lat, .95):8.2f} {p50 / b50:7.1f}")


if __name__ == "__main__":
    main()
