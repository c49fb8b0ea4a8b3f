"""Fair use (issue 14, attack 4): every RPC that runs student code counts against one per-student limit kept
in PostgreSQL (so every replica enforces the same one), and the internal-caller mark is honoured only when
signed with the agents' shared secret - never from a client, through Envoy or direct to an agent port."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from learnflow.v1 import debug_service_pb2, debug_service_pb2_grpc, enums_pb2

from agents.identity.admin import set_limit
from server import auth

LIMIT = 4


def _hits(db, student_id: str, bucket: str = "ask") -> int:
    row = db.execute("SELECT COALESCE(sum(hits), 0) AS n FROM usage_windows WHERE student_id = %s AND bucket = %s",
                     (student_id, bucket)).fetchone()
    return int(row["n"])


def _diagnose(stub, metadata):
    try:
        stub.Diagnose(debug_service_pb2.DiagnoseRequest(code="print(1 / 0)", question="why?"), metadata=metadata,
                      timeout=60)
        return "OK"
    except grpc.RpcError as exc:
        if exc.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
            retry = error_details_pb2.RetryInfo()
            assert any(d.Unpack(retry) for d in rpc_status.from_call(exc).details)
        return exc.code().name


def test_forty_concurrent_diagnose_calls_through_envoy_are_limited(mesh, client, db):
    set_limit(mesh.database_url, client.email, "ask", LIMIT)
    stub = debug_service_pb2_grpc.DebugServiceStub(client.channel)
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda _: _diagnose(stub, client.metadata), range(40)))
    # a fixed window admits at most LIMIT per minute (2 x LIMIT if the burst straddles a window boundary)
    assert codes.count("OK") <= 2 * LIMIT
    assert codes.count("RESOURCE_EXHAUSTED") >= 40 - 2 * LIMIT
    assert set(codes) <= {"OK", "RESOURCE_EXHAUSTED"}
    assert _hits(db, client.student_id) == 40  # every attempt counted, in the shared table


def test_an_ask_routed_to_debug_counts_once(client, db):
    before = _hits(db, client.student_id)
    reply = client.ask("Why does this crash?", code="items = [1, 2]\nprint(items[5])\n")
    # triage handed it to the debug agent over the signed internal channel: one question, one count
    assert reply.routing.routed_to_agent == enums_pb2.AGENT_NAME_DEBUG
    assert _hits(db, client.student_id) == before + 1


def _spoofed_headers(method: str):
    now = int(time.time())
    return [(auth.CALLER_HEADER, "triage"),
            (auth.SIGNATURE_HEADER, f"{now}.{'0' * 64}"),
            ]


def test_internal_caller_header_from_a_client_is_ignored(mesh, client, db):
    set_limit(mesh.database_url, client.email, "ask", 2)
    method = "/learnflow.v1.DebugService/Diagnose"
    direct = grpc.insecure_channel(f"127.0.0.1:{mesh.config.agent_ports['debug'][0]}")
    try:
        targets = [debug_service_pb2_grpc.DebugServiceStub(client.channel), debug_service_pb2_grpc.DebugServiceStub(direct)]
        for headers in ([(auth.CALLER_HEADER, "triage")], _spoofed_headers(method),
                        # a signature made with a guessed secret is no better
                        auth.internal_metadata("guessed-secret", method, "triage")):
            for stub in targets:
                before = _hits(db, client.student_id)
                code = _diagnose(stub, [*client.metadata, *headers])
                assert code in ("OK", "RESOURCE_EXHAUSTED")
                assert _hits(db, client.student_id) == before + 1, headers  # counted like any client call
        assert _diagnose(targets[1], [*client.metadata, (auth.CALLER_HEADER, "triage")]) == "RESOURCE_EXHAUSTED"
    finally:
        direct.close()


def test_signed_internal_calls_verify_only_for_their_method_and_time():
    secret = "s3cret"
    headers = auth.internal_metadata(secret, "/learnflow.v1.DebugService/Diagnose", "triage", now=1000)
    assert auth.verify_internal(secret, "/learnflow.v1.DebugService/Diagnose", headers, now=1010)
    assert not auth.verify_internal(secret, "/learnflow.v1.ExerciseService/SubmitSolution", headers, now=1010)
    assert not auth.verify_internal(secret, "/learnflow.v1.DebugService/Diagnose", headers, now=1000 + 3600)
    assert not auth.verify_internal("other", "/learnflow.v1.DebugService/Diagnose", headers, now=1010)
    assert not auth.verify_internal("", "/learnflow.v1.DebugService/Diagnose", headers, now=1010)
