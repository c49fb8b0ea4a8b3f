"""Cost of the review's symptom hand-off: Ask through Envoy with the same code, once as a plain review request and
once reporting a wrong output (code-review then asks the debug agent to run it, agents/code_review/handoff.py).

  .venv/bin/python bench/review_handoff_latency.py [-n 40]
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ask_latency import bench_client, pct, timed  # noqa: E402

CODE = "prices = [10, 20, 30]\ntotal = 0\nfor p in prices:\n    total = p\nprint(total)\n"
CASES = {"review, no symptom": "Can you review my code please?",
         "review reporting a wrong output (+ debug run)": "Can you review my code? The total should be 60 but it prints 30"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=40)
    args = parser.parse_args()
    with bench_client() as client:
        for name, question in CASES.items():
            reply = client.ask(question, CODE)
            ran = "ran_by_debug" in reply.response.metadata and bool(reply.response.metadata["ran_by_debug"])
            timed(lambda: client.ask(question, CODE), 5)
            lat = timed(lambda: client.ask(question, CODE), args.n)
            print(f"{name:<48} routed to {reply.routing.routed_to_agent} debug hop {ran}: "
                  f"p50 {statistics.median(lat):.1f} ms, p95 {pct(lat, .95):.1f} ms")


if __name__ == "__main__":
    main()
