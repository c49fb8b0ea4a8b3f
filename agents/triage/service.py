"""TriageService: classify, route to a specialist over gRPC (deadline, streaming), record everything.

Ask and AskStream share one pipeline; Ask simply keeps the last event. The classifier is a local
trained model (agents/triage/classifier.py) so routing costs microseconds; with Claude configured,
low-confidence cases may ask a small model for a JSON verdict (agents/triage/model_verdict.py).
Conversation memory: a request without a session_id starts a new session (its id comes back in
AskResponse.query.session_id); with one, the session's recent turns are loaded (ledger.recent_turns)
and passed to the specialist in TutorContext with the follow-up form and the carried topic (memory.py).
"""
from __future__ import annotations

import asyncio
import functools
import logging
import time
import uuid

import grpc
from google.protobuf.json_format import MessageToDict
from learnflow.v1 import common_pb2, triage_service_pb2 as pb, triage_service_pb2_grpc as pb_grpc

from knowledge.topics import detect_topics, topic_for_exception
from agents.triage import ledger, memory
from agents.triage.classifier import INTENT_TO_AGENT, LOW_CONFIDENCE, classify
from agents.triage.routing import extract_code, plan
from db import records
from server import auth, enums, telemetry
from server.access import refuse_inactive

log = logging.getLogger("learnflow.triage")


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

    async def _decide(self, text: str, code: str, history: list, detected: list) -> memory.Resolution:
        result = classify(text, code or None, memory.previous_intent(history))
        res = memory.resolve(result, history, detected[0][0] if detected else None, code)
        if self.verdict is not None and res.confidence < LOW_CONFIDENCE and res.follow_up == "none":
            verdict = await self.verdict.classify(text, code)
            if verdict is not None:
                res.intent, res.confidence, res.reasoning = verdict
        return res

    async def _pipeline(self, request, context, method: str):
        started = time.perf_counter()
        identity = auth.require_identity()
        text = request.query_text.strip()
        code = request.code_snippet or extract_code(text)
        language = enums.to_db("CodeLanguage", request.language) or ("python" if code else None)
        client_context = MessageToDict(request.context) if request.HasField("context") else {}
        session_id = request.session_id or str(uuid.uuid4())   # no session yet: this message starts one

        # The student row and the session's turns in one round trip (BEGIN, 2 SELECTs, COMMIT pipelined).
        student, turns = await ledger.caller(self.rt.pool, identity.student_id, request.session_id or None,
                                             memory.MAX_TURNS)
        student = await refuse_inactive(context, student)
        history = memory.turns(turns) if turns else []
        detected = _detected_topics(text, code or None)
        res = await self._decide(text, code, history, detected)
        intent, confidence, reasoning = res.intent, res.confidence, res.reasoning
        agent = INTENT_TO_AGENT[intent]
        call_code = code or res.carried_code
        # Review needs code; without any, the nearest useful help is a concept explanation.
        if agent == "code-review" and not call_code.strip():
            agent, reasoning = "concepts", reasoning + " (no code to review, so explaining the concept instead)"
        # Only the clearly-meant topics count as evidence for progress (not every weak association).
        topics = [t for t, score in detected if score >= 0.6 * detected[0][1]] if detected else []
        if not topics and res.topic:
            topics = [res.topic]          # a follow-up is about what the conversation is about
        ticket = ledger.new_ticket(identity.student_id, telemetry.current_trace_id(), agent, intent,
                                   confidence, reasoning, topics)
        call = plan(agent, common_pb2.TutorContext(
            query_id=ticket.query_id, student_id=identity.student_id,
            skill_level=enums.from_db("SkillLevel", student["skill_level"]),
            learning_style=enums.from_db("LearningStyle", student["learning_style"]),
            session_id=session_id, recent_turns=history, follow_up=memory.FOLLOW_UP_ENUM.get(res.follow_up, 0),
            topic=res.topic), text, call_code, stdin=request.stdin, stream=method == "AskStream")
        # The accept transaction and the specialist call run side by side (specialists write nothing that
        # refers to the query row): the routing event still follows the committed record, and the first
        # chunk no longer waits for the database and the specialist one after the other.
        accepted = asyncio.ensure_future(ledger.accept(
            self.rt.pool, ticket, text=text, code=code, language=language, session_id=session_id,
            context=client_context, student=student, method=call.method, conversation={
                "follow_up": res.follow_up, "topic": res.topic, "turns": len(history),
                "previous_query_id": history[-1].query_id if history else None}))
        routing = pb.RoutingDecision(detected_intent=enums.from_db("Intent", intent),
                                     routed_to_agent=enums.agent_enum(agent), confidence=round(confidence, 2),
                                     reasoning=reasoning, query_id=ticket.query_id, trace_id=ticket.trace_id)
        try:
            async for event in self._answer(context, ticket, call, agent, routing, accepted, started):
                yield event
        except (asyncio.CancelledError, GeneratorExit):
            # The caller went away (cancelled, deadline passed) at any point after the routing decision:
            # the query must not stay 'processing'. complete() is shielded, so this only runs before it.
            await asyncio.shield(_fail_after(accepted, self.rt.pool, ticket,
                                             "the caller cancelled before the answer was complete"))
            raise

    async def _answer(self, context, ticket, call, agent, routing, accepted, started):
        timeout = _remaining(context, self.rt.settings.specialist_timeout_s)
        rpc = call.invoke(self.rt.channel(agent), self.rt.outgoing_metadata(), timeout)  # starts the call now
        try:
            # Shielded: cancelling the caller must not cancel the accept transaction half-way (its COMMIT
            # may already be on the wire, leaving a 'processing' row nobody marks failed). The routing event
            # waits for it (not sent earlier): a client may look up the query id it carries at once.
            await asyncio.shield(accepted)
        except BaseException:
            rpc.cancel()
            raise
        yield pb.AskStreamResponse(routing=routing)
        response, collaboration, degraded = None, [], False
        try:
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
                collaboration.extend(getattr(reply, "collaboration", ()))   # hops of Diagnose / ReviewCode
                degraded = bool(getattr(reply, "degraded", False))
                yield pb.AskStreamResponse(text_chunk=response.response_text)
        except grpc.aio.AioRpcError as exc:
            await _fail_after(accepted, self.rt.pool, ticket, f"{agent} agent: {exc.code().name}: {exc.details()}")
            log.warning("specialist failed", extra={"specialist": agent, "code": exc.code().name})
            code_out = grpc.StatusCode.DEADLINE_EXCEEDED if exc.code() == grpc.StatusCode.DEADLINE_EXCEEDED \
                else grpc.StatusCode.UNAVAILABLE
            await context.abort(code_out, f"the {agent} agent could not answer right now; please try again")
        if response is None:
            await _fail_after(accepted, self.rt.pool, ticket, f"{agent} agent ended its stream without an answer")
            await context.abort(grpc.StatusCode.INTERNAL, f"the {agent} agent gave no answer")

        error_type = response.metadata.fields["error_type"].string_value \
            if "error_type" in response.metadata.fields else ""
        if error_type and not ticket.topics:  # code-only questions: the error says what the topic is
            ticket.topics = [topic_for_exception(error_type)]
        await asyncio.shield(accepted)
        ticket.completing = True
        # Shielded: once the answer is here, a caller leaving cannot roll its record back to 'processing'.
        row = await asyncio.shield(ledger.complete(self.rt.pool, ticket, response, collaboration,
                                                   engagement_ms=int((time.perf_counter() - started) * 1000)))
        yield pb.AskStreamResponse(final=pb.AskResponse(
            query=records.query(ticket.query_row), response=records.response(row), routing=routing,
            degraded=degraded))


