"""Every bad byte is INVALID_ARGUMENT (issue 14, attack 6), through Envoy: NUL in Struct keys/values, in
repeated strings, in preferences; invalid UTF-8, lone surrogates and undecodable protobuf sent as raw
bytes; Structs nested too deep; malformed page tokens. Nothing is written, no internal class is named, and
a program's own NUL output is stored (escaped), so no query is left 'processing'."""
from __future__ import annotations

import re
import time
import uuid

import grpc
import pytest
from google.protobuf import struct_pb2
from learnflow.v1 import (entities_pb2, enums_pb2, exercise_service_pb2, identity_service_pb2,
                          progress_service_pb2, triage_service_pb2)

from tests.test_bad_input import bad_fields, counts

INTERNAL_NAMES = re.compile(r"Error|Exception|Traceback|psycopg|google\.|\.py|<class", re.I)


def _refused(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as err:
        call()
    exc = err.value
    assert exc.code() == grpc.StatusCode.INVALID_ARGUMENT, (exc.code(), exc.details())
    assert not INTERNAL_NAMES.search(exc.details() or ""), exc.details()
    return exc


def _nested(depth: int) -> dict:
    out = inner = {}
    for _ in range(depth):
        inner["k"] = {}
        inner = inner["k"]
    return out


@pytest.mark.parametrize("context,field", [
    ({"note": "a\x00b"}, "context.note"),
    ({"a\x00b": "x"}, "context"),
    ({"list": ["fine", "bad\x00"]}, "context.list[1]"),
    ({"deep": {"deeper": {"nul": "\x00"}}}, "context.deep.deeper.nul"),
])
@pytest.mark.parametrize("method", ["Ask", "AskStream"])
def test_nul_in_ask_context_struct(client, db, context, field, method):
    before = counts(db, client.student_id)
    request_type = triage_service_pb2.AskRequest if method == "Ask" else triage_service_pb2.AskStreamRequest
    request = request_type(query_text="What is a list?")
    request.context.update(context)
    if method == "Ask":
        exc = _refused(lambda: client.triage.Ask(request, metadata=client.metadata, timeout=10))
    else:
        exc = _refused(lambda: list(client.triage.AskStream(request, metadata=client.metadata, timeout=10)))
    assert bad_fields(exc) == {field}
    assert counts(db, client.student_id) == before


def test_struct_size_depth_and_key_caps(client, db):
    before = counts(db, client.student_id)
    for context, expected in ((_nested(12), "nested"), ({f"k{i}": i for i in range(300)}, "keys"),
                              ({"big": "x" * 20000}, "bytes")):
        request = triage_service_pb2.AskRequest(query_text="What is a list?")
        request.context.update(context)
        exc = _refused(lambda: client.triage.Ask(request, metadata=client.metadata, timeout=10))
        assert bad_fields(exc) == {"context"} and expected in exc.details()
    assert counts(db, client.student_id) == before


def test_nul_in_preferences(client, db):
    prefs = struct_pb2.Struct()
    prefs.update({"theme\x00": "dark", "font": "mono\x00"})
    exc = _refused(lambda: client.identity.UpdatePreferences(
        identity_service_pb2.UpdatePreferencesRequest(preferences=prefs), metadata=client.metadata, timeout=10))
    assert bad_fields(exc) == {"preferences", "preferences.font"}
    row = db.execute("SELECT preferences FROM students WHERE student_id = %s", (client.student_id,)).fetchone()
    assert "theme" not in str(row["preferences"])


def _exercise(**overrides):
    fields = dict(title=f"Double {uuid.uuid4().hex[:6]}", topic="functions", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER,
                  problem_text="Write double(x).", solution_code="def double(x):\n    return 2 * x\n",
                  test_cases=[entities_pb2.ExerciseTestCase(id=f"t{i}", kind=enums_pb2.TEST_KIND_CALL,
                                                            call=f"double({i})", expected=str(2 * i))
                              for i in range(3)])
    fields.update(overrides)
    return exercise_service_pb2.CreateExerciseRequest(**fields)


def test_nul_in_exercise_hints_and_tags(make_client, db):
    teacher = make_client("teacher")
    for fields, bad in ((dict(hints=["ok", "bad\x00"]), {"hints[1]"}), (dict(tags=["\x00"]), {"tags[0]"}),
                        (dict(hints=["h" * 1001]), {"hints[0]"}), (dict(tags=[f"t{i}" for i in range(21)]), {"tags"})):
        request = _exercise(**fields)
        exc = _refused(lambda: teacher.exercise.CreateExercise(request, metadata=teacher.metadata, timeout=30))
        assert bad_fields(exc) == bad
        assert db.execute("SELECT count(*) AS n FROM exercises WHERE title = %s",
                          (request.title,)).fetchone()["n"] == 0


def _string_field(text: bytes, number: int = 1) -> bytes:
    return bytes([number << 3 | 2, len(text)]) + text


def _struct_key(text: bytes) -> bytes:
    """UpdatePreferencesRequest.preferences (field 3) = Struct{fields: {text: <unset>}}."""
    entry = _string_field(text)
    return _string_field(_string_field(entry), 3)


@pytest.mark.parametrize("method,wrap", [
    ("/learnflow.v1.TriageService/Ask", _string_field),
    ("/learnflow.v1.IdentityService/UpdatePreferences", _struct_key),
    ("/learnflow.v1.ExerciseService/CreateExercise", _string_field),
    ("/learnflow.v1.ProgressService/ListQueries", _string_field),
])
@pytest.mark.parametrize("payload", [
    b"a\xffb",               # invalid UTF-8 in a string
    b"\xed\xa0\x80",         # a lone surrogate (CESU-8 bytes)
    None,                   # a length past the end
    b"",                    # not protobuf at all
], ids=["invalid-utf8", "lone-surrogate", "truncated", "garbage"])
def test_undecodable_bytes(make_client, method, wrap, payload):
    client = make_client("teacher")
    if payload is None:
        data = b"\x0a\xff\xff\xff\xff\x0f"
    elif payload == b"":
        data = b"\xff\xff\xff\xff"
    else:
        data = wrap(payload)
    raw = client.channel.unary_unary(method, request_serializer=None, response_deserializer=None)
    exc = _refused(lambda: raw(data, metadata=client.metadata, timeout=10))
    assert bad_fields(exc) == {"request"}


def test_struct_nested_fifty_deep(client, db):
    before = counts(db, client.student_id)
    request = triage_service_pb2.AskRequest(query_text="What is a list?")
    request.context.update(_nested(50))
    raw = client.channel.unary_unary("/learnflow.v1.TriageService/Ask", request_serializer=None,
                                     response_deserializer=None)
    _refused(lambda: raw(request.SerializeToString(), metadata=client.metadata, timeout=10))
    assert counts(db, client.student_id) == before


@pytest.mark.parametrize("token", ["\u00b2", "1" * 20, "9" * 40, "-1", "1e3", " 5"])
def test_page_tokens(client, token):
    exc = _refused(lambda: client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(
        page_token=token), metadata=client.metadata, timeout=10))
    assert bad_fields(exc) == {"page_token"}
    exc = _refused(lambda: client.progress.ListQueries(progress_service_pb2.ListQueriesRequest(
        page_token=token), metadata=client.metadata, timeout=10))
    assert bad_fields(exc) == {"page_token"}
    ok = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=2, page_token="2"),
                                       metadata=client.metadata, timeout=10)
    assert len(ok.exercises) == 2


