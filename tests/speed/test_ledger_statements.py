"""Triage's accept() and complete() as one statement each (agents/triage/ledger.py), against a real PostgreSQL:
every row they wrote before is written (query, routing, session context, message flow in sequence, the
outbox events in emit order with their keys), the rows come back without a re-SELECT, and a value the
database refuses leaves nothing half-written. Also the fair-use count with the caller's row in one statement."""
from __future__ import annotations

import asyncio
import uuid

import psycopg
import pytest
from learnflow.v1 import entities_pb2, events_pb2

from agents.triage import ledger
from bridge import bundle
from db.pool import open_async_pool
from server import ratelimit

STUDENT = {"skill_level": "beginner", "learning_style": "visual"}


@pytest.fixture()
def student_id(pg_url):
    sid = f"ledger-{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO students (student_id, email, name) VALUES (%s, %s, 'Ledger')",
                     (sid, f"{sid}@example.org"))
    return sid


def _answer(text="A list is an ordered, changeable sequence."):
    return entities_pb2.AgentResponse(response_text=text, response_type=1, processing_time_ms=4,
                                      confidence_score=0.9, claude_model="offline")


async def _with_pool(pg_url, body):
    pool = await open_async_pool(pg_url, max_size=2)
    try:
        return await body(pool)
    finally:
        await pool.close()


def test_accept_and_complete_write_every_row_in_one_statement_each(pg_url, student_id):
    ticket = ledger.new_ticket(student_id, str(uuid.uuid4()), "concepts", "concepts", 0.93, "asks what", ["lists"])
    hop = entities_pb2.MessageFlow(source_agent=3, destination_agent=2, message_content="hop", message_type=4)

    async def body(pool):
        await ledger.accept(pool, ticket, text="What is a list?", code="", language=None, session_id="sess-1",
                            context={"page": "lists"}, student=STUDENT, method="/learnflow.v1.ConceptsService/Explain")
        with psycopg.connect(pg_url) as conn:
            status = conn.execute("SELECT status FROM query_history WHERE query_id = %s",
                                  (ticket.query_id,)).fetchone()[0]
        row = await ledger.complete(pool, ticket, _answer(), [hop], engagement_ms=1500)
        return status, row

    status_after_accept, row = asyncio.run(_with_pool(pg_url, body))
    assert status_after_accept == "processing"
    assert row["agent_type"] == "concepts" and row["response_text"].startswith("A list")
    assert ticket.query_row["status"] == "completed" and ticket.query_row["query_text"] == "What is a list?"
    with psycopg.connect(pg_url) as conn:
        routing = conn.execute("SELECT target_service, confidence, response_id, message_id FROM service_routing"
                               " WHERE query_id = %s", (ticket.query_id,)).fetchone()
        assert routing[0] == "concepts" and float(routing[1]) == 0.93 and routing[2] == row["response_id"]
        session = conn.execute("SELECT session_id, current_module, learning_path FROM session_context"
                               " WHERE query_id = %s", (ticket.query_id,)).fetchone()
        assert session == ("sess-1", "lists", ["lists"])
        flows = conn.execute("SELECT sequence_order, message_type, source_agent, destination_agent FROM message_flow"
                             " WHERE query_id = %s ORDER BY sequence_order", (ticket.query_id,)).fetchall()
        assert [f[:2] for f in flows] == [(1, "routing_decision"), (2, "request"), (3, "collaboration"),
                                         (4, "response")]
        assert flows[0][2:] == ("triage", "concepts") and flows[3][2:] == ("concepts", "triage")
        assert conn.execute("SELECT count(*) FROM interaction_history WHERE query_id = %s",
                            (ticket.query_id,)).fetchone()[0] == 1
        stored = conn.execute("SELECT topic, event_type, partition_key, message_id, payload, bundle FROM event_outbox"
                              " WHERE payload IS NOT NULL AND partition_key = %s ORDER BY id", (student_id,)).fetchall()
    # accept()'s three events share one outbox row (the first in its columns, the others in its bundle); the
    # relay publishes them in this order. complete()'s event is a row of its own.
    assert len(stored) == 2 and stored[1][5] is None
    outbox = [o[:5] for o in stored[:1]]
    outbox += [(e.topic, e.event_type, e.partition_key, e.message_id, e.payload) for e in bundle.decode(stored[0][5])]
    outbox += [o[:5] for o in stored[1:]]
    assert [(o[0], o[1]) for o in outbox] == [
        ("student-queries", "student.query.submitted"), ("triage-routing", "triage.routing.decision"),
        ("concepts-requests", "concepts.request.received"), ("agent-responses", "agent.response.completed")]
    envelopes = [events_pb2.EventEnvelope.FromString(bytes(o[4])) for o in outbox]
    assert all(str(o[3]) == e.message_id and e.student_id == student_id and e.trace_id == ticket.trace_id
               and o[2] == student_id for o, e in zip(outbox, envelopes))
    assert len({e.message_id for e in envelopes}) == 4
    assert envelopes[1].triage_routing_decision.query_id == ticket.query_id
    assert str(outbox[1][3]) == routing[3]   # service_routing names the routing event it sent


