"""CPU per review (agents/code_review/analyzer.review) over a fixed corpus, in one process.

Run: .venv/bin/python bench/review_cpu.py [--rounds 5] [--profile 25]

Counts this process's CPU (time.process_time) and the CPU of ruff: `ruff check -` processes that have ended
(resource.getrusage(RUSAGE_CHILDREN)) plus the warm `ruff server` that keeps running (/proc/<pid>/stat), after one
warm-up round. LEARNFLOW_RUFF_SERVER=0 measures the command-line path. The corpus is the review dev sets
(bench/review_severe_dev5.jsonl, bench/review_dev3.jsonl) so the figure is comparable before and after.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agents.code_review import analyzer  # noqa: E402

CORPUS = (ROOT / "bench" / "review_severe_dev5.jsonl", ROOT / "bench" / "review_dev3.jsonl")


def corpus() -> list[tuple[str, str]]:
    items = [json.loads(line) for path in CORPUS for line in path.read_text().splitlines() if line.strip()]
    return [(item["code"], item.get("question", "")) for item in items]


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + _server_cpu()


def _server_cpu() -> float:
    try:
        from agents.code_review import ruff_server   # noqa: PLC0415
    except ImportError:   # an older tree (before the warm server): every ruff run is an exited child
        return 0.0
    server = ruff_server._server
    if server is None or server.proc.poll() is not None:
        return 0.0
    fields = Path(f"/proc/{server.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(rounds: int) -> tuple[float, float, int]:
    items = corpus()
    for code, question in items:   # warm-up: rule docs, imports, any long-lived helper
        analyzer.review(code, question)
    own, kids = time.process_time(), _children()
    for _ in range(rounds):
        for code, question in items:
            analyzer.review(code, question)
    calls = rounds * len(items)
    return (time.process_time() - own) * 1000 / calls, (_children() - kids) * 1000 / calls, calls


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions by cumulative time")
    args = parser.parse_args(argv)
    if args.profile:
        items = corpus()
        analyzer.review(*items[0])
        prof = cProfile.Profile()
        prof.enable()
        for code, question in items:
            analyzer.review(code, question)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.profile)
        return 0
    own, kids, calls = measure(args.rounds)
    print(f"review CPU over {calls} calls: {own:.2f} ms in this process + {kids:.2f} ms in ruff (child processes) "
          f"= {own + kids:.2f} ms per call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
