"""Before/after table from two or more `bench/speed.py --json` files (e.g. main's code and a branch, run back
to back): per row the throughput ratio to the adjacent bare echo and the CPU per answered call, summed over
the mesh's own processes (load generator, bench client and Envoy left out) and for the serving agents.

  .venv/bin/python bench/speed_compare.py before.json after.json [after2.json ...]
"""
from __future__ import annotations

import json
import statistics
import sys

OUTSIDE = {"ghz (load generator)", "bench process", "envoy", "bare-echo"}


def mesh_cpu(cpu: dict) -> float:
    return sum(v for k, v in cpu.items() if not k.startswith("_") and k not in OUTSIDE)


def top(cpu: dict, n: int = 5) -> str:
    parts = sorted(((v, k) for k, v in cpu.items() if not k.startswith("_") and k not in OUTSIDE), reverse=True)
    return ", ".join(f"{k} {v:.2f}" for v, k in parts[:n])


def main(paths: list[str]) -> None:
    runs = [json.loads(open(p).read()) for p in paths]
    names = [p.rsplit("/", 1)[-1].removesuffix(".json") for p in paths]
    print("| call | " + " | ".join(f"{n}: req/s, vs bare" for n in names) + " | "
          + " | ".join(f"{n}: mesh CPU ms/call" for n in names) + " |")
    print("|---|" + "---|" * (2 * len(runs)))
    rows = [r for r in runs[0]["rows"] if "(half)" not in r]
    for row in rows:
        cells, cpus = [], []
        for run in runs:
            r = run["rows"].get(row)
            if r is None:
                cells.append("-")
                cpus.append("-")
                continue
            base = r.get("bare_rps", r["rps"]) or 1.0
            cells.append(f"{r['rps']:,.0f}, {r['rps'] / base:.3f}")
            cpu = r.get("cpu") or {}
            cpus.append(f"{mesh_cpu(cpu):.2f} ({top(cpu, 4)})" if cpu else "-")
        print(f"| {row} | " + " | ".join(cells) + " | " + " | ".join(cpus) + " |")
    print()
    for name, run in zip(names, runs):
        pairs = run.get("echo_pairs") or []
        ratios = [p["guarded_rps"] / p["bare_rps"] for p in pairs if p.get("bare_rps")]
        cpu = [p["bare_cpu_ms"] / p["guarded_cpu_ms"] for p in pairs if p.get("guarded_cpu_ms")]
        chunk = run["first_chunk"]
        delays = sorted(run["event_delay_ms"])
        p99 = delays[min(len(delays) - 1, int(0.99 * len(delays)))] if delays else float("nan")
        print(f"{name}: load average {run['loadavg_start'][0]:.1f} -> {run['loadavg_end'][0]:.1f}; Echo slices "
              f"median ratio {statistics.median(ratios):.2f}, serving-process CPU bare/guarded "
              f"{statistics.median(cpu):.2f}; AskStream first chunk p50 concept "
              f"{statistics.median(chunk['concept']):.1f} ms, debug {statistics.median(chunk['debug']):.1f} ms; "
              f"agent-responses visible p99 {p99:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
