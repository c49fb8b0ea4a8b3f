"""CodeReviewService: static analysis (agents/code_review/analyzer.py) summarised kindly, optionally voiced by Claude.
A question reporting a symptom (wrong output, crash, endless loop) is first run by the debug agent
(agents/code_review/handoff.py) and its diagnosis leads the answer, recorded as collaboration hops."""
from __future__ import annotations

import asyncio
import time

from learnflow.v1 import code_review_service_pb2 as pb, code_review_service_pb2_grpc as pb_grpc, common_pb2

from agents import specialist
from agents.code_review import analyzer, handoff, ruff_engine, symptom
from agents.llm import Narration, maybe_claude, offline_pieces
from server import enums

AGENT = "code-review"
_METHOD = "/learnflow.v1.CodeReviewService/"
_SYSTEM = ("You are a kind, precise Python code reviewer for students. Use ONLY the findings given (they come "
           "from static analysis and are correct); explain each with its line number and a short rewrite. "
           "Start with the most important finding (they are ordered: security, correctness, performance, style); "
           "never call code with such a finding clean.")


def _findings(report) -> list[pb.Finding]:
    return [pb.Finding(rule=f.rule, line=f.line, severity=enums.from_db("Severity", f.severity), message=f.message,
                       suggestion=f.suggestion, category=f.category, code=f.code) for f in report.findings]


class CodeReviewServicer(pb_grpc.CodeReviewServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.claude = maybe_claude(runtime.settings)

    async def _review(self, request, context, method: str):
        """Yields (piece, None, report) while narrating, then (None, (response, hops, degraded), report)."""
        started = time.perf_counter()
        level = specialist.skill(request.context)
        # ruff runs as a subprocess and the AST rules are CPU-bound: keep both off the event loop.
        reviewing = asyncio.create_task(asyncio.to_thread(analyzer.review, request.code, request.question))
        diagnosis, hops, degraded = None, [], False
        consult = handoff.may_consult(self.rt, context, method)
        if consult and symptom.reports_symptom(request.question):   # the run starts while the review runs
            try:
                diagnosis, hops, degraded = await handoff.consult_debug(self.rt, request, context)
            except BaseException:
                reviewing.cancel()
                raise
        report = await reviewing
        if consult and diagnosis is None and not hops and handoff.wants_run(request.question, request.code, report):
            diagnosis, hops, degraded = await handoff.consult_debug(self.rt, request, context)
        offline_text = handoff.compose(diagnosis, analyzer.render(report, level),
                                       analyzer.render(report, level, lead="First review note"), bool(report.findings),
                                       symptom.reports_symptom(request.question))
        narration = Narration(offline_text)
        if self.claude is not None:
            listing = "\n".join(f"- line {f.line} [{f.category}/{f.severity}] {f.rule}: {f.message} -> {f.suggestion}"
                                for f in report.findings) or "- no issues found"
            ran = (f"\n\nDiagnosis from running it (lead with this): line {diagnosis.line}: {diagnosis.why} Fix: "
                   f"{diagnosis.fix}" if diagnosis is not None and diagnosis.line else "")
            prompt = (f"Student level: {level}.\nQuestion: {request.question or '(review my code)'}\n\nCode:\n"
                      f"{request.code}\n\nFindings:\n{listing}{ran}")
            pieces = self.claude.narrate(narration, _SYSTEM, prompt)
        else:
            pieces = offline_pieces(narration, specialist.chunks(offline_text))
        async for piece in pieces:
            yield piece, None, report
        suggestions = [f.suggestion for f in report.findings if "\n" in f.suggestion][:5]
        response = specialist.build_response(
            AGENT, "code_review", narration.text, started=started,
            confidence=0.9 if report.parse_error is None else 0.8, code_examples=suggestions,
            query_id=request.context.query_id,
            metadata={"score": report.score, "finding_count": len(report.findings),
                      "rules": sorted({f.rule for f in report.findings}), "parse_error": report.parse_error,
                      "metrics": report.metrics, "model_fallback": narration.fell_back,
                      "ran_by_debug": diagnosis is not None, "debug_line": diagnosis.line if diagnosis else 0,
                      "degraded": degraded},
            model=narration.model if narration.used_model else None, tokens=narration.tokens,
            provider="anthropic" if narration.used_model else None)
        yield None, (response, hops, degraded), report

    async def ReviewCode(self, request, context):
        async for _, final, report in self._review(request, context, _METHOD + "ReviewCode"):
            if final is not None:
                response, hops, degraded = final
                return pb.ReviewCodeResponse(response=response, findings=_findings(report), score=report.score,
                                             collaboration=hops, degraded=degraded)

    async def ReviewCodeStream(self, request, context):
        index = 0
        async for piece, final, report in self._review(request, context, _METHOD + "ReviewCodeStream"):
            if piece is not None:
                yield pb.ReviewCodeStreamResponse(event=specialist.chunk_event(piece, index))
                index += 1
            else:
                response, hops, degraded = final
                yield pb.ReviewCodeStreamResponse(
                    event=common_pb2.SpecialistChunk(final=response, collaboration=hops), findings=_findings(report),
                    degraded=degraded)


async def register(server, runtime) -> list[str]:
    await asyncio.to_thread(ruff_engine.warm)   # ruff's rule docs, read once before the first review
    pb_grpc.add_CodeReviewServiceServicer_to_server(CodeReviewServicer(runtime), server)
    return ["learnflow.v1.CodeReviewService"]
