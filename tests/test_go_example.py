"""The Go example (examples/go, with the clients generated into generated/go by buf.gen.yaml) is built offline
from Go's module cache and run against the mesh through Envoy: Register, Login, Ask, AskStream, and the
google.rpc.Status details of a bad request (BadRequest) and of throttled logins (RetryInfo)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT, new_email

GO_EXAMPLE = ROOT / "examples" / "go"

pytestmark = pytest.mark.skipif(shutil.which("go") is None, reason="Go is not installed (the README lists it)")


@pytest.fixture(scope="module")
def go_binary(tmp_path_factory):
    binary = tmp_path_factory.mktemp("go-example") / "learnflow-example"
    # Offline and exact: modules only from the cache scripts/bootstrap.sh filled, go.sum as committed.
    env = {**os.environ, "GOPROXY": "off", "GOFLAGS": "-mod=readonly -buildvcs=false", "GOTOOLCHAIN": "local"}
    built = subprocess.run(["go", "build", "-o", str(binary), "."], cwd=GO_EXAMPLE, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    return binary


def test_go_client_registers_asks_streams_and_decodes_error_details(mesh, go_binary):
    out = subprocess.run([str(go_binary), "-retry-demo", mesh.envoy_address, new_email("go"), "go-password-1",
                          "Why does this fail?", "x = None\nprint(x.upper())\n"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("LOGGED IN ")
    # Unary Ask, then the streamed follow-up: routing first, the answer naming the real error, the final record.
    assert any(line.startswith("ASK AGENT_NAME_DEBUG QUERY_STATUS_COMPLETED") for line in lines), out.stdout
    assert any(line.startswith("ROUTED AGENT_NAME_DEBUG") for line in lines), out.stdout
    assert "AttributeError" in out.stdout
    assert any(line.startswith("FINAL ") and len(line.split()) >= 2 for line in lines)
    # The bad Register: INVALID_ARGUMENT with one BadRequest violation per bad field.
    assert any(line.startswith("BAD REQUEST InvalidArgument: invalid request") for line in lines), out.stdout
    violated = {line.split()[1].rstrip(":") for line in lines if line.startswith("VIOLATION ")}
    assert {"email", "password", "name"} <= violated, out.stdout
    # Throttled logins: RESOURCE_EXHAUSTED with RetryInfo decoded to a positive delay.
    assert any(line.startswith("THROTTLED after") and "ResourceExhausted" in line for line in lines), out.stdout
    retry = [line for line in lines if line.startswith("RETRY AFTER ")]
    assert retry and retry[0] != "RETRY AFTER 0s", out.stdout

