"""The `make bench` rows that run student code (SubmitSolution with the starter code, Ask debug), each next to
an adjacent bare echo, with the CPU per call of the serving agent split into its own process and its sandbox
(the zygote and every job process, exited ones included) -- for working on the sandbox and the exercise agent.

Starts the same mesh as bench/speed.py (Kafka on, limits lifted, bare echo behind the same Envoy). With
--profile exercise (or debug) py-spy records that agent's own process (not its sandbox) during the row.

  .venv/bin/python bench/sandbox_submit_probe.py [--rows submit,debug] [--rounds 2] [--duration 5] [--profile exercise]
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "generated"))

from bench import probe_mesh, speed  # noqa: E402
from bench.cpu_meter import CpuMeter  # noqa: E402


def split_cpu(pid: int) -> tuple[float, float]:
    """(own, sandbox) CPU seconds of an agent: its own process, and everything under it (live or reaped)."""
    root = psutil.Process(pid)
    t = root.cpu_times()
    own = t.user + t.system
    below = t.children_user + t.children_system
    for proc in root.children(recursive=True):
        try:
            c = proc.cpu_times()
            below += c.user + c.system + c.children_user + c.children_system
        except psutil.Error:
            pass
    return own, below


def main() -> int:
    parser = probe_mesh.parser(__doc__, rows="submit,debug")
    parser.add_argument("--profile", default="", help="agent whose own process py-spy records during the rows")
    args = parser.parse_args()
    with probe_mesh.probe_mesh("sbprobe") as probe:
        run, address, descriptors, client, auth, bare = (probe.run, probe.address, probe.descriptors, probe.client,
                                                         probe.auth, probe.bare)
        exercise = speed.exercise_with_three_tests(client)
        rows = {"submit": ("learnflow.v1.ExerciseService.SubmitSolution",
                           {"exercise_id": exercise.exercise_id, "code": exercise.starter_code or "pass\n"}, "exercise"),
                "debug": ("learnflow.v1.TriageService.Ask", speed.DEBUG, "debug")}
        print(f"machine: {psutil.cpu_count()} cores; load average at start {psutil.getloadavg()[0]:.1f}")
        for round_no in range(args.rounds):
            for row in args.rows.split(","):
                call, data, agent = rows[row]
                base = speed.ghz(args, address, descriptors, *bare, meter=CpuMeter(run))
                pid = int((run / "pids" / f"{agent}.pid").read_text().strip())
                spy = None
                if args.profile == agent:
                    out = run / f"{row}.{round_no}.{agent}.collapsed"
                    spy = (out, subprocess.Popen(
                        [str(ROOT / ".venv" / "bin" / "py-spy"), "record", "--pid", str(pid), "--duration",
                         str(args.duration), "--rate", "200", "--format", "raw", "--output", str(out),
                         "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                own0, box0 = split_cpu(pid)
                got = speed.ghz(args, address, descriptors, call, data, auth, meter=CpuMeter(run))
                own1, box1 = split_cpu(pid)
                share = (own1 - own0) / max(1e-9, (own1 - own0) + (box1 - box0))
                measured = got["cpu"].get(agent, 0.0)
                print(f"[{round_no}] {row}: {got['rps']:,.0f} req/s vs bare {base['rps']:,.0f} = "
                      f"{got['rps'] / (base['rps'] or 1):.3f}; p50 {got['p50']:.1f} ms; codes {got['codes']}")
                print(f"     cpu/call {row}: {probe_mesh.cpu_line(got['cpu'])}")
                print(f"     {agent} {measured:.2f} ms/call = own process {share * measured:.2f} + sandbox "
                      f"{(1 - share) * measured:.2f} (split as in the warm-up + measured seconds)")
                print(f"     cpu/call bare: {probe_mesh.cpu_line(base['cpu'])}")
                if spy is not None:
                    spy[1].wait()
                    time.sleep(0.5)
                    if spy[0].exists():
                        subprocess.run([sys.executable, str(ROOT / "bench" / "profile_summary.py"), str(spy[0])])
    return 0


if __name__ == "__main__":
    sys.exit(main())
