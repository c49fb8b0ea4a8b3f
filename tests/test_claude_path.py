"""The Claude path with the real anthropic SDK against a local Messages-API server: normal, streamed,
429/529 with retries, malformed, slow and cut-off answers — the student always gets an answer."""
from __future__ import annotations

import pytest
from learnflow.v1 import common_pb2, concepts_service_pb2, concepts_service_pb2_grpc, enums_pb2

from localmesh.processes import stop_pid
from tests.conftest import spawn_agent
from tests.fake_anthropic import MODEL, FakeAnthropic


def _claude_env(fake: FakeAnthropic, **extra) -> dict:
    return {"ANTHROPIC_API_KEY": "test-key", "ANTHROPIC_BASE_URL": fake.base_url, **extra}


@pytest.fixture(scope="module")
def claude(mesh):
    fake = FakeAnthropic().start()
    channel, pid = spawn_agent(mesh, "concepts", **_claude_env(fake, LEARNFLOW_CLAUDE_TIMEOUT_S=1.5,
                                                               LEARNFLOW_CLAUDE_MAX_RETRIES=2))
    yield fake, concepts_service_pb2_grpc.ConceptsServiceStub(channel)
    channel.close()
    stop_pid(pid)
    fake.stop()


def explain(stub, client, question):
    request = concepts_service_pb2.ExplainStreamRequest(
        context=common_pb2.TutorContext(skill_level=enums_pb2.SKILL_LEVEL_BEGINNER), question=question)
    events = list(stub.ExplainStream(request, metadata=client.metadata, timeout=30))
    chunks = [e.event.chunk.text for e in events if e.event.HasField("chunk")]
    final = [e.event.final for e in events if e.event.HasField("final")][0]
    return chunks, final


def test_streams_model_answer_grounded_in_the_knowledge_base(claude, client):
    fake, stub = claude
    fake.modes[:] = ["ok"]
    chunks, final = explain(stub, client, "What is a list? (model test 1)")
    assert len(chunks) > 3  # streamed word by word as the model produced it
    assert final.response_text == "".join(chunks) and final.response_text.startswith("Claude says")
    assert final.claude_model == MODEL and final.token_count > 0 and final.ai_provider == "anthropic"
    prompt = fake.requests[-1]["body"]["messages"][0]["content"]
    assert "Reference explanation" in prompt and "list" in prompt.lower()
    headers = fake.requests[-1]["headers"]
    assert "test-key" in headers.get("x-api-key", "") + headers.get("authorization", "")


@pytest.mark.parametrize("modes,expect_model", [
    (["429", "ok"], True),          # retried with backoff, then answered
    (["529", "ok"], True),
    (["529", "529", "529"], False),  # still overloaded after the retries: offline answer
    (["malformed"], False),
    (["slow", "slow", "slow"], False),
    (["cut"], False),
])
def test_model_failures_fall_back_to_the_offline_engine(claude, client, modes, expect_model):
    fake, stub = claude
    fake.modes[:] = list(modes)
    chunks, final = explain(stub, client, f"Explain tuples please ({'-'.join(modes)})")
    assert len(final.response_text) >= 10
    if expect_model:
        assert final.claude_model == MODEL
    else:
        assert final.claude_model.startswith("offline-") and final.token_count == 0
        assert "tuple" in final.response_text.lower()


GOOD_EXERCISE = {
    "title": "Shout it", "problem_text": "Write shout(word) that returns the word in upper case followed by '!'. "
                                        "Example: shout('hi') returns 'HI!'.",
    "starter_code": "def shout(word):\n    \"\"\"Return WORD!\"\"\"\n    pass\n",
    "solution_code": "def shout(word):\n    return word.upper() + '!'\n",
    "tests": [{"id": "t1", "kind": "call", "call": "shout('hi')", "expected": "'HI!'"},
              {"id": "t2", "kind": "call", "call": "shout('')", "expected": "'!'"},
              {"id": "t3", "kind": "call", "call": "shout('Ab')", "expected": "'AB!'"},
              {"id": "t4", "kind": "stdout", "call": "print(shout('x'))", "expected": "X!\n"}],
    "hints": ["Strings have methods", "Look at str.upper()", "Then add '!' with +"], "tags": ["strings"]}


@pytest.fixture(scope="module")
def claude_exercise(mesh):
    from learnflow.v1 import exercise_service_pb2_grpc

    fake = FakeAnthropic().start()
    channel, pid = spawn_agent(mesh, "exercise", **_claude_env(fake, LEARNFLOW_CLAUDE_TIMEOUT_S=2,
                                                               LEARNFLOW_CLAUDE_MAX_RETRIES=0))
    yield fake, exercise_service_pb2_grpc.ExerciseServiceStub(channel)
    channel.close()
    stop_pid(pid)
    fake.stop()


def test_model_written_exercise_is_saved_only_after_it_verifies(claude_exercise, client, db):
    import json

    from learnflow.v1 import exercise_service_pb2 as ex

    fake, stub = claude_exercise
    broken = dict(GOOD_EXERCISE, title="Broken shout", solution_code="def shout(word):\n    return word + '!'\n")
    fake.answer = json.dumps(broken)
    reply = stub.GenerateExercise(ex.GenerateExerciseRequest(context=common_pb2.TutorContext(), topic="decorators"),
                                  metadata=client.metadata, timeout=30)
    assert reply.exercise.title != "Broken shout"  # rejected: its solution fails its own tests
    assert db.execute("SELECT count(*) AS n FROM exercises WHERE title = 'Broken shout'").fetchone()["n"] == 0

    fake.answer = json.dumps(GOOD_EXERCISE)
    reply = stub.GenerateExercise(ex.GenerateExerciseRequest(context=common_pb2.TutorContext(), topic="decorators"),
                                  metadata=client.metadata, timeout=30)
    assert reply.exercise.title == "Shout it" and reply.exercise.topic == "decorators"
    assert reply.exercise.solution_code == ""  # still hidden from the student
    row = db.execute("SELECT tags, test_cases FROM exercises WHERE exercise_id = %s",
                     (reply.exercise.exercise_id,)).fetchone()
    assert "generated" in row["tags"] and len(row["test_cases"]) == 4
