"""ProgressService.WatchClassAlerts: a teacher's live feed of the struggles and mastery changes of the
students who joined their classes (class_members holds only consenting members: joined with the code or
accepted an invitation; leaving ends the teacher's access, and the feed notices within REFRESH_S)."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import grpc
from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import progress_service_pb2 as pb

from agents.progress.alerts import STOPPED
from server import auth
from server.access import require_active

REFRESH_S = 20.0        # members reloaded this often while a watch is open
HEARTBEAT_EVERY = 3     # a heartbeat after this many quiet refreshes (under Envoy's idle timeout)
READY_TIMEOUT_S = 20.0
DEADLINE_MARGIN_S = 0.5   # the stream ends itself this long before the caller's deadline


async def members(conn, teacher_id: str, class_id: str) -> dict[str, dict]:
    """student_id -> {"name", "class_ids"} of the consenting members of the teacher's classes."""
    cur = await conn.execute(
        "SELECT m.student_id, s.name, c.class_id::text AS class_id FROM classes c"
        " JOIN class_members m USING (class_id) JOIN students s ON s.student_id = m.student_id"
        " WHERE c.teacher_id = %s AND (%s::uuid IS NULL OR c.class_id = %s::uuid)",
        (teacher_id, class_id or None, class_id or None))
    out: dict[str, dict] = {}
    for row in await cur.fetchall():
        item = out.setdefault(row["student_id"], {"name": row["name"], "class_ids": []})
        item["class_ids"].append(row["class_id"])
    return out


async def teacher_classes(conn, teacher_id: str, class_id: str) -> list[str]:
    cur = await conn.execute("SELECT class_id::text AS id FROM classes WHERE teacher_id = %s"
                             " AND (%s::uuid IS NULL OR class_id = %s::uuid) ORDER BY created_at",
                             (teacher_id, class_id or None, class_id or None))
    return [r["id"] for r in await cur.fetchall()]


def _left(context) -> float:
    """Seconds until just before the caller's deadline (a large number without one)."""
    remaining = context.time_remaining()
    return 1e9 if remaining is None else remaining - DEADLINE_MARGIN_S


def alert(env, who: dict) -> pb.WatchClassAlertsResponse:
    item = pb.ClassAlert(alert_id=env.message_id, student_id=env.student_id, student_name=who.get("name", ""),
                         class_ids=who.get("class_ids", []), at=env.timestamp)
    if env.WhichOneof("payload") == "student_struggle_detected":
        item.struggle.CopyFrom(env.student_struggle_detected)
    else:
        item.mastery.CopyFrom(env.mastery_level_updated)
    return pb.WatchClassAlertsResponse(alert=item)


async def watch(runtime, request, context):
    identity = auth.require_identity()
    if not identity.is_teacher:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "only teachers watch class alerts")
    hub = runtime.state.get("alerts")
    if hub is None:
        await context.abort(grpc.StatusCode.UNAVAILABLE, "live alerts are not available on this server (no Kafka)")
    async with runtime.pool.connection() as conn:
        await require_active(conn, context, identity)
        classes = await teacher_classes(conn, identity.student_id, request.class_id)
        if request.class_id and not classes:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such class of yours")
        known = await members(conn, identity.student_id, request.class_id)
    if not await hub.wait_ready(min(READY_TIMEOUT_S, _left(context))):
        await context.abort(grpc.StatusCode.UNAVAILABLE, "live alerts are starting; retry in a few seconds")
    watcher = hub.watch(known)
    try:
        # Sent once the watcher is registered and the consumer positioned: every later event reaches it.
        yield pb.WatchClassAlertsResponse(started=pb.WatchStarted(class_ids=classes, student_count=len(known)))
        quiet = 0
        while True:
            left = _left(context)
            if left <= 0:
                return   # the caller's deadline: a watch that ran its course ends OK, not as a failure
            try:
                env = await asyncio.wait_for(watcher.queue.get(), min(REFRESH_S, left))
            except asyncio.TimeoutError:
                if _left(context) <= 0:
                    return
                async with runtime.pool.connection() as conn:
                    known = await members(conn, identity.student_id, request.class_id)
                watcher.students = frozenset(known)
                quiet += 1
                if quiet >= HEARTBEAT_EVERY:
                    quiet = 0
                    stamp = Timestamp()
                    stamp.FromDatetime(datetime.now(timezone.utc))
                    yield pb.WatchClassAlertsResponse(heartbeat=stamp)
                continue
            if env is STOPPED:
                await context.abort(grpc.StatusCode.UNAVAILABLE, "the server is restarting; reconnect")
            quiet = 0
            if env.student_id in known:
                yield alert(env, known[env.student_id])
    finally:
        hub.unwatch(watcher)
