"""DebugService: run the student's code in the sandbox, read the real exception and line, explain it,
and ask the concepts agent (over gRPC) to explain the underlying concept — a `collaboration` hop.
If concepts is down or slow, the answer is still complete, just marked degraded.

A program that reads input runs with the request's stdin, else the input stated in the question, else
sample lines chosen from how it uses input() (agents/debug/inputs.py); the answer says which.
A traceback pasted without code is read by agents/debug/pasted.py. A follow-up asking how to avoid the
error next time (TutorContext.follow_up == PREVENTION) is answered from agents/debug/prevention.py."""
from __future__ import annotations

import time

import grpc
from learnflow.v1 import (code_review_service_pb2, code_review_service_pb2_grpc, common_pb2, concepts_service_pb2,
                          concepts_service_pb2_grpc, debug_service_pb2 as pb, debug_service_pb2_grpc as pb_grpc)

from agents import specialist
from agents.debug import concepts_handoff, explainer, inputs, pasted, prevention, repair_search, review_handoff
from pitfalls.ast_tools import parse
from agents.llm import Narration, maybe_claude, offline_pieces
from server import auth
from sandbox import SandboxBusy
from server.interceptors import resource_exhausted_status

AGENT = "debug"
_SYSTEM = ("You are a Python debugging tutor. The program was really run; the exception, line and diagnosis "
           "below are facts. Explain the cause in plain words and show the fix. Never invent other errors.")


def _execution(result) -> pb.ExecutionReport:
    return pb.ExecutionReport(status=result.status, exception_type=result.exception_type or "",
                              exception_message=(result.exception_message or "")[:2000], line=result.line or 0,
                              source_line=(result.source_line or "")[:500], stdout=(result.stdout or "")[:4000],
                              duration_ms=float(result.duration_ms or 0))


def _owner() -> str:
    """The caller whose sandbox jobs are counted (the sandbox bounds jobs at once per owner)."""
    return getattr(auth.current_identity.get(), "student_id", "")


