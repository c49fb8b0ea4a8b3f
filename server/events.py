"""Builds seed-001 envelopes and writes them to the transactional outbox.

Callers pass the open transaction's connection, so an event is committed together with the data it
describes (or not at all); bridge/relay.py publishes committed rows to Kafka.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import events_pb2
from psycopg import AsyncConnection

from bridge import bundle
from server.config import VERSION

SCHEMA_VERSION = "1.0"
CONTENT_TYPE = "application/x-protobuf; messageType=learnflow.v1.EventEnvelope"

# event_type -> (topic, envelope payload field). Agent-request topics are per agent (see request_topic).
EVENT_TYPES = {
    "student.query.submitted": ("student-queries", "student_query_submitted"),
    "triage.routing.decision": ("triage-routing", "triage_routing_decision"),
    "agent.response.completed": ("agent-responses", "agent_response_completed"),
    "agent.response.failed": ("agent-responses", "agent_response_completed"),
    "exercise.submission.graded": ("agent-responses", "exercise_submission_graded"),
    "agent.log": ("agent-logs", "agent_log_entry"),
    "student.struggle.detected": ("student-struggle", "student_struggle_detected"),
    "mastery.level.updated": ("mastery-level-updated", "mastery_level_updated"),
}


def request_topic(agent: str) -> str:
    return f"{agent}-requests"


def make_envelope(event_type: str, payload: Message, *, student_id: str | None, trace_id: str | None,
                  agent: str, payload_field: str | None = None, metadata: dict | None = None
                  ) -> events_pb2.EventEnvelope:
    if payload_field is None:
        payload_field = EVENT_TYPES[event_type][1]
    stamp = Timestamp()
    stamp.FromDatetime(datetime.now(timezone.utc))
    env = events_pb2.EventEnvelope(
        schema_version=SCHEMA_VERSION,
        message_id=str(uuid.uuid4()),
        timestamp=stamp,
        student_id=student_id or "",
        trace_id=trace_id or str(uuid.uuid4()),
        event_type=event_type,
        metadata={"agent": agent, "agent_version": VERSION, **(metadata or {})},
    )
    getattr(env, payload_field).CopyFrom(payload)
    return env


_INSERT = ("INSERT INTO event_outbox (message_id, topic, partition_key, event_type, content_type, payload)"
           " VALUES (%s, %s, %s, %s, %s, %s)")


def _row(topic: str, envelope: events_pb2.EventEnvelope) -> tuple:
    return (envelope.message_id, topic, envelope.student_id or None, envelope.event_type, CONTENT_TYPE,
            envelope.SerializeToString())


def outbox_rows_sql(count: int) -> str:
    """The VALUES list of `count` outbox rows for one multi-row INSERT (`_INSERT` + this), so the events
    of a transaction are written by one statement, in order (the relay publishes in id order)."""
    return ", ".join(["(%s, %s, %s, %s, %s, %s)"] * count)


OUTBOX_INSERT_HEAD = _INSERT.split(" VALUES ")[0] + " VALUES "


def outbox_params(rows: list[tuple[str, events_pb2.EventEnvelope]]) -> list:
    """The flattened parameters of outbox_rows_sql() for (topic, envelope) pairs."""
    out: list = []
    for topic, envelope in rows:
        out.extend(_row(topic, envelope))
    return out


# --- speed4: the events of one transaction in one outbox row (migration 0013) ---
OUTBOX_BUNDLE_INSERT = ("INSERT INTO event_outbox (message_id, topic, partition_key, event_type, content_type,"
                        " payload, bundle) VALUES (%s, %s, %s, %s, %s, %s, %s)")


def bundle_params(rows: list[tuple[str, events_pb2.EventEnvelope]]) -> list:
    """The parameters of OUTBOX_BUNDLE_INSERT for (topic, envelope) pairs written by one transaction: the first
    event in the row's columns, the others in its `bundle` (bridge/bundle.py). The relay publishes them in this
    order, each to its own topic with its own message id, and marks the row sent once all were acknowledged:
    one outbox row (one insert, one sent-at update, one relay row) instead of one per event."""
    first, rest = rows[0], rows[1:]
    return [*_row(*first), bundle.encode([
        bundle.BundledEvent(env.message_id, topic, env.student_id or None, env.event_type, env.SerializeToString())
        for topic, env in rest])]


def envelope_for(event_type: str, payload: Message, *, student_id: str | None, trace_id: str | None, agent: str,
                 topic: str | None = None, metadata: dict | None = None) -> tuple[str, events_pb2.EventEnvelope]:
    """emit()'s (topic, envelope) without writing it, for callers that write several events at once."""
    if event_type in EVENT_TYPES:
        default_topic, field = EVENT_TYPES[event_type]
    else:  # "<agent>.request.received"
        default_topic, field = None, "agent_requested"
    env = make_envelope(event_type, payload, student_id=student_id, trace_id=trace_id, agent=agent,
                        payload_field=field, metadata=metadata)
    return topic or default_topic, env


async def enqueue(conn: AsyncConnection, topic: str, envelope: events_pb2.EventEnvelope) -> str:
    """Inserts the envelope into event_outbox inside the caller's transaction; returns its message_id."""
    await conn.execute(_INSERT, _row(topic, envelope))
    return envelope.message_id


def enqueue_sync(conn, topic: str, envelope: events_pb2.EventEnvelope) -> str:
    """enqueue() for code on a blocking connection (the progress consumer's thread)."""
    conn.execute(_INSERT, _row(topic, envelope))
    return envelope.message_id


async def emit(conn: AsyncConnection, event_type: str, payload: Message, *, student_id: str | None,
               trace_id: str | None, agent: str, topic: str | None = None, metadata: dict | None = None) -> str:
    topic, env = envelope_for(event_type, payload, student_id=student_id, trace_id=trace_id, agent=agent,
                              topic=topic, metadata=metadata)
    return await enqueue(conn, topic, env)
