"""Programs in other languages call the mesh through Envoy with nothing but the .proto contracts."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT, new_email

NODE_EXAMPLE = ROOT / "examples" / "node"


@pytest.mark.skipif(shutil.which("node") is None or not (NODE_EXAMPLE / "node_modules" / "@grpc").exists(),
                    reason="node or the example's packages are missing (scripts/bootstrap.sh installs them)")
def test_node_client_streams_an_answer(mesh):
    out = subprocess.run(["node", "ask.mjs", mesh.envoy_address, new_email("node"), "node-password-1",
                          "Why does this fail?", "x = None\nprint(x.upper())\n"],
                         cwd=NODE_EXAMPLE, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "ROUTED AGENT_NAME_DEBUG" in out.stdout
    assert "AttributeError" in out.stdout and "FINAL " in out.stdout
