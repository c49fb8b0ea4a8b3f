"""An agent scaled to more processes, each on its own port, all listed in Envoy: traffic reaches every one."""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from learnflow.v1 import common_pb2, debug_service_pb2, debug_service_pb2_grpc, mesh_service_pb2

from server import enums
from tests.conftest import PASSWORD, new_email


def test_two_debug_processes_share_the_traffic(pg_url):
    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig, distinct_free_ports

    run_dir = Path(tempfile.mkdtemp(prefix="lf-scale-"))
    config = MeshConfig.on_free_ports(run_dir, database_url=pg_url, start_kafka=False,
                                      extra_env={"LEARNFLOW_HEARTBEAT_INTERVAL_S": "1"})
    config.agent_ports = {a: p for a, p in config.agent_ports.items() if a in ("identity", "mesh", "concepts")}
    config.agent_ports["debug"] = distinct_free_ports(2)
    mesh = Mesh(config, log=lambda *_: None)
    try:
        mesh.start(timeout=120)
        with LearnFlowClient(mesh.envoy_address) as client:
            client.ensure_account(new_email("scale"), PASSWORD, "Scale")
            stub = debug_service_pb2_grpc.DebugServiceStub(client.channel)
            pids = tuple(str(p.pid) for n, p in mesh.procs.items() if n.startswith("debug"))
            # Envoy starts balancing onto a replica a moment after its health check passes: keep asking
            # (bounded) until both processes report having served calls.
            deadline, debug, sent = time.monotonic() + 40, [], 0
            while time.monotonic() < deadline:
                for i in range(4):
                    stub.Diagnose(debug_service_pb2.DiagnoseRequest(context=common_pb2.TutorContext(),
                                                                    code=f"print(1 / {i % 2})"),
                                  metadata=client.metadata, timeout=30)
                    sent += 1
                time.sleep(1.2)  # a heartbeat (1 s here) carries the counts
                agents = client.mesh.ListAgentHealth(mesh_service_pb2.ListAgentHealthRequest(),
                                                     metadata=client.metadata).agents
                debug = [m for m in agents if enums.agent(m.agent_name) == "debug" and m.instance_id.endswith(pids)]
                if len(debug) == 2 and all(m.total_queries_processed > 0 for m in debug):
                    break
            assert len(debug) == 2 and all(m.total_queries_processed > 0 for m in debug), debug
            assert all(m.replica_count == 2 for m in debug)
    finally:
        mesh.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
