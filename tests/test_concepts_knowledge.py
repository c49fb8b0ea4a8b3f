"""The concepts agent through Envoy: documentation answers with links, follow-ups acting on the conversation
carried in TutorContext (recent_turns, follow_up, topic — filled by triage in production, built here), and the
Claude path grounded in the retrieved passages (local Messages-API server, real SDK)."""
from __future__ import annotations

import pytest
from learnflow.v1 import common_pb2, concepts_service_pb2 as pb, concepts_service_pb2_grpc, enums_pb2

from localmesh.processes import stop_pid
from tests.conftest import spawn_agent
from tests.fake_anthropic import FakeAnthropic

DOCS = "https://docs.python.org/3/"


@pytest.fixture
def concepts(client):
    return concepts_service_pb2_grpc.ConceptsServiceStub(client.channel)


def explain(stub, client, question, **context):
    context.setdefault("skill_level", enums_pb2.SKILL_LEVEL_BEGINNER)
    return stub.Explain(pb.ExplainRequest(context=common_pb2.TutorContext(**context), question=question),
                        metadata=client.metadata, timeout=30)


def turn(reply, question):
    return common_pb2.ConversationTurn(query_text=question, topic=reply.topic, intent=enums_pb2.INTENT_CONCEPTS,
                                       answer_excerpt=reply.response.response_text[:4000])


def test_documentation_answer_through_envoy(concepts, client):
    reply = explain(concepts, client, "how do I use a list as a queue")
    text = reply.response.response_text
    assert "deque" in text and f"{DOCS}tutorial/datastructures.html#using-lists-as-queues" in text
    sources = list(reply.response.metadata["sources"])
    assert sources and all(s.startswith(DOCS) for s in sources)


def test_another_example_is_a_different_one(concepts, client):
    first = explain(concepts, client, "what is a list")
    again = explain(concepts, client, "can you show another example?", follow_up=common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE,
                    topic="lists", recent_turns=[turn(first, "what is a list")])
    assert again.topic == "lists" and again.response.metadata["follow_up"] == "another_example"
    assert again.response.code_examples and again.response.code_examples[0] not in first.response.response_text


def test_simpler_more_detail_and_show_code(concepts, client):
    first = explain(concepts, client, "explain decorators", skill_level=enums_pb2.SKILL_LEVEL_INTERMEDIATE)
    history = [turn(first, "explain decorators")]
    simpler = explain(concepts, client, "I still don't get it, simpler please", follow_up=common_pb2.FOLLOW_UP_SIMPLER,
                      recent_turns=history)     # topic from the previous turn
    detail = explain(concepts, client, "more detail", follow_up=common_pb2.FOLLOW_UP_MORE_DETAIL, topic="decorators")
    code = explain(concepts, client, "show me code for it", follow_up=common_pb2.FOLLOW_UP_SHOW_CODE, topic="decorators")
    assert simpler.topic == detail.topic == code.topic == "decorators"
    assert len(simpler.response.response_text) < len(first.response.response_text)
    assert "Under the hood" in detail.response.response_text
    assert code.response.response_text.index("```python") < 100


def test_related_question_stays_in_the_topic(concepts, client):
    first = explain(concepts, client, "what is recursion")
    reply = explain(concepts, client, "and what is the base case?", follow_up=common_pb2.FOLLOW_UP_RELATED_QUESTION,
                    topic="recursion", recent_turns=[turn(first, "what is recursion")])
    assert reply.topic == "recursion" and "base case" in reply.response.response_text.lower()


@pytest.fixture(scope="module")
def claude_concepts(mesh):
    fake = FakeAnthropic(answer="Claude says: use collections.deque for a queue; appends and pops are fast.").start()
    channel, pid = spawn_agent(mesh, "concepts", ANTHROPIC_API_KEY="test-key", ANTHROPIC_BASE_URL=fake.base_url)
    yield fake, concepts_service_pb2_grpc.ConceptsServiceStub(channel)
    channel.close()
    stop_pid(pid)
    fake.stop()


def test_claude_answer_is_grounded_in_the_passages_and_keeps_the_links(claude_concepts, client):
    fake, stub = claude_concepts
    fake.modes[:] = ["ok"]
    reply = explain(stub, client, "how do I use a list as a queue (claude)")
    prompt = fake.requests[-1]["body"]["messages"][0]["content"]
    assert "Python documentation passages" in prompt
    assert f"{DOCS}tutorial/datastructures.html#using-lists-as-queues" in prompt and "collections.deque" in prompt
    text = reply.response.response_text
    assert text.startswith("Claude says") and reply.response.ai_provider == "anthropic"
    assert f"{DOCS}tutorial/datastructures.html#using-lists-as-queues" in text   # cited even if the model forgot


def test_follow_up_on_a_documentation_answer(concepts, client):
    question = "how do I use a list as a queue"
    first = explain(concepts, client, question)
    code = explain(concepts, client, "show me the code", follow_up=common_pb2.FOLLOW_UP_SHOW_CODE,
                   recent_turns=[common_pb2.ConversationTurn(query_text=question, topic=first.topic,
                                                             answer_excerpt=first.response.response_text[:4000])])
    text = code.response.response_text
    assert "could not match" not in text and "deque" in text and text.index("```") < text.index("Source:")
