"""The `learnflow` CLI against the mesh: register/login once (token file mode 600), ask with code from a
file and from stdin, --json for scripts, a clear message when the mesh is down."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from tests.conftest import ROOT, new_email


def cli(args, env, stdin=None):
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_login_once_then_ask(mesh, tmp_path):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "LEARNFLOW_ADDRESS": mesh.envoy_address,
           "LEARNFLOW_PASSWORD": "cli-password-12"}
    email = new_email("cli")
    out = cli(["register", "--email", email, "--name", "Cli User"], env)
    assert out.returncode == 0, out.stderr
    creds = tmp_path / "learnflow" / "credentials.json"
    assert stat.S_IMODE(creds.stat().st_mode) == 0o600
    assert json.loads(creds.read_text())["email"] == email

    bug = tmp_path / "bug.py"
    bug.write_text("ages = {'ann': 31}\nprint(ages['bob'])\n")
    out = cli(["ask", "why does this fail?", "--code-file", str(bug)], env)
    assert out.returncode == 0, out.stderr
    assert "KeyError" in out.stdout and "debug agent" in out.stderr

    out = cli(["ask", "why does this fail?", "--json"], env, stdin="print(int('seven'))\n")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["response"]["metadata"]["error_type"] == "ValueError"
    assert answer["query"]["status"] == "QUERY_STATUS_COMPLETED"

    out = cli(["login", "--email", email], env)
    assert out.returncode == 0 and "logged in" in out.stdout


def test_clear_errors_when_down_or_logged_out(tmp_path):
    from localmesh.processes import free_port

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "LEARNFLOW_ADDRESS": f"127.0.0.1:{free_port()}"}
    out = cli(["--timeout", "2", "ask", "what is a list?"], env, stdin="")
    assert out.returncode == 3 and "make up" in out.stderr and "Traceback" not in out.stderr