class DebugServicer(pb_grpc.DebugServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.claude = maybe_claude(runtime.settings)

    async def _run(self, request, context, stdin: str):
        if not request.code.strip():
            return pasted.parse(request.question)
        sandbox = await self.rt.sandbox()
        try:
            return await sandbox.run(request.code, stdin=stdin, owner=_owner())
        except SandboxBusy:
            # RetryInfo like every other limit, so clients back off the same way.
            await context.abort_with_status(resource_exhausted_status("the code runner is busy", 1.0))

    async def _search(self, request, context, result, stdin: str):
        """A clean run whose output the student says is wrong: one more sandbox job tries small edits of the
        program and returns the one that prints what they expected (agents/debug/repair_search.py)."""
        if not request.code.strip() or not repair_search.searchable(result, request.question):
            return None
        search = repair_search.plan(request.code, parse(request.code), request.question, result.stdout or "", result)
        if search is None:
            return None
        try:
            found = await (await self.rt.sandbox()).run(repair_search.harness(), stdin=search.job_input(stdin),
                                                        owner=_owner())
        except SandboxBusy:
            return None   # the first run's answer stands without the search
        return repair_search.pick(search, found.stdout or "") if found.status == "ok" else None

    async def _ask_concepts(self, request, error_type: str, message: str):
        """Returns (concept text | None, collaboration hops)."""
        hops = [specialist.collaboration(AGENT, "concepts", f"Request concept explanation for {error_type}",
                                         "collaboration")]
        try:
            reply = await concepts_service_pb2_grpc.ConceptsServiceStub(self.rt.channel("concepts")).ExplainError(
                concepts_service_pb2.ExplainErrorRequest(context=request.context, exception_type=error_type,
                                                         message=message[:2000]),
                metadata=self.rt.outgoing_metadata(), timeout=self.rt.settings.collaboration_timeout_s)
        except grpc.aio.AioRpcError as exc:
            hops[0].message_content += f" (no answer: {exc.code().name}; answered without it)"
            return None, hops
        hops.append(specialist.collaboration("concepts", AGENT, f"{error_type} explanation provided", "response"))
        return reply.response.response_text, hops

    async def _ask_review(self, request):
        """The code review agent's findings on a clean-running program (agents/debug/review_handoff.py).
        Returns (findings, collaboration hops); no findings when it is down or slow (the answer is degraded)."""
        hops = [specialist.collaboration(AGENT, "code-review", "Request review of a program that ran without an "
                                         "error", "collaboration")]
        try:
            reply = await code_review_service_pb2_grpc.CodeReviewServiceStub(self.rt.channel("code-review")).ReviewCode(
                code_review_service_pb2.ReviewCodeRequest(context=request.context, code=request.code[:10000],
                                                          question=request.question[:5000]),
                metadata=self.rt.outgoing_metadata(), timeout=self.rt.settings.collaboration_timeout_s)
        except grpc.aio.AioRpcError as exc:
            hops[0].message_content += f" (no answer: {exc.code().name}; answered without it)"
            return [], hops, True
        hops.append(specialist.collaboration("code-review", AGENT, f"{len(reply.findings)} review findings provided",
                                             "response"))
        return list(reply.findings), hops, False

    async def _diagnose(self, request, context, method: str = "Diagnose"):
        """Yields (piece, None) while working, then (None, (response, execution, fixed_code, hops, degraded))."""
        started = time.perf_counter()
        level = specialist.skill(request.context)
        if request.context.follow_up == common_pb2.FOLLOW_UP_PREVENTION and request.context.recent_turns:
            async for item in self._prevention(request, started):
                yield item
            return
        if not request.code.strip() and concepts_handoff.wanted("", request.question, pasted.parse(request.question)) \
                and not review_handoff.called_by_specialist(
                    context, lambda ctx: self.rt.is_internal_call(ctx, f"/learnflow.v1.DebugService/{method}")):
            async for item in self._concepts_answer(request, started):
                yield item
            return
        choice = inputs.choose(request.stdin, request.question, parse(request.code) if request.code.strip() else None)
        result = await self._run(request, context, choice.text)
        narration = Narration("")
        if request.code.strip():
            first = _first_look(result)
            narration.pieces.append(first)
            yield first, None
        searched = await self._search(request, context, result, choice.text)
        diagnosis = explainer.explain_failure(request.code, result, question=request.question, skill_level=level,
                                              ran_with=choice.describe(), stdin_lines=choice.text.count("\n"),
                                              searched=searched, stdin=choice.text)
        concept_text, hops, degraded = None, [], False
        consult = request.code.strip() and review_handoff.wanted(result.status, request.question, diagnosis,
                                                                 request.code, result.stdout or "")
        if consult and not review_handoff.called_by_specialist(
                context, lambda ctx: self.rt.is_internal_call(ctx, f"/learnflow.v1.DebugService/{method}")):
            findings, hops, degraded = await self._ask_review(request)
            diagnosis = review_handoff.lead(diagnosis, findings, request.question, request.code, result.status,
                                            printed=result.stdout or "")
        if diagnosis.error_type:
            concept_text, hops = await self._ask_concepts(request, diagnosis.error_type,
                                                          result.exception_message or "")
            degraded = concept_text is None
        offline_text = explainer.render(diagnosis, concept_text)
        narration.offline_text = offline_text
        if self.claude is not None:
            prompt = (f"Student level: {level}. Question: {request.question or '(why does this fail?)'}\n\nCode:\n"
                      f"{request.code}\n\nObserved: status={result.status} exception={result.exception_type} "
                      f"message={result.exception_message} line={result.line}\n\nDiagnosis:\n{offline_text}")
            pieces = self.claude.narrate(narration, _SYSTEM, prompt)
        else:
            pieces = offline_pieces(narration, specialist.chunks(offline_text))
        async for piece in pieces:
            yield piece, None
        examples = [diagnosis.fixed_code] if diagnosis.fixed_code else []
        response = specialist.build_response(
            AGENT, "debug_solution", narration.text, started=started, confidence=diagnosis.confidence,
            code_examples=examples, query_id=request.context.query_id,
            metadata={"error_type": diagnosis.error_type, "line": diagnosis.line, "status": result.status,
                      "fix_applied": bool(diagnosis.fixed_code), "suggested_topic": diagnosis.concept_topic,
                      "degraded": degraded, "model_fallback": narration.fell_back, "stdin_source": choice.source},
            model=narration.model if narration.used_model else None, tokens=narration.tokens,
            provider="anthropic" if narration.used_model else None)
        yield None, (response, _execution(result), diagnosis.fixed_code or "", hops, degraded)

    async def _concepts_answer(self, request, started):
        """A question about how Python works, sent without code (agents/debug/concepts_handoff.py): the concepts
        agent's answer (ConceptsService.Explain, a collaboration hop) is the answer; nothing is run. Without it, the
        shared outline's summary of the topic, marked degraded."""
        hops = [specialist.collaboration(AGENT, "concepts", "Hand over a question about how Python works (no code "
                                         "to debug)", "collaboration")]
        degraded, examples, topic, confidence = False, [], "", 0.5
        try:
            reply = await concepts_service_pb2_grpc.ConceptsServiceStub(self.rt.channel("concepts")).Explain(
                concepts_service_pb2.ExplainRequest(context=request.context, question=request.question[:5000]),
                metadata=self.rt.outgoing_metadata(), timeout=_answer_deadline(self.rt.settings))
            text, topic = reply.response.response_text, reply.topic
            examples, confidence = list(reply.response.code_examples), reply.response.confidence_score or 0.8
            hops.append(specialist.collaboration("concepts", AGENT, f"Explanation provided ({topic or 'concept'})",
                                                 "response"))
        except grpc.aio.AioRpcError as exc:
            hops[0].message_content += f" (no answer: {exc.code().name}; answered without it)"
            text, topic = concepts_handoff.offline_answer(request.question)
            degraded = True
        for piece in specialist.chunks(text):
            yield piece, None
        response = specialist.build_response(
            AGENT, "explanation", text, started=started, confidence=confidence, code_examples=examples,
            query_id=request.context.query_id,
            metadata={"handed_to": "concepts", "suggested_topic": topic, "status": "not_run", "degraded": degraded})
        yield None, (response, pb.ExecutionReport(status="not_run"), "", hops, degraded)

    async def _prevention(self, request, started):
        """Prevention habits for the error of the previous turn; nothing is run."""
        title, body, example = prevention.advice(request.context.recent_turns)
        text = f"### {title}\n\n{body}"
        for piece in specialist.chunks(text):
            yield piece, None
        response = specialist.build_response(
            AGENT, "debug_solution", text, started=started, confidence=0.8,
            code_examples=[example] if example else [], query_id=request.context.query_id,
            metadata={"follow_up": "prevention", "error_type": prevention.previous_error(request.context.recent_turns)
                      or "", "status": "not_run"})
        yield None, (response, pb.ExecutionReport(status="not_run"), "", [], False)

    async def Diagnose(self, request, context):
        async for _, final in self._diagnose(request, context, "Diagnose"):
            if final is not None:
                response, execution, fixed, hops, degraded = final
                return pb.DiagnoseResponse(response=response, execution=execution, fixed_code=fixed,
                                           collaboration=hops, degraded=degraded)

    async def DiagnoseStream(self, request, context):
        index = 0
        async for piece, final in self._diagnose(request, context, "DiagnoseStream"):
            if piece is not None:
                yield pb.DiagnoseStreamResponse(event=specialist.chunk_event(piece, index))
                index += 1
            else:
                response, execution, _, hops, degraded = final
                yield pb.DiagnoseStreamResponse(
                    event=common_pb2.SpecialistChunk(final=response, collaboration=hops),
                    execution=execution, degraded=degraded)


def _answer_deadline(settings) -> float:
    """The concepts agent's answer IS the answer of a handed-over question: it gets most of the deadline triage
    gives debug (LEARNFLOW_SPECIALIST_TIMEOUT_S), not the short one of a side explanation."""
    return max(settings.collaboration_timeout_s, 0.75 * settings.specialist_timeout_s)


def _first_look(result) -> str:
    if result.status in ("exception", "syntax_error"):
        where = f" on line {result.line}" if result.line else ""
        return f"I ran your code. It stopped with **{result.exception_type}**{where}: {result.exception_message}\n\n"
    if result.status == "timeout":
        return "I ran your code. It did not finish within the time limit, which usually means a loop never ends.\n\n"
    if result.status == "memory_limit":
        return "I ran your code. It used more memory than allowed: something keeps growing without bound.\n\n"
    if result.status == "output_limit":
        return "I ran your code. It printed far more output than expected: probably a runaway loop.\n\n"
    return "I ran your code. It finished without an error, so let's look at what it does.\n\n"


async def register(server, runtime) -> list[str]:
    pb_grpc.add_DebugServiceServicer_to_server(DebugServicer(runtime), server)
    return ["learnflow.v1.DebugService"]


async def on_stop(runtime) -> None:
    """The sandbox's worker processes are closed with the runtime."""
