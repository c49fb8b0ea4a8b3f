"""The verified-token cache: only verified tokens are remembered, and never past their exp."""
from __future__ import annotations

import time

import jwt
import pytest

from server import auth
from server.tokencache import VerifiedTokens

SECRET = "s" * 48


def meta(token: str):
    return [("authorization", f"Bearer {token}")]


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


def test_a_verified_token_is_served_from_the_cache_until_it_expires():
    clock = Clock()
    cache = VerifiedTokens(clock=clock)
    token, expires = auth.issue_access_token(SECRET, "student-1", "student", ttl_s=60)
    first = cache.identity(SECRET, meta(token))
    again = cache.identity(SECRET, meta(token))
    assert again is first and (cache.hits, cache.misses) == (1, 1)
    clock.now = expires  # at exp the entry is no longer served: the token is verified again
    cache.identity(SECRET, meta(token))
    assert cache.misses == 2


def test_an_expired_token_is_refused():
    expired = jwt.encode({"iss": "learnflow", "sub": "x", "role": "student", "iat": 1, "exp": 2, "typ": "access"},
                         SECRET)
    with pytest.raises(auth.AuthError, match="expired"):
        VerifiedTokens().identity(SECRET, meta(expired))


def test_bad_tokens_are_refused_every_time_and_never_cached():
    cache = VerifiedTokens()
    token, _ = auth.issue_access_token("another-secret-" * 4, "student-1", "student", ttl_s=60)
    for _ in range(2):
        with pytest.raises(auth.AuthError):
            cache.identity(SECRET, meta(token))
    assert len(cache) == 0
    good, _ = auth.issue_access_token(SECRET, "student-1", "student", ttl_s=60)
    cache.identity(SECRET, meta(good))
    with pytest.raises(auth.AuthError):  # same token, other key (rotation): verified again, refused
        cache.identity("rotated-secret-" * 4, meta(good))


def test_the_cache_is_bounded_least_recently_used_first():
    cache = VerifiedTokens(max_entries=2)
    tokens = [auth.issue_access_token(SECRET, f"student-{i}", "student", ttl_s=60)[0] for i in range(3)]
    cache.identity(SECRET, meta(tokens[0]))
    cache.identity(SECRET, meta(tokens[1]))
    cache.identity(SECRET, meta(tokens[0]))   # 0 is now the most recent
    cache.identity(SECRET, meta(tokens[2]))   # evicts 1
    assert len(cache) == 2
    misses = cache.misses
    cache.identity(SECRET, meta(tokens[0]))
    assert cache.misses == misses
    cache.identity(SECRET, meta(tokens[1]))
    assert cache.misses == misses + 1
