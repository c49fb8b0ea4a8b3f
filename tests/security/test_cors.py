"""CORS allow-list (issue 14, item 9): Envoy answers a preflight only for allowed origins (default: localhost
and 127.0.0.1 on any port; LEARNFLOW_CORS_ORIGINS otherwise) and never reflects another origin."""
from __future__ import annotations

import sys
import urllib.request

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "envoy"))
from render_config import cors_origins  # noqa: E402


def _preflight(mesh, origin: str) -> str | None:
    request = urllib.request.Request(
        f"http://{mesh.envoy_address}/learnflow.v1.TriageService/Ask", method="OPTIONS",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,x-grpc-web"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.headers.get("access-control-allow-origin")


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:8000", "https://localhost"])
def test_local_origins_are_allowed(mesh, origin):
    assert _preflight(mesh, origin) == origin


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost.evil.example",
                                    "http://127.0.0.1.evil.example:80", "null", "http://evil.example/localhost"])
def test_other_origins_are_not_reflected(mesh, origin):
    assert _preflight(mesh, origin) in (None, "")


def test_configured_origins_are_exact():
    assert cors_origins("https://school.example, http://lab.example:8080/") == [
        {"exact": "https://school.example"}, {"exact": "http://lab.example:8080"}]
    with pytest.raises(SystemExit):
        cors_origins("*")
