"""Roles by authority (issue 14, attack 1): a self-registered "teacher" is refused; teachers are made by the
operator's command or an admin's GrantRole, and the role in the token is the database's."""
from __future__ import annotations

import subprocess
import sys

import grpc
import jwt
import pytest
from learnflow.v1 import enums_pb2, exercise_service_pb2, identity_service_pb2

from tests.conftest import PASSWORD, ROOT, new_email


def _register(client, email, role):
    return client.identity.Register(identity_service_pb2.RegisterRequest(
        email=email, password=PASSWORD, name="Mallory", role=role), timeout=10)


def test_register_as_teacher_is_refused_naming_role(mesh, db):
    from cli.client import LearnFlowClient
    from tests.test_bad_input import bad_fields

    with LearnFlowClient(mesh.envoy_address) as anonymous:
        for role in (enums_pb2.ROLE_TEACHER, enums_pb2.ROLE_ADMIN):
            email = new_email("mallory")
            with pytest.raises(grpc.RpcError) as err:
                _register(anonymous, email, role)
            assert bad_fields(err.value) == {"role"}
            assert db.execute("SELECT count(*) AS n FROM students WHERE email = %s", (email,)).fetchone()["n"] == 0
        email = new_email("mallory")  # an explicit student role is fine
        assert _register(anonymous, email, enums_pb2.ROLE_STUDENT).student.role == enums_pb2.ROLE_STUDENT


def test_self_registered_student_sees_no_solutions_and_cannot_teach(client):
    claims = jwt.decode(client.token, options={"verify_signature": False})
    assert claims["role"] == "student"
    listed = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=5),
                                           metadata=client.metadata, timeout=10)
    assert listed.exercises and all(not e.solution_code for e in listed.exercises)
    with pytest.raises(grpc.RpcError) as err:
        client.identity.CreateClass(identity_service_pb2.CreateClassRequest(name="Mine"), metadata=client.metadata,
                                    timeout=10)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_operator_cli_makes_a_teacher_and_the_token_follows_the_database(mesh, client):
    env = mesh.env()
    done = subprocess.run([sys.executable, "-m", "agents.identity.admin", "grant-role", "--email", client.email,
                           "--role", "teacher"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "teacher" in done.stdout
    # the old token still says student (until it expires); the next login carries the database's role
    assert jwt.decode(client.token, options={"verify_signature": False})["role"] == "student"
    client.login(client.email, PASSWORD)
    assert jwt.decode(client.token, options={"verify_signature": False})["role"] == "teacher"
    client.identity.CreateClass(identity_service_pb2.CreateClassRequest(name="Now allowed"), metadata=client.metadata,
                                timeout=10)
    missing = subprocess.run([sys.executable, "-m", "agents.identity.admin", "grant-role", "--email",
                              new_email("nobody"), "--role", "teacher"], env=env, cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 1


def test_only_admins_grant_roles(make_client):
    student, teacher, admin = make_client(), make_client("teacher"), make_client("admin")
    request = identity_service_pb2.GrantRoleRequest(email=student.email, role=enums_pb2.ROLE_TEACHER)
    for caller in (student, teacher):
        with pytest.raises(grpc.RpcError) as err:
            caller.identity.GrantRole(request, metadata=caller.metadata, timeout=10)
        assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
    granted = admin.identity.GrantRole(request, metadata=admin.metadata, timeout=10)
    assert granted.student.role == enums_pb2.ROLE_TEACHER
    student.login(student.email, PASSWORD)
    assert jwt.decode(student.token, options={"verify_signature": False})["role"] == "teacher"


def test_forged_role_claims_stay_refused(client, mesh):
    claims = jwt.decode(client.token, options={"verify_signature": False})
    for secret in ("", "secret", "learnflow"):
        forged = jwt.encode({**claims, "role": "admin"}, secret or "x", algorithm="HS256")
        with pytest.raises(grpc.RpcError) as err:
            client.identity.GrantRole(identity_service_pb2.GrantRoleRequest(
                email=client.email, role=enums_pb2.ROLE_TEACHER), metadata=[("authorization", f"Bearer {forged}")],
                timeout=10)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
