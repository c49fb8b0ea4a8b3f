"""ConceptsService: explanations from the curated knowledge base (agents/concepts/kb.py) and the official Python
documentation (knowledge.docs_index, PostgreSQL full-text search), adapted to the student's level and style and
to the conversation (TutorContext.follow_up/topic/recent_turns, agents/concepts/follow_up.py), cached for 7 days
under concepts:cache:<sha256>, optionally voiced by Claude grounded in the retrieved passages."""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from learnflow.v1 import common_pb2, concepts_service_pb2 as pb, concepts_service_pb2_grpc as pb_grpc

from agents import specialist
from agents.concepts import behaviour, compare_docs, follow_up, form_examples, kb, lead, purpose_lead
from agents.concepts.pages import page_texts
from knowledge.docs_index import purpose_sources, purposes as docs_purposes, search as docs_search
from knowledge.topics import TOPICS
from agents.llm import Narration, maybe_claude
from db import state
from server.memo import Memo

AGENT = "concepts"
log = logging.getLogger("learnflow.concepts")
_SYSTEM = ("You are a patient Python tutor. Rewrite the reference explanation for the student, keeping every "
           "fact and code example exactly correct. Adapt to their skill level and learning style. Be concise. "
           "Ground the answer in the documentation passages given and cite them with their links "
           "(https://docs.python.org/3/...) exactly as given.")
_PASSAGES = 3
_MORE = 6      # sections retrieved: the first _PASSAGES choose and ground the answer, all offer its opening


def _engine_version() -> str:
    """Hash of the code that composes answers: a cached answer from an older engine is never served."""
    root = Path(__file__).resolve().parent.parent.parent
    sources = sorted((root / "agents" / "concepts").glob("*.py")) + [
        root / "knowledge" / "topics.py", root / "knowledge" / "glossary.py",
        root / "knowledge" / "docs_index" / "search.py", root / "knowledge" / "docs_index" / "api_names.py",
        root / "knowledge" / "docs_index" / "purposes.py", root / "knowledge" / "docs_index" / "purpose_sources.py",
        root / "knowledge" / "related_words.py", root / "knowledge" / "syntax_forms.py"]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources if path.exists())).hexdigest()[:16]


ENGINE_VERSION = _engine_version()


def _cache_key(question: str, code: str, level: str, style: str, conversation: tuple[str, ...] = (),
               docs_version: str = "") -> str:
    parts = (kb.KB_VERSION, ENGINE_VERSION, docs_version, question.strip().lower(), code, level, style,
             *conversation)
    return state.concepts_cache_key(hashlib.sha256("\x1f".join(parts).encode()).hexdigest())


def conversation(context) -> tuple[str, str, str, str]:
    """(follow-up kind, topic, previous question, previous answer excerpt) of the request's TutorContext."""
    kind = common_pb2.FollowUp.Name(context.follow_up).removeprefix("FOLLOW_UP_").lower()
    kind = "" if kind == "unspecified" else kind
    turns = list(context.recent_turns)
    topic = context.topic or next((t.topic for t in reversed(turns) if t.topic), "")
    return kind, topic, turns[-1].query_text if turns else "", turns[-1].answer_excerpt if turns else ""


def retrieval_query(question: str, kind: str, topic: str, previous_question: str, previous: str) -> str:
    """What to search the documentation for: a follow-up ("another example") names no subject itself."""
    if not kind:
        return question
    if topic in kb.ENTRIES and not (previous_question and follow_up.answered_from_docs(topic, previous)):
        return f"{kb.title(topic)} {question}"
    if previous_question:
        return f"{previous_question} {question}" if kind == "related_question" else previous_question
    return question


def grounding(passages) -> str:
    return "\n\n".join(f"[{i}] {p.title} - {p.url}\n{p.body[:1200]}" for i, p in enumerate(passages, 1))


