"""MeshService: agent health (from heartbeats), the MessageFlow trail of a query, outbox backlog, echo."""
from __future__ import annotations

import time

import grpc
from google.protobuf.json_format import ParseDict
from learnflow.v1 import entities_pb2, mesh_service_pb2 as pb, mesh_service_pb2_grpc as pb_grpc

from db import records, state
from server import auth
from server.access import may_read
from server.metrics import effective_status

STOPPING = 5  # AGENT_STATUS_STOPPING
FORGET_STOPPED_S = 60
FORGET_SILENT_S = 3600


CONSUMER_GROUPS = ("progress-agent",)


def consumer_lag(bootstrap: str, groups) -> dict[str, int]:
    """Per group: end offsets minus committed offsets over the partitions it consumes (blocking; run in a thread)."""
    from kafka import KafkaAdminClient, KafkaConsumer

    out = {}
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=3000)
        try:
            for group, committed in admin.list_group_offsets(list(groups)).items():
                if not committed:
                    continue
                ends = consumer.end_offsets(list(committed))
                out[group] = sum(max(0, ends[tp] - meta.offset) for tp, meta in committed.items() if meta.offset >= 0)
        finally:
            consumer.close()
            admin.close()
    except Exception:  # Kafka away: the backlog numbers above still tell the story
        return {}
    return out


class MeshServicer(pb_grpc.MeshServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime

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
            live = [m for m in replicas if m.status != error] or replicas
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
        lag = {}
        if self.rt.settings.kafka_bootstrap:
            import asyncio

            lag = await asyncio.to_thread(consumer_lag, self.rt.settings.kafka_bootstrap, CONSUMER_GROUPS)
        return pb.GetEventBacklogResponse(unsent=row["unsent"], oldest_unsent_age_seconds=float(row["age"]),
                                          sent_last_hour=row["sent_hour"], last_error=err["last_error"] if err else "",
                                          consumer_lag=lag)

    async def Echo(self, request, context):
        return pb.EchoResponse(message=request.message)


SWEEP_INTERVAL_S = 300


async def sweep_state_forever(runtime) -> None:
    """Expired state-store rows already read as absent; this deletes them so the table does not grow."""
    import asyncio
    import logging

    while True:
        await asyncio.sleep(SWEEP_INTERVAL_S)
        try:
            async with runtime.pool.connection() as conn:
                await state.sweep_expired(conn)
                await conn.commit()
        except Exception:
            logging.getLogger("learnflow.mesh").warning("state sweep failed", exc_info=True)


async def register(server, runtime) -> list[str]:
    pb_grpc.add_MeshServiceServicer_to_server(MeshServicer(runtime), server)
    runtime.start_background(sweep_state_forever(runtime))
    return ["learnflow.v1.MeshService"]
