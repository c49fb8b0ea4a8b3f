"""Refresh-token reuse (issue 14, item 9), through Envoy: presenting a rotated refresh token again means it
was copied - the whole family (every token rotated from the same login) is revoked, the thief's and the
owner's; other logins of the same account are untouched."""
from __future__ import annotations

import grpc
import pytest
from learnflow.v1 import identity_service_pb2 as ipb

from tests.conftest import PASSWORD


def _refresh(client, token):
    return client.identity.Refresh(ipb.RefreshRequest(refresh_token=token), timeout=10).tokens


def test_reuse_of_a_rotated_token_revokes_the_family(client, db):
    first = client.login(client.email, PASSWORD).tokens.refresh_token
    other_login = client.login(client.email, PASSWORD).tokens.refresh_token  # a second device
    second = _refresh(client, first).refresh_token          # the owner rotates
    with pytest.raises(grpc.RpcError) as err:               # a thief replays the copied first token
        _refresh(client, first)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "signed out" in err.value.details()
    with pytest.raises(grpc.RpcError) as err:               # the family is gone: the rotated token too
        _refresh(client, second)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _refresh(client, other_login).refresh_token      # the other login's family is untouched
    live = db.execute("SELECT count(*) AS n FROM refresh_tokens WHERE student_id = %s AND revoked_at IS NULL",
                      (client.student_id,)).fetchone()["n"]
    assert live == 2  # the client fixture's own login and the other device's rotated token


def test_garbage_refresh_tokens_are_unauthenticated(client):
    for token in ("x", "a.b.c", client.token):
        with pytest.raises(grpc.RpcError) as err:
            _refresh(client, token)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
