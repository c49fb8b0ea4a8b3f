"""Abuse limits shared by every replica, kept in PostgreSQL (migration 0007).

Fair use: every RPC that runs student code counts against the caller's per-minute budget of its
bucket, as one fixed-window counter row per (student, bucket, minute) bumped by a single upsert, so
N replicas behind Envoy enforce one limit, not N. An operator may set a per-student override
(`python -m agents.identity.admin set-limit`). A fixed window admits at most twice the limit across
a window boundary; that is the price of one round trip per call.

Login throttling: failures are counted per (account, real client address). After the free attempts
each further failure doubles the wait before the next attempt from that address (2 s, 4 s, ... up
to the window), instead of locking the account: an attacker's failures from one address never stop
the owner logging in from another.
"""
from __future__ import annotations

import time

from db.pool import autocommit
from server.access import STUDENT_SQL

WINDOW_S = 60
LOGIN_BASE_DELAY_S = 2.0

# Every RPC that runs student code (or generates and verifies code in the sandbox), by budget.
BUCKETS = {
    "/learnflow.v1.TriageService/Ask": "ask",
    "/learnflow.v1.TriageService/AskStream": "ask",
    "/learnflow.v1.DebugService/Diagnose": "ask",
    "/learnflow.v1.DebugService/DiagnoseStream": "ask",
    "/learnflow.v1.ExerciseService/GenerateExercise": "ask",
    "/learnflow.v1.ExerciseService/SubmitSolution": "submit",
    "/learnflow.v1.ExerciseService/SubmitSolutionStream": "submit",
    "/learnflow.v1.ExerciseService/CreateExercise": "submit",
    # Not code, but each try is a guess at a class code: guessing is bounded by the same budget.
    "/learnflow.v1.IdentityService/JoinClass": "ask",
}
BUCKET_NAMES = ("ask", "submit")
WHAT = {"ask": "too many questions and code runs per minute", "submit": "too many submissions per minute"}


_COUNT = (
    "WITH bumped AS ("
    " INSERT INTO usage_windows (student_id, bucket, window_start, hits) VALUES (%s, %s, to_timestamp(%s), 1)"
    " ON CONFLICT (student_id, bucket, window_start) DO UPDATE SET hits = usage_windows.hits + 1"
    " RETURNING hits)"
    " SELECT (SELECT hits FROM bumped) AS hits,"
    " (SELECT per_window FROM usage_limits WHERE student_id = %s AND bucket = %s) AS override")
# The same, with the caller's students row (every column, as STUDENT_SQL reads it) joined beside the counts
# (a data-modifying WITH must stay at the top level of the statement).
_COUNT_AND_STUDENT = _COUNT + ", s.* FROM (SELECT 1) AS one LEFT JOIN (" + STUDENT_SQL + ") AS s ON true"


async def count_call(pool, student_id: str, bucket: str, default_limit: int, now: float | None = None) -> float:
    """Counts one call; returns 0 when it is within the limit, else the seconds until the window ends.
    A default limit of 0 means unlimited (an operator's per-student override still applies)."""
    return (await count_call_and_read_student(pool, student_id, bucket, default_limit, now, read_student=False))[0]


async def count_call_and_read_student(pool, student_id: str, bucket: str, default_limit: int,
                                      now: float | None = None, read_student: bool = True) -> tuple[float, dict | None]:
    """count_call(), and the caller's students row read in the same round trip (the handlers of these
    methods all need it: server.access.prefetched_student hands it over instead of a second round trip)."""
    now = time.time() if now is None else now
    window_start = int(now // WINDOW_S) * WINDOW_S
    student = None
    # One statement in autocommit (atomic by itself, one round trip): the upsert, the override and, joined
    # beside them, the caller's students row.
    async with autocommit(pool) as conn:
        cur = await conn.execute(_COUNT_AND_STUDENT if read_student else _COUNT,
                                 (student_id, bucket, window_start, student_id, bucket)
                                 + ((student_id,) if read_student else ()))
        row = await cur.fetchone()
    if read_student:
        hits, override = row.pop("hits"), row.pop("override")
        student = row if row.get("student_id") is not None else None
        row = {"hits": hits, "override": override}
    limit = row["override"] if row["override"] is not None else default_limit
    if row["override"] is None and limit <= 0:
        return 0.0, student
    if row["hits"] <= limit:
        return 0.0, student
    return max(0.001, window_start + WINDOW_S - now), student


async def login_wait(conn, email: str, address: str, free_attempts: int, window_s: int) -> float:
    """Seconds this address must still wait before trying this account again (0 = may try now)."""
    cur = await conn.execute(
        "SELECT failures, EXTRACT(EPOCH FROM now() - last_failure_at) AS age FROM login_failures"
        " WHERE email = %s AND client_address = %s", (email, address))
    row = await cur.fetchone()
    if row is None or row["failures"] < free_attempts or float(row["age"]) > window_s:
        return 0.0
    delay = min(float(window_s), LOGIN_BASE_DELAY_S * 2 ** min(30, row["failures"] - free_attempts))
    return max(0.0, delay - float(row["age"]))


async def login_failed(conn, email: str, address: str, window_s: int) -> None:
    """Counts a failure; failures older than the window are forgotten."""
    await conn.execute(
        "INSERT INTO login_failures (email, client_address, failures, last_failure_at) VALUES (%s, %s, 1, now())"
        " ON CONFLICT (email, client_address) DO UPDATE SET last_failure_at = now(),"
        " failures = CASE WHEN login_failures.last_failure_at < now() - make_interval(secs => %s) THEN 1"
        " ELSE login_failures.failures + 1 END", (email, address, window_s))


async def login_succeeded(conn, email: str, address: str) -> None:
    await conn.execute("DELETE FROM login_failures WHERE email = %s AND client_address = %s", (email, address))


async def sweep(conn, login_window_s: int) -> None:
    """Old windows and forgotten failures (run by the mesh agent's sweeper)."""
    await conn.execute("DELETE FROM usage_windows WHERE window_start < now() - interval '1 hour'")
    await conn.execute("DELETE FROM login_failures WHERE last_failure_at < now() - make_interval(secs => %s)",
                       (login_window_s,))
