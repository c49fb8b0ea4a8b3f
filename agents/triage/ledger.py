"""What triage writes for each query, in two transactions, each with its events in the outbox.

accept():   query_history row (status processing, routing and confidence set), service routing,
            session context, MessageFlow routing_decision + request, and the student-queries,
            triage-routing and <agent>-requests events (one outbox row bundling the three, migration 0013).
complete(): agent_responses row (returned; the query_history row lands in ticket.query_row), the specialist's collaboration hops and its response in
            MessageFlow, status completed, interaction history, the agent-responses event.
fail():     status failed and an agent.response.failed event.
recent_turns(): the session's earlier turns for conversation memory (one query).
caller():   the student row and the session's turns together, one round trip.
A crash between the two leaves a visible 'processing' query rather than losing it. All of triage's SQL
is here, so its round trips per Ask can be counted in one place: caller 1 (student row + turns), accept 1,
complete 1 transaction (which returns both rows the answer needs; nothing is re-selected). accept() and
complete() are each ONE statement of data-modifying CTEs in autocommit (atomic as a statement): psycopg's
pipeline mode paid a poll and a generator round per queued command (~30 % of triage's CPU per Ask).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from google.protobuf.json_format import MessageToDict
from learnflow.v1 import events_pb2
from psycopg.types.json import Jsonb

from db import records, state
from db.pool import autocommit
from server import access, enums, events

AGENT = "triage"


@dataclass
class QueryTicket:
    query_id: str
    trace_id: str
    student_id: str
    agent: str
    intent: str
    confidence: float
    reasoning: str
    next_sequence: int = 1
    topics: list[str] = field(default_factory=list)
    query_row: dict | None = None   # set by complete(): the stored query_history row
    completing: bool = False        # complete() has been started (shielded): fail() must not run any more


_FLOW_COLUMNS = ("INSERT INTO message_flow (trace_id, query_id, source_agent, destination_agent, message_content,"
                 " message_type, sequence_order) VALUES ")
_FLOW_ROW = "(%s, %s, %s, %s, %s, %s, %s)"

# accept() as ONE statement (data-modifying CTEs, run in autocommit: atomic by itself, one round trip, one
# execute for psycopg instead of BEGIN + 8 pipelined statements + COMMIT; foreign keys are checked at the end
# of the statement, so the rows may refer to the query row written beside them). The outbox rows go in one
# multi-row INSERT, in the order the events were emitted one by one before.
_ACCEPT = (
    "WITH q AS (INSERT INTO query_history (query_id, student_id, query_text, detected_intent, routed_to_agent,"
    " status, triage_confidence, code_snippet, language, context, session_id)"
    " VALUES (%s, %s, %s, %s, %s, 'processing', %s, %s, %s, %s, %s)"
    " RETURNING query_id, routed_to_agent, triage_confidence, session_id),"
    " r AS (INSERT INTO service_routing (query_id, original_service, target_service, routing_reason, message_id,"
    " confidence) SELECT q.query_id, 'triage', q.routed_to_agent, %s, %s, q.triage_confidence FROM q),"
    " s AS (INSERT INTO session_context (query_id, session_id, session_data, current_module, current_difficulty,"
    " learning_path) SELECT q.query_id, q.session_id, %s, %s, %s, %s FROM q),"
    " f AS (INSERT INTO message_flow (trace_id, query_id, source_agent, destination_agent, message_content,"
    " message_type, sequence_order) SELECT %s::uuid, q.query_id, 'triage', q.routed_to_agent, v.content, v.kind,"
    " v.seq FROM q, (VALUES (%s, %s, %s::int), (%s, %s, %s::int)) AS v (content, kind, seq)),"
    " o AS (" + events.OUTBOX_BUNDLE_INSERT + ")"
    " SELECT 1")   # 30 parameters: psycopg caches the conversion of statements with at most 50


def _flow_params(ticket: QueryTicket, source: str, destination: str, content: str, message_type: str) -> tuple:
    params = (ticket.trace_id, ticket.query_id, source, destination, content[:2000], message_type,
              ticket.next_sequence)
    ticket.next_sequence += 1
    return params


async def accept(pool, ticket: QueryTicket, *, text: str, code: str, language: str | None, session_id: str,
                 context: dict, student: dict, method: str, conversation: dict | None = None) -> None:
    code_or_none = code or None
    routing_event = events.make_envelope(
        "triage.routing.decision",
        events_pb2.TriageRoutingDecision(query_id=ticket.query_id, target_agent=enums.agent_enum(ticket.agent),
                                         confidence=ticket.confidence, reasoning=ticket.reasoning,
                                         detected_intent=enums.from_db("Intent", ticket.intent)),
        student_id=ticket.student_id, trace_id=ticket.trace_id, agent=AGENT)
    outbox = [
        events.envelope_for("student.query.submitted", events_pb2.StudentQuerySubmitted(
            query_id=ticket.query_id, query_text=text, query_type="code" if code else "text",
            code_snippet=code, language=enums.from_db("CodeLanguage", language) if code else 0,
            session_id=session_id, context=records.struct(context or {})),
            student_id=ticket.student_id, trace_id=ticket.trace_id, agent=AGENT),
        ("triage-routing", routing_event),
        events.envelope_for(f"{ticket.agent}.request.received", events_pb2.AgentRequested(
            query_id=ticket.query_id, agent_name=enums.agent_enum(ticket.agent), method=method,
            caller=enums.agent_enum(AGENT), summary=text[:200]),
            student_id=ticket.student_id, trace_id=ticket.trace_id, agent=AGENT,
            topic=events.request_topic(ticket.agent)),
    ]
    routing_text = (f"Routing query to {ticket.agent} agent (intent: {ticket.intent}, "
                    f"confidence: {ticket.confidence:.2f}): {ticket.reasoning}")[:2000]
    request_text = f"{method} for query {ticket.query_id}"[:2000]
    first = ticket.next_sequence
    ticket.next_sequence += 2
    params = [
        ticket.query_id, ticket.student_id, text, ticket.intent, ticket.agent, round(ticket.confidence, 2),
        code_or_none, (language or "python") if code_or_none else None, Jsonb(context), session_id or None,
        ticket.reasoning, routing_event.message_id,
        Jsonb({"skill_level": student["skill_level"], "learning_style": student["learning_style"],
               "client_context": context, "conversation": conversation or {}}),
        ticket.topics[0] if ticket.topics else None, student["skill_level"], ticket.topics or None,
        ticket.trace_id, routing_text, "routing_decision", first, request_text, "request", first + 1,
        *events.bundle_params(outbox),   # the three events in one outbox row (migration 0013)
    ]
    async with autocommit(pool) as conn:
        await conn.execute(_ACCEPT, params)


_RECENT_TURNS = (
    "SELECT q.query_id, q.query_text, q.code_snippet, q.detected_intent, q.routed_to_agent, q.timestamp,"
    " s.current_module AS topic, left(r.response_text, 4000) AS response_text, r.metadata"
    " FROM query_history q"
    " LEFT JOIN agent_responses r ON r.query_id = q.query_id"
    " LEFT JOIN session_context s ON s.query_id = q.query_id"
    " WHERE q.student_id = %s AND q.session_id = %s AND q.status = 'completed'"
    " ORDER BY q.timestamp DESC LIMIT %s")


async def recent_turns(conn, student_id: str, session_id: str, limit: int = 10) -> list[dict]:
    """The student's completed turns in this session, newest first, with topic and answer (one query).
    Filtered by student as well as session, so a session id guessed or reused by someone else shows nothing."""
    cur = await conn.execute(_RECENT_TURNS, (student_id, session_id, limit))
    return await cur.fetchall()


async def caller(pool, student_id: str, session_id: str | None, limit: int = 10) -> tuple[dict | None, list[dict]]:
    """The caller's student row and, when the request continues a session, its recent turns (see
    recent_turns): both statements, with BEGIN and COMMIT, in one pipelined round trip. The guard has
    usually read the student row already (with the fair-use counter): then only the turns are read, and
    a new conversation costs no round trip here at all."""
    student = access.prefetched_row(student_id)
    if student is not None:
        if not session_id:
            return student, []
        async with autocommit(pool) as conn:   # one SELECT: no BEGIN/COMMIT around it
            turns_cur = await conn.execute(_RECENT_TURNS, (student_id, session_id, limit))
            return student, await turns_cur.fetchall()
    async with pool.connection() as conn, conn.pipeline():
        async with conn.transaction():
            student_cur = await conn.execute(access.STUDENT_SQL, (student_id,))
            turns_cur = await conn.execute(_RECENT_TURNS, (student_id, session_id, limit)) if session_id else None
        student = await student_cur.fetchone()
        turns = await turns_cur.fetchall() if turns_cur is not None else []
    return student, turns


def _complete_sql(flows: int) -> str:
    """complete() as one statement (see _ACCEPT); returns the response row's and the query row's columns
    together (they share only query_id, which is the same)."""
    return (
        "WITH r AS (INSERT INTO agent_responses (response_id, query_id, agent_type, response_text, response_type,"
        " processing_time_ms, confidence_score, code_examples, metadata, claude_model, token_count, ai_provider)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING *),"
        " f AS (" + _FLOW_COLUMNS + ", ".join([_FLOW_ROW] * flows) + "),"
        " q AS (UPDATE query_history SET status = 'completed', processed_at = now() WHERE query_id = %s"
        " RETURNING *),"
        " u AS (UPDATE service_routing SET response_id = %s WHERE query_id = %s),"
        " i AS (INSERT INTO interaction_history (student_id, query_id, response_id, interaction_type, summary,"
        " engagement_time, success_indicators) VALUES (%s, %s, %s, 'query', %s, %s, %s)),"
        " k AS (" + state.SAVE_SQL + "),"
        " o AS (" + events.OUTBOX_INSERT_HEAD + events.outbox_rows_sql(1) + ")"
        " SELECT r.*, q.* FROM r, q")


async def complete(pool, ticket: QueryTicket, response, collaboration, *, engagement_ms: int):
    """Writes the answer; returns the stored response row and the completed query row."""
    metadata = MessageToDict(response.metadata) if response.HasField("metadata") else {}
    metadata.setdefault("topics", ticket.topics)
    # The response id is chosen here (not by the database) so that no part of the statement waits for
    # another's answer; the rows come back from RETURNING.
    response_id = str(uuid.uuid4())
    flows = [_flow_params(ticket, enums.agent(hop.source_agent), enums.agent(hop.destination_agent),
                          hop.message_content, enums.to_db("MessageType", hop.message_type)) for hop in collaboration]
    flows.append(_flow_params(ticket, ticket.agent, AGENT,
                              f"{ticket.agent} answered ({len(response.response_text)} chars, "
                              f"confidence {response.confidence_score:.2f})", "response"))
    answered = events.envelope_for("agent.response.completed", events_pb2.AgentResponseCompleted(
        query_id=ticket.query_id, agent_name=enums.agent_enum(ticket.agent),
        response_text=response.response_text[:4000], processing_time_ms=response.processing_time_ms,
        confidence=response.confidence_score, status="OK",
        detected_intent=enums.from_db("Intent", ticket.intent), topics=ticket.topics,
        error_type=str(metadata.get("error_type") or ""), claude_model=response.claude_model,
        response_type=response.response_type),
        student_id=ticket.student_id, trace_id=ticket.trace_id, agent=AGENT)
    params = [
        response_id, ticket.query_id, ticket.agent, response.response_text,
        enums.to_db("ResponseType", response.response_type), max(1, response.processing_time_ms),
        round(response.confidence_score, 2), list(response.code_examples) or None, Jsonb(metadata),
        response.claude_model, response.token_count or None, response.ai_provider or None,
        *(value for flow in flows for value in flow),
        ticket.query_id,
        response_id, ticket.query_id,
        ticket.student_id, ticket.query_id, response_id,
        f"{ticket.intent} question answered by {ticket.agent}", max(0, engagement_ms // 1000),
        Jsonb({"confidence": float(response.confidence_score), "topics": ticket.topics,
               "error_type": metadata.get("error_type")}),
        *state.save_params(state.query_key(ticket.query_id),
                           {"intent": ticket.intent, "agent": ticket.agent, "topics": ticket.topics,
                            "trace_id": ticket.trace_id}, ttl=state.TTL_QUERY),
        *events.outbox_params([answered]),
    ]
    async with autocommit(pool) as conn:
        cur = await conn.execute(_complete_sql(len(flows)), params)
        row = await cur.fetchone()
    ticket.query_row = row   # the completed query_history row's columns are in it too: no re-SELECT
    return row


async def fail(pool, ticket: QueryTicket, reason: str) -> None:
    async with pool.connection() as conn, conn.pipeline():
        async with conn.transaction():
            await conn.execute("UPDATE query_history SET status = 'failed', processed_at = now(),"
                               " context = COALESCE(context, '{}'::jsonb) || %s WHERE query_id = %s",
                               (Jsonb({"failure": reason[:500]}), ticket.query_id))
            await events.emit(conn, "agent.response.failed", events_pb2.AgentResponseCompleted(
                query_id=ticket.query_id, agent_name=enums.agent_enum(ticket.agent), status="FAILED",
                response_text=reason[:500], detected_intent=enums.from_db("Intent", ticket.intent),
                topics=ticket.topics), student_id=ticket.student_id, trace_id=ticket.trace_id, agent=AGENT)


def new_ticket(student_id: str, trace_id: str, agent: str, intent: str, confidence: float, reasoning: str,
               topics: list[str]) -> QueryTicket:
    return QueryTicket(query_id=str(uuid.uuid4()), trace_id=trace_id, student_id=student_id, agent=agent,
                       intent=intent, confidence=confidence, reasoning=reasoning, topics=topics)
