"""Local intent classifier for triage: weighted regex features over the question plus code cues.

No model call on the hot path: a question is normalised once (lower-case, keyword typos repaired),
~30 precompiled patterns add weight to the five intents, the presence and content of code shifts
the balance (code + "why" leans debug, code + "improve" leans review, bare code is a review
request), and confidence comes from the margin between the two best scores, so a clear cue gives
>= 0.8 and a question that could go either way stays under 0.6.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from agents.triage.cls_features import (ASKS_WHY, CODE_HANDOVER, EXCEPTION_DEFINITION, EXCEPTION_NAME, INTENTS,
                                        TEXT_FEATURES)
from agents.triage import routing
from agents.triage.cls_typos import normalise

INTENT_TO_AGENT = routing.INTENT_TO_AGENT  # from the service registry

# A question with no cue at all is most often a concept question; the prior breaks that tie.
_PRIOR = {"concepts": 0.6, "debug": 0.0, "code_review": 0.0, "exercise": 0.0, "progress": 0.0}
_LABEL = {"concepts": "a concept explanation", "debug": "a debugging request", "code_review": "a code-review request",
          "exercise": "an exercise request", "progress": "a progress question"}
# Confidence = floor + span * (1 - exp(-margin / scale)); margin ~0.8 -> 0.6, ~2.5 -> 0.85.
_CONF_FLOOR, _CONF_SPAN, _CONF_SCALE, _CONF_CAP = 0.34, 0.64, 1.45, 0.98


@dataclass(frozen=True)
class Classification:
    intent: str
    confidence: float
    reasoning: str
    signals: tuple[str, ...]


def classify(text: str, code: str | None = None) -> Classification:
    """Classifies a student's question (and optional code) into one of the five intents."""
    original = text or ""
    norm, repairs = normalise(original)
    code = code if code and code.strip() else None
    scores = dict(_PRIOR)
    evidence: dict[str, list[tuple[float, str]]] = {i: [] for i in INTENTS}
    signals: list[str] = [f"typo:{r}" for r in repairs]

    def add(intent: str, weight: float, signal: str, phrase: str) -> None:
        scores[intent] += weight
        evidence[intent].append((weight, phrase))
        signals.append(signal)

    for feat in TEXT_FEATURES:
        if feat.pattern.search(norm):
            add(feat.intent, feat.weight, f"{feat.intent}:{feat.name}", feat.phrase)

    _exception_cues(original, norm, code, add)
    _code_cues(norm, code, scores, add)

    ranked = sorted(INTENTS, key=lambda i: scores[i], reverse=True)
    top, second = ranked[0], ranked[1]
    margin = scores[top] - scores[second]
    confidence = _CONF_FLOOR + _CONF_SPAN * (1.0 - math.exp(-margin / _CONF_SCALE))
    if scores[top] < 1.5:          # nothing decisive was said: stay humble whatever the margin
        confidence = min(confidence, 0.55)
    confidence = round(min(_CONF_CAP, max(0.0, confidence)), 3)
    return Classification(top, confidence, _reasoning(top, evidence[top], code is not None, confidence),
                          tuple(signals))


def _exception_cues(original: str, norm: str, code: str | None, add) -> None:
    """An exception name is a strong debug cue unless the student is asking what that exception *is*."""
    names = EXCEPTION_NAME.findall(original)
    if code and not names:
        names = EXCEPTION_NAME.findall(code.split("\n")[-1]) if "Traceback" in code else []
        if "Traceback" in code:
            add("debug", 3.0, "debug:traceback-in-code", "includes a traceback")
    if not names:
        return
    name = names[0]
    quoted = f"{name}:" in original   # "TypeError: unsupported ..." is a message the student got
    if code is None and not quoted and EXCEPTION_DEFINITION.search(norm):
        add("concepts", 3.0, f"concepts:defines-exception:{name}", f"asks what {name} means in general")
        return
    add("debug", 3.0, f"debug:exception:{name}", f"mentions an exception ({name})")


def _code_cues(norm: str, code: str | None, scores: dict, add) -> None:
    if code is None:
        scores["code_review"] -= 1.0    # a review needs something to review; wording alone is weaker evidence
        return
    add("debug", 0.8, "code:present", "includes code")
    add("code_review", 0.8, "code:present", "includes code")
    scores["exercise"] -= 1.2
    scores["progress"] -= 2.0
    scores["concepts"] -= 0.4
    if ASKS_WHY.search(norm) and scores["code_review"] < 2.0:
        add("debug", 1.2, "code:asks-why", "asks why about their code")
    if len(norm.split()) <= 3 and CODE_HANDOVER.search(norm) or not norm.strip():
        add("code_review", 2.0, "code:no-question", "shares code without a specific question")


def _reasoning(intent: str, evidence: list[tuple[float, str]], has_code: bool, confidence: float) -> str:
    """One human-readable sentence for the routing record, strongest cues first."""
    phrases: list[str] = []
    for _, phrase in sorted(evidence, key=lambda e: -e[0]):
        if phrase not in phrases:
            phrases.append(phrase)
    phrases = [p for p in phrases if p != "includes code"][:2]
    if has_code and intent in ("debug", "code_review"):
        phrases.append("includes code")
    if not phrases:
        return f"No strong cue found, so treating it as {_LABEL[intent]} (low confidence)."
    lead = phrases[0][0].upper() + phrases[0][1:]
    body = lead if len(phrases) == 1 else f"{lead}, {', '.join(phrases[1:-1]) + ', ' if len(phrases) > 2 else ''}" \
        f"and {phrases[-1]}"
    hedge = "" if confidence >= 0.6 else " (ambiguous)"
    return f"{body}, so this looks like {_LABEL[intent]}{hedge}."
