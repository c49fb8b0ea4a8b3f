"""Verified access tokens, remembered until they expire, so a client's every call does not re-verify the
same JWT (PyJWT's decode was ~11 % of an agent's CPU under Echo load).

- Only tokens that verified are cached (a bad token is checked, and refused, every time).
- An entry lives until the token's own `exp`: an expired token is then verified again and refused.
- Bounded (least recently used out), keyed by the signing secret and the raw header, so a key rotation
  or a different token never reuses an entry.
- Revocation is unchanged: access tokens are not revocable by design (short TTL); what is revocable —
  an inactive or deleted account, a used or revoked refresh family — is checked where it was before, in
  the database by the handlers (`server.access.require_active`, identity's Refresh), never from here.
"""
from __future__ import annotations

import time
from collections import OrderedDict

import jwt

from server import auth

MAX_ENTRIES = 10_000


class VerifiedTokens:
    def __init__(self, max_entries: int = MAX_ENTRIES, clock=time.time):
        self.max_entries = max_entries
        self.clock = clock
        self._entries: OrderedDict[tuple[str, str], tuple[auth.Identity, float]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def identity(self, secret: str, metadata) -> auth.Identity:
        """auth.identity_from_metadata(), served from the cache while the token is unexpired."""
        header = next((value for key, value in metadata or () if key == "authorization"), None)
        return self.identity_from_header(secret, header)

    def identity_from_header(self, secret: str, header: str | None) -> auth.Identity:
        """identity() for the value of the call's (first) authorization header, None when it has none."""
        if header:
            key = (secret, header)
            entry = self._entries.get(key)
            if entry is not None:
                if self.clock() < entry[1]:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return entry[0]
                del self._entries[key]
        # Raises AuthError (never cached) for a missing, malformed, expired or foreign token.
        identity = auth.identity_from_metadata(secret, (("authorization", header),) if header else ())
        self.misses += 1
        expires = jwt.decode(identity.token, options={"verify_signature": False})["exp"]
        self._entries[(secret, header)] = (identity, float(expires))
        if len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return identity

    def __len__(self) -> int:
        return len(self._entries)
