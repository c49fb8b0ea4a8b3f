"""The demo `make up` ends with: a real question with code, streamed back through Envoy."""
from __future__ import annotations

from cli.client import LearnFlowClient

DEMO_EMAIL = "demo.student@learnflow.dev"
DEMO_PASSWORD = "demo-password-2026"
DEMO_CODE = "scores = [90, 85, 77]\nfor i in range(4):\n    print(scores[i])\n"


def run_demo(address: str) -> None:
    with LearnFlowClient(address) as client:
        client.ensure_account(DEMO_EMAIL, DEMO_PASSWORD, "Demo Student")
        print(f"\n$ learnflow ask \"Why does my loop crash?\"  (code: {DEMO_CODE.splitlines()[1].strip()} ...)")
        for event in client.ask_stream("Why does my loop crash at the end?", DEMO_CODE):
            kind = event.WhichOneof("event")
            if kind == "routing":
                r = event.routing
                print(f"[routed to {_agent(r.routed_to_agent)} agent, confidence {r.confidence:.2f}: {r.reasoning}]\n")
            elif kind == "text_chunk":
                print(event.text_chunk, end="", flush=True)
            elif kind == "final":
                resp = event.final.response
                print(f"\n\n[{resp.claude_model}, {resp.processing_time_ms} ms, query {event.final.query.query_id}, "
                      f"trace {event.final.routing.trace_id}]")


def _agent(value: int) -> str:
    from server import enums

    return enums.agent(value) or "?"
