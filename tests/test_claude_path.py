"""The Claude path with the real anthropic SDK against a local Messages-API server: normal, streamed,
429/529 with retries, malformed, slow and cut-off answers — the student always gets an answer."""
from __future__ import annotations

import subprocess
import sys

import grpc
import pytest
from learnflow.v1 import common_pb2, concepts_service_pb2, concepts_service_pb2_grpc, enums_pb2

from tests.conftest import ROOT
from tests.fake_anthropic import MODEL, FakeAnthropic


@pytest.fixture(scope="module")
def claude(mesh):
    fake = FakeAnthropic().start()
    from localmesh import processes

    port = processes.free_port()
    env = mesh.env()
    env.update({"ANTHROPIC_API_KEY": "test-key", "ANTHROPIC_BASE_URL": fake.base_url,
                "LEARNFLOW_CLAUDE_TIMEOUT_S": "1.5", "LEARNFLOW_CLAUDE_MAX_RETRIES": "2"})
    proc = subprocess.Popen([sys.executable, "-m", "server", "concepts", "--listen", f"127.0.0.1:{port}"], env=env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    grpc.channel_ready_future(channel).result(timeout=30)
    yield fake, concepts_service_pb2_grpc.ConceptsServiceStub(channel)
    channel.close()
    processes.stop_pid(proc.pid)
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
