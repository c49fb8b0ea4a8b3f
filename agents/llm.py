"""Optional Claude prose on top of the offline engines.

With ANTHROPIC_API_KEY set, a specialist asks Claude to rewrite what its offline engine found (the
real traceback, the analysis findings, the knowledge-base entry) into a warmer, richer answer, and
streams it. Any model failure (429/529 after the SDK's retries with backoff, timeouts, malformed
replies) falls back to the offline text, so the student always gets an answer. The SDK honours
ANTHROPIC_BASE_URL, which is how the tests point it at a local Messages-API server.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger("learnflow.llm")


@dataclass
class Narration:
    """Streams text pieces; afterwards tells which engine produced them and how many tokens were used."""
    offline_text: str
    model: str | None = None
    tokens: int = 0
    used_model: bool = False
    fell_back: bool = False
    error: str | None = None
    pieces: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.pieces)


class Claude:
    def __init__(self, settings):
        import anthropic

        self.settings = settings
        self.client = anthropic.AsyncAnthropic(
            api_key=settings.anthropic_api_key,
            base_url=settings.anthropic_base_url,
            timeout=settings.anthropic_timeout_s,
            max_retries=settings.anthropic_max_retries,
        )

    async def narrate(self, narration: Narration, system: str, prompt: str, max_tokens: int = 1200):
        """Async generator of text pieces: the model's, or the offline text when the model fails."""
        try:
            async with self.client.messages.stream(
                model=self.settings.anthropic_model, max_tokens=max_tokens, system=system,
                messages=[{"role": "user", "content": prompt}],
            ) as stream:
                async for text in stream.text_stream:
                    if text:
                        narration.pieces.append(text)
                        yield text
                final = await stream.get_final_message()
            if final.stop_reason is None:  # the connection closed before message_stop: a cut-off answer
                raise ConnectionError("model stream ended before the message was complete")
            if len(narration.text.strip()) < 10:
                raise ValueError("model returned an empty answer")
            narration.used_model = True
            narration.model = final.model or self.settings.anthropic_model
            usage = getattr(final, "usage", None)
            narration.tokens = (usage.input_tokens + usage.output_tokens) if usage else 0
            return
        except Exception as exc:  # any model failure: fall back, never fail the student
            narration.error = f"{type(exc).__name__}: {exc}"[:300]
            log.warning("claude failed, using offline engine", extra={"error": narration.error})
        narration.fell_back = True
        if narration.pieces:
            bridge = "\n\n(The model's answer was interrupted; here is the complete offline answer.)\n\n"
            narration.pieces.append(bridge)
            yield bridge
        narration.pieces.append(narration.offline_text)
        yield narration.offline_text

    async def complete_json(self, system: str, prompt: str, max_tokens: int = 200) -> str | None:
        """A small non-streaming call (e.g. triage verdicts); None on any failure."""
        return await self.complete(system, prompt, max_tokens, model=self.settings.anthropic_small_model)

    async def complete(self, system: str, prompt: str, max_tokens: int = 1200, model: str | None = None) -> str | None:
        """A non-streaming call; the text, or None on any failure."""
        try:
            message = await self.client.messages.create(
                model=model or self.settings.anthropic_model, max_tokens=max_tokens, system=system,
                messages=[{"role": "user", "content": prompt}])
            return "".join(block.text for block in message.content if getattr(block, "type", "") == "text")
        except Exception as exc:
            log.warning("claude call failed", extra={"error": f"{type(exc).__name__}: {exc}"[:300]})
            return None


def maybe_claude(settings) -> Claude | None:
    return Claude(settings) if settings.anthropic_api_key else None


async def offline_pieces(narration: Narration, parts: list[str]):
    for part in parts:
        narration.pieces.append(part)
        yield part
