"""The progress tracker's batched statements (agents/progress/tracker.py, issue 13d): one processed_messages
INSERT for a student's events of a batch, one evidence INSERT, one topic upsert per asked topic. Applied
together or one event at a time (apply()), the same events leave the same progress behind, and a repeated
message id counts once."""
from __future__ import annotations

import uuid

import psycopg
from learnflow.v1 import entities_pb2, events_pb2
from psycopg.rows import dict_row

from agents.progress import tracker
from server import enums, events


def _student(conn) -> str:
    sid = f"batch-{uuid.uuid4().hex[:10]}"
    conn.execute("INSERT INTO students (student_id, email, name) VALUES (%s, %s, 'Batch')", (sid, f"{sid}@example.org"))
    return sid


def _events(student_id: str) -> list:
    def asked(topics, error=""):
        return events.make_envelope("agent.response.completed", events_pb2.AgentResponseCompleted(
            query_id=str(uuid.uuid4()), topics=topics, error_type=error, status="OK",
            detected_intent=enums.from_db("Intent", "concepts")), student_id=student_id, trace_id=None, agent="t")

    def graded(topic, passed, total):
        return events.make_envelope("exercise.submission.graded", events_pb2.ExerciseSubmissionGraded(
            topic=topic, submission=entities_pb2.ExerciseSubmission(automated_tests_passed=passed, total_tests=total)),
            student_id=student_id, trace_id=None, agent="t")

    first = asked(["lists"])
    return [first, asked(["lists", "loops"]), asked(["loops"], "IndexError"), graded("lists", 3, 3),
            asked(["lists"]), first, graded("loops", 1, 3), asked(["dicts"]), asked(["lists"])]


def _state(conn, student_id: str) -> dict:
    topics = conn.execute("SELECT module_name, mastery_percentage, attempts_count, success_count, query_count,"
                          " completed_exercises FROM topic_progress WHERE student_id = %s ORDER BY module_name",
                          (student_id,)).fetchall()
    evidence = conn.execute("SELECT topic, kind, intent, error_type, score, count(*) AS n FROM progress_evidence"
                            " WHERE student_id = %s GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
                            (student_id,)).fetchall()
    progress = conn.execute("SELECT python_mastery_levels, topics_mastered, topics_covered, total_queries,"
                            " queries_by_type, struggle_topics, achievements FROM student_progress"
                            " WHERE student_id = %s", (student_id,)).fetchone()
    return {"topics": topics, "evidence": evidence, "progress": progress}


def test_batched_statements_leave_what_one_event_at_a_time_leaves(pg_url):
    with psycopg.connect(pg_url, autocommit=True, row_factory=dict_row) as conn:
        one, batch = _student(conn), _student(conn)
        with conn.transaction():
            applied_one = sum(tracker.apply(conn, env) for env in _events(one))
        batch_events = _events(batch)
        with conn.transaction():
            applied_batch = tracker.apply_student(conn, batch, batch_events)
        with conn.transaction():   # the whole batch redelivered: nothing changes
            assert tracker.apply_student(conn, batch, batch_events) == 0
        assert applied_one == applied_batch == 8   # nine events, one of them twice
        assert _state(conn, one) == _state(conn, batch)
        state = _state(conn, batch)
        by_topic = {t["module_name"]: t for t in state["topics"]}
        assert by_topic["lists"]["query_count"] == 4 and by_topic["lists"]["success_count"] == 1
        assert by_topic["loops"]["query_count"] == 2 and by_topic["loops"]["attempts_count"] == 1
        assert state["progress"]["total_queries"] == 6
        processed = conn.execute("SELECT count(*) AS n FROM processed_messages WHERE consumer = %s AND message_id"
                                 " = ANY(%s::uuid[])", (tracker.CONSUMER, [e.message_id for e in batch_events])
                                 ).fetchone()["n"]
        assert processed == 8
