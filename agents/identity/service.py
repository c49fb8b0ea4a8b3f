"""IdentityService: accounts (argon2id password hashes), JWT access + refresh tokens, classes by consent.

Security model (README "Security model"): Register makes students only; teachers and admins are made
by an operator (`python -m agents.identity.admin`) or an admin (GrantRole), and the role in a token
is read from the database at Login/Refresh. Students join classes with the class's code or by
accepting an invitation; AddClassMember only invites, and answers the same whether or not the
e-mail has an account. Login failures slow down the (account, client address) pair exponentially;
they never lock the account. A rotated refresh token presented again revokes its whole family.
"""
from __future__ import annotations

import asyncio
import logging
import re
import secrets
import uuid
from datetime import datetime, timezone

import grpc
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from google.protobuf.json_format import MessageToDict
from google.protobuf.timestamp_pb2 import Timestamp
from learnflow.v1 import entities_pb2, enums_pb2, identity_service_pb2 as pb, identity_service_pb2_grpc as pb_grpc
from psycopg.types.json import Jsonb

from agents.identity import repository as repo
from db import records
from server import auth, enums, ratelimit
from server.access import require_active
from server.interceptors import invalid_argument_status, resource_exhausted_status
from server.validation import Violation

log = logging.getLogger("learnflow.identity")

_HASHER = PasswordHasher()  # argon2id, library defaults (memory-hard)
# A real hash to verify against when the e-mail is unknown, so timing does not reveal which accounts exist.
_DUMMY_HASH = _HASHER.hash("not-a-real-password-0")
# Join codes: 12 characters of a 32-letter alphabet without look-alikes (60 bits), e.g. K7QD-2MXA-9TPW.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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


def new_join_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def _stamp(epoch: int) -> Timestamp:
    out = Timestamp()
    out.FromSeconds(epoch)
    return out


