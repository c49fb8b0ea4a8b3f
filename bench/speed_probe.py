"""A quick probe for one or two `make bench` rows while working on the per-RPC and Ask paths: starts the same
mesh as bench/speed.py (Kafka on, limits lifted, bare echo behind the same Envoy), then for each round
alternates the bare echo with the chosen rows, and prints req/s, the ratio to the adjacent bare echo, and CPU
per call by process (bench/cpu_meter.py). With --profile AGENT, py-spy records that agent during the chosen
rows and bench/profile_summary.py summarises the samples (the raw file is kept with --keep DIR).

  .venv/bin/python bench/speed_probe.py --rows echo,concept [--rounds 2] [--duration 5] [--profile triage]
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated"))

from bench import probe_mesh, speed  # noqa: E402
from bench.cpu_meter import CpuMeter  # noqa: E402

ROWS = {"echo": ("learnflow.v1.MeshService.Echo", {"message": "ping"}),
        "concept": ("learnflow.v1.TriageService.Ask", speed.CONCEPT),
        "review": ("learnflow.v1.TriageService.Ask", speed.REVIEW),
        "debug": ("learnflow.v1.TriageService.Ask", speed.DEBUG)}


def main() -> int:
    parser = probe_mesh.parser(__doc__, rows="echo,concept")
    parser.add_argument("--profile", default="", help="agents (comma-separated) to record with py-spy during the chosen rows")
    parser.add_argument("--keep", default="", help="directory for the raw py-spy files")
    parser.add_argument("--stream-calls", type=int, default=0, help="also time AskStream's first chunk")
    args = parser.parse_args()
    with probe_mesh.probe_mesh("probe") as probe:
        run, address, descriptors, client, auth, bare = (probe.run, probe.address, probe.descriptors, probe.client,
                                                         probe.auth, probe.bare)
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
                print(f"     cpu/call {row}: {probe_mesh.cpu_line(got['cpu'])}")
                print(f"     cpu/call bare: {probe_mesh.cpu_line(base['cpu'])}")
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
