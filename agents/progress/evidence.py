"""The progress agent's reads for answers: per-topic evidence this week and last, and activity days.

Two queries per answer (plus load_progress in service.py): everything an answer quotes comes from
the student's own records (progress_evidence rows written by the tracker, the exercises table).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class TopicStats:
    topic: str
    attempts: int = 0            # graded submissions
    passes: int = 0              # submissions passing every test
    questions: int = 0
    errors: int = 0              # questions that came with an error (debug)
    attempts_week: int = 0
    passes_week: int = 0
    attempts_prev_week: int = 0
    passes_prev_week: int = 0
    questions_week: int = 0
    questions_prev_week: int = 0


@dataclass
class Evidence:
    topics: dict[str, TopicStats] = field(default_factory=dict)
    active_days: list[date] = field(default_factory=list)        # newest first, last 60 days
    exercise_topics: set[str] = field(default_factory=set)       # topics the bank has exercises on


async def load(conn, student_id: str) -> Evidence:
    cur = await conn.execute(
        "SELECT topic,"
        " count(*) FILTER (WHERE kind = 'submission') AS attempts,"
        " count(*) FILTER (WHERE kind = 'submission' AND score >= 1) AS passes,"
        " count(*) FILTER (WHERE kind = 'query') AS questions,"
        " count(*) FILTER (WHERE kind = 'query' AND error_type IS NOT NULL) AS errors,"
        " count(*) FILTER (WHERE kind = 'submission' AND at > now() - interval '7 days') AS attempts_week,"
        " count(*) FILTER (WHERE kind = 'submission' AND score >= 1 AND at > now() - interval '7 days') AS passes_week,"
        " count(*) FILTER (WHERE kind = 'submission' AND at <= now() - interval '7 days'"
        "   AND at > now() - interval '14 days') AS attempts_prev_week,"
        " count(*) FILTER (WHERE kind = 'submission' AND score >= 1 AND at <= now() - interval '7 days'"
        "   AND at > now() - interval '14 days') AS passes_prev_week,"
        " count(*) FILTER (WHERE kind = 'query' AND at > now() - interval '7 days') AS questions_week,"
        " count(*) FILTER (WHERE kind = 'query' AND at <= now() - interval '7 days'"
        "   AND at > now() - interval '14 days') AS questions_prev_week"
        " FROM progress_evidence WHERE student_id = %s GROUP BY topic", (student_id,))
    evidence = Evidence(topics={r["topic"]: TopicStats(**r) for r in await cur.fetchall()})
    cur = await conn.execute(
        "SELECT 'day' AS kind, d::text AS value FROM (SELECT DISTINCT (at AT TIME ZONE 'UTC')::date AS d"
        "   FROM progress_evidence WHERE student_id = %s AND at > now() - interval '60 days') days"
        " UNION ALL SELECT DISTINCT 'topic', topic FROM exercises WHERE language = 'python'", (student_id,))
    for row in await cur.fetchall():
        if row["kind"] == "day":
            evidence.active_days.append(date.fromisoformat(row["value"]))
        else:
            evidence.exercise_topics.add(row["value"])
    evidence.active_days.sort(reverse=True)
    return evidence
