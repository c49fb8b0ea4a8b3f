"""ProgressService: progress numbers (kept up to date by the Kafka consumer), the "how am I doing?"
summary for triage, query history with full-text search, interactions and response ratings."""
from __future__ import annotations

import time

import grpc
from learnflow.v1 import entities_pb2, progress_service_pb2 as pb, progress_service_pb2_grpc as pb_grpc

from agents import specialist
from agents.progress import mastery
from agents.progress.consumer import ProgressConsumer
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


def report(progress: entities_pb2.LearningProgress, name: str) -> str:
    """The progress-intent answer: real numbers, what to do next."""
    levels = dict(progress.python_mastery_levels)
    if not levels and not progress.total_queries and not progress.completed_exercises:
        return (f"Hi {name}! You're just getting started, so there is no progress to show yet. Ask a question "
                "about any Python topic or request an exercise (\"give me a loops exercise\"), and I'll start "
                "tracking your mastery per topic.")
    lines = [f"Here's where you stand, {name}:", ""]
    lines.append(f"- Questions asked: {progress.total_queries} "
                 f"({', '.join(f'{k}: {v}' for k, v in sorted(progress.queries_by_type.items())) or 'none yet'})")
    lines.append(f"- Exercises completed: {progress.completed_exercises}")
    lines.append(f"- Pace: {progress.learning_velocity:.1f} questions/day over the last 7 days; "
                 f"streak: {progress.streak_days} day(s)")
    if levels:
        lines.append("")
        lines.append("Mastery by topic:")
        for topic, level in sorted(levels.items(), key=lambda kv: -kv[1]):
            bar = "#" * int(round(level * 10))
            mark = " (mastered)" if level >= mastery.MASTERED else (" (needs work)" if level < mastery.WEAK else "")
            lines.append(f"  {topic:<24} {bar:<10} {level:.0%}{mark}")
    if progress.strengths:
        lines.append(f"\nStrengths: {', '.join(progress.strengths)}.")
    focus = list(progress.struggle_topics) or list(progress.weaknesses) or \
        [t for t, v in sorted(levels.items(), key=lambda kv: kv[1]) if v < mastery.MASTERED][:2]
    if focus:
        lines.append(f"Focus next on: {', '.join(focus)}. Try an exercise on {focus[0]} — ask "
                     f"\"give me an exercise on {focus[0]}\".")
    if progress.achievements:
        lines.append(f"Achievements: {', '.join(progress.achievements)}.")
    return "\n".join(lines)


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
        async with self.rt.pool.connection() as conn:
            progress = await load_progress(conn, identity.student_id)
            cur = await conn.execute("SELECT name FROM students WHERE student_id = %s", (identity.student_id,))
            row = await cur.fetchone()
        text = report(progress, (row or {}).get("name", "there").split(" ")[0])
        response = specialist.build_response(
            AGENT, "progress_report", text, started=started, confidence=0.95, query_id=request.context.query_id,
            metadata={"topics_mastered": list(progress.topics_mastered), "struggle_topics": list(progress.struggle_topics),
                      "total_queries": progress.total_queries})
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


def _response_from_json(value: dict) -> entities_pb2.AgentResponse:
    from datetime import datetime

    row = dict(value)
    row["created_at"] = datetime.fromisoformat(row["created_at"])
    return records.response(row)


async def register(server, runtime) -> list[str]:
    pb_grpc.add_ProgressServiceServicer_to_server(ProgressServicer(runtime), server)
    if runtime.settings.kafka_bootstrap:
        consumer = ProgressConsumer(runtime.settings.kafka_bootstrap, runtime.settings.database_url)
        consumer.start()
        runtime.state["consumer"] = consumer
    return ["learnflow.v1.ProgressService"]


async def on_stop(runtime) -> None:
    consumer = runtime.state.get("consumer")
    if consumer is not None:
        import asyncio

        await asyncio.to_thread(consumer.stop)
