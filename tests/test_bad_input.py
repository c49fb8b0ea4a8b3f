"""Every seed validation rule, sent through Envoy: INVALID_ARGUMENT naming the field, and nothing written.
The database's CHECK constraints enforce the same rules as the second line of defence."""
from __future__ import annotations

import uuid

import grpc
import psycopg
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from learnflow.v1 import (entities_pb2, enums_pb2, exercise_service_pb2, identity_service_pb2,
                          mesh_service_pb2, progress_service_pb2, triage_service_pb2)

from tests.conftest import PASSWORD


def bad_fields(err: grpc.RpcError) -> set[str]:
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, (err.code(), err.details())
    status = rpc_status.from_call(err)
    out = set()
    for detail in status.details:
        request = error_details_pb2.BadRequest()
        if detail.Unpack(request):
            out |= {v.field for v in request.field_violations}
    return out


def counts(db, student_id: str) -> tuple:
    q = db.execute("SELECT count(*) AS n FROM query_history WHERE student_id = %s", (student_id,)).fetchone()["n"]
    s = db.execute("SELECT count(*) AS n FROM exercise_submissions WHERE student_id = %s",
                   (student_id,)).fetchone()["n"]
    o = db.execute("SELECT count(*) AS n FROM event_outbox WHERE partition_key = %s AND topic <> 'agent-logs'",
                   (student_id,)).fetchone()["n"]
    return q, s, o


ASK_CASES = [
    ("empty query", dict(query_text=""), {"query_text"}),
    ("whitespace query", dict(query_text="  \t\n "), {"query_text"}),
    ("query too long", dict(query_text="x" * 5001), {"query_text"}),
    ("code too long", dict(query_text="why?", code_snippet="x" * 10001, language=1), {"code_snippet"}),
    ("code without language", dict(query_text="why?", code_snippet="print(1)"), {"language"}),
    ("unknown language", dict(query_text="why?", code_snippet="print(1)", language=77), {"language"}),
    ("session id too long", dict(query_text="hi", session_id="s" * 256), {"session_id"}),
    ("several at once", dict(query_text="", code_snippet="x" * 10001), {"query_text", "code_snippet", "language"}),
]


@pytest.mark.parametrize("name,fields,expected", ASK_CASES, ids=[c[0] for c in ASK_CASES])
@pytest.mark.parametrize("method", ["Ask", "AskStream"])
def test_ask_rules(client, db, name, fields, expected, method):
    before = counts(db, client.student_id)
    with pytest.raises(grpc.RpcError) as err:
        if method == "Ask":
            client.triage.Ask(triage_service_pb2.AskRequest(**fields), metadata=client.metadata, timeout=10)
        else:
            list(client.triage.AskStream(triage_service_pb2.AskStreamRequest(**fields), metadata=client.metadata,
                                         timeout=10))
    assert bad_fields(err.value) == expected
    assert counts(db, client.student_id) == before


@pytest.mark.parametrize("email,password,name,expected", [
    ("no-at-sign.example.org", "long-enough-1", "Ann", {"email"}),
    ("ann@nodot", "long-enough-1", "Ann", {"email"}),
    ("ann@example.org", "short1", "Ann", {"password"}),
    ("ann@example.org", "onlyletterslong", "Ann", {"password"}),
    ("ann@example.org", "long-enough-1", "   ", {"name"}),
])
def test_register_rules(mesh, db, email, password, name, expected):
    from cli.client import LearnFlowClient

    email = email.replace("ann@", f"ann-{uuid.uuid4().hex[:8]}@")
    with LearnFlowClient(mesh.envoy_address) as anonymous, pytest.raises(grpc.RpcError) as err:
        anonymous.identity.Register(identity_service_pb2.RegisterRequest(email=email, password=password, name=name),
                                    timeout=10)
    assert bad_fields(err.value) == expected
    assert db.execute("SELECT count(*) AS n FROM students WHERE email = %s", (email.lower(),)).fetchone()["n"] == 0


