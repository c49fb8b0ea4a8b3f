"""Access tokens (signed JWTs) and the identity of the caller of the current RPC.

The identity always comes from a verified token, never from a request field. Agents calling each
other forward the caller's token, so a specialist acts for exactly the student who asked.
"""
from __future__ import annotations

import contextvars
import time
import uuid
from dataclasses import dataclass

import jwt

ISSUER = "learnflow"
ALGORITHM = "HS256"

# Methods callable without a token. Refresh authenticates with the refresh token in its body.
OPEN_METHODS = frozenset({
    "/learnflow.v1.IdentityService/Register",
    "/learnflow.v1.IdentityService/Login",
    "/learnflow.v1.IdentityService/Refresh",
})


@dataclass(frozen=True)
class Identity:
    student_id: str
    role: str          # "student" | "teacher"
    token: str         # the raw access token, forwarded on calls to other agents

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"


class AuthError(Exception):
    """The token is missing, malformed, expired or signed with another key."""


current_identity: contextvars.ContextVar[Identity | None] = contextvars.ContextVar("current_identity", default=None)


def issue_access_token(secret: str, student_id: str, role: str, ttl_s: int) -> tuple[str, int]:
    now = int(time.time())
    expires = now + ttl_s
    claims = {"iss": ISSUER, "sub": student_id, "role": role, "iat": now, "exp": expires,
              "jti": str(uuid.uuid4()), "typ": "access"}
    return jwt.encode(claims, secret, algorithm=ALGORITHM), expires


def issue_refresh_token(secret: str, student_id: str, token_id: str, ttl_s: int) -> tuple[str, int]:
    now = int(time.time())
    expires = now + ttl_s
    claims = {"iss": ISSUER, "sub": student_id, "iat": now, "exp": expires, "jti": token_id, "typ": "refresh"}
    return jwt.encode(claims, secret, algorithm=ALGORITHM), expires


def decode(secret: str, token: str, expected_type: str) -> dict:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub", "iss"]})
    except jwt.ExpiredSignatureError as exc:
        raise AuthError("token expired") from exc
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    if claims.get("typ") != expected_type:
        raise AuthError(f"not an {expected_type} token")
    return claims


def identity_from_metadata(secret: str, metadata) -> Identity:
    header = None
    for key, value in metadata or ():
        if key == "authorization":
            header = value
            break
    if not header:
        raise AuthError("missing authorization metadata (expected 'Bearer <access token>')")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("authorization metadata must be 'Bearer <access token>'")
    claims = decode(secret, token.strip(), "access")
    role = claims.get("role")
    if role not in ("student", "teacher"):
        raise AuthError("token has no valid role")
    return Identity(student_id=claims["sub"], role=role, token=token.strip())


def require_identity() -> Identity:
    identity = current_identity.get()
    if identity is None:  # only reachable if a handler runs outside the guard interceptor
        raise AuthError("no authenticated caller")
    return identity
