"""A review question that reports a symptom ("expected 6 but got 5", "it never stops", "it crashes") is first run
by the debug agent over gRPC (DebugService.Diagnose); its diagnosis (line and fix) leads the answer, then the
review notes follow. The hop is recorded as collaboration MessageFlows; if debug is down or slow the review
alone is sent, marked degraded.

Loop rule (agreed with the debug agent, which consults review in the other direction): a specialist never
consults another specialist when the incoming call's verified `x-learnflow-caller` (server/auth.py) names a
specialist; a call from triage (caller "triage") or a client may consult.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import grpc
from learnflow.v1 import debug_service_pb2, debug_service_pb2_grpc

from agents import specialist
from agents.code_review.markdown import code_block
from server import auth

AGENT = "code-review"
SPECIALISTS = frozenset({"debug", "code-review"})
_MIN_TIMEOUT_S = 5.0   # one sandbox run plus, for an expected-vs-got report, one repair-search job
_WHERE = re.compile(r"\*\*Where to look:\*\*\s*line (\d+)", re.I)
_WHY = re.compile(r"\*\*Why it happens:\*\*\s*(.+)")
_FIX = re.compile(r"\*\*How to fix it:\*\*\s*(.+)")
_FIXED = re.compile(r"\*\*Fixed code:\*\*\s*```python\n(.*?)```", re.S)
_RAN = re.compile(r"^- (?:I ran|Your program reads input).*(?:\n(?!\n|- |#).*)*", re.M)


def verified_caller(rt, context, method: str) -> str:
    """The calling agent named by `x-learnflow-caller`, only when the call is signed for this method ("" else)."""
    if not rt.is_internal_call(context, method):
        return ""
    return next((value for key, value in context.invocation_metadata() or () if key == auth.CALLER_HEADER), "")


def may_consult(rt, context, method: str) -> bool:
    return verified_caller(rt, context, method) not in SPECIALISTS


@dataclass(frozen=True)
class Diagnosis:
    line: int           # 0 when the run named no line
    why: str
    fix: str
    fixed_code: str
    ran: str            # what was run and what it printed, as debug said it


def read_diagnosis(text: str, fixed_code: str = "") -> Diagnosis:
    """The parts of debug's answer (agents/debug/explainer.render) that lead a review answer."""
    where, why, fix, fixed = _WHERE.search(text), _WHY.search(text), _FIX.search(text), _FIXED.search(text)
    ran = "\n".join(m.group(0).strip() for m in _RAN.finditer(text))
    return Diagnosis(int(where.group(1)) if where else 0, why.group(1).strip() if why else "",
                     fix.group(1).strip() if fix else "", (fixed_code or (fixed.group(1) if fixed else "")).strip(),
                     ran)


def compose(diagnosis: Diagnosis | None, review_text: str, review_tail: str = "", review_found: bool = True) -> str:
    """The answer: debug's diagnosis first when it names a line, then the review. `review_tail` is the review
    rendered to follow a diagnosis (its first note not called the most important). When neither names a line,
    the student who reported a wrong output first hears what the run showed and what is needed to find it."""
    if diagnosis is None:
        return review_text
    if not diagnosis.line or not diagnosis.why:
        if not review_found and diagnosis.ran:
            return (f"I ran your program to look for what you describe, but neither the run nor the checks point to "
                    f"a line yet.\n{diagnosis.ran}\nTell me the input you used, the exact output you expected and "
                    f"what you got, and I can narrow it down.\n\n{review_text}")
        ran = f"\n\nI also ran it:\n{diagnosis.ran}" if diagnosis.ran else ""
        return f"{review_text}{ran}"
    lead = [f"**Line {diagnosis.line} — must fix (what the run shows):** I ran your program: {diagnosis.why}"]
    if diagnosis.fix:
        lead.append(f"Fix: {diagnosis.fix}")
    if diagnosis.fixed_code:
        lead.append(code_block(diagnosis.fixed_code))
    if diagnosis.ran:
        lead.append("\n" + diagnosis.ran)
    return "\n".join(lead) + "\n\n## Code review notes\n" + (review_tail or review_text)


async def consult_debug(rt, request, context):
    """(Diagnosis | None, hops, degraded): debug runs the code for a reported symptom."""
    hops = [specialist.collaboration(AGENT, "debug", f"Run the program for the reported symptom: "
                                                     f"{request.question[:300]}", "collaboration")]
    remaining = context.time_remaining() if context is not None else None
    timeout = max(rt.settings.collaboration_timeout_s, _MIN_TIMEOUT_S)
    if remaining is not None:
        timeout = min(timeout, max(0.5, remaining - 0.5))
    try:
        reply = await debug_service_pb2_grpc.DebugServiceStub(rt.channel("debug")).Diagnose(
            debug_service_pb2.DiagnoseRequest(context=request.context, code=request.code, question=request.question),
            metadata=rt.outgoing_metadata(), timeout=timeout)
    except grpc.aio.AioRpcError as exc:
        hops[0].message_content += f" (no answer: {exc.code().name}; answered with the review alone)"
        return None, hops, True
    diagnosis = read_diagnosis(reply.response.response_text, reply.fixed_code)
    hops.extend(reply.collaboration)
    said = f"line {diagnosis.line}: {diagnosis.why}" if diagnosis.line else "no line named"
    hops.append(specialist.collaboration("debug", AGENT, f"Diagnosis from running it: {said}"[:500], "response"))
    return diagnosis, hops, False
