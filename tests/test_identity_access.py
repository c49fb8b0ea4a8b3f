"""Identity and access through Envoy: tokens on every call, own data only, teachers see their classes,
argon2 hashes, abuse limits."""
from __future__ import annotations

import time
import uuid

import grpc
import jwt
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from learnflow.v1 import (exercise_service_pb2, identity_service_pb2, identity_service_pb2_grpc,
                          mesh_service_pb2, progress_service_pb2, triage_service_pb2_grpc)

from tests.conftest import PASSWORD, new_email, spawn_agent

OPEN = {"/learnflow.v1.IdentityService/Register", "/learnflow.v1.IdentityService/Login"}


def all_methods():
    import importlib

    out = []
    for module in ("triage", "concepts", "code_review", "debug", "exercise", "progress", "identity", "mesh"):
        pb2 = importlib.import_module(f"learnflow.v1.{module}_service_pb2")
        for service in pb2.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                out.append((f"/{service.full_name}/{method.name}", method.server_streaming))
    return out


def call_raw(address, path, streaming, metadata=None):
    with grpc.insecure_channel(address) as channel:
        if streaming:
            stub = channel.unary_stream(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
            return list(stub(b"", metadata=metadata, timeout=10))
        stub = channel.unary_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
        return stub(b"", metadata=metadata, timeout=10)


@pytest.mark.parametrize("path,streaming", all_methods(), ids=[m[0].split(".v1.")[1] for m in all_methods()])
def test_every_method_needs_a_token(mesh, path, streaming):
    if path in OPEN:
        pytest.skip("open method")
    for metadata in (None, [("authorization", "Bearer not-a-jwt")], [("authorization", "Basic abc")]):
        with pytest.raises(grpc.RpcError) as err:
            call_raw(mesh.envoy_address, path, streaming, metadata)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED, (path, metadata)


def test_tokens_signed_elsewhere_or_expired_are_refused(client, mesh):
    claims = jwt.decode(client.token, options={"verify_signature": False})
    forged = jwt.encode({**claims, "role": "teacher"}, "some-other-key", algorithm="HS256")
    expired = jwt.encode({**claims, "exp": int(time.time()) - 10}, mesh.jwt_secret, algorithm="HS256")
    for token in (forged, expired):
        with pytest.raises(grpc.RpcError) as err:
            client.progress.GetProgress(progress_service_pb2.GetProgressRequest(),
                                        metadata=[("authorization", f"Bearer {token}")], timeout=10)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_passwords_are_argon2_hashes_never_returned(client, db):
    row = db.execute("SELECT password_hash FROM account_credentials WHERE student_id = %s",
                     (client.student_id,)).fetchone()
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]
    profile = client.identity.GetProfile(identity_service_pb2.GetProfileRequest(), metadata=client.metadata)
    assert "argon2" not in str(profile) and profile.student.email == client.email


def test_refresh_rotates_tokens(mesh, client):
    login = client.login(client.email, PASSWORD)
    refreshed = client.identity.Refresh(identity_service_pb2.RefreshRequest(
        refresh_token=login.tokens.refresh_token), timeout=10)
    assert refreshed.tokens.access_token and refreshed.tokens.refresh_token != login.tokens.refresh_token
    with pytest.raises(grpc.RpcError) as err:  # a used refresh token is spent
        client.identity.Refresh(identity_service_pb2.RefreshRequest(refresh_token=login.tokens.refresh_token),
                                timeout=10)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as err:  # an access token is not a refresh token
        client.identity.Refresh(identity_service_pb2.RefreshRequest(refresh_token=login.tokens.access_token),
                                timeout=10)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


def _reads_of(owner):
    """Every read RPC, aimed at `owner`'s data."""
    reply = owner.ask("What is recursion?")
    owner.response_id = reply.response.response_id
    return {
        "GetProgress": lambda c: c.progress.GetProgress(
            progress_service_pb2.GetProgressRequest(student_id=owner.student_id), metadata=c.metadata),
        "ListQueries": lambda c: c.progress.ListQueries(
            progress_service_pb2.ListQueriesRequest(student_id=owner.student_id), metadata=c.metadata),
        "SearchQueries": lambda c: c.progress.SearchQueries(
            progress_service_pb2.SearchQueriesRequest(text="recursion", student_id=owner.student_id),
            metadata=c.metadata),
        "ListInteractions": lambda c: c.progress.ListInteractions(
            progress_service_pb2.ListInteractionsRequest(student_id=owner.student_id), metadata=c.metadata),
        "GetProfile": lambda c: c.identity.GetProfile(
            identity_service_pb2.GetProfileRequest(student_id=owner.student_id), metadata=c.metadata),
        "ListSubmissions": lambda c: c.exercise.ListSubmissions(
            exercise_service_pb2.ListSubmissionsRequest(student_id=owner.student_id), metadata=c.metadata),
        "GetMessageFlow(query)": lambda c: c.mesh.GetMessageFlow(
            mesh_service_pb2.GetMessageFlowRequest(query_id=reply.query.query_id), metadata=c.metadata),
        "GetMessageFlow(trace)": lambda c: c.mesh.GetMessageFlow(
            mesh_service_pb2.GetMessageFlowRequest(trace_id=reply.routing.trace_id), metadata=c.metadata),
        "RateResponse": lambda c: c.progress.RateResponse(
            progress_service_pb2.RateResponseRequest(response_id=reply.response.response_id, rating=1),
            metadata=c.metadata),
    }


