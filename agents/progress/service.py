"""ProgressService: progress numbers (kept up to date by the Kafka consumer), the answer to a progress
question for triage (asks.py picks what is asked, answers.py answers it from evidence.py's records),
query history with full-text search, interactions and response ratings."""
from __future__ import annotations

import asyncio
import time
from datetime import date

import grpc
from learnflow.v1 import entities_pb2, progress_service_pb2 as pb, progress_service_pb2_grpc as pb_grpc

from agents import specialist
from agents.progress import answers, asks, evidence
from agents.progress.consumer import ProgressConsumer
from agents.progress import classwatch, history  # --- web (issue 11) ---
from agents.progress.alerts import AlertHub
from db import records
from server import auth
from server.access import readable_student

AGENT = "progress"


async def load_progress(conn, student_id: str) -> entities_pb2.LearningProgress:
    cur = await conn.execute("SELECT * FROM student_progress WHERE student_id = %s", (student_id,))
    row = await cur.fetchone()
    progress = entities_pb2.LearningProgress(student_id=student_id)
    if row is None:
        return progress
    progress.python_mastery_levels.update({k: float(v) for k, v in (row["python_mastery_levels"] or {}).items()})
    progress.queries_by_type.update({k: int(v) for k, v in (row["queries_by_type"] or {}).items()})
    for name in ("topics_mastered", "topics_covered", "strengths", "weaknesses", "struggle_topics", "achievements"):
        getattr(progress, name).extend(row[name] or [])
    progress.completed_exercises = row["completed_exercises"] or 0
    progress.learning_velocity = float(row["learning_velocity"] or 0)
    progress.total_queries = row["total_queries"] or 0
    progress.streak_days = row["streak_days"] or 0
    for name in ("last_activity", "created_at", "updated_at"):
        getattr(progress, name).CopyFrom(records.ts(row[name]))
    cur = await conn.execute("SELECT * FROM topic_progress WHERE student_id = %s ORDER BY mastery_percentage DESC",
                             (student_id,))
    for t in await cur.fetchall():
        item = progress.topics.add(topic=t["module_name"], mastery=float(t["mastery_percentage"]) / 100,
                                   attempts_count=t["attempts_count"], success_count=t["success_count"],
                                   query_count=t["query_count"])
        if t["last_practiced_at"]:
            item.last_practiced_at.CopyFrom(records.ts(t["last_practiced_at"]))
    return progress


