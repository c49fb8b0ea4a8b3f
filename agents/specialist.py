"""Shared pieces of every specialist: building the AgentResponse record, streaming text in chunks,
and the collaboration trail entries that end up in MessageFlow."""
from __future__ import annotations

import re
import time
from typing import Iterable

from google.protobuf.struct_pb2 import Struct
from learnflow.v1 import common_pb2, entities_pb2

from server import enums

OFFLINE_PROVIDER = "learnflow-offline"


def offline_model(agent: str) -> str:
    return f"offline-{agent}-v1"


def build_response(agent: str, response_type: str, text: str, *, started: float, confidence: float,
                   code_examples: Iterable[str] = (), metadata: dict | None = None, model: str | None = None,
                   tokens: int = 0, provider: str | None = None, query_id: str = "") -> entities_pb2.AgentResponse:
    meta = Struct()
    if metadata:
        meta.update(_jsonable(metadata))
    elapsed_ms = max(1, int(round((time.perf_counter() - started) * 1000)))
    return entities_pb2.AgentResponse(
        query_id=query_id,
        agent_type=enums.agent_enum(agent),
        response_text=text if len(text.strip()) >= 10 else (text + " " * 10).strip() + " (no further detail)",
        response_type=enums.from_db("ResponseType", response_type),
        processing_time_ms=elapsed_ms,
        confidence_score=round(max(0.0, min(1.0, confidence)), 2),
        code_examples=list(code_examples),
        metadata=meta,
        claude_model=model or offline_model(agent),
        token_count=tokens,
        ai_provider=provider or OFFLINE_PROVIDER,
    )


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


_PARAGRAPH = re.compile(r"(\n\n+)")


def chunks(text: str, max_len: int = 400) -> list[str]:
    """Splits an answer at paragraph boundaries (code blocks stay whole) so clients can render progressively."""
    parts: list[str] = []
    buffer = ""
    in_code = False
    for piece in _PARAGRAPH.split(text):
        buffer += piece
        in_code ^= piece.count("```") % 2 == 1
        if not in_code and len(buffer) >= max_len // 4 and piece.strip() == "":
            parts.append(buffer)
            buffer = ""
    if buffer:
        parts.append(buffer)
    return parts or [text]


def chunk_event(text: str, index: int) -> common_pb2.SpecialistChunk:
    return common_pb2.SpecialistChunk(chunk=common_pb2.TextChunk(text=text, index=index))


def collaboration(source: str, destination: str, content: str, message_type: str) -> entities_pb2.MessageFlow:
    """A hop between specialists; triage assigns trace id, query id and sequence numbers when it records them."""
    return entities_pb2.MessageFlow(
        source_agent=enums.agent_enum(source), destination_agent=enums.agent_enum(destination),
        message_content=content[:500], message_type=enums.from_db("MessageType", message_type))


def skill(context) -> str:
    return enums.to_db("SkillLevel", context.skill_level) or "beginner"


def style(context) -> str:
    return enums.to_db("LearningStyle", context.learning_style) or "step-by-step"
