"""A real browser (headless Debian Chromium, via playwright-core) uses the page in web/ from another
origin: CORS preflight, the token as `authorization` metadata over gRPC-web, the answer streamed in."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

from tests.conftest import PASSWORD, ROOT

WEB = ROOT / "web"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def page_server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(WEB))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(not os.path.exists(CHROMIUM) or shutil.which("node") is None
                    or not (WEB / "node_modules" / "playwright-core").exists(),
                    reason="Chromium, node or playwright-core missing (scripts/bootstrap.sh installs them)")
def test_student_asks_from_the_browser(mesh, client, page_server, tmp_path):
    # the page (one origin) talks to Envoy (another origin): a real cross-origin gRPC-web call
    url = f"{page_server}/index.html?envoy=http://{mesh.envoy_address}"
    shot = tmp_path / "browser.png"
    out = subprocess.run(["node", "e2e.mjs", url, client.email, PASSWORD, "Why does my code crash?",
                          "arr = [1, 2, 3]\nprint(arr[5])\n", str(shot)],
                         cwd=WEB, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert not seen["errors"]
    assert seen["routing"].startswith("Routed to the debug agent")
    assert "IndexError" in seen["answer"]
    assert seen["done"].startswith("Answered in") and shot.stat().st_size > 10_000