def test_program_output_with_nul_is_stored_escaped(client, db):
    code = 'print("out\\x00put")\nraise ValueError("a\\x00b")\n'
    reply = client.ask("Why does my code crash with a ValueError?", code=code)
    assert reply.query.status == enums_pb2.QUERY_STATUS_COMPLETED
    row = db.execute("SELECT q.status, r.response_text FROM query_history q JOIN agent_responses r USING (query_id)"
                     " WHERE q.query_id = %s", (reply.query.query_id,)).fetchone()
    assert row["status"] == "completed"
    assert "\x00" not in row["response_text"]


def test_submission_output_with_nul_is_stored_escaped(client, db):
    listed = client.exercise.ListExercises(exercise_service_pb2.ListExercisesRequest(page_size=1),
                                           metadata=client.metadata, timeout=10)
    code = 'import sys\nprint("x\\x00y")\nraise ValueError("bad\\x00value")\n'
    submission = client.submit(listed.exercises[0].exercise_id, code).submission
    row = db.execute("SELECT results::text AS results FROM exercise_submissions WHERE id = %s",
                     (submission.submission_id,)).fetchone()
    assert row is not None and "\\u0000" not in row["results"]


def test_a_query_left_processing_is_swept(client, db):
    """What a triage process killed mid-AskStream leaves behind: a 'processing' row nobody will finish.
    The mesh agent's sweeper fails it after its deadline (LEARNFLOW_QUERY_DEADLINE_S)."""
    query_id = str(uuid.uuid4())
    db.execute("INSERT INTO query_history (query_id, student_id, query_text, routed_to_agent, detected_intent, status,"
               " triage_confidence, timestamp) VALUES (%s, %s, 'stuck?', 'debug', 'debug', 'processing', 0.9,"
               " now() - interval '1 hour')", (query_id, client.student_id))
    deadline = time.monotonic() + 90
    status = "processing"
    while status == "processing" and time.monotonic() < deadline:
        time.sleep(0.5)
        status = db.execute("SELECT status FROM query_history WHERE query_id = %s", (query_id,)).fetchone()["status"]
    assert status == "failed"
    event = db.execute("SELECT count(*) AS n FROM event_outbox WHERE event_type = 'agent.response.failed'"
                       " AND partition_key = %s", (client.student_id,)).fetchone()
    assert event["n"] >= 1
