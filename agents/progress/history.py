"""Mastery over time (ProgressService.GetMasteryHistory): each topic's curve replayed from the student's
graded submissions in progress_evidence, with the same update the tracker applies as they arrive
(mastery.after_exercise), plus questions and submissions per day for the activity chart."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from learnflow.v1 import progress_service_pb2 as pb

from agents.progress import mastery
from db import records

DEFAULT_DAYS = 90


def replay(rows) -> dict[str, list[tuple[datetime, float, float]]]:
    """(topic, score, at) submission rows, oldest first -> topic -> [(at, mastery after it, score)]."""
    levels: dict[str, float] = {}
    curves: dict[str, list[tuple[datetime, float, float]]] = {}
    for row in rows:
        topic, score = row["topic"], float(row["score"] or 0)
        levels[topic] = mastery.after_exercise(levels.get(topic), score)
        curves.setdefault(topic, []).append((row["at"], levels[topic], score))
    return curves


async def load(conn, student_id: str, topic: str = "", days: int = 0) -> pb.GetMasteryHistoryResponse:
    since = datetime.now(timezone.utc) - timedelta(days=days or DEFAULT_DAYS)
    # The whole history is replayed (a curve depends on every earlier submission); only the window is returned.
    cur = await conn.execute(
        "SELECT topic, score, at FROM progress_evidence WHERE student_id = %s AND kind = 'submission'"
        " AND (%s = '' OR topic = %s) ORDER BY at, id", (student_id, topic, topic))
    curves = replay(await cur.fetchall())
    reply = pb.GetMasteryHistoryResponse()
    for name in sorted(curves):
        item = reply.topics.add(topic=name)
        for at, level, score in curves[name]:
            if at >= since:
                item.points.add(at=records.ts(at), mastery=level, score=score)
    cur = await conn.execute(
        "SELECT to_char((at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,"
        " count(DISTINCT message_id) FILTER (WHERE kind = 'query') AS questions,"
        " count(DISTINCT message_id) FILTER (WHERE kind = 'submission') AS submissions"
        " FROM progress_evidence WHERE student_id = %s AND at >= %s GROUP BY 1 ORDER BY 1", (student_id, since))
    for row in await cur.fetchall():
        reply.activity.add(day=row["day"], questions=row["questions"], submissions=row["submissions"])
    cur = await conn.execute("SELECT streak_days, struggle_topics FROM student_progress WHERE student_id = %s",
                             (student_id,))
    row = await cur.fetchone()
    if row is not None:
        reply.streak_days = row["streak_days"] or 0
        reply.struggle_topics.extend(row["struggle_topics"] or [])
    return reply