def test_duplicate_email_answers_as_new_and_changes_nothing(mesh, client, db):
    """Register does not reveal which e-mails have accounts (issue 14): a taken e-mail gets the answer a new
    one would, and the existing account is untouched (its password still works, the new one does not)."""
    from cli.client import LearnFlowClient

    with LearnFlowClient(mesh.envoy_address) as other:
        reply = other.register(client.email, "another-pass-99", "Someone Else")
        assert reply.student.email == client.email and reply.student.student_id != client.student_id
        with pytest.raises(grpc.RpcError) as err:
            other.login(client.email, "another-pass-99")
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
        assert other.login(client.email, PASSWORD).student.student_id == client.student_id
    assert db.execute("SELECT count(*) AS n FROM students WHERE email = %s", (client.email,)).fetchone()["n"] == 1


def test_preferences_enums(client):
    with pytest.raises(grpc.RpcError) as err:
        client.identity.UpdatePreferences(identity_service_pb2.UpdatePreferencesRequest(learning_style=99),
                                          metadata=client.metadata, timeout=10)
    assert bad_fields(err.value) == {"learning_style"}


def test_rating_range(client, db):
    reply = client.ask("What is a set?")
    for rating in (0, 6):
        with pytest.raises(grpc.RpcError) as err:
            client.progress.RateResponse(progress_service_pb2.RateResponseRequest(
                response_id=reply.response.response_id, rating=rating), metadata=client.metadata, timeout=10)
        assert bad_fields(err.value) == {"rating"}
    row = db.execute("SELECT feedback_rating FROM agent_responses WHERE response_id = %s",
                     (reply.response.response_id,)).fetchone()
    assert row["feedback_rating"] is None
    ok = client.progress.RateResponse(progress_service_pb2.RateResponseRequest(
        response_id=reply.response.response_id, rating=5), metadata=client.metadata, timeout=10)
    assert ok.response.feedback_rating == 5


def test_submission_rules(client, db):
    listed = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=1),
                                           metadata=client.metadata, timeout=10)
    exercise_id = listed.exercises[0].exercise_id
    before = counts(db, client.student_id)
    cases = [
        (dict(exercise_id=exercise_id, code=""), {"code"}),
        (dict(exercise_id=exercise_id, code="x" * 10001), {"code"}),
        (dict(exercise_id="not-a-uuid", code="pass"), {"exercise_id"}),
        (dict(exercise_id=exercise_id, code="pass", language=enums_pb2.CODE_LANGUAGE_JAVA), {"language"}),
    ]
    for fields, expected in cases:
        with pytest.raises(grpc.RpcError) as err:
            client.exercise.SubmitSolution(exercise_service_pb2.SubmitSolutionRequest(**fields),
                                           metadata=client.metadata, timeout=10)
        assert bad_fields(err.value) == expected, fields
    with pytest.raises(grpc.RpcError) as err:
        client.exercise.SubmitSolution(exercise_service_pb2.SubmitSolutionRequest(
            exercise_id=str(uuid.uuid4()), code="pass"), metadata=client.metadata, timeout=10)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    assert counts(db, client.student_id) == before


def test_create_exercise_rules(make_client, db):
    teacher = make_client(role="teacher")
    request = exercise_service_pb2.CreateExerciseRequest(
        title="Double", topic="Not A Topic", difficulty=enums_pb2.SKILL_LEVEL_UNSPECIFIED,
        problem_text="p" * 1000, solution_code="def double(x):\n    return 2 * x\n",
        test_cases=[entities_pb2.ExerciseTestCase(id="t1", kind=enums_pb2.TEST_KIND_CALL, call="double(2)",
                                                  expected="4")])
    with pytest.raises(grpc.RpcError) as err:
        teacher.exercise.CreateExercise(request, metadata=teacher.metadata, timeout=10)
    assert bad_fields(err.value) == {"topic", "difficulty", "problem_text", "test_cases"}
    assert db.execute("SELECT count(*) AS n FROM exercises WHERE title = 'Double'").fetchone()["n"] == 0


def test_message_flow_ids_must_be_uuids(client):
    with pytest.raises(grpc.RpcError) as err:
        client.mesh.GetMessageFlow(mesh_service_pb2.GetMessageFlowRequest(query_id="abc"), metadata=client.metadata,
                                   timeout=10)
    assert bad_fields(err.value) == {"query_id"}
    with pytest.raises(grpc.RpcError) as err:
        client.mesh.GetMessageFlow(mesh_service_pb2.GetMessageFlowRequest(), metadata=client.metadata, timeout=10)
    assert bad_fields(err.value) == {"query_id"}


