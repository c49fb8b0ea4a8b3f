"""MeshService: agent health (from heartbeats), the MessageFlow trail of a query, outbox backlog, echo;
and the sweepers that keep shared state honest (expired state rows, queries left 'processing' past
their deadline, old fair-use windows). Every sweep is an idempotent UPDATE/DELETE, so any number of
mesh replicas may run it at once."""
from __future__ import annotations

import asyncio
import logging
import time

import grpc
from google.protobuf.json_format import ParseDict
from learnflow.v1 import entities_pb2, mesh_service_pb2 as pb, mesh_service_pb2_grpc as pb_grpc

from learnflow.v1 import events_pb2
from psycopg.types.json import Jsonb

from db import records, state
from server import auth, enums, events, ratelimit
from server.access import may_read
from server.metrics import effective_status

STOPPING = 5  # AGENT_STATUS_STOPPING
FORGET_STOPPED_S = 60
FORGET_SILENT_S = 3600


CONSUMER_GROUPS = ("progress-agent",)


log = logging.getLogger("learnflow.mesh")


def consumer_lag(bootstrap: str, groups, timeout_s: float = 2.0) -> dict[str, int]:
    """Per group: end offsets minus committed offsets over the partitions it consumes (blocking; run in a
    thread). Every client timeout is bounded by timeout_s, so a Kafka that is away fails fast."""
    from kafka import KafkaAdminClient, KafkaConsumer

    ms = max(1000, int(timeout_s * 1000))  # kafka-python wants fetch wait < request timeout < idle timeout
    bounded = {"request_timeout_ms": ms, "reconnect_backoff_max_ms": 200,
               "connections_max_idle_ms": ms + 1000}
    out = {}
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, bootstrap_timeout_ms=ms, **bounded)
    try:
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, fetch_max_wait_ms=100, bootstrap_timeout_ms=ms, **bounded)
        try:
            for group, committed in admin.list_group_offsets(list(groups)).items():
                if not committed:
                    continue
                ends = consumer.end_offsets(list(committed))
                out[group] = sum(max(0, ends[tp] - meta.offset) for tp, meta in committed.items() if meta.offset >= 0)
        finally:
            consumer.close()
    finally:
        admin.close()
    return out


class LagProbe:
    """At most one lag probe thread at a time, awaited no longer than a bound: a Kafka that is away makes
    GetEventBacklog answer 'unavailable' within the caller's deadline instead of hanging on it."""

    def __init__(self):
        self._running: asyncio.Future | None = None

    async def read(self, bootstrap: str, timeout_s: float, probe_s: float) -> tuple[dict[str, int] | None, str]:
        """Waits at most timeout_s for a probe whose Kafka clients give up after probe_s."""
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(asyncio.to_thread(consumer_lag, bootstrap, CONSUMER_GROUPS, probe_s))
        try:
            return dict(await asyncio.wait_for(asyncio.shield(self._running), timeout_s)), ""
        except asyncio.TimeoutError:
            return None, f"Kafka did not answer within {timeout_s:g} s"
        except Exception as exc:  # kafka-python's NoBrokersAvailable, KafkaTimeoutError, ...
            return None, f"Kafka unavailable: {type(exc).__name__}"


