"""Every SQL statement of the exercise agent's servicer (seeding and choosing live in catalog.py).

Functions take an open connection (async psycopg, dict rows) unless they say they take the pool; the
ones on the request path of SubmitSolution run their statements pipelined, so a submission costs two
round trips around the sandbox run: one read (student + exercise) and one write transaction.
"""
from __future__ import annotations

from psycopg.types.json import Jsonb

from server import access


# --- exercises ---------------------------------------------------------------------------------
_EXERCISE_SQL = "SELECT * FROM exercises WHERE exercise_id = %s"


async def exercise(conn, exercise_id: str) -> dict | None:
    cur = await conn.execute(_EXERCISE_SQL, (exercise_id,))
    return await cur.fetchone()


async def student_and_exercise(pool, student_id: str, exercise_id: str) -> tuple[dict | None, dict | None]:
    """The caller's student row and the exercise, in one pipelined round trip (BEGIN, 2 SELECTs, COMMIT);
    the exercise alone when the guard has read the student row already (with the fair-use counter)."""
    student = access.prefetched_row(student_id)
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
_PRIOR_SOLVE = ("EXISTS (SELECT 1 FROM exercise_submissions WHERE exercise_id = %s AND student_id = %s"
                " AND automated_tests_passed = total_tests)")


async def record_submission(conn, *, submission_id: str, exercise_id: str, student_id: str, code: str,
                            grade: float, feedback: str, passed: int, total: int, execution_time_ms: int,
                            memory_kb: int, results: list[dict]) -> tuple[dict, bool]:
    """Inside the caller's (pipelined) transaction: counts a first solve in student_progress and stores the
    graded submission. Returns (the stored row, whether this is the student's first solve of the exercise).
    The statements go out together; reading the row is the only wait."""
    solved_now = passed == total
    first_cur = await conn.execute(f"SELECT %s AND NOT {_PRIOR_SOLVE} AS first_solve",
                                   (solved_now, exercise_id, student_id))
    # Before the INSERT below, in the same transaction: sees only earlier submissions, as the SELECT does.
    await conn.execute(f"UPDATE student_progress SET completed_exercises = completed_exercises + 1"
                       f" WHERE student_id = %s AND %s AND NOT {_PRIOR_SOLVE}",
                       (student_id, solved_now, exercise_id, student_id))
    sub_cur = await conn.execute(
        "INSERT INTO exercise_submissions (id, exercise_id, student_id, submission_code, grade, status,"
        " feedback, automated_tests_passed, total_tests, execution_time_ms, memory_usage_kb, grader,"
        " graded_at, results) VALUES (%s, %s, %s, %s, %s, 'graded', %s, %s, %s, %s, %s, 'system', now(), %s)"
        " RETURNING *",
        (submission_id, exercise_id, student_id, code, grade, feedback, passed, total, execution_time_ms,
         memory_kb, Jsonb(results)))
    first_solve = bool((await first_cur.fetchone())["first_solve"])
    return await sub_cur.fetchone(), first_solve


async def record_interaction(conn, *, student_id: str, submission_id: str, summary: str, indicators: dict) -> None:
    await conn.execute(
        "INSERT INTO interaction_history (student_id, submission_id, interaction_type, summary,"
        " success_indicators) VALUES (%s, %s, 'exercise_submission', %s, %s)",
        (student_id, submission_id, summary, Jsonb(indicators)))


async def submissions(conn, student_id: str, exercise_id: str, limit: int) -> list[dict]:
    cur = await conn.execute(
        "SELECT * FROM exercise_submissions WHERE student_id = %s AND (%s = '' OR exercise_id::text = %s)"
        " ORDER BY submission_time DESC LIMIT %s", (student_id, exercise_id, exercise_id, limit))
    return await cur.fetchall()
