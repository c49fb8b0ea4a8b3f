"""The tutoring agents through Envoy: routing, streaming, collaboration, degraded answers, records."""
from __future__ import annotations

import time

import grpc
import pytest
from learnflow.v1 import (code_review_service_pb2, code_review_service_pb2_grpc, common_pb2,
                          concepts_service_pb2, enums_pb2, progress_service_pb2, triage_service_pb2)

from server import enums


@pytest.mark.parametrize("text,code,agent", [
    ("What is the difference between a list and a tuple?", "", "concepts"),
    ("Why does my code throw KeyError?", "ages = {'ann': 31}\nprint(ages['bob'])", "debug"),
    ("Can you review my code for style and best practices?",
     "def Add_Numbers(A,B):\n  return A+B", "code-review"),
    ("Give me a practice exercise on loops", "", "exercise"),
    ("How am I doing so far? Show my progress", "", "progress"),
])
def test_routes_to_the_right_specialist_and_answers(client, text, code, agent):
    reply = client.ask(text, code)
    assert enums.agent(reply.routing.routed_to_agent) == agent
    assert enums.agent(reply.response.agent_type) == agent
    assert len(reply.response.response_text.strip()) >= 10
    assert 0 <= reply.response.confidence_score <= 1 and reply.response.processing_time_ms > 0
    assert reply.response.claude_model.startswith("offline-")


def test_stream_sends_routing_first_and_chunks_before_the_final_record(client):
    started = time.perf_counter()
    arrivals = []
    for event in client.ask_stream("Why does this crash?", "nums = []\nprint(sum(nums) / len(nums))\n"):
        arrivals.append((event.WhichOneof("event"), time.perf_counter() - started))
    kinds = [k for k, _ in arrivals]
    assert kinds[0] == "routing" and kinds[-1] == "final"
    assert kinds.count("text_chunk") >= 2
    first_chunk = next(t for k, t in arrivals if k == "text_chunk")
    assert first_chunk < arrivals[-1][1]


def test_debug_explains_the_real_error_and_line(client):
    reply = client.ask("why?", "total = 0\nfor n in [1, 2]:\n    total += n\nprint(totl)\n")
    meta = reply.response.metadata
    assert meta["error_type"] == "NameError" and int(meta["line"]) == 4
    assert "total" in reply.response.response_text  # did-you-mean the defined name


def test_code_review_findings_have_lines_and_rewrites(client):
    stub = code_review_service_pb2_grpc.CodeReviewServiceStub(client.channel)
    reply = stub.ReviewCode(code_review_service_pb2.ReviewCodeRequest(
        context=common_pb2.TutorContext(), code="def add(item, items=[]):\n    items.append(item)\n    return items\n"),
        metadata=client.metadata, timeout=10)
    assert any(f.rule and f.line == 1 and f.suggestion for f in reply.findings)
    assert "default" in reply.response.response_text.lower()


def test_concepts_adapts_to_skill_level(client):
    from learnflow.v1 import concepts_service_pb2_grpc

    stub = concepts_service_pb2_grpc.ConceptsServiceStub(client.channel)
    texts = {}
    for level in (enums_pb2.SKILL_LEVEL_BEGINNER, enums_pb2.SKILL_LEVEL_ADVANCED):
        reply = stub.Explain(concepts_service_pb2.ExplainRequest(
            context=common_pb2.TutorContext(skill_level=level), question="How do decorators work?"),
            metadata=client.metadata, timeout=10)
        assert reply.topic == "decorators"
        texts[level] = reply.response.response_text
    assert texts[enums_pb2.SKILL_LEVEL_BEGINNER] != texts[enums_pb2.SKILL_LEVEL_ADVANCED]


def test_concept_answers_are_cached_with_a_ttl(client, db):
    client.ask("What is a set in Python?")
    rows = db.execute("SELECT key, expires_at - now() AS ttl FROM state_store WHERE key LIKE 'concepts:cache:%%'"
                      ).fetchall()
    assert rows and all(r["key"].startswith("concepts:cache:") for r in rows)
    assert all(6 * 86400 < r["ttl"].total_seconds() <= 7 * 86400 for r in rows)


def test_query_history_is_searchable(client):
    client.ask("How do list comprehensions filter items?")
    client.ask("What is a dictionary?")
    found = client.progress.SearchQueries(progress_service_pb2.SearchQueriesRequest(text="comprehensions"),
                                          metadata=client.metadata, timeout=10)
    assert [q.query_text for q in found.queries] == ["How do list comprehensions filter items?"]


def test_debug_answers_degraded_when_concepts_is_down(mesh, client, db):
    mesh.stop_agent("concepts")
    try:
        reply = client.ask("Why does this fail?", "word = 'cat'\nword[0] = 'b'\n")
        assert reply.degraded is True
        assert reply.query.status == enums_pb2.QUERY_STATUS_COMPLETED
        assert reply.response.metadata["error_type"] == "TypeError"
        assert "immutable" in reply.response.response_text.lower()
        hops = db.execute("SELECT message_type, source_agent, destination_agent FROM message_flow"
                          " WHERE query_id = %s ORDER BY sequence_order", (reply.query.query_id,)).fetchall()
        assert ("collaboration", "debug", "concepts") in [(h["message_type"], h["source_agent"],
                                                          h["destination_agent"]) for h in hops]
    finally:
        mesh.start_agent("concepts")
        mesh.wait_healthy(60)


def test_specialist_down_fails_cleanly_and_is_recorded(mesh, client, db):
    mesh.stop_agent("code-review")
    try:
        with pytest.raises(grpc.RpcError) as err:
            client.ask("Please review my code", "x = 1\n")
        assert err.value.code() == grpc.StatusCode.UNAVAILABLE
        row = db.execute("SELECT status FROM query_history WHERE student_id = %s ORDER BY timestamp DESC LIMIT 1",
                         (client.student_id,)).fetchone()
        assert row["status"] == "failed"
    finally:
        mesh.start_agent("code-review")
        mesh.wait_healthy(60)


def test_deadline_propagates(client):
    with pytest.raises(grpc.RpcError) as err:
        client.triage.Ask(triage_service_pb2.AskRequest(query_text="Why?", code_snippet="while True:\n    pass\n",
                                                        language=enums_pb2.CODE_LANGUAGE_PYTHON),
                          metadata=client.metadata, timeout=0.5)
    assert err.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_cancelled_stream_marks_the_query_failed(client, db):
    stream = client.ask_stream("Why does this hang?", "import time\ntime.sleep(3)\n")
    first = next(stream)
    assert first.WhichOneof("event") == "routing"
    stream.cancel()
    query_id = first.routing.query_id
    import time as _time

    deadline = _time.monotonic() + 15
    while _time.monotonic() < deadline:
        row = db.execute("SELECT status FROM query_history WHERE query_id = %s", (query_id,)).fetchone()
        if row["status"] == "failed":
            break
        _time.sleep(0.2)
    assert row["status"] == "failed"
