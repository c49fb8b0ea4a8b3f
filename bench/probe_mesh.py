"""What the load probes share (bench/speed_probe.py, bench/sandbox_submit_probe.py): their arguments, a mesh on free
ports with the fair-use limits lifted and a logged-in client, the bare-echo row every ratio is taken against, and
the one-line CPU-per-call summary. The mesh and every process it started are stopped when the block ends."""
from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench import speed
from localmesh import processes
from localmesh.mesh import MeshConfig, distinct_free_ports

LIFTED_LIMITS = {"LEARNFLOW_ASKS_PER_MINUTE": "100000000", "LEARNFLOW_SUBMISSIONS_PER_MINUTE": "100000000",
                 "LEARNFLOW_SANDBOX_PER_OWNER": "64", "LEARNFLOW_LOG_LEVEL": "INFO"}


@dataclass
class Probe:
    run: Path              # the mesh's run directory (pids/, logs/)
    address: str           # Envoy
    descriptors: Path      # protoset for ghz
    client: object         # cli.client.LearnFlowClient, logged in
    auth: dict             # the bearer header for ghz
    bare: tuple            # (call, data, metadata) of the bare echo row


def parser(doc: str | None, rows: str) -> argparse.ArgumentParser:
    out = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    out.add_argument("--rows", default=rows)
    out.add_argument("--rounds", type=int, default=2)
    out.add_argument("--duration", type=int, default=5)
    out.add_argument("--concurrency", type=int, default=16)
    out.add_argument("--connections", type=int, default=2)
    return out


@contextlib.contextmanager
def probe_mesh(prefix: str):
    from cli.client import LearnFlowClient

    run = Path(tempfile.mkdtemp(prefix=f"lf-{prefix}-"))
    config = MeshConfig.on_free_ports(run, start_kafka=True, extra_env=LIFTED_LIMITS)
    mesh = speed.BenchMesh(config, distinct_free_ports(1)[0], log=lambda *a: print(*a, file=sys.stderr))
    mesh.start(timeout=180)
    client = None
    try:
        client = LearnFlowClient(mesh.envoy_address)
        client.ensure_account(f"{prefix}-{uuid.uuid4().hex[:8]}@example.org", "bench-password-1", "Probe")
        auth = {"authorization": f"Bearer {client.token}"}
        bare = ("learnflow.v1.MeshService.Echo", {"message": "ping"}, {**auth, speed.BARE_HEADER: "bare"})
        yield Probe(run, mesh.envoy_address, speed.protoset(run), client, auth, bare)
    finally:
        if client is not None:
            client.close()
        mesh.stop()
        processes.stop_all(run)
        shutil.rmtree(run, ignore_errors=True)


def cpu_line(cpu: dict) -> str:
    parts = ", ".join(f"{k} {v:.2f}" for k, v in cpu.items() if not k.startswith("_") and v >= 0.01)
    return f"total {cpu['_total_ms']:.2f} ({parts}); others {cpu['_others_cores']:.2f} cores"
