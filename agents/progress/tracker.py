"""Turns consumed events into progress: evidence rows, mastery, counters, struggle alerts, achievements.

apply_student() runs inside the consumer's transaction together with the processed_messages rows of its
events (so a redelivered event changes nothing) and the outbox rows of the events it publishes; the
consumer hands it each student's events of one polled batch at once (apply() is the one-event form).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from learnflow.v1 import events_pb2
from psycopg.types.json import Jsonb

from agents.progress import mastery
from db import state
from server import enums, events

AGENT = "progress"
CONSUMER = "progress-agent"
STRUGGLE_QUERIES = 3
STRUGGLE_WINDOW = timedelta(hours=24)
_TOPIC = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _topics(names) -> list[str]:
    return [t for t in dict.fromkeys(names) if t and _TOPIC.match(t)][:3]


def already_processed(conn, message_id: str) -> bool:
    cur = conn.execute("INSERT INTO processed_messages (consumer, message_id) VALUES (%s, %s)"
                       " ON CONFLICT DO NOTHING", (CONSUMER, message_id))
    return cur.rowcount == 0


def claim_new(conn, envs: list[events_pb2.EventEnvelope]) -> list[events_pb2.EventEnvelope]:
    """already_processed() for a group of envelopes in ONE statement: their processed_messages rows are inserted
    together, and the envelopes not seen before (the first of any repeated id) come back in order."""
    if not envs:
        return []
    ids = [env.message_id for env in envs]
    new = {str(row["message_id"]) for row in conn.execute(
        "INSERT INTO processed_messages (consumer, message_id) SELECT %s, m FROM unnest(%s::uuid[]) AS m"
        " ON CONFLICT DO NOTHING RETURNING message_id", (CONSUMER, ids)).fetchall()}
    out, seen = [], set()
    for env in envs:
        if env.message_id in new and env.message_id not in seen:
            seen.add(env.message_id)
            out.append(env)
    return out


def relevant(env: events_pb2.EventEnvelope) -> bool:
    """Answers and graded submissions of a known student; failures carry no evidence."""
    kind = env.WhichOneof("payload")
    return (kind in ("agent_response_completed", "exercise_submission_graded") and bool(env.student_id)
            and env.event_type != "agent.response.failed")


def apply(conn, env: events_pb2.EventEnvelope) -> bool:
    """Applies one envelope; returns False if it was a duplicate or irrelevant."""
    if not relevant(env):
        return False
    return apply_student(conn, env.student_id, [env]) == 1


def apply_student(conn, student_id: str, envs: list[events_pb2.EventEnvelope]) -> int:
    """Applies one student's relevant envelopes (in order) together; returns how many were new.

    Per event: the processed_messages row, evidence, topic rows, mastery and its mastery.level.updated event.
    Once for the group: the student-wide aggregates (submission counts, velocity, streak, struggle windows),
    the student_progress UPDATE and the state-store copy. Those queries read the student's whole history, so
    running them once per consumed batch instead of once per event keeps a busy student's events cheap (they
    used to grow with the student's history, per event). The end state is what applying the events one at a
    time gives; a struggle alert is raised once per episode either way."""
    envs = claim_new(conn, envs)
    if not envs:
        return 0
    cur = conn.execute("SELECT * FROM student_progress WHERE student_id = %s FOR UPDATE", (student_id,))
    row = cur.fetchone()
    if row is None:
        conn.execute("INSERT INTO student_progress (student_id) VALUES (%s) ON CONFLICT DO NOTHING", (student_id,))
        row = conn.execute("SELECT * FROM student_progress WHERE student_id = %s FOR UPDATE", (student_id,)).fetchone()
    levels: dict[str, float] = dict(row["python_mastery_levels"] or {})
    by_type: dict[str, int] = dict(row["queries_by_type"] or {})
    total_queries = row["total_queries"] or 0
    now = datetime.now(timezone.utc)
    all_topics: dict[str, events_pb2.EventEnvelope] = {}   # topic -> the last event about it (for alerts)
    # Evidence rows go in one multi-row INSERT, and the questions' topic rows one upsert per topic with their
    # count, after the loop (before the aggregates read them). A question never moves mastery and its upsert
    # keeps an existing row's mastery, so the end state is the one the per-event statements gave.
    evidence: list[tuple] = []
    asked: dict[str, int] = {}

    for env in envs:
        old_levels = dict(levels)
        reasons: dict[str, str] = {}
        if env.WhichOneof("payload") == "agent_response_completed":
            # A question is exposure, not a measurement: asking about a topic (or asking for an exercise on it)
            # says nothing about whether the student knows it, so it counts and covers the topic but never
            # moves mastery. Only graded work does. A question without a recognised topic has no topic
            # evidence at all (no catch-all pseudo-topic).
            p = env.agent_response_completed
            intent = enums.to_db("Intent", p.detected_intent) or "concepts"
            topics = _topics(p.topics)
            total_queries += 1
            by_type[intent] = by_type.get(intent, 0) + 1
            for topic in topics:
                evidence.append((student_id, topic, "query", intent, p.error_type or None, None, env.message_id))
                asked[topic] = asked.get(topic, 0) + 1
        else:
            p = env.exercise_submission_graded
            sub = p.submission
            topics = [p.topic] if _TOPIC.match(p.topic or "") else []
            fraction = sub.automated_tests_passed / sub.total_tests if sub.total_tests else 0.0
            for topic in topics:
                levels[topic] = mastery.after_exercise(levels.get(topic), fraction)
                reasons[topic] = f"exercise graded {sub.automated_tests_passed}/{sub.total_tests}"
                evidence.append((student_id, topic, "submission", "exercise", None, fraction, env.message_id))
                _topic_row(conn, student_id, topic, levels[topic], passed=fraction >= 1.0)
        for topic in (t for t in topics if t in levels):
            old, new = old_levels.get(topic, 0.0), levels[topic]
            if abs(new - old) >= 0.005:
                _emit(conn, "mastery.level.updated", events_pb2.MasteryLevelUpdated(
                    topic=topic, old_level=round(old, 4), new_level=round(new, 4), reason=reasons[topic]), env)
        for topic in topics:
            all_topics[topic] = env

    _evidence_rows(conn, evidence)
    for topic, n in asked.items():
        _topic_row(conn, student_id, topic, levels.get(topic), query=True, count=n)
    counts = {r["topic"]: r["n"] for r in conn.execute(
        "SELECT topic, count(*) AS n FROM progress_evidence WHERE student_id = %s AND kind = 'submission'"
        " GROUP BY topic", (student_id,)).fetchall()}
    summary = mastery.summarize(levels, counts)
    velocity = conn.execute(
        "SELECT count(*) AS n FROM query_history WHERE student_id = %s AND timestamp > now() - interval '7 days'",
        (student_id,)).fetchone()["n"] / 7.0
    streak = _streak(conn, student_id, now)
    struggles = [(s, all_topics[s["topic"]]) for s in _struggles(conn, student_id, all_topics, levels, now)]
    covered = sorted(set(row["topics_covered"] or []) | set(levels) | set(all_topics))
    completed = row["completed_exercises"] or 0
    achievements = _achievements(set(row["achievements"] or []), summary["topics_mastered"], completed, streak,
                                 total_queries)
    struggle_topics = sorted(set(row["struggle_topics"] or []) | {s["topic"] for s, _ in struggles})
    struggle_topics = [t for t in struggle_topics if levels.get(t, 0) < mastery.MASTERED]
    conn.execute(
        "UPDATE student_progress SET python_mastery_levels = %s, topics_mastered = %s, topics_covered = %s,"
        " strengths = %s, weaknesses = %s, learning_velocity = %s, total_queries = %s, queries_by_type = %s,"
        " last_activity = %s, struggle_topics = %s, achievements = %s, streak_days = %s WHERE student_id = %s",
        (Jsonb(levels), summary["topics_mastered"], covered, summary["strengths"], summary["weaknesses"],
         round(min(velocity, 999.99), 2), total_queries, Jsonb(by_type), now, struggle_topics, sorted(achievements),
         streak, student_id))
    for struggle, source in struggles:
        _emit(conn, "student.struggle.detected", events_pb2.StudentStruggleDetected(**struggle), source)
    state.save_sync(conn, state.progress_key(student_id), {
        "python_mastery_levels": levels, "topics_mastered": summary["topics_mastered"],
        "struggle_topics": struggle_topics, "achievements": sorted(achievements), "total_queries": total_queries,
        "updated_at": now.isoformat()})
    return len(envs)


def _emit(conn, event_type: str, payload, source: events_pb2.EventEnvelope) -> None:
    env = events.make_envelope(event_type, payload, student_id=source.student_id, trace_id=source.trace_id,
                               agent=AGENT, metadata={"caused_by": source.message_id})
    events.enqueue_sync(conn, events.EVENT_TYPES[event_type][0], env)


def _evidence_rows(conn, rows: list[tuple]) -> None:
    """progress_evidence rows (student, topic, kind, intent, error_type, score, message_id) in one INSERT, in order."""
    if rows:
        conn.execute("INSERT INTO progress_evidence (student_id, topic, kind, intent, error_type, score, message_id)"
                     " VALUES " + ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(rows)),
                     [value for row in rows for value in row])


def _topic_row(conn, student_id, topic, level, *, query=False, passed=None, count=1) -> None:
    """level None (a question on a topic never graded): the row counts the question, mastery stays unmeasured (0)."""
    conn.execute(
        "INSERT INTO topic_progress (student_id, module_name, mastery_percentage, attempts_count, success_count,"
        " query_count, last_practiced_at, completed_exercises) VALUES (%s, %s, %s, %s, %s, %s, now(), %s)"
        " ON CONFLICT (student_id, module_name) DO UPDATE SET mastery_percentage = CASE WHEN %s"
        " THEN topic_progress.mastery_percentage ELSE EXCLUDED.mastery_percentage END,"
        " attempts_count = topic_progress.attempts_count + EXCLUDED.attempts_count,"
        " success_count = topic_progress.success_count + EXCLUDED.success_count,"
        " query_count = topic_progress.query_count + EXCLUDED.query_count,"
        " completed_exercises = topic_progress.completed_exercises + EXCLUDED.completed_exercises,"
        " last_practiced_at = now(), updated_at = now()",
        (student_id, topic, round((level or 0.0) * 100, 2), 0 if query else 1, 1 if passed else 0,
         count if query else 0, 1 if passed else 0, query))


def _streak(conn, student_id: str, now: datetime) -> int:
    days = {r["d"] for r in conn.execute(
        "SELECT DISTINCT (at AT TIME ZONE 'UTC')::date AS d FROM progress_evidence WHERE student_id = %s"
        " AND at > now() - interval '400 days'", (student_id,)).fetchall()}
    streak, day = 0, now.date()
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def _struggles(conn, student_id: str, topics, levels, now) -> list[dict]:
    """3+ questions on a topic in 24 h, the same error 3+ times, or 3+ failed submissions: alert once per episode."""
    found = []
    for topic in topics:
        stats = conn.execute(
            # One pass over the topic's 24 h window (the per-row LATERAL count it replaces was quadratic in
            # a busy student's evidence and stalled the consumer under load).
            "WITH w AS (SELECT kind, score, error_type, at FROM progress_evidence"
            "   WHERE student_id = %s AND topic = %s AND at > now() - interval '24 hours')"
            " SELECT count(*) FILTER (WHERE kind = 'query') AS queries,"
            " count(*) FILTER (WHERE kind = 'submission' AND score < 1) AS failed,"
            " COALESCE((SELECT max(n) FROM (SELECT count(*) AS n FROM w WHERE error_type IS NOT NULL"
            "   GROUP BY error_type) g), 0) AS same_error,"
            " EXTRACT(EPOCH FROM now() - min(at)) / 60 AS window_min FROM w",
            (student_id, topic)).fetchone()
        queries, failed, same_error = stats["queries"], stats["failed"], stats["same_error"]
        if queries < STRUGGLE_QUERIES and failed < 3 and same_error < 3:
            continue
        key = f"progress:struggle:{student_id}:{topic}"
        if state.get_sync(conn, key) is not None:
            continue  # this episode has already alerted
        state.save_sync(conn, key, {"since": now.isoformat()}, ttl=state.TTL_STRUGGLE_EPISODE)
        score = queries + 2 * failed + same_error
        level = "high" if score >= 8 else ("medium" if score >= 5 else "low")
        recommendation = {"high": "Suggest a 1-on-1 session with a teacher",
                          "medium": f"Offer a guided beginner exercise on {topic} with hints",
                          "low": f"Recommend reviewing the {topic} concept explanation with examples"}[level]
        found.append({"topic": topic, "struggle_level": enums.from_db("StruggleLevel", level),
                      "query_count": int(queries), "time_window_minutes": max(1, int(float(stats["window_min"] or 1))),
                      "recommendation": recommendation, "failed_submissions": int(failed),
                      "repeated_errors": int(same_error), "mastery": levels.get(topic, 0.0)})
    return found


def _achievements(have: set[str], mastered: list[str], completed: int, streak: int, total_queries: int) -> set[str]:
    out = set(have)
    out.update(f"mastered-{t}" for t in mastered)
    for n in (1, 10, 25, 50):
        if completed >= n:
            out.add(f"completed-{n}-exercise{'s' if n > 1 else ''}")
    for n in (3, 7, 30):
        if streak >= n:
            out.add(f"{n}-day-streak")
    if total_queries >= 1:
        out.add("first-question")
    if total_queries >= 100:
        out.add("asked-100-questions")
    return out
