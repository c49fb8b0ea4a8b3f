"""Conversation memory for triage: the session's earlier turns as typed context, and follow-up resolution.

Pure functions over rows that ledger.recent_turns() reads in one query. A message is a follow-up when
the session has a previous turn and the model's follow-up head names a form ("simpler", "harder",
"show me code for it" ...) with confidence; the model already weighs the previous turn's intent, and
a follow-up without a topic of its own goes back to the agent of the previous turn unless the model
is sure (>= OWN_INTENT) that it asks for something else. A message without a
topic of its own inherits the topic of the most recent turn that had one.
"""
from __future__ import annotations

from dataclasses import dataclass

from learnflow.v1 import common_pb2

from agents.triage.classifier import LOW_CONFIDENCE, Classification
from db import records
from server import enums

MAX_TURNS = 10
EXCERPT_CHARS = 600
FOLLOW_UP_MIN = 0.5
OWN_INTENT = 0.8      # a follow-up keeps the previous agent unless the model is at least this sure of another
FOLLOW_UP_ENUM = {
    "another_example": common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE, "simpler": common_pb2.FOLLOW_UP_SIMPLER,
    "more_detail": common_pb2.FOLLOW_UP_MORE_DETAIL, "harder": common_pb2.FOLLOW_UP_HARDER,
    "easier": common_pb2.FOLLOW_UP_EASIER, "show_code": common_pb2.FOLLOW_UP_SHOW_CODE,
    "prevention": common_pb2.FOLLOW_UP_PREVENTION, "related_question": common_pb2.FOLLOW_UP_RELATED_QUESTION,
    "about_the_code": common_pb2.FOLLOW_UP_ABOUT_THE_CODE,
}


@dataclass
class Resolution:
    intent: str
    confidence: float
    reasoning: str
    follow_up: str               # "none" or a FOLLOW_UP_ENUM key
    topic: str                   # this message's topic, or the one carried from an earlier turn
    carried_code: str            # the previous turn's code, for a code follow-up that sent none


def turns(rows: list[dict]) -> list[common_pb2.ConversationTurn]:
    """Rows newest first (as queried) -> turns oldest first, at most MAX_TURNS, answers cut to an excerpt."""
    out = []
    for row in reversed(rows[:MAX_TURNS]):
        meta = row.get("metadata") or {}
        turn = common_pb2.ConversationTurn(
            query_id=str(row["query_id"]), query_text=row["query_text"][:5000],
            code_snippet=(row.get("code_snippet") or "")[:10000],
            intent=enums.from_db("Intent", row["detected_intent"]), agent=enums.agent_enum(row["routed_to_agent"]),
            topic=(meta.get("topic") if row["routed_to_agent"] == "exercise" else None) or row.get("topic") or "",
            answer_excerpt=(row.get("response_text") or "")[:EXCERPT_CHARS], asked_at=records.ts(row["timestamp"]))
        if meta.get("difficulty"):
            turn.difficulty = enums.from_db("SkillLevel", meta["difficulty"])
        if meta.get("exercise_id"):
            turn.exercise_id = str(meta["exercise_id"])
        out.append(turn)
    return out


def previous_intent(history: list[common_pb2.ConversationTurn]) -> str | None:
    return enums.to_db("Intent", history[-1].intent) if history else None


def resolve(result: Classification, history: list[common_pb2.ConversationTurn], own_topic: str | None,
            code: str) -> Resolution:
    """Folds the session into one routing decision (the classifier has already seen the previous intent)."""
    intent, confidence, reasoning = result.intent, result.confidence, result.reasoning
    prev = history[-1] if history else None
    follow_up = result.follow_up if prev is not None and result.follow_up != "none" \
        and result.follow_up_confidence >= FOLLOW_UP_MIN else "none"
    topic = own_topic or ""
    if not topic and prev is not None:
        topic = next((t.topic for t in reversed(history) if t.topic), "")
    carried_code = ""
    if follow_up != "none":
        prev_intent = enums.to_db("Intent", prev.intent)
        if prev_intent and intent != prev_intent and confidence < OWN_INTENT and not own_topic \
                and follow_up not in ("harder", "easier"):
            intent, confidence = prev_intent, max(confidence, LOW_CONFIDENCE)
            reasoning = f"A follow-up ({follow_up.replace('_', ' ')}) to the previous {prev_intent} answer, " \
                        f"so it goes back to the same agent."
        else:
            reasoning = f"{reasoning[:-1]}; a follow-up ({follow_up.replace('_', ' ')}) to the previous turn" \
                        f"{' on ' + topic if topic else ''}."
        if not code.strip() and intent in ("debug", "code_review") and prev.code_snippet:
            carried_code = prev.code_snippet
    return Resolution(intent, confidence, reasoning, follow_up, topic, carried_code)
