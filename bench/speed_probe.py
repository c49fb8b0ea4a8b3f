"""A quick probe for one or two `make bench` rows while working on the per-RPC and Ask paths: starts the same
mesh as bench/speed.py (Kafka on, limits lifted, bare echo behind the same Envoy), then for each round
alternates the bare echo with the chosen rows, and prints req/s, the ratio to the adjacent bare echo, and CPU
per call by process (bench/cpu_meter.py). With --profile AGENT, py-spy records that agent during the chosen
rows and bench/profile_summary.py summarises the samples (the raw file is kept with --keep DIR).

  .venv/bin/python bench/speed_probe.py --rows echo,concept [--rounds 2] [--duration 5] [--profile triage]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated"))

from bench import speed  # noqa: E402
from bench.cpu_meter import CpuMeter  # noqa: E402
from localmesh import processes  # noqa: E402
from localmesh.mesh import MeshConfig, distinct_free_ports  # noqa: E402

ROWS = {"echo": ("learnflow.v1.MeshService.Echo", {"message": "ping"}),
        "concept": ("learnflow.v1.TriageService.Ask", speed.CONCEPT),
        "review": ("learnflow.v1.TriageService.Ask", speed.REVIEW),
        "debug": ("learnflow.v1.TriageService.Ask", speed.DEBUG)}


def cpu_line(cpu: dict) -> str:
    parts = ", ".join(f"{k} {v:.2f}" for k, v in cpu.items() if not k.startswith("_") and v >= 0.01)
    return f"total {cpu['_total_ms']:.2f} ({parts}); others {cpu['_others_cores']:.2f} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", default="echo,concept")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--profile", default="", help="agents (comma-separated) to record with py-spy during the chosen rows")
    parser.add_argument("--keep", default="", help="directory for the raw py-spy files")
    parser.add_argument("--stream-calls", type=int, default=0, help="also time AskStream's first chunk")
    args = parser.parse_args()
    from cli.client import LearnFlowClient

    run = Path(tempfile.mkdtemp(prefix="lf-probe-"))
    extra = {"LEARNFLOW_ASKS_PER_MINUTE": "100000000", "LEARNFLOW_SUBMISSIONS_PER_MINUTE": "100000000",
             "LEARNFLOW_SANDBOX_PER_OWNER": "64", "LEARNFLOW_LOG_LEVEL": "INFO"}
    config = MeshConfig.on_free_ports(run, start_kafka=True, extra_env=extra)
    mesh = speed.BenchMesh(config, distinct_free_ports(1)[0], log=lambda *a: print(*a, file=sys.stderr))
    mesh.start(timeout=180)
    try:
        address = mesh.envoy_address
        descriptors = speed.protoset(run)
        client = LearnFlowClient(address)
        client.ensure_account(f"probe-{uuid.uuid4().hex[:8]}@example.org", "bench-password-1", "Probe")
        auth = {"authorization": f"Bearer {client.token}"}
        bare = ("learnflow.v1.MeshService.Echo", {"message": "ping"}, {**auth, speed.BARE_HEADER: "bare"})
        for round_no in range(args.rounds):
            for row in args.rows.split(","):
                call, data = ROWS[row]
                base = speed.ghz(args, address, descriptors, *bare, meter=CpuMeter(run))
                spies = []
                for agent in filter(None, args.profile.split(",")):
                    pid = (run / "pids" / f"{agent}.pid").read_text().strip()
                    out = Path(args.keep or run) / f"{row}.{round_no}.{agent}.collapsed"
                    spies.append((out, subprocess.Popen(
                        [str(ROOT / ".venv" / "bin" / "py-spy"), "record", "--pid", pid, "--duration",
                         str(args.duration), "--rate", "200", "--format", "raw", "--output", str(out),
                         "--nonblocking", "--subprocesses"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
                got = speed.ghz(args, address, descriptors, call, data, auth, meter=CpuMeter(run))
                print(f"[{round_no}] {row}: {got['rps']:,.0f} req/s vs bare {base['rps']:,.0f} = "
                      f"{got['rps'] / (base['rps'] or 1):.3f}; p50 {got['p50']:.1f} ms; codes {got['codes']}")
                print(f"     cpu/call {row}: {cpu_line(got['cpu'])}")
                print(f"     cpu/call bare: {cpu_line(base['cpu'])}")
                for out, spy in spies:
                    spy.wait()
                    time.sleep(0.5)
                    if out.exists():
                        print(f"     profile {out.name}:")
                        subprocess.run([sys.executable, str(ROOT / "bench" / "profile_summary.py"), str(out)])
        if args.stream_calls:
            for name, req in (("concept", speed.CONCEPT), ("debug", speed.DEBUG)):
                times = speed.first_chunk_ms(client, req, args.stream_calls)
                print(f"AskStream ({name}) first chunk: p50 {speed.pct(times, 0.5):.1f} ms, "
                      f"p90 {speed.pct(times, 0.9):.1f} ms ({len(times)} calls)")
        client.close()
    finally:
        mesh.stop()
        processes.stop_all(run)
        shutil.rmtree(run, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
