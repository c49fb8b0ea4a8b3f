"""ConceptsService: explanations from the curated knowledge base (agents/concepts/kb.py), adapted to the
student's level and style, cached for 7 days under concepts:cache:<sha256>, optionally voiced by Claude."""
from __future__ import annotations

import hashlib
import time

from learnflow.v1 import concepts_service_pb2 as pb, concepts_service_pb2_grpc as pb_grpc

from agents import specialist
from agents.concepts import kb
from knowledge.topics import TOPICS
from agents.llm import Narration, maybe_claude
from db import state

AGENT = "concepts"
_SYSTEM = ("You are a patient Python tutor. Rewrite the reference explanation for the student, keeping every "
           "fact and code example exactly correct. Adapt to their skill level and learning style. Be concise.")


def _cache_key(question: str, code: str, level: str, style: str) -> str:
    digest = hashlib.sha256("\x1f".join((kb.KB_VERSION, question.strip().lower(), code, level, style)).encode())
    return state.concepts_cache_key(digest.hexdigest())


class ConceptsServicer(pb_grpc.ConceptsServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.claude = maybe_claude(runtime.settings)

    async def _offline(self, question: str, code: str, level: str, style: str) -> dict:
        key = _cache_key(question, code, level, style)
        async with self.rt.pool.connection() as conn:
            cached = await state.get(conn, key)
        if cached is not None:
            cached["cached"] = True
            return cached
        explanation = kb.explain(question, skill_level=level, learning_style=style, code=code or None)
        entry = {"topic": explanation.topic, "title": explanation.title, "text": explanation.text,
                 "examples": list(explanation.examples), "related": list(explanation.related),
                 "confidence": explanation.confidence, "cached": False}
        async with self.rt.pool.connection() as conn:
            await state.save(conn, key, entry, ttl=state.TTL_CONCEPTS_CACHE)
            await conn.commit()
        return entry

    async def _answer(self, request):
        """Yields (chunk_text | None, final ExplainResponse | None)."""
        started = time.perf_counter()
        level, style = specialist.skill(request.context), specialist.style(request.context)
        entry = await self._offline(request.question, request.code_snippet, level, style)
        narration = Narration(entry["text"])
        if self.claude is not None:
            prompt = (f"Student level: {level}; learning style: {style}.\nQuestion: {request.question}\n\n"
                      f"Reference explanation (ground truth):\n{entry['text']}")
            pieces = self.claude.narrate(narration, _SYSTEM, prompt)
        else:
            from agents.llm import offline_pieces

            pieces = offline_pieces(narration, specialist.chunks(entry["text"]))
        async for piece in pieces:
            yield piece, None
        response = specialist.build_response(
            AGENT, "explanation", narration.text, started=started, confidence=entry["confidence"],
            code_examples=entry["examples"], query_id=request.context.query_id,
            metadata={"topic": entry["topic"], "related_topics": entry["related"], "cached": entry["cached"],
                      "skill_level": level, "learning_style": style, "model_fallback": narration.fell_back},
            model=narration.model if narration.used_model else None, tokens=narration.tokens,
            provider="anthropic" if narration.used_model else None)
        yield None, pb.ExplainResponse(response=response, topic=entry["topic"], related_topics=entry["related"])

    async def Explain(self, request, context):
        final = None
        async for _, result in self._answer(request):
            final = result or final
        return final

    async def ExplainStream(self, request, context):
        index = 0
        async for piece, result in self._answer(request):
            if piece is not None:
                yield pb.ExplainStreamResponse(event=specialist.chunk_event(piece, index))
                index += 1
            else:
                from learnflow.v1 import common_pb2

                yield pb.ExplainStreamResponse(event=common_pb2.SpecialistChunk(final=result.response))

    async def ExplainError(self, request, context):
        started = time.perf_counter()
        level = specialist.skill(request.context)
        explanation = kb.explain_error(request.exception_type, request.message, skill_level=level)
        response = specialist.build_response(
            AGENT, "explanation", explanation.text, started=started, confidence=explanation.confidence,
            code_examples=explanation.examples, query_id=request.context.query_id,
            metadata={"topic": explanation.topic, "exception_type": request.exception_type})
        return pb.ExplainErrorResponse(response=response, topic=explanation.topic)

    async def ListTopics(self, request, context):
        return pb.ListTopicsResponse(topics=[pb.Topic(id=t, title=kb.title(t), summary=kb.summary(t)) for t in TOPICS])


async def register(server, runtime) -> list[str]:
    pb_grpc.add_ConceptsServiceServicer_to_server(ConceptsServicer(runtime), server)
    return ["learnflow.v1.ConceptsService"]