def test_a_refused_value_leaves_nothing_half_written(pg_url, student_id):
    ticket = ledger.new_ticket(student_id, str(uuid.uuid4()), "concepts", "concepts", 0.5, "r", [])
    good = ledger.new_ticket(student_id, str(uuid.uuid4()), "concepts", "concepts", 0.5, "r", [])

    async def body(pool):
        with pytest.raises(psycopg.errors.CheckViolation):   # query_text longer than the schema allows
            await ledger.accept(pool, ticket, text="x" * 6000, code="", language=None, session_id="s",
                                context={}, student=STUDENT, method="m")
        await ledger.accept(pool, good, text="What is a dict?", code="", language=None, session_id="s",
                            context={}, student=STUDENT, method="m")
        with pytest.raises(psycopg.errors.CheckViolation):   # an answer shorter than the schema allows
            await ledger.complete(pool, good, _answer("short"), [], engagement_ms=10)

    asyncio.run(_with_pool(pg_url, body))
    with psycopg.connect(pg_url) as conn:
        for table in ("query_history", "service_routing", "session_context", "message_flow"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE query_id = %s",
                                (ticket.query_id,)).fetchone()[0] == 0, table
        assert conn.execute("SELECT status FROM query_history WHERE query_id = %s",
                            (good.query_id,)).fetchone()[0] == "processing"
        assert conn.execute("SELECT count(*) FROM agent_responses WHERE query_id = %s",
                            (good.query_id,)).fetchone()[0] == 0
        stored = conn.execute("SELECT event_type, bundle FROM event_outbox WHERE partition_key = %s ORDER BY id",
                              (student_id,)).fetchall()
    events = [r[0] for r in stored] + [e.event_type for r in stored for e in bundle.decode(r[1])]
    assert len(stored) == 1   # only the good accept's row: the refused one wrote no event at all
    assert events == ["student.query.submitted", "triage.routing.decision", "concepts.request.received"]


def test_the_fair_use_count_reads_the_callers_row_beside_it(pg_url, student_id):
    async def body(pool):
        first = await ratelimit.count_call_and_read_student(pool, student_id, "ask", 2, now=1_000_000.0)
        second = await ratelimit.count_call_and_read_student(pool, student_id, "ask", 2, now=1_000_001.0)
        third = await ratelimit.count_call_and_read_student(pool, student_id, "ask", 2, now=1_000_002.0)
        nobody = await ratelimit.count_call_and_read_student(pool, "no-such-student", "ask", 0, now=1_000_002.0)
        return first, second, third, nobody

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DELETE FROM usage_windows WHERE student_id = %s", (student_id,))
    first, second, third, nobody = asyncio.run(_with_pool(pg_url, body))
    assert first[0] == 0 and second[0] == 0 and third[0] > 0      # the third call in the window is over 2
    assert first[1]["student_id"] == student_id and first[1]["skill_level"] == "beginner"
    assert "hits" not in first[1] and "override" not in first[1]
    assert nobody == (0.0, None)
