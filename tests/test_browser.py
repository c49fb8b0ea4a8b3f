"""The web app in a real browser (headless Debian Chromium driven by playwright-core, web/e2e.mjs), served by
localmesh/webserver.py from another origin than Envoy: a student signs up, asks (streamed Markdown), asks a
follow-up, runs a program with stdin, rates, joins a class, practises an exercise (hint, per-test results)
and reads the progress charts; the teacher sees the class, a live struggle alert and the student's progress.
Screenshots go to .run/screenshots/; every page is checked through its DOM."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from learnflow.v1 import enums_pb2, exercise_service_pb2 as ex, identity_service_pb2 as idp

from localmesh import processes
from tests.conftest import PASSWORD, ROOT, new_email

WEB = ROOT / "web"
SHOTS = ROOT / ".run" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) or shutil.which("node") is None
    or not (WEB / "node_modules" / "playwright-core").exists(),
    reason="Chromium, node or web/node_modules missing (scripts/bootstrap.sh installs them)")


@pytest.fixture(scope="module")
def web_url(mesh, tmp_path_factory):
    """The current sources bundled, served by the web server on a free port (a different origin from Envoy)."""
    subprocess.run(["node", "build.mjs"], cwd=WEB, check=True, timeout=120)
    port = processes.free_port()
    run_dir = tmp_path_factory.mktemp("web")
    proc = processes.start("web", [sys.executable, "-m", "localmesh.webserver", "--port", str(port),
                                   "--envoy-port", str(mesh.config.envoy_port)], run_dir, env=mesh.env(), cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "config.json", timeout=1) as reply:
                assert json.load(reply)["envoy"] == f"http://127.0.0.1:{mesh.config.envoy_port}"
            break
        except OSError:
            assert processes.alive(proc.pid), processes.tail(proc.log)
            time.sleep(0.05)
    yield url
    processes.stop_pid(proc.pid)


def test_web_server_serves_the_app_and_its_config(web_url):
    with urllib.request.urlopen(web_url) as reply:
        page = reply.read().decode()
        assert reply.headers["Cache-Control"] == "no-store"
    assert 'name="viewport"' in page and 'src="app.js"' in page
    with urllib.request.urlopen(web_url + "app.js") as reply:
        assert reply.headers["Content-Type"].endswith("javascript") and len(reply.read()) > 100_000


def test_student_and_teacher_walk_through_the_web_app(mesh, make_client, web_url, tmp_path):
    teacher = make_client(role="teacher", name="Tess Teacher")
    group = teacher.identity.CreateClass(idp.CreateClassRequest(name="Python 101"), metadata=teacher.metadata).class_group
    exercises = teacher.exercise.ListExercises(ex.ListExercisesRequest(
        topic="dictionaries", difficulty=enums_pb2.SKILL_LEVEL_BEGINNER), metadata=teacher.metadata).exercises
    exercise = exercises[0]
    scenario = {
        "url": web_url, "screenshots": str(SHOTS), "timeout_ms": 120_000,
        "teacher": {"email": teacher.email, "password": PASSWORD},
        "student": {"email": new_email("web"), "password": PASSWORD, "name": "Sam Student"},
        "joinCode": group.join_code, "className": group.name,
        "questions": {
            "concept": "What is a for loop in Python? Show me an example.",
            "followUp": "Can you show another example?",
            "stdin": {"question": "Why does my program crash when I type 0?",
                      "code": "n = int(input())\nprint(100 / n)\n", "stdin": "0\n"},
        },
        "exercise": {"id": exercise.exercise_id, "topic": exercise.topic, "difficulty": int(exercise.difficulty),
                     "solution": exercise.solution_code,
                     "wrong": ["pass\n", "x = 1\n", "print('not yet')\n"]},
    }
    for old in SHOTS.glob("*.png") if SHOTS.exists() else ():   # only this run's pictures remain
        old.unlink()
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario))
    out = subprocess.run(["node", "e2e.mjs", str(path)], cwd=WEB, capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-4000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    pages = seen["pages"]
    assert not seen["errors"], seen["errors"]
    assert not seen["unlabelled"], seen["unlabelled"]   # every control on every page has a label

    # before login only the login form exists; a wrong password is a sentence, not a status number
    assert pages["login"]["askFormPresent"] == 0 and pages["login"]["viewport"] == 1
    assert "don't match" in pages["login"]["error"] and not any(ch.isdigit() for ch in pages["login"]["error"])
    assert "10 characters" in pages["signup"]["rule"] and "digit" in pages["signup"]["rule"]
    assert pages["signup"]["weakError"].startswith("Please check the password")
    # a reload keeps the student signed in
    assert pages["reload"]["who"] == "Sam Student" and not pages["reload"]["newConversationVisible"]
    assert pages["reload"]["refreshed"]                  # the refresh token renewed an expiring access token
    assert pages["login"]["tabGoesTo"] == "login-password"

    ask = pages["ask"]
    first = ask["first"]
    assert first["routing"] == "Answered by the concepts tutor"
    assert first["headings"] >= 1 and first["codeBlocks"] >= 1 and first["highlighted"] >= 1
    assert "monospace" in first["codeFont"] and not ask["rawStars"] and first["rating"] == 5
    assert ask["followUp"]["text"] and ask["followUpLabel"] == "Ask a follow-up" and ask["newConversationVisible"]
    assert ask["followUp"]["text"] != first["text"]
    assert "ZeroDivisionError" in ask["stdin"]["text"]
    assert ask["rated"] == "Thanks! You rated this 4 out of 5."

    assert pages["phone"]["scrollWidth"] <= pages["phone"]["width"]
    assert pages["phone"]["askScrollWidth"] <= pages["phone"]["width"]
    assert "Python 101" in pages["classes"]["list"]

    teacher_page = pages["teacher"]
    assert teacher_page["live"] == "Live: watching 1 student." and "Python 101" in teacher_page["classes"]
    assert teacher_page["members"] == 1 and group.join_code in teacher_page["classes"]

    assert pages["exercises"]["cards"] >= 1
    ex_page = pages["exercise"]
    assert ex_page["hints"] == 1 and "1 of" in ex_page["hintButton"]
    *wrong, right = ex_page["submissions"]
    total = right["passed"]
    assert total >= 3 and right["failed"] == 0 and f"{total} of {total} tests passed" in right["summary"]
    assert all(w["failed"] == total and w["passed"] == 0 and f"0 of {total}" in w["summary"] for w in wrong)

    assert "Sam Student" in teacher_page["alert"] and "struggling with Dictionaries" in teacher_page["alert"]
    assert "Sam Student" in teacher_page["masteryAlert"] and "Dictionaries" in teacher_page["masteryAlert"]
    assert pages["teacherStudent"]["heading"] == "Sam Student's progress" and pages["teacherStudent"]["charts"] >= 3

    progress = pages["progress"]
    assert int(progress["streak"]) >= 1 and progress["lineChart"] >= 1 and progress["barChart"] >= 1
    assert progress["activity"] >= 1 and "Dictionaries" in progress["struggles"] and "Dictionaries" in progress["legend"]

    names = {os.path.basename(p) for p in seen["screenshots"]}
    assert len(names) == 11 and all(os.path.getsize(p) > 10_000 for p in seen["screenshots"])
