"""The web app's sources type-check against the generated TypeScript (tsc, strict) and bundle (esbuild);
the page carries what a phone and a keyboard need."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

WEB = ROOT / "web"
pytestmark = pytest.mark.skipif(shutil.which("node") is None or not (WEB / "node_modules" / ".bin" / "tsc").exists(),
                                reason="node or web/node_modules missing (scripts/bootstrap.sh installs them)")


def test_sources_type_check_against_the_generated_clients():
    out = subprocess.run(["node", "node_modules/typescript/bin/tsc", "-p", "."], cwd=WEB, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:]


def test_bundle_builds_with_no_hand_written_codec():
    subprocess.run(["node", "build.mjs"], cwd=WEB, check=True, timeout=120)
    dist = WEB / "dist"
    assert {"index.html", "app.js", "app.css"} <= {p.name for p in dist.iterdir()}
    assert not (WEB / "grpcweb.js").exists()
    bundle = (dist / "app.js").read_text()
    # the generated descriptors (protobuf-es embeds each file's descriptor) and Connect-ES's gRPC-web transport
    generated = (ROOT / "generated" / "ts" / "learnflow" / "v1" / "triage_service_pb.ts").read_text()
    descriptor = re.search(r'fileDesc\("([^"]+)"', generated).group(1)
    assert descriptor in bundle and "application/grpc-web+proto" in bundle
    page = (dist / "index.html").read_text()
    assert 'name="viewport"' in page and 'lang="en"' in page
    assert "[hidden] { display: none !important; }" in (WEB / "src" / "styles.css").read_text()
