"""Access tokens (signed JWTs) and the identity of the caller of the current RPC.

The identity always comes from a verified token, never from a request field. Agents calling each
other forward the caller's token, so a specialist acts for exactly the student who asked.
"""
from __future__ import annotations

import contextvars
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass

import jwt

ISSUER = "learnflow"
ROLES = ("student", "teacher", "admin")
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
    role: str          # "student" | "teacher" | "admin"
    token: str         # the raw access token, forwarded on calls to other agents

    @property
    def is_teacher(self) -> bool:
        return self.role == "teacher"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


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
    if role not in ROLES:
        raise AuthError("token has no valid role")
    return Identity(student_id=claims["sub"], role=role, token=token.strip())


def require_identity() -> Identity:
    identity = current_identity.get()
    if identity is None:  # only reachable if a handler runs outside the guard interceptor
        raise AuthError("no authenticated caller")
    return identity


# --- the internal channel between agents -------------------------------------------------------
# An agent calling another marks the call as internal (so e.g. a debug run that triage already counted
# against the student's limits is not counted twice). The mark is honoured only with a valid HMAC of
# the method and a timestamp under LEARNFLOW_INTERNAL_SECRET, so a client sending the header is a client.
CALLER_HEADER = "x-learnflow-caller"
SIGNATURE_HEADER = "x-learnflow-internal"
INTERNAL_SKEW_S = 60


def _mac(secret: str, method: str, stamp: str, caller: str) -> str:
    return hmac.new(secret.encode(), f"{method}\n{stamp}\n{caller}".encode(), hashlib.sha256).hexdigest()


def internal_metadata(secret: str, method: str, caller: str, now: float | None = None) -> list[tuple[str, str]]:
    if not secret:
        return []
    stamp = str(int(time.time() if now is None else now))
    return [(CALLER_HEADER, caller), (SIGNATURE_HEADER, f"{stamp}.{_mac(secret, method, stamp, caller)}")]


def verify_internal(secret: str, method: str, metadata, now: float | None = None) -> bool:
    """True only for a call signed with the internal secret for this very method, within the allowed skew."""
    if not secret:
        return False
    caller = signature = None
    for key, value in metadata or ():
        if key == CALLER_HEADER:
            caller = value
        elif key == SIGNATURE_HEADER:
            signature = value
    if not caller or not signature or not isinstance(signature, str):
        return False
    stamp, _, mac = signature.partition(".")
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        return False
    if abs((time.time() if now is None else now) - int(stamp)) > INTERNAL_SKEW_S:
        return False
    return hmac.compare_digest(mac.encode(), _mac(secret, method, stamp, caller).encode())


def client_address(metadata, peer: str | None, trusted_hops: int) -> str:
    """The real client: the address `trusted_hops` proxies (Envoy = 1) saw, from x-forwarded-for.

    Each trusted proxy appends the address it received the connection from, so the client is the
    trusted_hops-th entry from the right; anything further left was written by the client itself.
    """
    forwarded = None
    for key, value in metadata or ():
        if key == "x-forwarded-for":
            forwarded = value if forwarded is None else f"{forwarded},{value}"
    if trusted_hops > 0 and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= trusted_hops:
            return hops[-trusted_hops][:64]
    raw = peer or "unknown"
    # grpc peers look like ipv4:127.0.0.1:5555 or ipv6:[::1]:5555
    raw = raw.split(":", 1)[1] if raw.startswith(("ipv4:", "ipv6:")) else raw
    return raw.rsplit(":", 1)[0].strip("[]")[:64]
