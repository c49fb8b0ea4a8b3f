"""Low-confidence routing help from a small Claude model, parsed as strict JSON (never eval'd)."""
from __future__ import annotations

import json
import re

from agents.llm import Claude
from agents.triage.classifier import INTENT_TO_AGENT

_SYSTEM = ("You route Python tutoring questions. Reply with JSON only: "
           '{"intent": one of "concepts","code_review","debug","exercise","progress", '
           '"confidence": number 0-1, "reason": short string}.')


class ModelVerdict:
    def __init__(self, settings):
        self.claude = Claude(settings)

    async def classify(self, text: str, code: str) -> tuple[str, float, str] | None:
        prompt = f"Question:\n{text[:2000]}\n\nCode:\n{(code or '(none)')[:2000]}"
        raw = await self.claude.complete_json(_SYSTEM, prompt)
        if not raw:
            return None
        match = re.search(r"\{.*\}", raw, re.S)
        try:
            data = json.loads(match.group(0) if match else raw)
            intent = data["intent"]
            confidence = float(data.get("confidence", 0.6))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if intent not in INTENT_TO_AGENT or not 0.0 <= confidence <= 1.0:
            return None
        return intent, confidence, f"model verdict: {str(data.get('reason', ''))[:200]}"
