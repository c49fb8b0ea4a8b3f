"""How triage turns a classified question into a specialist call, and how it reads the stream back."""
from __future__ import annotations

import re
from dataclasses import dataclass

from learnflow.v1 import (code_review_service_pb2 as cr, code_review_service_pb2_grpc as cr_grpc,
                          common_pb2, concepts_service_pb2 as co, concepts_service_pb2_grpc as co_grpc,
                          debug_service_pb2 as db, debug_service_pb2_grpc as db_grpc,
                          exercise_service_pb2 as ex, exercise_service_pb2_grpc as ex_grpc,
                          progress_service_pb2 as pr, progress_service_pb2_grpc as pr_grpc)

from server import registry

# Which specialist serves each intent: read from the service registry (one list of agents).
INTENT_TO_AGENT = registry.INTENT_TO_AGENT

_FENCE = re.compile(r"```(?:python|py)?\s*\n(.*?)```", re.S | re.I)


def extract_code(text: str) -> str:
    """Code pasted into the question itself (fenced block), when no code_snippet was sent."""
    blocks = _FENCE.findall(text or "")
    return "\n".join(b.strip("\n") for b in blocks)


@dataclass
class SpecialistCall:
    agent: str
    method: str
    streaming: bool
    invoke: object  # callable(channel, metadata, timeout) -> call


def plan(agent: str, context: common_pb2.TutorContext, text: str, code: str, stdin: str = "",
         stream: bool = True) -> SpecialistCall:
    """The specialist call for an answer. stream=False (unary Ask, where nobody sees the chunks): the
    specialist's unary method, which builds the same final response without a message per chunk (cheaper
    for both agents' gRPC stacks); AskStream keeps the streaming methods for its first-chunk latency."""
    if not stream and agent in _UNARY:
        return _UNARY[agent](context, text, code, stdin)
    if agent == "concepts":
        req = co.ExplainStreamRequest(context=context, question=text, code_snippet=code)
        return SpecialistCall(agent, "/learnflow.v1.ConceptsService/ExplainStream", True,
                              lambda ch, md, t: co_grpc.ConceptsServiceStub(ch).ExplainStream(req, metadata=md, timeout=t))
    if agent == "code-review":
        req = cr.ReviewCodeStreamRequest(context=context, code=code, question=text)
        return SpecialistCall(agent, "/learnflow.v1.CodeReviewService/ReviewCodeStream", True,
                              lambda ch, md, t: cr_grpc.CodeReviewServiceStub(ch).ReviewCodeStream(req, metadata=md, timeout=t))
    if agent == "debug":
        req = db.DiagnoseStreamRequest(context=context, code=code, question=text, stdin=stdin)
        return SpecialistCall(agent, "/learnflow.v1.DebugService/DiagnoseStream", True,
                              lambda ch, md, t: db_grpc.DebugServiceStub(ch).DiagnoseStream(req, metadata=md, timeout=t))
    if agent == "exercise":
        req = ex.GenerateExerciseRequest(context=context, request_text=text[:5000])
        return SpecialistCall(agent, "/learnflow.v1.ExerciseService/GenerateExercise", False,
                              lambda ch, md, t: ex_grpc.ExerciseServiceStub(ch).GenerateExercise(req, metadata=md, timeout=t))
    if agent == "progress":
        req = pr.SummarizeProgressRequest(context=context, question=text)
        return SpecialistCall(agent, "/learnflow.v1.ProgressService/SummarizeProgress", False,
                              lambda ch, md, t: pr_grpc.ProgressServiceStub(ch).SummarizeProgress(req, metadata=md, timeout=t))
    raise ValueError(f"no specialist {agent!r}")


# --- speed: unary specialist methods for the unary Ask ---------------------------------------------
def _explain(context, text, code, stdin):
    req = co.ExplainRequest(context=context, question=text, code_snippet=code)
    return SpecialistCall("concepts", "/learnflow.v1.ConceptsService/Explain", False,
                          lambda ch, md, t: co_grpc.ConceptsServiceStub(ch).Explain(req, metadata=md, timeout=t))


def _review(context, text, code, stdin):
    req = cr.ReviewCodeRequest(context=context, code=code, question=text)
    return SpecialistCall("code-review", "/learnflow.v1.CodeReviewService/ReviewCode", False,
                          lambda ch, md, t: cr_grpc.CodeReviewServiceStub(ch).ReviewCode(req, metadata=md, timeout=t))


def _diagnose(context, text, code, stdin):
    req = db.DiagnoseRequest(context=context, code=code, question=text, stdin=stdin)
    return SpecialistCall("debug", "/learnflow.v1.DebugService/Diagnose", False,
                          lambda ch, md, t: db_grpc.DebugServiceStub(ch).Diagnose(req, metadata=md, timeout=t))


_UNARY = {"concepts": _explain, "code-review": _review, "debug": _diagnose}
