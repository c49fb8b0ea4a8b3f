"""The thin slice through every real part: client -> Envoy -> triage -> specialist -> PostgreSQL, and back."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from learnflow.v1 import enums_pb2, mesh_service_pb2

from server import registry

SERVICES = set(registry.all_services())


def test_ask_with_code_goes_through_every_part(client, db):
    reply = client.ask("Why does my code throw IndexError?", "arr = [1, 2, 3]\nprint(arr[5])")
    assert reply.routing.routed_to_agent == enums_pb2.AGENT_NAME_DEBUG
    assert reply.query.status == enums_pb2.QUERY_STATUS_COMPLETED
    assert "IndexError" in reply.response.response_text
    query = db.execute("SELECT * FROM query_history WHERE query_id = %s", (reply.query.query_id,)).fetchone()
    assert query["student_id"] == client.student_id and query["status"] == "completed"
    assert query["detected_intent"] == "debug" and query["routed_to_agent"] == "debug"
    assert query["language"] == "python" and query["triage_confidence"] is not None
    response = db.execute("SELECT * FROM agent_responses WHERE query_id = %s", (reply.query.query_id,)).fetchone()
    assert response["agent_type"] == "debug" and response["response_type"] == "debug_solution"
    assert response["processing_time_ms"] > 0 and response["claude_model"].startswith("offline-")
    flow = db.execute("SELECT * FROM message_flow WHERE query_id = %s ORDER BY sequence_order",
                      (reply.query.query_id,)).fetchall()
    assert [f["sequence_order"] for f in flow] == list(range(1, len(flow) + 1))
    assert flow[0]["message_type"] == "routing_decision" and flow[0]["source_agent"] == "triage"
    assert {f["message_type"] for f in flow} >= {"routing_decision", "request", "collaboration", "response"}
    assert len({str(f["trace_id"]) for f in flow}) == 1 and str(flow[0]["trace_id"]) == reply.routing.trace_id
    for table in ("service_routing", "session_context"):
        assert db.execute(f"SELECT count(*) AS n FROM {table} WHERE query_id = %s",
                          (reply.query.query_id,)).fetchone()["n"] == 1
    assert db.execute("SELECT count(*) AS n FROM interaction_history WHERE query_id = %s",
                      (reply.query.query_id,)).fetchone()["n"] == 1


def test_message_flow_lookup_by_query_and_trace(client):
    reply = client.ask("What is a dictionary in Python?")
    by_query = client.mesh.GetMessageFlow(mesh_service_pb2.GetMessageFlowRequest(query_id=reply.query.query_id),
                                          metadata=client.metadata)
    by_trace = client.mesh.GetMessageFlow(mesh_service_pb2.GetMessageFlowRequest(trace_id=reply.routing.trace_id),
                                          metadata=client.metadata)
    assert [m.message_id for m in by_query.messages] == [m.message_id for m in by_trace.messages]
    assert by_query.messages[0].message_type == enums_pb2.MESSAGE_TYPE_ROUTING_DECISION


def test_health_through_envoy_and_direct(mesh):
    with grpc.insecure_channel(mesh.envoy_address) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    for agent, ports in mesh.config.agent_ports.items():
        with grpc.insecure_channel(f"127.0.0.1:{ports[0]}") as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING, agent


def test_unknown_method_is_unimplemented(mesh):
    with grpc.insecure_channel(mesh.envoy_address) as channel:
        call = channel.unary_unary("/learnflow.v1.TriageService/NoSuchMethod",
                                   request_serializer=lambda b: b, response_deserializer=lambda b: b)
        with pytest.raises(grpc.RpcError) as err:
            call(b"", timeout=5)
    assert err.value.code() == grpc.StatusCode.UNIMPLEMENTED


def _grpcurl() -> str | None:
    cached = Path(os.environ.get("LEARNFLOW_CACHE", Path.home() / ".cache" / "learnflow")) / "bin" / "grpcurl"
    return str(cached) if cached.exists() else shutil.which("grpcurl")


@pytest.mark.skipif(_grpcurl() is None, reason="grpcurl not installed (scripts/bootstrap.sh installs it with Go)")
def test_grpcurl_lists_all_services_through_envoy_via_reflection(mesh, client):
    out = subprocess.run([_grpcurl(), "-plaintext", mesh.envoy_address, "list"], capture_output=True, text=True,
                         timeout=30)
    assert out.returncode == 0, out.stderr
    assert SERVICES <= set(out.stdout.split())
    described = subprocess.run([_grpcurl(), "-plaintext", mesh.envoy_address, "describe",
                                "learnflow.v1.DebugService"], capture_output=True, text=True, timeout=30)
    assert "DiagnoseStream" in described.stdout
    asked = subprocess.run([_grpcurl(), "-plaintext", "-H", f"authorization: Bearer {client.token}", "-d",
                            '{"query_text": "What is a tuple?"}', mesh.envoy_address,
                            "learnflow.v1.TriageService/Ask"], capture_output=True, text=True, timeout=30)
    assert asked.returncode == 0, asked.stderr
    assert "tuple" in asked.stdout.lower()
