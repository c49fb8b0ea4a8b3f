"""Login throttling that cannot lock out the owner (issue 14, attack 5), through Envoy: failures slow down
the (account, client address) pair exponentially, with RetryInfo; an attacker hammering an account from
one address - even one claiming the owner's address in x-forwarded-for - never stops the owner logging
in from theirs."""
from __future__ import annotations

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from learnflow.v1 import identity_service_pb2, identity_service_pb2_grpc

from tests.conftest import PASSWORD
from tests.security.addresses import SourceAddressRelay

ATTACKER, OWNER = "127.0.0.2", "127.0.0.3"


@pytest.fixture
def from_address(mesh):
    relays = []

    def channel_from(source_ip: str) -> grpc.Channel:
        relay = SourceAddressRelay(("127.0.0.1", mesh.config.envoy_port), source_ip)
        relays.append(relay)
        channel = grpc.insecure_channel(relay.address)
        relays.append(channel)
        return channel

    yield channel_from
    for item in relays:
        item.close()


def _login(stub, email, password, metadata=()):
    try:
        stub.Login(identity_service_pb2.LoginRequest(email=email, password=password), metadata=metadata, timeout=20)
        return "OK", None
    except grpc.RpcError as exc:
        return exc.code().name, exc


def test_attacker_cannot_lock_out_the_owner(from_address, client, db):
    attacker = identity_service_pb2_grpc.IdentityServiceStub(from_address(ATTACKER))
    owner = identity_service_pb2_grpc.IdentityServiceStub(from_address(OWNER))
    codes, throttled = [], None
    for _ in range(12):  # free attempts, then each failure doubles the wait (2 s, 4 s, ...)
        # claiming to be the owner's address does not move the failures there: Envoy appends the real one
        code, exc = _login(attacker, client.email, "wrong-password-1", metadata=[("x-forwarded-for", OWNER)])
        codes.append(code)
        if code == "RESOURCE_EXHAUSTED":
            throttled = exc
            break
    assert codes[:5] == ["UNAUTHENTICATED"] * 5
    assert throttled is not None, codes
    retry = error_details_pb2.RetryInfo()
    assert any(d.Unpack(retry) for d in rpc_status.from_call(throttled).details)
    assert retry.retry_delay.seconds + retry.retry_delay.nanos > 0
    # the attacker's own address now waits, even with the right password ...
    assert _login(attacker, client.email, PASSWORD)[0] == "RESOURCE_EXHAUSTED"
    # ... while the owner, from their address, logs straight in
    assert _login(owner, client.email, PASSWORD)[0] == "OK"
    rows = db.execute("SELECT client_address, failures FROM login_failures WHERE email = %s",
                      (client.email,)).fetchall()
    assert {r["client_address"] for r in rows} == {ATTACKER}


def test_unknown_and_known_emails_get_the_same_answers(from_address, client):
    from tests.conftest import new_email

    stub = identity_service_pb2_grpc.IdentityServiceStub(from_address("127.0.0.4"))
    known = [_login(stub, client.email, "wrong-password-1") for _ in range(7)]
    unknown_email = new_email("ghost")
    unknown = [_login(stub, unknown_email, "wrong-password-1") for _ in range(7)]
    assert [c for c, _ in known] == [c for c, _ in unknown]
    assert {e.details() for c, e in known if c == "UNAUTHENTICATED"} == \
        {e.details() for c, e in unknown if c == "UNAUTHENTICATED"} == {"wrong e-mail or password"}