class ProgressServicer(pb_grpc.ProgressServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime

    async def GetProgress(self, request, context):
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            return pb.GetProgressResponse(progress=await load_progress(conn, target))

    async def SummarizeProgress(self, request, context):
        started = time.perf_counter()
        identity = auth.require_identity()
        aspect, aspect_confidence = asks.aspect(request.question)
        async with self.rt.pool.connection() as conn:
            progress = await load_progress(conn, identity.student_id)
            found = await evidence.load(conn, identity.student_id)
            cur = await conn.execute("SELECT name, (now() AT TIME ZONE 'UTC')::date AS today FROM students"
                                     " WHERE student_id = %s", (identity.student_id,))
            row = await cur.fetchone() or {}
        name = (row.get("name") or "there").split(" ")[0]
        text = answers.answer(aspect, progress, found, name, row.get("today") or date.today())
        recs = answers.recommendations(progress, found)
        response = specialist.build_response(
            AGENT, "progress_report", text, started=started, confidence=0.95, query_id=request.context.query_id,
            metadata={"aspect": aspect, "aspect_confidence": round(aspect_confidence, 3),
                      "topics_mastered": list(progress.topics_mastered),
                      "weak_topics": answers.weak_topics(progress, found),
                      "strong_topics": answers.strong_topics(progress, found),
                      "recommended_topic": recs[0][0] if recs else "",
                      "struggle_topics": list(progress.struggle_topics), "total_queries": progress.total_queries})
        return pb.SummarizeProgressResponse(response=response, progress=progress)

    async def ListQueries(self, request, context):
        size = request.page_size or 20
        offset = int(request.page_token) if request.page_token.isdigit() else 0
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            cur = await conn.execute(
                "SELECT q.*, to_jsonb(r.*) AS r FROM query_history q LEFT JOIN agent_responses r USING (query_id)"
                " WHERE q.student_id = %s ORDER BY q.timestamp DESC LIMIT %s OFFSET %s", (target, size + 1, offset))
            rows = await cur.fetchall()
        items = []
        for row in rows[:size]:
            item = pb.QueryWithResponse(query=records.query(row))
            if row["r"]:
                item.response.CopyFrom(_response_from_json(row["r"]))
            items.append(item)
        return pb.ListQueriesResponse(items=items, next_page_token=str(offset + size) if len(rows) > size else "")

    async def SearchQueries(self, request, context):
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            cur = await conn.execute(
                "SELECT *, ts_rank(query_vector, websearch_to_tsquery('english', %s)) AS rank FROM query_history"
                " WHERE student_id = %s AND query_vector @@ websearch_to_tsquery('english', %s)"
                " ORDER BY rank DESC, timestamp DESC LIMIT %s",
                (request.text, target, request.text, request.page_size or 20))
            rows = await cur.fetchall()
        return pb.SearchQueriesResponse(queries=[records.query(r) for r in rows])

    async def ListInteractions(self, request, context):
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            cur = await conn.execute("SELECT * FROM interaction_history WHERE student_id = %s"
                                     " ORDER BY created_at DESC LIMIT %s", (target, request.page_size or 50))
            rows = await cur.fetchall()
        return pb.ListInteractionsResponse(interactions=[records.interaction(r) for r in rows])

    async def RateResponse(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute("SELECT q.student_id FROM agent_responses r JOIN query_history q USING (query_id)"
                                     " WHERE r.response_id = %s", (request.response_id,))
            owner = await cur.fetchone()
            # Only the student who asked may rate; others get NOT_FOUND (no hint that it exists).
            if owner is None or owner["student_id"] != identity.student_id:
                await context.abort(grpc.StatusCode.NOT_FOUND, "no such response of yours")
            cur = await conn.execute("UPDATE agent_responses SET feedback_rating = %s, feedback_comment = %s"
                                     " WHERE response_id = %s RETURNING *",
                                     (request.rating, request.comment or None, request.response_id))
            row = await cur.fetchone()
            await conn.commit()
        return pb.RateResponseResponse(response=records.response(row))

    # --- web (issue 11): the progress chart and teachers' live alerts ---
    async def GetMasteryHistory(self, request, context):
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            return await history.load(conn, target, request.topic, request.days)

    async def WatchClassAlerts(self, request, context):
        async for event in classwatch.watch(self.rt, request, context):
            yield event


def _response_from_json(value: dict) -> entities_pb2.AgentResponse:
    from datetime import datetime

    row = dict(value)
    row["created_at"] = datetime.fromisoformat(row["created_at"])
    return records.response(row)


async def register(server, runtime) -> list[str]:
    await asyncio.to_thread(asks.aspect, "how am I doing?")   # fit the small aspect classifier before serving
    pb_grpc.add_ProgressServiceServicer_to_server(ProgressServicer(runtime), server)
    if runtime.settings.kafka_bootstrap:
        consumer = ProgressConsumer(runtime.settings.kafka_bootstrap, runtime.settings.database_url)
        consumer.start()
        runtime.state["consumer"] = consumer
        # --- web (issue 11): live class alerts (agents/progress/alerts.py) ---
        hub = AlertHub(runtime.settings.kafka_bootstrap)
        hub.start()
        runtime.state["alerts"] = hub
    return ["learnflow.v1.ProgressService"]


async def on_stop(runtime) -> None:
    consumer = runtime.state.get("consumer")
    if consumer is not None:
        await asyncio.to_thread(consumer.stop)
    hub = runtime.state.get("alerts")   # --- web (issue 11) ---
    if hub is not None:
        await asyncio.to_thread(hub.stop)
