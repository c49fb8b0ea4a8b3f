"""The exercises table: seeding the verified bank (idempotent, by slug) and choosing an exercise for a student."""
from __future__ import annotations

import json
import logging

from psycopg.types.json import Jsonb

log = logging.getLogger("learnflow.exercise")
_SEED_LOCK = 0x4C4E4558  # "LNEX": one replica seeds at a time


def _tests_json(tests) -> list[dict]:
    return [{"id": t.id, "kind": t.kind, "call": t.call, "expected": t.expected, "stdin": t.stdin, "hidden": t.hidden}
            for t in tests]


async def seed_bank(pool, exercises) -> int:
    """Upserts every bank exercise by slug; safe to run on every start and from several replicas."""
    async with pool.connection() as conn:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SEED_LOCK,))
            for ex in exercises:
                await conn.execute(
                    "INSERT INTO exercises (slug, title, topic, difficulty, problem_text, solution_code, starter_code,"
                    " setup_code, test_cases, hints, tags, language, estimated_completion_time, created_by_agent)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'python', %s, 'exercise')"
                    " ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, topic = EXCLUDED.topic,"
                    " difficulty = EXCLUDED.difficulty, problem_text = EXCLUDED.problem_text,"
                    " solution_code = EXCLUDED.solution_code, starter_code = EXCLUDED.starter_code,"
                    " setup_code = EXCLUDED.setup_code, test_cases = EXCLUDED.test_cases, hints = EXCLUDED.hints,"
                    " tags = EXCLUDED.tags, estimated_completion_time = EXCLUDED.estimated_completion_time,"
                    " updated_at = now()"
                    " WHERE (exercises.problem_text, exercises.solution_code, exercises.test_cases, exercises.hints)"
                    " IS DISTINCT FROM (EXCLUDED.problem_text, EXCLUDED.solution_code, EXCLUDED.test_cases,"
                    " EXCLUDED.hints)",
                    (ex.slug, ex.title, ex.topic, ex.difficulty, ex.problem_text, ex.solution_code, ex.starter_code,
                     ex.setup_code, Jsonb(_tests_json(ex.tests)), list(ex.hints), list(ex.tags),
                     ex.estimated_minutes))
    return len(exercises)


def difficulty_for(mastery: float | None, text: str = "") -> str:
    lowered = text.lower()
    base = "beginner" if mastery is None or mastery < 0.4 else ("intermediate" if mastery < 0.75 else "advanced")
    order = ["beginner", "intermediate", "advanced"]
    if any(w in lowered for w in ("harder", "challenge", "advanced", "difficult", "tough")):
        return order[min(2, order.index(base) + 1)] if "advanced" not in lowered else "advanced"
    if any(w in lowered for w in ("easier", "simple", "beginner", "basic", "easy")):
        return order[max(0, order.index(base) - 1)] if "beginner" not in lowered else "beginner"
    return base


def follow_up_target(follow_up: str, last_topic: str, last_difficulty: str | None) -> tuple[str, str] | None:
    """'harder' / 'easier' / 'another one' after an exercise turn: same topic, the next, previous or same level."""
    order = ["beginner", "intermediate", "advanced"]
    if not last_topic or follow_up not in ("harder", "easier", "simpler", "another_example"):
        return None
    base = order.index(last_difficulty) if last_difficulty in order else 0
    step = {"harder": 1, "easier": -1, "simpler": -1}.get(follow_up, 0)
    return last_topic, order[max(0, min(2, base + step))]


async def choose(conn, student_id: str, topic: str | None, difficulty: str,
                 avoid: tuple[str, ...] = ()) -> dict | None:
    """An unsolved exercise of the topic, nearest in difficulty; solved ones only when nothing else is left.
    Exercises in `avoid` (just handed out in this conversation) come after every other unsolved one."""
    order = ["beginner", "intermediate", "advanced"]
    cur = await conn.execute(
        "SELECT e.*, EXISTS (SELECT 1 FROM exercise_submissions s WHERE s.exercise_id = e.exercise_id"
        " AND s.student_id = %s AND s.automated_tests_passed = s.total_tests) AS solved,"
        " EXISTS (SELECT 1 FROM exercise_submissions s WHERE s.exercise_id = e.exercise_id"
        " AND s.student_id = %s) AS attempted"
        " FROM exercises e WHERE (%s::text IS NULL OR e.topic = %s) AND e.language = 'python'",
        (student_id, student_id, topic, topic))
    rows = await cur.fetchall()
    if not rows:
        return None

    def rank(row):
        distance = abs(order.index(row["difficulty"]) - order.index(difficulty))
        return (row["solved"], str(row["exercise_id"]) in avoid, distance, row["attempted"], row["slug"] or "",
                str(row["exercise_id"]))

    return sorted(rows, key=rank)[0]


def tests_of(row) -> list[dict]:
    tests = row["test_cases"]
    return json.loads(tests) if isinstance(tests, str) else tests