class MeshServicer(pb_grpc.MeshServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.lag_probe = LagProbe()

    async def ListAgentHealth(self, request, context):
        async with self.rt.pool.connection() as conn:
            beats = await state.get_prefix(conn, "agents:health:")
        by_agent: dict[int, list[entities_pb2.AgentHealthMetrics]] = {}
        gone = []
        now = time.time()
        for key, value in beats.items():
            metrics = ParseDict(value, entities_pb2.AgentHealthMetrics(), ignore_unknown_fields=True)
            age = now - metrics.last_heartbeat.seconds
            # An agent that shut down cleanly is listed briefly as stopping; a silent one as error for an hour.
            if (metrics.status == STOPPING and age > FORGET_STOPPED_S) or age > FORGET_SILENT_S:
                gone.append(key)
                continue
            metrics.status = effective_status(metrics)
            by_agent.setdefault(metrics.agent_name, []).append(metrics)
        if gone:
            async with self.rt.pool.connection() as conn:
                for key in gone:
                    await state.delete(conn, key)
                await conn.commit()
        out = []
        error = 3  # AGENT_STATUS_ERROR
        for agent, replicas in sorted(by_agent.items()):
            # Replicas that serve: not in error, and not shut down (a stopped one stays listed as stopping).
            live = [m for m in replicas if m.status not in (error, STOPPING)] or replicas
            for m in replicas:
                m.replica_count = len(live)
            out.extend(sorted(replicas, key=lambda m: m.instance_id))
        return pb.ListAgentHealthResponse(agents=out)

    async def GetMessageFlow(self, request, context):
        if not request.query_id and not request.trace_id:
            from server.interceptors import invalid_argument_status
            from server.validation import Violation

            await context.abort_with_status(invalid_argument_status(
                [Violation("query_id", "query_id or trace_id is required")]))
        column, value = ("query_id", request.query_id) if request.query_id else ("trace_id", request.trace_id)
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute(
                f"SELECT f.*, q.student_id FROM message_flow f JOIN query_history q USING (query_id)"
                f" WHERE f.{column} = %s ORDER BY f.sequence_order", (value,))
            rows = await cur.fetchall()
            # Someone else's trail reads as absent: no hint that the id exists.
            if not rows or not await may_read(conn, identity, rows[0]["student_id"]):
                await context.abort(grpc.StatusCode.NOT_FOUND, "no message flow for that id")
        return pb.GetMessageFlowResponse(messages=[records.message_flow(r) for r in rows])

    async def GetEventBacklog(self, request, context):
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute(
                "SELECT count(*) FILTER (WHERE sent_at IS NULL) AS unsent,"
                " COALESCE(EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL)), 0) AS age,"
                " count(*) FILTER (WHERE sent_at > now() - interval '1 hour') AS sent_hour FROM event_outbox")
            row = await cur.fetchone()
            cur = await conn.execute("SELECT last_error FROM event_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL"
                                     " ORDER BY id DESC LIMIT 1")
            err = await cur.fetchone()
        lag, kafka_error = {}, "no Kafka configured (KAFKA_BOOTSTRAP_SERVERS is unset)"
        if self.rt.settings.kafka_bootstrap:
            budget = self.rt.settings.kafka_probe_timeout_s
            remaining = context.time_remaining()
            if remaining is not None:  # answer within the caller's deadline, whatever Kafka does
                budget = max(0.05, min(budget, remaining - 0.25))
            lag, kafka_error = await self.lag_probe.read(self.rt.settings.kafka_bootstrap, budget,
                                                         self.rt.settings.kafka_probe_timeout_s)
        return pb.GetEventBacklogResponse(unsent=row["unsent"], oldest_unsent_age_seconds=float(row["age"]),
                                          sent_last_hour=row["sent_hour"], last_error=err["last_error"] if err else "",
                                          consumer_lag=lag or {}, kafka_available=lag is not None and not kafka_error,
                                          kafka_error=kafka_error)

    async def Echo(self, request, context):
        return pb.EchoResponse(message=request.message)


SWEEP_INTERVAL_S = 300
SWEPT_REASON = "no answer within the deadline (the serving agent stopped or lost the query)"


async def sweep_state_forever(runtime) -> None:
    """Expired state-store rows already read as absent; this deletes them so the table does not grow."""
    while True:
        await asyncio.sleep(SWEEP_INTERVAL_S)
        try:
            async with runtime.pool.connection() as conn:
                await state.sweep_expired(conn)
                await ratelimit.sweep(conn, runtime.settings.login_window_s)
                await conn.commit()
        except Exception:
            log.warning("state sweep failed", exc_info=True)


async def sweep_stuck_queries(pool, deadline_s: float) -> int:
    """Fails every query still 'processing' past its deadline (its triage died mid-answer, or the process
    was killed), with an agent.response.failed event. The UPDATE ... WHERE status = 'processing' is
    idempotent: with several mesh replicas each row is failed (and announced) exactly once."""
    async with pool.connection() as conn:
        async with conn.transaction():
            cur = await conn.execute(
                "UPDATE query_history SET status = 'failed', processed_at = now(),"
                " context = COALESCE(context, '{}'::jsonb) || %s"
                " WHERE query_id IN (SELECT query_id FROM query_history WHERE status = 'processing'"
                " AND timestamp < now() - make_interval(secs => %s) LIMIT 500 FOR UPDATE SKIP LOCKED)"
                " RETURNING query_id, student_id, routed_to_agent, detected_intent",
                (Jsonb({"failure": SWEPT_REASON}), deadline_s))
            rows = await cur.fetchall()
            for row in rows:
                await events.emit(conn, "agent.response.failed", events_pb2.AgentResponseCompleted(
                    query_id=str(row["query_id"]), agent_name=enums.agent_enum(row["routed_to_agent"]),
                    status="FAILED", response_text=SWEPT_REASON,
                    detected_intent=enums.from_db("Intent", row["detected_intent"])),
                    student_id=row["student_id"], trace_id=None, agent="mesh")
    return len(rows)


async def sweep_queries_forever(runtime) -> None:
    while True:
        await asyncio.sleep(runtime.settings.sweep_interval_s)
        try:
            swept = await sweep_stuck_queries(runtime.pool, runtime.settings.query_deadline_s)
            if swept:
                log.warning("failed queries left processing past their deadline", extra={"count": swept})
        except Exception:
            log.warning("query sweep failed", exc_info=True)


async def register(server, runtime) -> list[str]:
    pb_grpc.add_MeshServiceServicer_to_server(MeshServicer(runtime), server)
    runtime.start_background(sweep_state_forever(runtime))
    runtime.start_background(sweep_queries_forever(runtime))
    return ["learnflow.v1.MeshService"]
