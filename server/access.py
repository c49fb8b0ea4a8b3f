"""Authorization: a student sees only their own data; a teacher also sees the students of their classes."""
from __future__ import annotations

import contextvars

import grpc

from server.auth import Identity, require_identity


async def may_read(conn, identity: Identity, student_id: str) -> bool:
    if student_id == identity.student_id:
        return True
    if not identity.is_teacher:
        return False
    cur = await conn.execute(
        "SELECT 1 FROM class_members m JOIN classes c USING (class_id)"
        " WHERE c.teacher_id = %s AND m.student_id = %s LIMIT 1", (identity.student_id, student_id))
    return await cur.fetchone() is not None


async def readable_student(conn, context, requested: str) -> str:
    """The student whose data the caller asked for (default: themself), or PERMISSION_DENIED."""
    identity = require_identity()
    target = requested or identity.student_id
    if not await may_read(conn, identity, target):
        await context.abort(grpc.StatusCode.PERMISSION_DENIED,
                            "you may only read your own data (teachers: the students of their classes)")
    return target


async def require_active(conn, context, identity: Identity) -> dict:
    """The caller's student row; refuses inactive or deleted accounts even with a still-valid token."""
    cur = await conn.execute(STUDENT_SQL, (identity.student_id,))
    return await refuse_inactive(context, await cur.fetchone())


STUDENT_SQL = "SELECT * FROM students WHERE student_id = %s"

# --- speed: the caller's students row when the guard already read it for this call (rate-limited methods:
# read in the same round trip as the fair-use counter). Set per call by the guard, in the handler's task.
prefetched_student: contextvars.ContextVar[dict | None] = contextvars.ContextVar("prefetched_student", default=None)


def prefetched_row(student_id: str) -> dict | None:
    """The row the guard read for this call, when it is this student's; None means read it yourself."""
    student = prefetched_student.get()
    return student if student is not None and student["student_id"] == student_id else None


async def refuse_inactive(context, row: dict | None) -> dict:
    """The student row when the account is active; PERMISSION_DENIED for an inactive or deleted one (for
    callers that read the row themselves, e.g. together with other rows in one round trip)."""
    if row is None or not row["active"]:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "account is inactive")
    return row
