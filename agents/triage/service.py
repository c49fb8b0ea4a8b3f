"""TriageService: classify, route to a specialist over gRPC (deadline, streaming), record everything.

Ask and AskStream share one pipeline; Ask simply keeps the last event. The classifier is local
(agents/triage/classifier.py) so routing costs microseconds; with Claude configured, low-confidence
cases may ask a small model for a JSON verdict (agents/triage/model_verdict.py).
"""
from __future__ import annotations

import asyncio
import logging
import time

import grpc
from google.protobuf.json_format import MessageToDict
from learnflow.v1 import common_pb2, triage_service_pb2 as pb, triage_service_pb2_grpc as pb_grpc

from agents.concepts.topics import detect_topics, topic_for_exception
from agents.triage import ledger
from agents.triage.classifier import INTENT_TO_AGENT, classify
from agents.triage.routing import extract_code, plan
from db import records
from server import auth, enums, telemetry
from server.access import require_active

log = logging.getLogger("learnflow.triage")

LOW_CONFIDENCE = 0.55


class TriageServicer(pb_grpc.TriageServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.verdict = None
        if runtime.settings.anthropic_api_key:
            from agents.triage.model_verdict import ModelVerdict

            self.verdict = ModelVerdict(runtime.settings)

    async def Classify(self, request, context):
        result = classify(request.query_text, request.code_snippet or None)
        return pb.ClassifyResponse(routing=pb.RoutingDecision(
            detected_intent=enums.from_db("Intent", result.intent),
            routed_to_agent=enums.agent_enum(INTENT_TO_AGENT[result.intent]),
            confidence=result.confidence, reasoning=result.reasoning), signals=list(result.signals))

    async def Ask(self, request, context):
        final = None
        async for event in self._pipeline(request, context, method="Ask"):
            if event.HasField("final"):
                final = event.final
        return final

    async def AskStream(self, request, context):
        async for event in self._pipeline(request, context, method="AskStream"):
            yield event

    async def _decide(self, text: str, code: str):
        result = classify(text, code or None)
        intent, confidence, reasoning = result.intent, result.confidence, result.reasoning
        if self.verdict is not None and confidence < LOW_CONFIDENCE:
            verdict = await self.verdict.classify(text, code)
            if verdict is not None:
                intent, confidence, reasoning = verdict
        agent = INTENT_TO_AGENT[intent]
        # Review needs code; without any, the nearest useful help is a concept explanation.
        if agent == "code-review" and not code.strip():
            agent, reasoning = "concepts", reasoning + " (no code to review, so explaining the concept instead)"
        return intent, agent, confidence, reasoning

    async def _pipeline(self, request, context, method: str):
        started = time.perf_counter()
        identity = auth.require_identity()
        text = request.query_text.strip()
        code = request.code_snippet or extract_code(text)
        language = enums.to_db("CodeLanguage", request.language) or ("python" if code else None)
        client_context = MessageToDict(request.context) if request.HasField("context") else {}

        async with self.rt.pool.connection() as conn:
            student = await require_active(conn, context, identity)
        intent, agent, confidence, reasoning = await self._decide(text, code)
        detected = detect_topics(text, code or None)
        # Only the clearly-meant topics count as evidence for progress (not every weak association).
        topics = [t for t, score in detected if score >= 0.6 * detected[0][1]] if detected else []
        ticket = ledger.new_ticket(identity.student_id, telemetry.current_trace_id(), agent, intent,
                                   confidence, reasoning, topics)
        call = plan(agent, common_pb2.TutorContext(
            query_id=ticket.query_id, student_id=identity.student_id,
            skill_level=enums.from_db("SkillLevel", student["skill_level"]),
            learning_style=enums.from_db("LearningStyle", student["learning_style"]),
            session_id=request.session_id), text, code, stdin=request.stdin)
        await ledger.accept(self.rt.pool, ticket, text=text, code=code, language=language,
                            session_id=request.session_id, context=client_context, student=student,
                            method=call.method)
        routing = pb.RoutingDecision(detected_intent=enums.from_db("Intent", intent),
                                     routed_to_agent=enums.agent_enum(agent), confidence=round(confidence, 2),
                                     reasoning=reasoning, query_id=ticket.query_id, trace_id=ticket.trace_id)
        yield pb.AskStreamResponse(routing=routing)

        response, collaboration, degraded = None, [], False
        try:
            timeout = _remaining(context, self.rt.settings.specialist_timeout_s)
            rpc = call.invoke(self.rt.channel(agent), self.rt.outgoing_metadata(), timeout)
            if call.streaming:
                async for message in rpc:
                    degraded = degraded or bool(getattr(message, "degraded", False))
                    event = message.event
                    collaboration.extend(event.collaboration)
                    if event.HasField("chunk"):
                        yield pb.AskStreamResponse(text_chunk=event.chunk.text)
                    elif event.HasField("final"):
                        response = event.final
            else:
                reply = await rpc
                response = reply.response
                yield pb.AskStreamResponse(text_chunk=response.response_text)
        except grpc.aio.AioRpcError as exc:
            await ledger.fail(self.rt.pool, ticket, f"{agent} agent: {exc.code().name}: {exc.details()}")
            log.warning("specialist failed", extra={"specialist": agent, "code": exc.code().name})
            code_out = grpc.StatusCode.DEADLINE_EXCEEDED if exc.code() == grpc.StatusCode.DEADLINE_EXCEEDED \
                else grpc.StatusCode.UNAVAILABLE
            await context.abort(code_out, f"the {agent} agent could not answer right now; please try again")
        except (asyncio.CancelledError, GeneratorExit):
            # The caller went away (cancelled, deadline passed) mid-answer: the query must not stay 'processing'.
            await asyncio.shield(ledger.fail(self.rt.pool, ticket, "the caller cancelled before the answer was complete"))
            raise
        if response is None:
            await ledger.fail(self.rt.pool, ticket, f"{agent} agent ended its stream without an answer")
            await context.abort(grpc.StatusCode.INTERNAL, f"the {agent} agent gave no answer")

        error_type = response.metadata.fields["error_type"].string_value \
            if "error_type" in response.metadata.fields else ""
        if error_type and not ticket.topics:  # code-only questions: the error says what the topic is
            ticket.topics = [topic_for_exception(error_type)]
        row = await ledger.complete(self.rt.pool, ticket, response, collaboration,
                                    engagement_ms=int((time.perf_counter() - started) * 1000))
        async with self.rt.pool.connection() as conn:
            cur = await conn.execute("SELECT * FROM query_history WHERE query_id = %s", (ticket.query_id,))
            query_row = await cur.fetchone()
        yield pb.AskStreamResponse(final=pb.AskResponse(
            query=records.query(query_row), response=records.response(row), routing=routing, degraded=degraded))


def _remaining(context, cap: float) -> float:
    """The caller's deadline propagates: never wait on a specialist longer than the caller will wait."""
    remaining = context.time_remaining()
    if remaining is None:
        return cap
    return max(0.05, min(cap, remaining - 0.05))


async def register(server, runtime) -> list[str]:
    pb_grpc.add_TriageServiceServicer_to_server(TriageServicer(runtime), server)
    return ["learnflow.v1.TriageService"]
