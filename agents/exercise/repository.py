"""Every SQL statement of the exercise agent's servicer (seeding and choosing live in catalog.py).

Functions take an open connection (async psycopg, dict rows) unless they say they take the pool; on the
request path of SubmitSolution a submission costs two round trips around the sandbox run, each one
statement in autocommit: the exercise (the student row comes from the guard) and the write.
"""
from __future__ import annotations

from datetime import datetime

from psycopg.types.json import Jsonb

from db.pool import autocommit
from server import access, events


# --- exercises ---------------------------------------------------------------------------------
_EXERCISE_SQL = "SELECT * FROM exercises WHERE exercise_id = %s"


async def exercise(conn, exercise_id: str) -> dict | None:
    cur = await conn.execute(_EXERCISE_SQL, (exercise_id,))
    return await cur.fetchone()


async def student_and_exercise(pool, student_id: str, exercise_id: str) -> tuple[dict | None, dict | None]:
    """The caller's student row and the exercise, in one pipelined round trip (BEGIN, 2 SELECTs, COMMIT);
    the exercise alone when the guard has read the student row already (with the fair-use counter)."""
    student = access.prefetched_row(student_id)
    if student is not None:      # the usual case: one statement in autocommit, no transaction to open
        async with autocommit(pool) as conn:
            cur = await conn.execute(_EXERCISE_SQL, (exercise_id,))
            return student, await cur.fetchone()
    async with pool.connection() as conn, conn.pipeline():
        async with conn.transaction():
            student_cur = await conn.execute(access.STUDENT_SQL, (student_id,)) if student is None else None
            exercise_cur = await conn.execute(_EXERCISE_SQL, (exercise_id,))
        if student_cur is not None:
            student = await student_cur.fetchone()
        return student, await exercise_cur.fetchone()


async def titles_on(conn, topic: str) -> list[str]:
    cur = await conn.execute("SELECT title FROM exercises WHERE topic = %s", (topic,))
    return [r["title"] for r in await cur.fetchall()]


async def insert_generated(conn, topic: str, difficulty: str, made: dict) -> dict:
    cur = await conn.execute(
        "INSERT INTO exercises (title, topic, difficulty, problem_text, solution_code, starter_code, test_cases,"
        " hints, tags, language, created_by_agent) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 'python',"
        " 'exercise') RETURNING *",
        (made["title"], topic, difficulty, made["problem_text"], made["solution_code"], made["starter_code"],
         Jsonb(made["tests"]), made["hints"], made["tags"]))
    return await cur.fetchone()


async def insert_created(conn, request, tests: list[dict], *, difficulty: str | None, created_by: str) -> dict:
    cur = await conn.execute(
        "INSERT INTO exercises (title, topic, difficulty, problem_text, solution_code, starter_code, setup_code,"
        " test_cases, hints, tags, language, estimated_completion_time, created_by, created_by_agent)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'python', %s, %s, 'exercise') RETURNING *",
        (request.title.strip(), request.topic, difficulty, request.problem_text, request.solution_code,
         request.starter_code or None, request.setup_code, Jsonb(tests), list(request.hints), list(request.tags),
         request.estimated_completion_time or None, created_by))
    return await cur.fetchone()


async def list_exercises(conn, topic: str, difficulty: str | None, limit: int, offset: int) -> list[dict]:
    cur = await conn.execute(
        "SELECT * FROM exercises WHERE (%s = '' OR topic = %s) AND (%s::text IS NULL OR difficulty = %s)"
        " ORDER BY topic, difficulty, slug NULLS LAST, exercise_id LIMIT %s OFFSET %s",
        (topic, topic, difficulty, difficulty, limit, offset))
    return await cur.fetchall()


# --- students ----------------------------------------------------------------------------------
async def mastery_levels(conn, student_id: str) -> dict:
    cur = await conn.execute("SELECT python_mastery_levels FROM student_progress WHERE student_id = %s",
                             (student_id,))
    row = await cur.fetchone()
    return (row or {}).get("python_mastery_levels") or {}