class ConceptsServicer(pb_grpc.ConceptsServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        self.claude = maybe_claude(runtime.settings)
        self.docs_version: str | None = None   # checksum of the loaded docs index: part of the cache key
        self.memo = Memo()                       # --- speed: recent cache entries, in process
        self.sections: dict[str, int] = {}     # word -> documentation sections using it (off-topic test)
        self.purposes: docs_purposes.Index | None = None   # documented functions by what they are for
        self.examples: list = []               # the documentation's verified examples (syntax forms)
        self.definitions: list = behaviour.definitions()   # curated pages + glossary, by what they define

    async def _docs_version(self, conn) -> str:
        if self.docs_version is None:
            try:
                cursor = await conn.execute("SELECT checksum FROM docs_index_meta")
                row = await cursor.fetchone()
                self.docs_version = (row["checksum"] if isinstance(row, dict) else row[0]) if row else ""
                self.sections = await docs_search.vocabulary(conn) if self.docs_version else {}
                self.purposes = await purpose_sources.load(conn, page_texts()) if self.docs_version else None
                self.examples = await form_examples.load(conn) if self.docs_version else []
                if self.docs_version:
                    self.definitions = await behaviour.load(conn)
            except Exception:   # no index: answers come from the curated pages only
                await conn.rollback()
                self.docs_version = ""
        return self.docs_version

    async def _passages(self, conn, query: str, k: int = _PASSAGES) -> list:
        try:
            return await docs_search.search(conn, query, k=k)
        except Exception as exc:   # an index that is missing or broken must not cost the student the answer
            await conn.rollback()
            log.warning("docs search failed", extra={"error": f"{type(exc).__name__}: {exc}"[:200]})
            return []

    async def _offline(self, question: str, code: str, level: str, style: str, context=None) -> dict:
        kind, topic, asked, previous = conversation(context) if context is not None else ("", "", "", "")
        said = (kind, topic, asked, hashlib.sha256(previous.encode()).hexdigest()[:16]) if kind else ()
        # --- speed: an entry is a pure function of its key (the KB and docs versions are in it), so this
        # process remembers recent ones and skips the state store's round trip for a repeated question.
        if self.docs_version is not None:
            remembered = self.memo.get(_cache_key(question, code, level, style, said, self.docs_version))
            if remembered is not None:
                return {**remembered, "cached": True}
        async with self.rt.pool.connection() as conn:
            key = _cache_key(question, code, level, style, said, await self._docs_version(conn))
            cached = await state.get(conn, key)
            if cached is not None:
                self.memo.put(key, cached)
                cached["cached"] = True
                return cached
            query = retrieval_query(question, kind, topic, asked, previous)
            if not kind and purpose_lead.is_purpose(question):
                query = purpose_lead.search_text(question)
            if not kind and self.sections:   # "starts with" is also searched as startswith
                query = " ".join([query, *lead.identifiers(question, self.sections)])
            found = await self._passages(conn, query, k=_MORE)
            passages, more = found[:_PASSAGES], found[_PASSAGES:]
            side_passages = ()
            # (a follow-up on a comparison re-answers it: its sides are the previous question's)
            queries = kb.side_queries(question if not kind else asked, always=True)
            if queries:   # "remove vs discard on a set": each side searched on its own
                side_passages = tuple([compare_docs.best_fit(await self._passages(conn, q, k=5), q) for q in queries])
        explanation = None
        if kind:
            explanation = follow_up.answer(kind, question, topic, previous, level, style, passages, code or None,
                                           previous_question=asked, side_passages=side_passages,
                                           knowledge={"sections": self.sections, "purposes": self.purposes,
                                                      "examples": self.examples,
                                                      "definitions": self.definitions})
        if explanation is None:
            explanation = kb.explain(question, skill_level=level, learning_style=style, code=code or None,
                                     passages=passages, sections=self.sections, side_passages=side_passages,
                                     more_passages=more, purposes=self.purposes, examples=self.examples,
                                     definitions=self.definitions)
        # every section the answer links (the opening may quote one beyond the first three) grounds Claude's text
        cited = list({p.url: p for p in [*passages, *more, *(p for side in side_passages for p in side)]
                      if p.url in explanation.text}.values())
        entry = {"topic": explanation.topic, "title": explanation.title, "text": explanation.text,
                 "examples": list(explanation.examples), "related": list(explanation.related),
                 "confidence": explanation.confidence, "cached": False, "follow_up": kind,
                 "sources": [p.url for p in cited], "grounding": grounding(cited)}
        async with self.rt.pool.connection() as conn:
            await state.save(conn, key, entry, ttl=state.TTL_CONCEPTS_CACHE)
            await conn.commit()
        self.memo.put(key, entry)
        return entry

    async def _answer(self, request):
        """Yields (chunk_text | None, final ExplainResponse | None)."""
        started = time.perf_counter()
        level, style = specialist.skill(request.context), specialist.style(request.context)
        entry = await self._offline(request.question, request.code_snippet, level, style, request.context)
        narration = Narration(entry["text"])
        if self.claude is not None:
            prompt = (f"Student level: {level}; learning style: {style}.\nQuestion: {request.question}\n\n"
                      f"Reference explanation (ground truth):\n{entry['text']}")
            if entry.get("grounding"):
                prompt += f"\n\nPython documentation passages (cite their links):\n{entry['grounding']}"
            pieces = self.claude.narrate(narration, _SYSTEM, prompt)
        else:
            from agents.llm import offline_pieces

            pieces = offline_pieces(narration, specialist.chunks(entry["text"]))
        async for piece in pieces:
            yield piece, None
        missing = [url for url in entry.get("sources", []) if url not in narration.text]
        if narration.used_model and missing:   # the model's prose must still say where the facts come from
            tail = "\n\n**Sources (Python documentation):** " + ", ".join(missing)
            narration.pieces.append(tail)
            yield tail, None
        response = specialist.build_response(
            AGENT, "explanation", narration.text, started=started, confidence=entry["confidence"],
            code_examples=entry["examples"], query_id=request.context.query_id,
            metadata={"topic": entry["topic"], "related_topics": entry["related"], "cached": entry["cached"],
                      "follow_up": entry.get("follow_up", ""), "sources": entry.get("sources", []),
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
    servicer = ConceptsServicer(runtime)
    try:   # the documentation's vocabulary, purpose index, examples and glossary: read before the first question
        async with runtime.pool.connection() as conn:
            if not await servicer._docs_version(conn):
                servicer.docs_version = None   # no index loaded yet: the first question looks again
    except Exception as exc:   # no database yet: the first question reads them
        servicer.docs_version = None
        log.warning("docs knowledge not preloaded", extra={"error": f"{type(exc).__name__}: {exc}"[:200]})
    pb_grpc.add_ConceptsServiceServicer_to_server(servicer, server)
    return ["learnflow.v1.ConceptsService"]
