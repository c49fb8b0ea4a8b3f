"""CPU seconds spent by each process of the bench's mesh while one row runs, and by everything else on the
machine (other people's work on a shared box), so a row's throughput can be read as CPU per call.

Throughput ratios on a shared 2-core machine move with whatever else runs; CPU per call of the serving
process does not (much), and the machine's busy time outside the mesh says how loaded the row was.
"""
from __future__ import annotations

import os
import resource
from pathlib import Path

import psutil


def _tree_cpu(pid: int) -> float:
    """User+system seconds of a process and its descendants, live (PostgreSQL backends, Envoy under its keeper)
    or exited and reaped (sandbox jobs)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
            # children_*: descendants that exited and were reaped (sandbox jobs forked by the zygote).
            total += times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            pass
    return total


def _machine_busy() -> float:
    """Busy CPU seconds of the whole machine so far (all cores)."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)


def _own_children_cpu() -> float:
    """CPU of this process's exited children (ghz runs as one)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    def __init__(self, run_dir: Path):
        self.pids = {p.stem: int(p.read_text().strip()) for p in (run_dir / "pids").glob("*.pid")
                     if p.read_text().strip().isdigit()}
        postmaster = run_dir / "pgdata" / "postmaster.pid"   # the embedded PostgreSQL (backends are children)
        if postmaster.exists():
            self.pids["postgresql"] = int(postmaster.read_text().split()[0])
        self._start: dict | None = None

    def _sample(self) -> dict:
        out = {name: _tree_cpu(pid) for name, pid in self.pids.items()}
        out["ghz (load generator)"] = _own_children_cpu()
        out["bench process"] = sum(os.times()[:2])
        out["_machine"] = _machine_busy()
        return out

    def start(self) -> None:
        self._start = self._sample()

    def stop(self, wall_s: float, calls: int) -> dict:
        """{process: CPU ms per call}, plus '_others_cores' (cores busy outside the mesh) and '_total_ms'."""
        end = self._sample()
        delta = {k: max(0.0, end[k] - self._start.get(k, 0.0)) for k in end}
        machine = delta.pop("_machine")
        ours = sum(delta.values())
        per_call = {k: 1000 * v / max(calls, 1) for k, v in sorted(delta.items(), key=lambda kv: -kv[1]) if v > 0}
        per_call["_total_ms"] = 1000 * ours / max(calls, 1)
        per_call["_others_cores"] = max(0.0, machine - ours) / max(wall_s, 1e-9)
        per_call["_ours_cores"] = ours / max(wall_s, 1e-9)
        return per_call
