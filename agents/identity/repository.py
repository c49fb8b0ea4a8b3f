"""Every SQL statement of the identity agent: accounts, refresh-token families, classes, invitations.

Functions take an open connection (async psycopg, dict rows) and leave transaction control to the
caller, so a servicer can group several of them in one transaction.
"""
from __future__ import annotations

from datetime import datetime


# --- accounts ---------------------------------------------------------------------------------
async def insert_account(conn, *, student_id: str, name: str, email: str, learning_style: str, skill_level: str,
                         first_name: str | None, last_name: str | None, password_hash: str) -> dict | None:
    """A new student; None when the e-mail is taken (nothing written then)."""
    cur = await conn.execute(
        "INSERT INTO students (student_id, name, email, learning_style, skill_level, first_name, last_name, role)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, 'student') ON CONFLICT (email) DO NOTHING RETURNING *",
        (student_id, name, email, learning_style, skill_level, first_name, last_name))
    row = await cur.fetchone()
    if row is None:
        return None
    await conn.execute("INSERT INTO account_credentials (student_id, password_hash) VALUES (%s, %s)",
                       (student_id, password_hash))
    await conn.execute("INSERT INTO student_progress (student_id) VALUES (%s)", (student_id,))
    return row


async def account_by_email(conn, email: str) -> dict | None:
    cur = await conn.execute(
        "SELECT s.*, c.password_hash FROM students s JOIN account_credentials c USING (student_id)"
        " WHERE s.email = %s", (email,))
    return await cur.fetchone()


async def student(conn, student_id: str) -> dict | None:
    cur = await conn.execute("SELECT * FROM students WHERE student_id = %s", (student_id,))
    return await cur.fetchone()


async def update_password_hash(conn, student_id: str, password_hash: str) -> None:
    await conn.execute("UPDATE account_credentials SET password_hash = %s, updated_at = now() WHERE student_id = %s",
                       (password_hash, student_id))


async def update_preferences(conn, student_id: str, changes: dict) -> None:
    """changes: column -> value, columns from a fixed set chosen by the servicer (never from a request)."""
    allowed = {"learning_style", "skill_level", "preferences"}
    if not changes or not set(changes) <= allowed:
        return
    columns = sorted(changes)
    sets = ", ".join(f"{column} = %s" for column in columns)
    await conn.execute(f"UPDATE students SET {sets}, updated_at = now() WHERE student_id = %s",
                       (*[changes[c] for c in columns], student_id))


async def set_role(conn, email: str, role: str) -> dict | None:
    cur = await conn.execute("UPDATE students SET role = %s, updated_at = now() WHERE email = %s RETURNING *",
                             (role, email))
    return await cur.fetchone()


async def set_limit(conn, email: str, bucket: str, per_window: int | None) -> bool:
    cur = await conn.execute("SELECT student_id FROM students WHERE email = %s", (email,))
    row = await cur.fetchone()
    if row is None:
        return False
    if per_window is None:
        await conn.execute("DELETE FROM usage_limits WHERE student_id = %s AND bucket = %s", (row["student_id"], bucket))
    else:
        await conn.execute(
            "INSERT INTO usage_limits (student_id, bucket, per_window) VALUES (%s, %s, %s)"
            " ON CONFLICT (student_id, bucket) DO UPDATE SET per_window = EXCLUDED.per_window",
            (row["student_id"], bucket, per_window))
    return True


# --- refresh tokens ---------------------------------------------------------------------------
async def insert_refresh_token(conn, token_id: str, student_id: str, family_id: str, expires_at: datetime) -> None:
    await conn.execute(
        "INSERT INTO refresh_tokens (token_id, student_id, family_id, expires_at) VALUES (%s, %s, %s, %s)",
        (token_id, student_id, family_id, expires_at))


async def lock_refresh_token(conn, token_id: str) -> dict | None:
    cur = await conn.execute(
        "SELECT token_id, student_id, family_id, revoked_at, replaced_by, expires_at > now() AS live"
        " FROM refresh_tokens WHERE token_id = %s FOR UPDATE", (token_id,))
    return await cur.fetchone()


async def rotate_refresh_token(conn, token_id: str, replaced_by: str) -> None:
    await conn.execute("UPDATE refresh_tokens SET revoked_at = now(), replaced_by = %s WHERE token_id = %s",
                       (replaced_by, token_id))


async def revoke_family(conn, family_id: str) -> int:
    cur = await conn.execute("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = %s AND revoked_at IS NULL",
                             (family_id,))
    return cur.rowcount


# --- classes ----------------------------------------------------------------------------------
async def insert_class(conn, name: str, teacher_id: str, join_code: str) -> str:
    cur = await conn.execute("INSERT INTO classes (name, teacher_id, join_code) VALUES (%s, %s, %s) RETURNING class_id",
                             (name, teacher_id, join_code))
    return str((await cur.fetchone())["class_id"])


async def class_row(conn, class_id: str) -> dict | None:
    cur = await conn.execute(
        "SELECT c.*, (SELECT count(*) FROM class_invitations i WHERE i.class_id = c.class_id) AS pending"
        " FROM classes c WHERE c.class_id = %s", (class_id,))
    return await cur.fetchone()


async def class_by_code(conn, join_code: str) -> dict | None:
    cur = await conn.execute("SELECT class_id FROM classes WHERE join_code = %s", (join_code,))
    return await cur.fetchone()


async def class_members(conn, class_id: str) -> list[str]:
    cur = await conn.execute("SELECT student_id FROM class_members WHERE class_id = %s ORDER BY added_at", (class_id,))
    return [r["student_id"] for r in await cur.fetchall()]


async def classes_of(conn, student_id: str) -> list[str]:
    cur = await conn.execute(
        "SELECT DISTINCT c.class_id, c.created_at FROM classes c LEFT JOIN class_members m USING (class_id)"
        " WHERE c.teacher_id = %s OR m.student_id = %s ORDER BY c.created_at", (student_id, student_id))
    return [str(r["class_id"]) for r in await cur.fetchall()]


async def add_member(conn, class_id: str, student_id: str) -> None:
    await conn.execute("INSERT INTO class_members (class_id, student_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                       (class_id, student_id))


async def remove_member(conn, class_id: str, student_id: str) -> bool:
    cur = await conn.execute("DELETE FROM class_members WHERE class_id = %s AND student_id = %s",
                             (class_id, student_id))
    return cur.rowcount > 0


async def invite(conn, class_id: str, email: str) -> None:
    await conn.execute("INSERT INTO class_invitations (class_id, email) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                       (class_id, email))


async def invitations_for(conn, email: str) -> list[dict]:
    cur = await conn.execute(
        "SELECT i.class_id, i.invited_at, c.name AS class_name, t.name AS teacher_name FROM class_invitations i"
        " JOIN classes c USING (class_id) JOIN students t ON t.student_id = c.teacher_id"
        " WHERE i.email = %s ORDER BY i.invited_at LIMIT 200", (email,))
    return await cur.fetchall()


async def take_invitation(conn, class_id: str, email: str) -> bool:
    cur = await conn.execute("DELETE FROM class_invitations WHERE class_id = %s AND email = %s", (class_id, email))
    return cur.rowcount > 0
