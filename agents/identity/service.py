"""IdentityService: accounts (argon2id password hashes), JWT access + refresh tokens, classes."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timezone

import grpc
import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import entities_pb2, identity_service_pb2 as pb, identity_service_pb2_grpc as pb_grpc
from psycopg.types.json import Jsonb

from db import records
from server import auth, enums
from server.access import require_active
from server.interceptors import resource_exhausted_status
from server.ratelimit import SlidingWindowLimiter

_HASHER = PasswordHasher()  # argon2id, library defaults (memory-hard)
# A real hash to verify against when the e-mail is unknown, so timing does not reveal which accounts exist.
_DUMMY_HASH = _HASHER.hash("not-a-real-password-0")


def password_problems(password: str, email: str) -> list[str]:
    problems = []
    if len(password) < 10:
        problems.append("at least 10 characters")
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        problems.append("at least one letter and one digit")
    if password.strip().lower() == email.strip().lower() or password.lower() in email.lower():
        problems.append("must not contain the e-mail address")
    if len(set(password)) < 4:
        problems.append("too few distinct characters")
    return problems


def _stamp(epoch: int) -> Timestamp:
    out = Timestamp()
    out.FromSeconds(epoch)
    return out


class IdentityServicer(pb_grpc.IdentityServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        s = runtime.settings
        self.account_limiter = SlidingWindowLimiter(s.login_attempts_per_window, s.login_window_s)
        self.peer_limiter = SlidingWindowLimiter(s.login_attempts_per_window * 4, s.login_window_s)

    async def _tokens(self, conn, student_id: str, role: str) -> pb.TokenPair:
        s = self.rt.settings
        access, access_exp = auth.issue_access_token(s.jwt_secret, student_id, role, s.access_token_ttl_s)
        token_id = str(uuid.uuid4())
        refresh, refresh_exp = auth.issue_refresh_token(s.jwt_secret, student_id, token_id, s.refresh_token_ttl_s)
        await conn.execute("INSERT INTO refresh_tokens (token_id, student_id, expires_at) VALUES (%s, %s, %s)",
                           (token_id, student_id, datetime.fromtimestamp(refresh_exp, timezone.utc)))
        return pb.TokenPair(access_token=access, access_expires_at=_stamp(access_exp), refresh_token=refresh,
                            refresh_expires_at=_stamp(refresh_exp), token_type="Bearer")

    async def Register(self, request, context):
        email = request.email.strip().lower()
        problems = password_problems(request.password, email)
        if problems:
            from server.interceptors import invalid_argument_status
            from server.validation import Violation

            await context.abort_with_status(invalid_argument_status(
                [Violation("password", "must have " + ", ".join(problems))]))
        password_hash = await asyncio.to_thread(_HASHER.hash, request.password)
        student_id = str(uuid.uuid4())
        role = enums.to_db("Role", request.role) or "student"
        try:
            async with self.rt.pool.connection() as conn:
                async with conn.transaction():
                    cur = await conn.execute(
                        "INSERT INTO students (student_id, name, email, learning_style, skill_level, first_name,"
                        " last_name, role) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING *",
                        (student_id, request.name.strip(), email,
                         enums.to_db("LearningStyle", request.learning_style) or "step-by-step",
                         enums.to_db("SkillLevel", request.skill_level) or "beginner",
                         request.first_name or None, request.last_name or None, role))
                    row = await cur.fetchone()
                    await conn.execute("INSERT INTO account_credentials (student_id, password_hash) VALUES (%s, %s)",
                                       (student_id, password_hash))
                    await conn.execute("INSERT INTO student_progress (student_id) VALUES (%s)", (student_id,))
        except psycopg.errors.UniqueViolation:
            await context.abort(grpc.StatusCode.ALREADY_EXISTS, "an account with this e-mail already exists")
        return pb.RegisterResponse(student=records.student(row))

    async def Login(self, request, context):
        email = request.email.strip().lower()
        peer = (context.peer() or "unknown").rsplit(":", 1)[0]
        wait = max(self.account_limiter.blocked_for(email), self.peer_limiter.blocked_for(peer))
        if wait:
            await context.abort_with_status(resource_exhausted_status("too many login attempts", wait))
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute(
                "SELECT s.*, c.password_hash FROM students s JOIN account_credentials c USING (student_id)"
                " WHERE s.email = %s", (email,))
            row = await cur.fetchone()
        stored = row["password_hash"] if row else _DUMMY_HASH
        try:
            await asyncio.to_thread(_HASHER.verify, stored, request.password)
            valid = row is not None
        except (VerificationError, InvalidHashError):
            valid = False
        if not valid:
            self.account_limiter.record(email)
            self.peer_limiter.record(peer)
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "wrong e-mail or password")
        if not row["active"]:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "account is inactive")
        self.account_limiter.reset(email)
        async with self.rt.pool.connection() as conn:
            async with conn.transaction():
                if _HASHER.check_needs_rehash(row["password_hash"]):
                    new_hash = await asyncio.to_thread(_HASHER.hash, request.password)
                    await conn.execute("UPDATE account_credentials SET password_hash = %s, updated_at = now()"
                                       " WHERE student_id = %s", (new_hash, row["student_id"]))
                tokens = await self._tokens(conn, row["student_id"], row["role"])
        return pb.LoginResponse(tokens=tokens, student=records.student(row))

    async def Refresh(self, request, context):
        if not request.refresh_token:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "refresh_token missing")
        try:
            claims = auth.decode(self.rt.settings.jwt_secret, request.refresh_token, "refresh")
        except auth.AuthError as exc:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(exc))
        async with self.rt.pool.connection() as conn:
            async with conn.transaction():
                # Rotation: each refresh token works once; replaying a used one fails.
                cur = await conn.execute(
                    "UPDATE refresh_tokens SET revoked_at = now() WHERE token_id = %s AND revoked_at IS NULL"
                    " AND expires_at > now() RETURNING student_id", (claims["jti"],))
                if await cur.fetchone() is None:
                    await context.abort(grpc.StatusCode.UNAUTHENTICATED, "refresh token revoked or unknown")
                cur = await conn.execute("SELECT role, active FROM students WHERE student_id = %s", (claims["sub"],))
                row = await cur.fetchone()
                if row is None or not row["active"]:
                    await context.abort(grpc.StatusCode.PERMISSION_DENIED, "account is inactive")
                tokens = await self._tokens(conn, claims["sub"], row["role"])
        return pb.RefreshResponse(tokens=tokens)

    async def GetProfile(self, request, context):
        from server.access import readable_student

        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, auth.require_identity())
            target = await readable_student(conn, context, request.student_id)
            cur = await conn.execute("SELECT * FROM students WHERE student_id = %s", (target,))
            row = await cur.fetchone()
        if row is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such student")
        return pb.GetProfileResponse(student=records.student(row))

    async def UpdatePreferences(self, request, context):
        identity = auth.require_identity()
        sets, args = [], []
        if request.learning_style:
            sets.append("learning_style = %s")
            args.append(enums.to_db("LearningStyle", request.learning_style))
        if request.skill_level:
            sets.append("skill_level = %s")
            args.append(enums.to_db("SkillLevel", request.skill_level))
        if request.HasField("preferences"):
            sets.append("preferences = %s")
            args.append(Jsonb(MessageToDict(request.preferences)))
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            async with conn.transaction():
                if sets:
                    await conn.execute(f"UPDATE students SET {', '.join(sets)}, updated_at = now()"
                                       " WHERE student_id = %s", (*args, identity.student_id))
                cur = await conn.execute("SELECT * FROM students WHERE student_id = %s", (identity.student_id,))
                row = await cur.fetchone()
        return pb.UpdatePreferencesResponse(student=records.student(row))

    async def _class(self, conn, class_id: str) -> entities_pb2.ClassGroup | None:
        cur = await conn.execute("SELECT * FROM classes WHERE class_id = %s", (class_id,))
        row = await cur.fetchone()
        if row is None:
            return None
        cur = await conn.execute("SELECT student_id FROM class_members WHERE class_id = %s ORDER BY added_at",
                                 (class_id,))
        members = [r["student_id"] for r in await cur.fetchall()]
        return entities_pb2.ClassGroup(class_id=str(row["class_id"]), name=row["name"], teacher_id=row["teacher_id"],
                                       student_ids=members, created_at=records.ts(row["created_at"]))

    async def _require_teacher(self, context):
        identity = auth.require_identity()
        if not identity.is_teacher:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "only teachers manage classes")
        return identity

    async def CreateClass(self, request, context):
        identity = await self._require_teacher(context)
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            cur = await conn.execute("INSERT INTO classes (name, teacher_id) VALUES (%s, %s) RETURNING class_id",
                                     (request.name.strip(), identity.student_id))
            class_id = (await cur.fetchone())["class_id"]
            await conn.commit()
            return pb.CreateClassResponse(class_group=await self._class(conn, class_id))

    async def AddClassMember(self, request, context):
        identity = await self._require_teacher(context)
        async with self.rt.pool.connection() as conn:
            group = await self._class(conn, request.class_id)
            if group is None or group.teacher_id != identity.student_id:
                await context.abort(grpc.StatusCode.NOT_FOUND, "no such class of yours")
            cur = await conn.execute("SELECT student_id FROM students WHERE email = %s",
                                     (request.student_email.strip().lower(),))
            row = await cur.fetchone()
            if row is None:
                await context.abort(grpc.StatusCode.NOT_FOUND, "no account with that e-mail")
            await conn.execute("INSERT INTO class_members (class_id, student_id) VALUES (%s, %s)"
                               " ON CONFLICT DO NOTHING", (request.class_id, row["student_id"]))
            await conn.commit()
            return pb.AddClassMemberResponse(class_group=await self._class(conn, request.class_id))

    async def ListClasses(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute(
                "SELECT DISTINCT c.class_id, c.created_at FROM classes c LEFT JOIN class_members m USING (class_id)"
                " WHERE c.teacher_id = %s OR m.student_id = %s ORDER BY c.created_at",
                (identity.student_id, identity.student_id))
            ids = [r["class_id"] for r in await cur.fetchall()]
            groups = [await self._class(conn, class_id) for class_id in ids]
        if not identity.is_teacher:  # students see their classes, not classmates
            for group in groups:
                del group.student_ids[:]
        return pb.ListClassesResponse(classes=groups)


async def register(server, runtime) -> list[str]:
    pb_grpc.add_IdentityServiceServicer_to_server(IdentityServicer(runtime), server)
    return ["learnflow.v1.IdentityService"]