def test_students_cannot_read_each_other(make_client):
    alice, bob = make_client(name="Alice"), make_client(name="Bob")
    reads = _reads_of(alice)
    for name, read in reads.items():
        if name != "RateResponse":
            read(alice)  # the owner may
        with pytest.raises(grpc.RpcError) as err:
            read(bob)
        assert err.value.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND), name


def test_teachers_read_only_their_classes(make_client):
    student, teacher, other_teacher = make_client(), make_client(role="teacher"), make_client(role="teacher")
    group = teacher.identity.CreateClass(identity_service_pb2.CreateClassRequest(name="Intro to Python"),
                                         metadata=teacher.metadata).class_group
    reads = _reads_of(student)
    for name, read in reads.items():  # an invitation alone grants nothing: the student has not accepted
        teacher.identity.AddClassMember(identity_service_pb2.AddClassMemberRequest(
            class_id=group.class_id, student_email=student.email), metadata=teacher.metadata)
        if name == "RateResponse":
            continue
        with pytest.raises(grpc.RpcError) as err:
            read(teacher)
        assert err.value.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND), name
    student.identity.AcceptClassInvitation(identity_service_pb2.AcceptClassInvitationRequest(
        class_id=group.class_id), metadata=student.metadata)
    for name, read in reads.items():
        if name == "RateResponse":
            continue
        read(teacher)
        with pytest.raises(grpc.RpcError) as err:
            read(other_teacher)
        assert err.value.code() in (grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.NOT_FOUND), name
    with pytest.raises(grpc.RpcError) as err:  # students cannot create classes
        student.identity.CreateClass(identity_service_pb2.CreateClassRequest(name="x"), metadata=student.metadata)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_inactive_account_is_refused(client, db):
    db.execute("UPDATE students SET active = false WHERE student_id = %s", (client.student_id,))
    with pytest.raises(grpc.RpcError) as err:
        client.ask("What is a list?")
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as err:
        client.login(client.email, PASSWORD)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


@pytest.fixture
def strict_agent(mesh):
    """Starts extra agent processes with tight abuse limits (talked to directly), stopped by PID."""
    from localmesh.processes import stop_pid

    pids = []

    def start(agent: str, **limits):
        channel, pid = spawn_agent(mesh, agent, **limits)
        pids.append(pid)
        return channel

    yield start
    for pid in pids:
        stop_pid(pid)


def test_login_attempts_are_throttled(strict_agent, client):
    channel = strict_agent("identity", LEARNFLOW_LOGIN_ATTEMPTS=3, LEARNFLOW_LOGIN_WINDOW_S=60)
    stub = identity_service_pb2_grpc.IdentityServiceStub(channel)
    for _ in range(3):
        with pytest.raises(grpc.RpcError) as err:
            stub.Login(identity_service_pb2.LoginRequest(email=client.email, password="wrong-password-1"), timeout=10)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as err:  # even the right password waits now
        stub.Login(identity_service_pb2.LoginRequest(email=client.email, password=PASSWORD), timeout=10)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    retry = error_details_pb2.RetryInfo()
    assert any(d.Unpack(retry) for d in rpc_status.from_call(err.value).details)
    assert retry.retry_delay.seconds > 0
    # the unknown-account path is throttled the same way (no account enumeration by timing or limits)
    ghost = new_email("ghost")
    codes = []
    for _ in range(4):
        with pytest.raises(grpc.RpcError) as err:
            stub.Login(identity_service_pb2.LoginRequest(email=ghost, password="whatever-123"), timeout=10)
        codes.append(err.value.code())
    assert codes[-1] == grpc.StatusCode.RESOURCE_EXHAUSTED
    channel.close()


def test_asks_per_minute_are_limited(strict_agent, client):
    from learnflow.v1 import triage_service_pb2

    channel = strict_agent("triage", LEARNFLOW_ASKS_PER_MINUTE=2)
    stub = triage_service_pb2_grpc.TriageServiceStub(channel)
    for _ in range(2):
        stub.Ask(triage_service_pb2.AskRequest(query_text="What is a tuple?"), metadata=client.metadata, timeout=30)
    with pytest.raises(grpc.RpcError) as err:
        stub.Ask(triage_service_pb2.AskRequest(query_text="What is a tuple?"), metadata=client.metadata, timeout=30)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    channel.close()


def test_register_login_ask_progress_flow(mesh):
    from cli.client import LearnFlowClient

    with LearnFlowClient(mesh.envoy_address) as c:
        email = new_email("flow")
        reg = c.register(email, "flow-password-7", "Flow Student")
        assert reg.student.student_id and reg.student.email == email
        c.login(email, "flow-password-7")
        reply = c.ask("How do for loops work?")
        assert reply.response.response_text
        progress = c.get_progress()
        assert progress.progress.student_id == reg.student.student_id
        with pytest.raises(grpc.RpcError) as err:
            c.login(email, "wrong-password-7")
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert uuid.UUID(reg.student.student_id)