# --- submissions -------------------------------------------------------------------------------
# A graded submission is written by ONE statement of data-modifying CTEs, run in autocommit (atomic as a
# statement, one round trip, no BEGIN/COMMIT and no pipeline bookkeeping; foreign keys are checked at its
# end, so the interaction row may refer to the submission written beside it). Every part sees the same
# snapshot, so `prior` sees only earlier submissions: a first solve is counted once. The row's id and
# timestamps are chosen by the caller, which builds the stored row (and the event carrying it) itself:
# nothing is read back.
_RECORD = (
    "WITH prior AS (SELECT EXISTS (SELECT 1 FROM exercise_submissions WHERE exercise_id = %s AND student_id = %s"
    " AND automated_tests_passed = total_tests) AS solved),"
    " progress AS (UPDATE student_progress SET completed_exercises = completed_exercises + 1"
    " WHERE student_id = %s AND %s AND NOT (SELECT solved FROM prior)),"
    " sub AS (INSERT INTO exercise_submissions (id, exercise_id, student_id, submission_code, grade, status,"
    " feedback, automated_tests_passed, total_tests, execution_time_ms, memory_usage_kb, grader, submission_time,"
    " graded_at, results) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)),"
    " interaction AS (INSERT INTO interaction_history (student_id, submission_id, interaction_type, summary,"
    " success_indicators) VALUES (%s, %s, 'exercise_submission', %s,"
    " %s::jsonb || jsonb_build_object('first_solve', %s AND NOT (SELECT solved FROM prior)))),"
    " outbox AS (" + events.OUTBOX_INSERT_HEAD + events.outbox_rows_sql(1) + ")"
    " SELECT %s AND NOT solved AS first_solve FROM prior")


def submission_row(*, submission_id: str, exercise_id: str, student_id: str, code: str, grade: float, feedback: str,
                   passed: int, total: int, execution_time_ms: int, memory_kb: int, results: list[dict],
                   now: datetime) -> dict:
    """The exercise_submissions row as record_submission() stores it (status graded, graded by the system)."""
    return {"id": submission_id, "exercise_id": exercise_id, "student_id": student_id, "submission_code": code,
            "submission_time": now, "grade": grade, "status": "graded", "feedback": feedback,
            "automated_tests_passed": passed, "total_tests": total, "execution_time_ms": execution_time_ms,
            "memory_usage_kb": memory_kb, "grader": "system", "graded_at": now, "results": results}


async def record_submission(pool, row: dict, *, summary: str, indicators: dict, event) -> bool:
    """Stores the graded submission `row` (from submission_row()), counts a first solve in student_progress,
    writes the interaction (its indicators get `first_solve`) and the outbox event `event` (topic, envelope):
    one statement, one round trip. Returns whether this is the student's first solve of the exercise."""
    solved_now = row["automated_tests_passed"] == row["total_tests"]
    params = [row["exercise_id"], row["student_id"],
              row["student_id"], solved_now,
              row["id"], row["exercise_id"], row["student_id"], row["submission_code"], row["grade"], row["status"],
              row["feedback"], row["automated_tests_passed"], row["total_tests"], row["execution_time_ms"],
              row["memory_usage_kb"], row["grader"], row["submission_time"], row["graded_at"], Jsonb(row["results"]),
              row["student_id"], row["id"], summary, Jsonb(indicators), solved_now,
              *events.outbox_params([event]),
              solved_now]
    async with autocommit(pool) as conn:
        cur = await conn.execute(_RECORD, params)
        return bool((await cur.fetchone())["first_solve"])


async def submissions(conn, student_id: str, exercise_id: str, limit: int) -> list[dict]:
    cur = await conn.execute(
        "SELECT * FROM exercise_submissions WHERE student_id = %s AND (%s = '' OR exercise_id::text = %s)"
        " ORDER BY submission_time DESC LIMIT %s", (student_id, exercise_id, exercise_id, limit))
    return await cur.fetchall()
