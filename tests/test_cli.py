"""The installed `learnflow` command against the mesh: `pip install .` into a fresh virtual environment (offline:
no build isolation, dependencies from the project's venv), then the real command from outside the checkout —
register/login once (session file mode 600), answers rendered as Markdown, code and program input from files
and pipes, refresh on its own, exercises, submit with per-test results, progress, rate, clear errors."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import sysconfig
import time

import pytest

from tests.conftest import ROOT, new_email

PASSWORD = "cli-password-12"


@pytest.fixture(scope="module")
def learnflow_bin(tmp_path_factory):
    venv = tmp_path_factory.mktemp("cli-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies (grpcio, protobuf, rich, setuptools to build) come from the project's venv; a plain path
    # line, so that venv's own .pth files (which put the checkout on sys.path) are not read.
    (venv / purelib / "_project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                                "--no-build-isolation", "--no-deps", "--no-index", str(ROOT)],
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    where = subprocess.run([str(python), "-c", "import cli, learnflow.v1.triage_service_pb2 as t; "
                            "print(cli.__file__); print(t.__file__)"], cwd=venv, capture_output=True, text=True)
    assert where.returncode == 0, where.stderr
    assert all(line.startswith(str(venv)) for line in where.stdout.split()), where.stdout  # not the checkout
    return venv / "bin" / "learnflow"


@pytest.fixture
def run(learnflow_bin, mesh, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR", "NO_COLOR")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), LEARNFLOW_ADDRESS=mesh.envoy_address,
               LEARNFLOW_PASSWORD=PASSWORD, COLUMNS="120")

    def cli(*args, stdin: str | None = None, extra_env: dict | None = None):
        return subprocess.run([str(learnflow_bin), *args], cwd=tmp_path, env={**env, **(extra_env or {})},
                              input=stdin if stdin is not None else "", capture_output=True, text=True, timeout=120)

    cli.creds = tmp_path / "config" / "learnflow" / "credentials.json"
    cli.dir = tmp_path
    return cli


@pytest.fixture
def student(run):
    email = new_email("cli")
    out = run("register", "--email", email, "--name", "Cli User")
    assert out.returncode == 0, out.stderr
    run.email = email
    return run


def test_register_saves_a_private_session_and_login_works(student):
    assert stat.S_IMODE(student.creds.stat().st_mode) == 0o600
    saved = json.loads(student.creds.read_text())
    assert saved["email"] == student.email and saved["refresh_token"] and saved["access_expires_at"] > time.time()
    out = student("login", "--email", student.email)
    assert out.returncode == 0 and "logged in" in out.stdout


def test_ask_renders_markdown_and_raw_keeps_it(student):
    bug = student.dir / "bug.py"
    bug.write_text("ages = {'ann': 31}\nprint(ages['bob'])\n")
    raw = student("ask", "why does this fail?", "--code-file", str(bug), "--raw")
    assert raw.returncode == 0, raw.stderr
    assert "[debug agent" in raw.stderr and "KeyError" in raw.stdout
    assert "```" in raw.stdout or "**" in raw.stdout or "`" in raw.stdout  # the answer is Markdown
    rendered = student("ask", "why does this fail?", "--code-file", str(bug))
    assert rendered.returncode == 0, rendered.stderr
    assert "KeyError" in rendered.stdout
    assert "```" not in rendered.stdout and "**" not in rendered.stdout
    assert all(line == line.rstrip() for line in rendered.stdout.splitlines())  # piped: no padding to the width
    assert "ages.get('bob'" in rendered.stdout  # code blocks kept, as code
    coloured = student("ask", "why does this fail?", "--code-file", str(bug), extra_env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout  # styled for a terminal (headings, highlighted code)


def test_code_from_a_pipe_and_json_for_scripts(student):
    out = student("ask", "why does this fail?", "--json", stdin="print(int('seven'))\n")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["response"]["metadata"]["error_type"] == "ValueError"
    assert answer["query"]["status"] == "QUERY_STATUS_COMPLETED"
    follow = student("ask", "--continue", "how do I avoid this next time?", "--json")  # same session
    assert follow.returncode == 0, follow.stderr
    assert json.loads(follow.stdout)["query"]["session_id"] == answer["query"]["session_id"]


def test_program_input_from_a_file_or_a_pipe(student):
    prog = student.dir / "divide.py"
    prog.write_text("n = int(input())\nprint(10 / n)\n")
    zero = student.dir / "zero.txt"
    zero.write_text("0\n")
    from_file = student("ask", "why does this crash?", "--code-file", str(prog), "--stdin-file", str(zero), "--json")
    assert from_file.returncode == 0, from_file.stderr
    assert json.loads(from_file.stdout)["response"]["metadata"]["error_type"] == "ZeroDivisionError"
    piped = student("ask", "why does this crash?", "--code-file", str(prog), "--json", stdin="0\n")
    assert json.loads(piped.stdout)["response"]["metadata"]["error_type"] == "ZeroDivisionError"
    with_text = student("ask", "why does this crash?", "--code-file", str(prog), "--json", stdin="abc\n")
    assert json.loads(with_text.stdout)["response"]["metadata"]["error_type"] == "ValueError"


def test_session_refreshes_by_itself(student, mesh):
    from server import auth

    saved = json.loads(student.creds.read_text())
    claims = auth.decode(mesh.jwt_secret, saved["access_token"], "access")
    expired, when = auth.issue_access_token(mesh.jwt_secret, claims["sub"], claims["role"], ttl_s=-60)
    # 1. The recorded expiry has passed: refreshed before the call.
    student.creds.write_text(json.dumps({**saved, "access_token": expired, "access_expires_at": when}))
    out = student("progress", "--json")
    assert out.returncode == 0, out.stderr
    after = json.loads(student.creds.read_text())
    assert after["access_token"] != expired and after["refresh_token"] != saved["refresh_token"]  # rotated
    # 2. The server refuses a token the file thought valid: refreshed and retried once (a stream, too).
    student.creds.write_text(json.dumps({**after, "access_token": expired, "access_expires_at": time.time() + 900}))
    out = student("ask", "what is a tuple?", "--raw")
    assert out.returncode == 0, out.stderr
    assert "tuple" in out.stdout.lower()
    assert json.loads(student.creds.read_text())["access_token"] != expired
    # 3. A revoked or expired refresh token: a clear message to log in again.
    student.creds.write_text(json.dumps({**after, "access_token": expired, "access_expires_at": 0}))
    out = student("progress")
    assert out.returncode == 2 and "learnflow login" in out.stderr and "Traceback" not in out.stderr


def test_exercise_start_submit_progress_rate(student):
    listed = student("exercise", "list", "--topic", "conditionals", "--difficulty", "beginner", "--json")
    assert listed.returncode == 0, listed.stderr
    exercises = json.loads(listed.stdout)["exercises"]
    assert exercises and all(e["topic"] == "conditionals" and e["difficulty"] == "SKILL_LEVEL_BEGINNER"
                             for e in exercises)
    table = student("exercise", "list", "--topic", "conditionals", "--difficulty", "beginner")
    assert exercises[0]["exercise_id"] in table.stdout

    started = student("exercise", "start", "--topic", "conditionals", "--difficulty", "beginner", "--save", "mine.py")
    assert started.returncode == 0, started.stderr
    assert "learnflow submit" in started.stdout
    exercise_id = started.stdout.split("learnflow submit ")[1].split()[0]
    starter = (student.dir / "mine.py").read_text()
    shown = json.loads(student("exercise", "start", exercise_id, "--json").stdout)
    assert shown["starter_code"] == starter and shown["topic"] == "conditionals"

    wrong = student("submit", exercise_id, "mine.py")  # the untouched starter code fails its tests
    assert wrong.returncode == 1, wrong.stderr
    assert "FAIL" in wrong.stdout and "tests passed" in wrong.stdout

    bank = json.loads((ROOT / "agents" / "exercise" / "bank" / "conditionals.json").read_text())
    solution = next(e["solution_code"] for e in bank if e["slug"] == shown["slug"])
    (student.dir / "solution.py").write_text(solution)
    right = student("submit", exercise_id, "solution.py")
    assert right.returncode == 0, right.stdout + right.stderr
    passes = [line for line in right.stdout.splitlines() if line.startswith("PASS")]
    assert passes and "FAIL" not in right.stdout and "grade 100/100" in right.stdout

    hint = student("exercise", "hint")  # the exercise last started
    assert hint.returncode == 0 and "Hint 1/" in hint.stdout, hint.stderr

    progress = student("progress")
    assert progress.returncode == 0, progress.stderr
    assert "Mastery per topic" in progress.stdout and "conditionals" in progress.stdout

    asked = student("ask", "what is a dictionary?", "--raw")
    assert asked.returncode == 0, asked.stderr
    rated = student("rate", "5", "--comment", "clear")
    assert rated.returncode == 0 and "5/5" in rated.stdout, rated.stderr


def test_bad_input_names_the_field(run):
    out = run("register", "--email", "not-an-email", "--name", "X", extra_env={"LEARNFLOW_PASSWORD": "short"})
    assert out.returncode == 1
    assert "INVALID_ARGUMENT" in out.stderr and "  email:" in out.stderr and "  password:" in out.stderr
    assert "Traceback" not in out.stderr


def test_clear_errors_when_down_or_logged_out(learnflow_bin, tmp_path):
    from localmesh.processes import free_port

    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "LEARNFLOW_ADDRESS": f"127.0.0.1:{free_port()}"}
    out = subprocess.run([str(learnflow_bin), "--timeout", "2", "ask", "what is a list?"], env=env, input="",
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 3 and "make up" in out.stderr and "Traceback" not in out.stderr