class IdentityServicer(pb_grpc.IdentityServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime

    async def _tokens(self, conn, student_id: str, role: str, family_id: str | None = None) -> tuple[pb.TokenPair, str]:
        """A new access + refresh token pair; the refresh token joins `family_id` (a new family by default)."""
        s = self.rt.settings
        access, access_exp = auth.issue_access_token(s.jwt_secret, student_id, role, s.access_token_ttl_s)
        token_id = str(uuid.uuid4())
        refresh, refresh_exp = auth.issue_refresh_token(s.jwt_secret, student_id, token_id, s.refresh_token_ttl_s)
        await repo.insert_refresh_token(conn, token_id, student_id, family_id or token_id,
                                        datetime.fromtimestamp(refresh_exp, timezone.utc))
        return pb.TokenPair(access_token=access, access_expires_at=_stamp(access_exp), refresh_token=refresh,
                            refresh_expires_at=_stamp(refresh_exp), token_type="Bearer"), token_id

    async def Register(self, request, context):
        """Students only. An e-mail that already has an account gets exactly the answer a new one would
        (a student record with a fresh id) and nothing is written: the account's owner keeps it, and the
        caller learns nothing here. A real new user then logs in with the password they chose."""
        email = request.email.strip().lower()
        problems = []
        if request.role not in (enums_pb2.ROLE_UNSPECIFIED, enums_pb2.ROLE_STUDENT):
            problems.append(Violation("role", "must be ROLE_STUDENT or unset: teachers are made by an administrator"))
        weak = password_problems(request.password, email)
        if weak:
            problems.append(Violation("password", "must have " + ", ".join(weak)))
        if problems:
            await context.abort_with_status(invalid_argument_status(problems))
        password_hash = await asyncio.to_thread(_HASHER.hash, request.password)
        student_id = str(uuid.uuid4())
        fields = dict(student_id=student_id, name=request.name.strip(), email=email,
                      learning_style=enums.to_db("LearningStyle", request.learning_style) or "step-by-step",
                      skill_level=enums.to_db("SkillLevel", request.skill_level) or "beginner",
                      first_name=request.first_name or None, last_name=request.last_name or None)
        async with self.rt.pool.connection() as conn:
            async with conn.transaction():
                row = await repo.insert_account(conn, password_hash=password_hash, **fields)
        if row is None:  # taken: answer as for a new account, without touching the existing one
            now = datetime.now(timezone.utc)
            row = {**fields, "role": "student", "created_at": now, "updated_at": now, "preferences": {},
                   "active": True}
        return pb.RegisterResponse(student=records.student(row))

    async def Login(self, request, context):
        s = self.rt.settings
        email = request.email.strip().lower()
        address = auth.client_address(context.invocation_metadata(), context.peer(), s.trusted_proxy_hops)
        async with self.rt.pool.connection() as conn:
            wait = await ratelimit.login_wait(conn, email, address, s.login_attempts_per_window, s.login_window_s)
            row = None if wait else await repo.account_by_email(conn, email)
        if wait:
            await context.abort_with_status(resource_exhausted_status("too many failed logins from your address", wait))
        stored = row["password_hash"] if row else _DUMMY_HASH
        try:
            await asyncio.to_thread(_HASHER.verify, stored, request.password)
            valid = row is not None
        except (VerificationError, InvalidHashError):
            valid = False
        if not valid:
            async with self.rt.pool.connection() as conn:
                await ratelimit.login_failed(conn, email, address, s.login_window_s)
                await conn.commit()
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "wrong e-mail or password")
        if not row["active"]:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "account is inactive")
        async with self.rt.pool.connection() as conn:
            async with conn.transaction():
                await ratelimit.login_succeeded(conn, email, address)
                if _HASHER.check_needs_rehash(row["password_hash"]):
                    new_hash = await asyncio.to_thread(_HASHER.hash, request.password)
                    await repo.update_password_hash(conn, row["student_id"], new_hash)
                tokens, _ = await self._tokens(conn, row["student_id"], row["role"])
        return pb.LoginResponse(tokens=tokens, student=records.student(row))

    async def Refresh(self, request, context):
        if not request.refresh_token:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "refresh_token missing")
        try:
            claims = auth.decode(self.rt.settings.jwt_secret, request.refresh_token, "refresh")
            token_id = str(uuid.UUID(str(claims.get("jti"))))
        except (auth.AuthError, ValueError):
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "invalid token")
        outcome, tokens = "ok", None
        async with self.rt.pool.connection() as conn:
            async with conn.transaction():
                token = await repo.lock_refresh_token(conn, token_id)
                if token is None or token["student_id"] != claims["sub"]:
                    outcome = "unknown"
                elif token["revoked_at"] is not None:
                    # Rotation: each refresh token works once. A rotated one presented again means it was
                    # copied: end every session of that login (the family), the thief's and the owner's.
                    outcome = "reused" if token["replaced_by"] is not None else "revoked"
                    if outcome == "reused":
                        revoked = await repo.revoke_family(conn, str(token["family_id"]))
                        log.warning("refresh token reuse: family revoked",
                                    extra={"student_id": claims["sub"], "revoked": revoked})
                elif not token["live"]:
                    outcome = "expired"
                else:
                    student = await repo.student(conn, claims["sub"])
                    if student is None or not student["active"]:
                        outcome = "inactive"
                    else:
                        tokens, new_id = await self._tokens(conn, claims["sub"], student["role"],
                                                            family_id=str(token["family_id"]))
                        await repo.rotate_refresh_token(conn, token_id, new_id)
        if outcome == "inactive":
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "account is inactive")
        if outcome == "reused":
            await context.abort(grpc.StatusCode.UNAUTHENTICATED,
                                "refresh token already used: every session of this login was signed out")
        if outcome != "ok":
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, "refresh token revoked, expired or unknown")
        return pb.RefreshResponse(tokens=tokens)

    async def GetProfile(self, request, context):
        from server.access import readable_student

        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, auth.require_identity())
            target = await readable_student(conn, context, request.student_id)
            row = await repo.student(conn, target)
        if row is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such student")
        return pb.GetProfileResponse(student=records.student(row))

    async def UpdatePreferences(self, request, context):
        identity = auth.require_identity()
        changes = {}
        if request.learning_style:
            changes["learning_style"] = enums.to_db("LearningStyle", request.learning_style)
        if request.skill_level:
            changes["skill_level"] = enums.to_db("SkillLevel", request.skill_level)
        if request.HasField("preferences"):
            changes["preferences"] = Jsonb(MessageToDict(request.preferences))
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            async with conn.transaction():
                await repo.update_preferences(conn, identity.student_id, changes)
                row = await repo.student(conn, identity.student_id)
        return pb.UpdatePreferencesResponse(student=records.student(row))

    # --- classes ---------------------------------------------------------------------------------
    async def _class(self, conn, class_id: str, viewer: auth.Identity) -> entities_pb2.ClassGroup | None:
        row = await repo.class_row(conn, class_id)
        if row is None:
            return None
        group = entities_pb2.ClassGroup(class_id=str(row["class_id"]), name=row["name"], teacher_id=row["teacher_id"],
                                        created_at=records.ts(row["created_at"]))
        if row["teacher_id"] == viewer.student_id:  # classmates, the code and invitations: the teacher's only
            group.student_ids.extend(await repo.class_members(conn, class_id))
            group.join_code = row["join_code"]
            group.pending_invitations = int(row["pending"])
        return group

    async def _require_teacher(self, context) -> auth.Identity:
        identity = auth.require_identity()
        if not identity.is_teacher:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "only teachers manage classes")
        return identity

    async def _own_class(self, conn, context, identity, class_id: str) -> entities_pb2.ClassGroup:
        group = await self._class(conn, class_id, identity)
        if group is None or group.teacher_id != identity.student_id:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no such class of yours")
        return group

    async def CreateClass(self, request, context):
        identity = await self._require_teacher(context)
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            class_id = await repo.insert_class(conn, request.name.strip(), identity.student_id, new_join_code())
            await conn.commit()
            return pb.CreateClassResponse(class_group=await self._class(conn, class_id, identity))

    async def AddClassMember(self, request, context):
        """An invitation the student must accept; the answer is the same whether or not the e-mail exists."""
        identity = await self._require_teacher(context)
        async with self.rt.pool.connection() as conn:
            await self._own_class(conn, context, identity, request.class_id)
            await repo.invite(conn, request.class_id, request.student_email.strip().lower())
            await conn.commit()
            return pb.AddClassMemberResponse(class_group=await self._class(conn, request.class_id, identity))

    async def ListClasses(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            groups = [await self._class(conn, class_id, identity) for class_id in await repo.classes_of(
                conn, identity.student_id)]
        return pb.ListClassesResponse(classes=[g for g in groups if g is not None])

    async def JoinClass(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            found = await repo.class_by_code(conn, request.join_code.strip().upper())
            if found is None:
                await context.abort(grpc.StatusCode.NOT_FOUND, "no class with that code")
            await repo.add_member(conn, str(found["class_id"]), identity.student_id)
            await conn.commit()
            return pb.JoinClassResponse(class_group=await self._class(conn, str(found["class_id"]), identity))

    async def ListClassInvitations(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            me = await require_active(conn, context, identity)
            rows = await repo.invitations_for(conn, me["email"])
        return pb.ListClassInvitationsResponse(invitations=[pb.ClassInvitation(
            class_id=str(r["class_id"]), class_name=r["class_name"], teacher_name=r["teacher_name"],
            invited_at=records.ts(r["invited_at"])) for r in rows])

    async def AcceptClassInvitation(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            me = await require_active(conn, context, identity)
            async with conn.transaction():
                taken = await repo.take_invitation(conn, request.class_id, me["email"])
                if taken:
                    await repo.add_member(conn, request.class_id, identity.student_id)
            if not taken:
                await context.abort(grpc.StatusCode.NOT_FOUND, "no invitation to that class")
            return pb.AcceptClassInvitationResponse(class_group=await self._class(conn, request.class_id, identity))

    async def LeaveClass(self, request, context):
        """Ends the class teacher's access to the student's data at once (access is checked per call)."""
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            left = await repo.remove_member(conn, request.class_id, identity.student_id)
            await conn.commit()
        if not left:
            await context.abort(grpc.StatusCode.NOT_FOUND, "you are not a member of that class")
        return pb.LeaveClassResponse()

    async def GrantRole(self, request, context):
        identity = auth.require_identity()
        if not identity.is_admin:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "only administrators grant roles")
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            row = await repo.set_role(conn, request.email.strip().lower(), enums.to_db("Role", request.role))
            await conn.commit()
        if row is None:
            await context.abort(grpc.StatusCode.NOT_FOUND, "no account with that e-mail")
        log.info("role granted", extra={"by": identity.student_id, "student_id": row["student_id"],
                                        "role": row["role"]})
        return pb.GrantRoleResponse(student=records.student(row))


async def register(server, runtime) -> list[str]:
    pb_grpc.add_IdentityServiceServicer_to_server(IdentityServicer(runtime), server)
    return ["learnflow.v1.IdentityService"]