# --- the database's CHECK constraints: the same rules, second line ---------------------------------

CHECK_CASES = [
    ("query_text empty", "INSERT INTO query_history (student_id, query_text, routed_to_agent) VALUES (%s, '  ', 'debug')"),
    ("query_text > 5000", "INSERT INTO query_history (student_id, query_text, routed_to_agent) VALUES (%s, repeat('x', 5001), 'debug')"),
    ("bad routed agent", "INSERT INTO query_history (student_id, query_text, routed_to_agent) VALUES (%s, 'q', 'nobody')"),
    ("confidence > 1", "INSERT INTO query_history (student_id, query_text, routed_to_agent, status, triage_confidence) VALUES (%s, 'q', 'debug', 'processing', 1.5)"),
    ("processing without confidence", "INSERT INTO query_history (student_id, query_text, routed_to_agent, status) VALUES (%s, 'q', 'debug', 'processing')"),
    ("code without language", "INSERT INTO query_history (student_id, query_text, routed_to_agent, code_snippet) VALUES (%s, 'q', 'debug', 'x=1')"),
    ("bad language", "INSERT INTO query_history (student_id, query_text, routed_to_agent, code_snippet, language) VALUES (%s, 'q', 'debug', 'x', 'cobol')"),
    ("code > 10000", "INSERT INTO query_history (student_id, query_text, routed_to_agent, code_snippet, language) VALUES (%s, 'q', 'debug', repeat('x', 10001), 'python')"),
    ("bad status", "INSERT INTO query_history (student_id, query_text, routed_to_agent, status) VALUES (%s, 'q', 'debug', 'done')"),
    ("bad email", "UPDATE students SET email = 'no-at-sign' WHERE student_id = %s"),
    ("bad skill level", "UPDATE students SET skill_level = 'guru' WHERE student_id = %s"),
    ("bad learning style", "UPDATE students SET learning_style = 'osmosis' WHERE student_id = %s"),
    ("blank name", "UPDATE students SET name = '   ' WHERE student_id = %s"),
    ("bad role", "UPDATE students SET role = 'superuser' WHERE student_id = %s"),
    ("negative exercises", "UPDATE student_progress SET completed_exercises = -1 WHERE student_id = %s"),
    ("negative velocity", "UPDATE student_progress SET learning_velocity = -0.5 WHERE student_id = %s"),
    ("plain-text password", "UPDATE account_credentials SET password_hash = 'hunter2' WHERE student_id = %s"),
]


@pytest.mark.parametrize("name,sql", CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_database_enforces_the_same_rules(client, mesh, name, sql):
    with psycopg.connect(mesh.database_url) as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(sql, (client.student_id,))


def test_database_rejects_bad_responses_and_flows(client, mesh):
    reply = client.ask("What is a loop?")
    qid = reply.query.query_id
    bad = [
        ("INSERT INTO message_flow (trace_id, query_id, source_agent, destination_agent, message_content,"
         " message_type, sequence_order) VALUES (gen_random_uuid(), %s, 'debug', 'debug', 'x', 'request', 1)"),
        ("INSERT INTO message_flow (trace_id, query_id, source_agent, destination_agent, message_content,"
         " message_type, sequence_order) VALUES (gen_random_uuid(), %s, 'debug', 'concepts', 'x', 'routing_decision', 1)"),
        ("INSERT INTO message_flow (trace_id, query_id, source_agent, destination_agent, message_content,"
         " message_type, sequence_order) VALUES (gen_random_uuid(), %s, 'triage', 'debug', 'x', 'request', 0)"),
        "UPDATE agent_responses SET response_text = 'too short' WHERE query_id = %s",
        "UPDATE agent_responses SET confidence_score = 1.2 WHERE query_id = %s",
        "UPDATE agent_responses SET processing_time_ms = 0 WHERE query_id = %s",
        "UPDATE agent_responses SET feedback_rating = 6 WHERE query_id = %s",
        "UPDATE agent_responses SET response_type = 'poem' WHERE query_id = %s",
    ]
    for sql in bad:
        with psycopg.connect(mesh.database_url) as conn:
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute(sql, (qid,))
