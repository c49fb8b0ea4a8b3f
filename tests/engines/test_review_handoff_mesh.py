"""Review through Envoy on the real mesh (PostgreSQL, Envoy, the debug agent and its sandbox): a question that
reports a wrong output is run by the debug agent first and its diagnosis leads the answer (the hop is recorded in
message_flow), the loop rule (no hop when a specialist is the verified caller), the degraded answer when debug is
down, and severe code that used to get an all-clear."""
from __future__ import annotations

import grpc
import pytest
from learnflow.v1 import code_review_service_pb2 as cr, code_review_service_pb2_grpc as cr_grpc, common_pb2, enums_pb2

from server import auth

TOTAL = "prices = [10, 20, 30]\ntotal = 0\nfor p in prices:\n    total = p\nprint(total)\n"
SYMPTOM = "Can you review my code? The total should be 60 but it prints 30"
METHOD = "/learnflow.v1.CodeReviewService/ReviewCode"


def _review(stub, metadata, code: str, question: str):
    return stub.ReviewCode(cr.ReviewCodeRequest(context=common_pb2.TutorContext(), code=code, question=question),
                           metadata=metadata, timeout=30)


def _hops(reply) -> list[tuple[int, int]]:
    return [(h.source_agent, h.destination_agent) for h in reply.collaboration]


REVIEW, DEBUG = enums_pb2.AGENT_NAME_CODE_REVIEW, enums_pb2.AGENT_NAME_DEBUG


def test_reported_wrong_output_is_run_by_debug_and_the_hop_is_recorded(client, db):
    reply = client.ask(SYMPTOM, TOTAL)
    assert reply.routing.routed_to_agent == REVIEW, reply.routing
    text = reply.response.response_text
    assert text.startswith("**Line 4 — must fix (what the run shows):** I ran your program"), text[:300]
    assert "total += p" in text.split("Code review notes:")[0]
    assert reply.response.metadata["ran_by_debug"] is True and reply.degraded is False
    hops = db.execute("SELECT message_type, source_agent, destination_agent FROM message_flow"
                      " WHERE query_id = %s ORDER BY sequence_order", (reply.query.query_id,)).fetchall()
    pairs = [(h["message_type"], h["source_agent"], h["destination_agent"]) for h in hops]
    assert ("collaboration", "code-review", "debug") in pairs and ("response", "debug", "code-review") in pairs, pairs


def test_review_without_a_symptom_makes_no_hop(client):
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    reply = _review(stub, client.metadata, TOTAL, "can you review my code?")
    assert list(reply.collaboration) == [] and not reply.degraded
    assert reply.findings[0].rule == "total-replaced"


def test_stream_carries_the_hop_on_its_final_event(client):
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    events = list(stub.ReviewCodeStream(cr.ReviewCodeStreamRequest(context=common_pb2.TutorContext(), code=TOTAL,
                                                                   question=SYMPTOM),
                                        metadata=client.metadata, timeout=30))
    final = events[-1].event
    assert final.HasField("final") and (REVIEW, DEBUG) in [(h.source_agent, h.destination_agent)
                                                           for h in final.collaboration]
    assert "".join(e.event.chunk.text for e in events[:-1]).startswith("**Line 4 — must fix (what the run shows):** I ran your program")


def test_a_specialist_caller_never_triggers_a_hop(mesh, client):
    """The loop rule: debug consulting review (caller "debug", signed) gets the review alone; the same header
    unsigned is a client's claim and changes nothing. Agents call each other directly, not through Envoy."""
    port = mesh.config.agent_ports["code-review"][0]
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = cr_grpc.CodeReviewServiceStub(channel)
        signed = list(client.metadata) + auth.internal_metadata(mesh.internal_secret, METHOD, "debug")
        reply = _review(stub, signed, TOTAL, SYMPTOM)
        assert list(reply.collaboration) == [] and reply.response.metadata["ran_by_debug"] is False
        assert reply.response.response_text.startswith("**Line 4 — must fix (correctness):** `total = p`")
        forged = list(client.metadata) + [(auth.CALLER_HEADER, "debug")]
        assert (REVIEW, DEBUG) in _hops(_review(stub, forged, TOTAL, SYMPTOM))


def test_review_is_sent_degraded_when_debug_is_down(mesh, client):
    mesh.stop_agent("debug")
    try:
        stub = cr_grpc.CodeReviewServiceStub(client.channel)
        reply = _review(stub, client.metadata, TOTAL, SYMPTOM)
        assert reply.degraded is True and "no answer" in reply.collaboration[0].message_content
        assert reply.response.response_text.startswith("**Line 4 — must fix (correctness):** `total = p`")
    finally:
        mesh.start_agent("debug")
        mesh.wait_healthy(60)


@pytest.mark.parametrize("code,rule", [
    ("def last_score(scores):\n    return scores[len(scores)]\n", "index-past-end"),
    ("def middle(items):\n    half = len(items) / 2\n    return items[half]\n", "float-index"),
    ("i = 0\nwhile i < 10:\n    print(i)\nprint('done')\n", "infinite-loop"),
])
def test_severe_code_that_used_to_get_an_all_clear(client, code, rule):
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    reply = _review(stub, client.metadata, code, "is this ok?")
    text = reply.response.response_text
    assert reply.findings[0].rule == rule and reply.findings[0].category == "correctness"
    assert "nothing to fix" not in text and "flagged nothing" not in text and reply.score <= 60
    assert text.startswith(f"**Line {reply.findings[0].line} — ")


def test_program_with_nothing_severe_is_run_and_its_crash_leads(client):
    """No symptom in the question, nothing severe found statically: the program is run anyway (it does something
    when run) and the KeyError it raises leads the answer."""
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    code = "prices = {'tea': 2}\nprint(prices['coffee'] * 3)\n"
    reply = _review(stub, client.metadata, code, "can you have a look at this?")
    text = reply.response.response_text
    assert text.startswith("**Line 2 — must fix (what the run shows):** I ran your program"), text[:300]
    assert "KeyError" in text.split("## Code review notes")[0] and (REVIEW, DEBUG) in _hops(reply)


@pytest.mark.parametrize("code,rule,category", [
    # only definitions: nothing in the file calls them, so nothing runs; the review must still find the problem
    ("class Shape:\n    def __init__(self, color):\n        self.color = color\n\n\nclass Square(Shape):\n"
     "    def __init__(self, side):\n        self.side = side\n\n    def label(self):\n        return self.color\n",
     "parent-init-not-called", "correctness"),
    ("from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/notes')\ndef note():\n"
     "    name = request.args['n']\n    with open('notes/' + name) as f:\n        return f.read()\n",
     "path-traversal", "security"),
])
def test_definitions_only_severe_program_is_not_an_all_clear(client, code, rule, category):
    stub = cr_grpc.CodeReviewServiceStub(client.channel)
    reply = _review(stub, client.metadata, code, "can you review my code before I hand it in?")
    text = reply.response.response_text
    assert (reply.findings[0].rule, reply.findings[0].category) == (rule, category), list(reply.findings)[:3]
    assert text.startswith(f"**Line {reply.findings[0].line} — ") and "```python" in text
    for claim in ("nothing to fix", "flagged nothing", "100/100", "reads cleanly"):
        assert claim not in text
    assert reply.score <= 60 and list(reply.collaboration) == []
