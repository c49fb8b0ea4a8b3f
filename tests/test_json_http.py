"""JSON over HTTP through the real Envoy with real curl (envoy/json_http.py: the gRPC-JSON transcoder with
auto mapping): POST /<package.Service>/<Method> with a JSON body, on the same port as gRPC."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import PASSWORD, new_email

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


def curl(mesh, method: str, body: dict | str, token: str | None = None, stream: bool = False):
    """(HTTP status, content-type, body text) of a real curl POST through Envoy."""
    args = ["curl", "-sS", "--http1.1", "-X", "POST", "-H", "content-type: application/json",
            "--data-binary", body if isinstance(body, str) else json.dumps(body),
            "-w", "\n%{http_code} %{content_type}", f"http://{mesh.envoy_address}/{method}"]
    if token:
        args[1:1] = ["-H", f"authorization: Bearer {token}"]
    if stream:
        args.insert(1, "-N")
    out = subprocess.run(args, capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr
    text, _, tail = out.stdout.rpartition("\n")
    code, _, content_type = tail.partition(" ")
    return int(code), content_type, text


@pytest.fixture(scope="module")
def account(mesh):
    email = new_email("json")
    code, _, text = curl(mesh, "learnflow.v1.IdentityService/Register",
                         {"email": email, "password": PASSWORD, "name": "Json User"})
    assert code == 200, text
    assert json.loads(text)["student"]["email"] == email
    # Requests accept proto field names and lowerCamelCase alike; responses use lowerCamelCase.
    code, _, text = curl(mesh, "learnflow.v1.IdentityService/Login", {"email": email, "password": PASSWORD})
    assert code == 200, text
    login = json.loads(text)
    assert login["tokens"]["tokenType"].lower() == "bearer"
    return {"email": email, "token": login["tokens"]["accessToken"], "student_id": login["student"]["studentId"]}


def test_register_and_login_with_curl(account):
    assert account["token"].count(".") == 2  # a JWT
    assert account["student_id"]


def test_ask_unary_as_json(mesh, account):
    code, content_type, text = curl(mesh, "learnflow.v1.TriageService/Ask", {
        "query_text": "Why does this fail?", "codeSnippet": "d = {}\nprint(d['x'])\n",
        "language": "CODE_LANGUAGE_PYTHON"}, token=account["token"])
    assert code == 200, text
    assert content_type.startswith("application/json")
    answer = json.loads(text)
    assert answer["routing"]["routedToAgent"] == "AGENT_NAME_DEBUG"
    assert answer["query"]["status"] == "QUERY_STATUS_COMPLETED"
    assert "KeyError" in answer["response"]["responseText"]


def test_ask_stream_as_newline_delimited_json(mesh, account):
    code, _, text = curl(mesh, "learnflow.v1.TriageService/AskStream", {
        "queryText": "Why does this fail?", "codeSnippet": "n = int('seven')\n", "language": "CODE_LANGUAGE_PYTHON"},
        token=account["token"], stream=True)
    assert code == 200, text
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert len(events) >= 3, text
    assert "routing" in events[0] and events[0]["routing"]["routedToAgent"] == "AGENT_NAME_DEBUG"
    chunks = "".join(e.get("textChunk", "") for e in events[1:-1])
    assert "ValueError" in chunks
    final = events[-1]["final"]
    assert final["query"]["queryId"] == events[0]["routing"]["queryId"]
    assert final["response"]["responseText"] == chunks


def test_bad_request_shows_the_field_and_its_details(mesh):
    code, content_type, text = curl(mesh, "learnflow.v1.IdentityService/Register",
                                    {"email": "not-an-email", "password": "short", "name": "X"})
    assert code == 400, text
    assert content_type.startswith("application/json")
    status = json.loads(text)
    assert status["code"] == 3  # INVALID_ARGUMENT, as google.rpc.Status
    assert "email" in status["message"] and "password" in status["message"]
    bad = [d for d in status["details"] if d["@type"] == "type.googleapis.com/google.rpc.BadRequest"]
    fields = {v["field"] for v in bad[0]["fieldViolations"]}
    assert {"email", "password"} <= fields


def test_malformed_json_is_a_400_from_the_edge(mesh):
    code, _, text = curl(mesh, "learnflow.v1.IdentityService/Login", '{"email": ')
    assert code == 400, text


def test_missing_or_bad_token_is_401(mesh):
    code, _, text = curl(mesh, "learnflow.v1.ProgressService/GetProgress", {})
    assert code == 401, text
    status = json.loads(text)
    assert status["code"] == 16 and "authorization" in status["message"]
    code, _, text = curl(mesh, "learnflow.v1.TriageService/AskStream", {"queryText": "hi"}, token="not-a-token",
                         stream=True)
    assert code == 401, text
    assert json.loads(text)["code"] == 16


def test_authorised_read_after_json_calls(mesh, account):
    code, _, text = curl(mesh, "learnflow.v1.ProgressService/GetProgress", {}, token=account["token"])
    assert code == 200, text
    progress = json.loads(text)["progress"]
    assert progress["studentId"] == account["student_id"]


def readme_block(heading: str) -> str:
    """The first ```sh block under a README heading (the documented commands, run as written)."""
    from tests.conftest import ROOT

    text = (ROOT / "README.md").read_text()
    section = text[text.index(heading):]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def run_readme_block(mesh, heading: str, tmp_path) -> subprocess.CompletedProcess:
    import os

    script = readme_block(heading).replace("127.0.0.1:8080", mesh.envoy_address).replace(
        "me@example.org", new_email("readme"))
    env = {**os.environ, "PATH": f"{os.path.expanduser('~/.cache/learnflow/bin')}:{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_readme_curl_session_works_as_written(mesh, tmp_path):
    out = run_readme_block(mesh, "### JSON over HTTP (curl)", tmp_path)
    assert '"student":' in out.stdout, out.stdout + out.stderr          # Register
    assert "KeyError" in out.stdout                                      # Ask, the token from the jq one-liner
    assert "generator" in out.stdout.lower()                             # AskStream's chunks through jq
    assert '"fieldViolations"' in out.stdout and "HTTP 400" in out.stdout
    assert '"code":16' in out.stdout and "HTTP 401" in out.stdout