async def _fail_after(accepted: asyncio.Future, pool, ticket, reason: str) -> None:
    """Marks the query failed once its accept transaction has committed (a failed accept wrote nothing)."""
    try:
        await accepted
    except (Exception, asyncio.CancelledError):
        return
    if not ticket.completing:  # complete() has not started: the record is still 'processing'
        await ledger.fail(pool, ticket, reason)


@functools.lru_cache(maxsize=4096)
def _detected_topics(text: str, code: str | None) -> tuple:
    """detect_topics() is a pure function of the text and code (~5 % of triage's CPU per Ask): repeated
    questions (a class asking the same thing, retries, follow-ups) reuse its answer."""
    return tuple(detect_topics(text, code))


def _remaining(context, cap: float) -> float:
    """The caller's deadline propagates: never wait on a specialist longer than the caller will wait."""
    remaining = context.time_remaining()
    if remaining is None:
        return cap
    return max(0.05, min(cap, remaining - 0.05))


async def register(server, runtime) -> list[str]:
    from agents.triage import model as triage_model

    await asyncio.to_thread(triage_model.get)   # load (or, on a fresh clone, train) before the first question
    pb_grpc.add_TriageServiceServicer_to_server(TriageServicer(runtime), server)
    return ["learnflow.v1.TriageService"]
