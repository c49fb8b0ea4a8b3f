"""Debug round 3 through Envoy on the real mesh (sandbox, code review agent): input taken from the question, a
silent bug located from the stated expectation, and the hand-off of a clean-running program asked about "is this
ok?" to the code review agent (a collaboration hop), degraded when code review is down."""
from __future__ import annotations

import re

from learnflow.v1 import common_pb2, debug_service_pb2 as dbg, debug_service_pb2_grpc as dbg_grpc, enums_pb2

from server import enums

EVAL_CALC = "line = input('Calc: ')\nanswer = eval(line)\nprint('=', answer)\n"


def diagnose(client, code: str, question: str, metadata_extra=()):
    stub = dbg_grpc.DebugServiceStub(client.channel)
    return stub.Diagnose(dbg.DiagnoseRequest(context=common_pb2.TutorContext(), code=code, question=question),
                         metadata=list(client.metadata) + list(metadata_extra), timeout=60)


def _hops(reply):
    return [(enums.to_db("MessageType", h.message_type), enums.agent(h.source_agent),
             enums.agent(h.destination_agent)) for h in reply.collaboration]


def test_input_taken_from_the_question_shows_the_bug(client):
    code = "temp = int(input('Temperature: '))\nif temp > 30:\n    print('hot')\nelse:\n    print('nice')\n"
    reply = diagnose(client, code, "when I type 30 it says nice but 30 is hot")
    meta = reply.response.metadata
    assert meta["stdin_source"] == "question" and meta["status"] == "ok" and meta["error_type"] != "EOFError"
    assert "the input from your question: `30`" in reply.response.response_text
    assert int(meta["line"]) == 2
    assert re.search(r"temp >= 30|temp > 29", reply.fixed_code or reply.response.response_text)


def test_silent_bug_located_by_the_stated_expectation(client):
    code = "def average(a, b):\n    return a + b / 2\n\nprint(average(3, 5))\n"
    reply = diagnose(client, code, "the average of 3 and 5 should be 4 but it prints 5.5")
    assert int(reply.response.metadata["line"]) == 2, reply.response.response_text
    assert "return (a + b) / 2" in reply.fixed_code
    assert "Line 2 becomes: `return (a + b) / 2`" in reply.response.response_text


def test_is_this_ok_about_eval_of_input_leads_with_the_security_finding(client):
    reply = diagnose(client, EVAL_CALC, "is this ok?")
    text = reply.response.response_text
    assert reply.execution.status == "ok"   # the program ran cleanly: debug alone had nothing to report
    assert text.startswith("I ran your code") and "### Security problem on line 2" in text
    assert re.search(r"literal_eval|float\(|int\(", text)
    assert int(reply.response.metadata["line"]) == 2 and not reply.degraded
    assert ("collaboration", "debug", "code-review") in _hops(reply)
    assert ("response", "code-review", "debug") in _hops(reply)


def test_a_client_claiming_to_be_code_review_does_not_switch_the_hand_off_off(client):
    """The loop rule trusts only a signed caller; a header a client sends is ignored."""
    reply = diagnose(client, EVAL_CALC, "is this ok?", metadata_extra=[("x-learnflow-caller", "code-review")])
    assert ("collaboration", "debug", "code-review") in _hops(reply)


def test_hand_off_degrades_when_code_review_is_down(mesh, client):
    mesh.stop_agent("code-review")
    try:
        reply = diagnose(client, EVAL_CALC, "is this ok?")
        assert reply.degraded is True and reply.execution.status == "ok"
        assert "no answer" in reply.collaboration[0].message_content
        assert reply.response.response_text.startswith("I ran your code")
    finally:
        mesh.start_agent("code-review")
        mesh.wait_healthy(60)
        _wait_until_review_answers(client)


def _wait_until_review_answers(client, attempts: int = 60) -> None:
    """After a restart the callers' channels to code review may still be backing off: wait (a readiness wait, not
    a timed assertion) until both triage and debug reach it again, so later tests see a healthy mesh."""
    import time

    import grpc

    for _ in range(attempts):
        try:
            client.ask("Please review my code", "x = 1\n")
            if not diagnose(client, EVAL_CALC, "is this ok?").degraded:
                return
        except grpc.RpcError:
            pass
        time.sleep(1)


def test_review_question_routed_to_debug_through_ask_records_the_hop(client, db):
    """Through Ask: triage sends this review-like question to debug; the answer leads with the security finding
    and the debug -> code-review hop is in the query's message flow."""
    reply = client.ask("I ran it and it works, is there a problem?", EVAL_CALC)
    assert enums.agent(reply.routing.routed_to_agent) == "debug"
    assert "### Security problem on line 2" in reply.response.response_text
    hops = db.execute("SELECT message_type, source_agent, destination_agent FROM message_flow"
                      " WHERE query_id = %s", (reply.query.query_id,)).fetchall()
    assert ("collaboration", "debug", "code-review") in [(h["message_type"], h["source_agent"],
                                                          h["destination_agent"]) for h in hops]
    assert reply.query.status == enums_pb2.QUERY_STATUS_COMPLETED


def test_slow_program_past_the_time_limit_leads_with_the_nested_loop_and_its_complexity(client):
    code = ("a = list(range(40000))\nb = list(range(20000, 60000))\ncommon = []\nfor x in a:\n    for y in b:\n"
            "        if x == y:\n            common.append(x)\nprint(len(common))\n")
    reply = diagnose(client, code, "why is it so slow?")
    text = reply.response.response_text
    assert reply.execution.status == "timeout"
    assert "### Performance problem on line 5" in text and "O(n·m)" in text and "O(n+m)" in text
    assert "could not find a loop" not in text
    assert ("collaboration", "debug", "code-review") in _hops(reply)


def test_streamed_review_question_routed_to_debug_leads_with_the_security_finding(client):
    """AskStream -> triage -> DiagnoseStream: the hand-off runs on the streaming path too (its own signed method)."""
    events = list(client.ask_stream("I ran it and it works, is there a problem?", EVAL_CALC))
    final = next(e.final for e in events if e.WhichOneof("event") == "final")
    streamed = "".join(e.text_chunk for e in events if e.WhichOneof("event") == "text_chunk")
    assert enums.agent(final.routing.routed_to_agent) == "debug"
    assert "### Security problem on line 2" in final.response.response_text
    assert "### Security problem on line 2" in streamed
