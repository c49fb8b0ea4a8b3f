"""A review question that reports a symptom ("expected 6 but got 5", "it never stops", "it crashes") is first run
by the debug agent over gRPC (DebugService.Diagnose); so is a program that does something when run when the static
checks found nothing severe in it. A diagnosis that names a line (a crash, a wrong output) leads the answer, then
the review notes follow. The hop is recorded as collaboration MessageFlows; if debug is down or slow the review
alone is sent, marked degraded.

Loop rule (agreed with the debug agent, which consults review in the other direction): a specialist never
consults another specialist when the incoming call's verified `x-learnflow-caller` (server/auth.py) names a
specialist; a call from triage (caller "triage") or a client may consult.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import grpc
from learnflow.v1 import debug_service_pb2, debug_service_pb2_grpc

from agents import specialist
from agents.code_review import symptom
from agents.code_review.markdown import code_block
from agents.code_review.rules_astutil import walk
from server import auth

AGENT = "code-review"
SPECIALISTS = frozenset({"debug", "code-review"})
_MIN_TIMEOUT_S = 5.0   # one sandbox run plus, for an expected-vs-got report, one repair-search job
_WHERE = re.compile(r"\*\*(?:Where to look|Error):\*\*[^\n]*?\bline (\d+)", re.I)
_ERROR = re.compile(r"\*\*Error:\*\*\s*(.+)")
_WHY = re.compile(r"\*\*Why it happens:\*\*\s*(.+)")
_FIX = re.compile(r"\*\*How to fix it:\*\*\s*(.+)")
_FIXED = re.compile(r"\*\*Fixed code:\*\*\s*```python\n(.*?)```", re.S)
_RAN = re.compile(r"^- (?:I ran|Your program reads input).*(?:\n(?!\n|- |#).*)*", re.M)


def verified_caller(rt, context, method: str) -> str:
    """The calling agent named by `x-learnflow-caller`, only when the call is signed for this method ("" else)."""
    if not rt.is_internal_call(context, method):
        return ""
    return next((value for key, value in context.invocation_metadata() or () if key == auth.CALLER_HEADER), "")


# Exceptions that come from the sandbox's surroundings rather than the code: no files, packages, network, input.
_ENVIRONMENT = {"FileNotFoundError", "PermissionError", "IsADirectoryError", "NotADirectoryError",
                "ModuleNotFoundError", "ImportError", "ConnectionError", "ConnectionRefusedError", "TimeoutError",
                "OSError", "EOFError", "KeyboardInterrupt", "SystemExit", "BlockingIOError", "gaierror"}


def bug_exception(exception_type: str) -> bool:
    return bool(exception_type) and exception_type not in _ENVIRONMENT


def may_consult(rt, context, method: str) -> bool:
    return verified_caller(rt, context, method) not in SPECIALISTS


_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def runs_something(code: str) -> bool:
    """Does running the program do anything (call, print, loop, read input) beyond defining names?"""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    for stmt in tree.body:
        if isinstance(stmt, _DEFINITIONS) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and not any(isinstance(n, ast.Call)
                                                                      for n in walk(stmt)):
            continue   # constants and literals only
        return True
    return False


def wants_run(question: str, code: str, report) -> bool:
    """Ask debug to run it: the student reports a symptom, or the static checks found nothing severe in a program
    that does something when run (a crash or a wrong output the rules cannot see then leads the answer)."""
    if symptom.reports_symptom(question):
        return True
    severe = any(f.category in ("security", "correctness") and f.severity == "error" for f in report.findings)
    return not severe and runs_something(code)


@dataclass(frozen=True)
class Diagnosis:
    line: int           # 0 when the run named no line
    why: str
    error: str          # "`KeyError` on line 2" when the run stopped with an exception
    fix: str
    fixed_code: str
    ran: str            # what was run and what it printed, as debug said it


def read_diagnosis(text: str, fixed_code: str = "", line: int = 0) -> Diagnosis:
    """The parts of debug's answer (agents/debug/explainer.render) that lead a review answer; `line` is the line
    debug reports in its metadata (preferred over the text)."""
    where, why, fix, fixed = _WHERE.search(text), _WHY.search(text), _FIX.search(text), _FIXED.search(text)
    error = _ERROR.search(text)
    ran = "\n".join(m.group(0).strip() for m in _RAN.finditer(text))
    return Diagnosis(line or (int(where.group(1)) if where else 0), why.group(1).strip() if why else "",
                     error.group(1).strip() if error else "", fix.group(1).strip() if fix else "",
                     (fixed_code or (fixed.group(1) if fixed else "")).strip(), ran)


def compose(diagnosis: Diagnosis | None, review_text: str, review_tail: str = "", review_found: bool = True,
            reported: bool = True) -> str:
    """The answer: debug's diagnosis first when it names a line, then the review. `review_tail` is the review
    rendered to follow a diagnosis (its first note not called the most important). When neither names a line,
    the student who reported a wrong output first hears what the run showed and what is needed to find it."""
    if diagnosis is None:
        return review_text
    if not diagnosis.line or not diagnosis.why:
        if reported and not review_found and diagnosis.ran:
            return (f"I ran your program to look for what you describe, but neither the run nor the checks point to "
                    f"a line yet.\n{diagnosis.ran}\nTell me the input you used, the exact output you expected and "
                    f"what you got, and I can narrow it down.\n\n{review_text}")
        ran = f"\n\nI also ran it:\n{diagnosis.ran}" if diagnosis.ran else ""
        return f"{review_text}{ran}"
    stopped = f"it stops with {diagnosis.error}. " if diagnosis.error else ""
    lead = [f"**Line {diagnosis.line} — must fix (what the run shows):** I ran your program: {stopped}{diagnosis.why}"]
    if diagnosis.fix:
        lead.append(f"Fix: {diagnosis.fix}")
    if diagnosis.fixed_code:
        lead.append(code_block(diagnosis.fixed_code))
    if diagnosis.ran:
        lead.append("\n" + diagnosis.ran)
    return "\n".join(lead) + "\n\n## Code review notes\n" + (review_tail or review_text)


async def consult_debug(rt, request, context):
    """(Diagnosis | None, hops, degraded): debug runs the code for a reported symptom."""
    why = "for the reported symptom" if symptom.reports_symptom(request.question) else "(no severe static finding)"
    hops = [specialist.collaboration(AGENT, "debug", f"Run the program {why}: {request.question[:300]}",
                                     "collaboration")]
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
    meta = reply.response.metadata
    line = int(meta["line"]) if "line" in meta and isinstance(meta["line"], (int, float)) else 0
    diagnosis = read_diagnosis(reply.response.response_text, reply.fixed_code, line)
    if not symptom.reports_symptom(request.question) and not bug_exception(reply.execution.exception_type):
        # nobody reported a problem: only an exception that is a bug in the code leads (not a clean run's guesses,
        # nor a file, module or network the sandbox does not have); what it printed is added after the review
        diagnosis = Diagnosis(0, "", "", "", "", diagnosis.ran)
    hops.extend(reply.collaboration)
    said = f"line {diagnosis.line}: {diagnosis.why}" if diagnosis.line else "no line named"
    hops.append(specialist.collaboration("debug", AGENT, f"Diagnosis from running it: {said}"[:500], "response"))
    return diagnosis, hops, False
