"""Concept answers through Envoy state what was asked (the mesh of tests/conftest.py: real PostgreSQL with the
documentation index, the concepts agent, Envoy): a narrow question gets the point asked first and not the whole
broad page; a comparison states each side and the difference, also when written as two calls."""
from __future__ import annotations

import re

import pytest
from learnflow.v1 import common_pb2, concepts_service_pb2 as pb, concepts_service_pb2_grpc, enums_pb2


@pytest.fixture
def concepts(client):
    return concepts_service_pb2_grpc.ConceptsServiceStub(client.channel)


def seen(stub, client, question: str) -> str:
    """What the student sees: the answer's text, then its code examples."""
    context = common_pb2.TutorContext(skill_level=enums_pb2.SKILL_LEVEL_BEGINNER)
    reply = stub.Explain(pb.ExplainRequest(context=context, question=question), metadata=client.metadata, timeout=30)
    return "\n".join([reply.response.response_text, *reply.response.code_examples])


def test_a_narrow_question_gets_the_point_asked_first(concepts, client):
    text = seen(concepts, client, "list.pop() without index, which item does it remove?")
    opening = text[:400]
    assert re.search(r"\blast item\b", opening), opening           # the point asked, at the top
    assert "I could not match" not in text and "### Step by step" not in text


def test_a_comparison_states_each_side_and_the_difference(concepts, client):
    text = seen(concepts, client, "difference between append and insert")
    opening = text.split("\n\n")[0]
    assert re.search(r"`append`.*end of the list", opening), opening
    assert re.search(r"`insert`.*(position|index)", opening), opening
    assert re.search(r"key difference", text, re.I)


def test_a_comparison_of_two_builtins_written_as_calls_is_answered(concepts, client):
    text = seen(concepts, client, "any() vs all()")
    assert "I could not match" not in text
    assert re.search(r"any\(\).{0,200}any element", text, re.S) and re.search(r"all\(\).{0,200}all elements", text, re.S)
    assert "https://docs.python.org/3/library/functions.html#any" in text


def turn(reply, question):
    return common_pb2.ConversationTurn(query_text=question, topic=reply.topic, intent=enums_pb2.INTENT_CONCEPTS,
                                       answer_excerpt=reply.response.response_text[:4000])


@pytest.mark.parametrize("question", ["why does my list.append return None",   # a focused page with an opening
                                      "what does list.count do",               # a documentation entry
                                      "any() vs all()"])                       # a comparison of two entries
def test_follow_ups_stay_on_the_subject_whatever_unit_the_answer_was_built_on(concepts, client, question):
    context = common_pb2.TutorContext(skill_level=enums_pb2.SKILL_LEVEL_BEGINNER)
    first = concepts.Explain(pb.ExplainRequest(context=context, question=question), metadata=client.metadata,
                             timeout=30)
    for kind, text in ((common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE, "another example please"),
                       (common_pb2.FOLLOW_UP_SIMPLER, "simpler please")):
        context = common_pb2.TutorContext(skill_level=enums_pb2.SKILL_LEVEL_BEGINNER, follow_up=kind, topic=first.topic,
                                          recent_turns=[turn(first, question)])
        reply = concepts.Explain(pb.ExplainRequest(context=context, question=text), metadata=client.metadata,
                                 timeout=30)
        assert "I could not match" not in reply.response.response_text, (kind, reply.response.response_text[:200])
        if kind == common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE:
            assert reply.response.code_examples or "```" in reply.response.response_text
