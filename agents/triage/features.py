"""The features the triage model sees, shared by training (sklearn) and the run-time scorer (no sklearn).

Text: word 1-2-grams and character 2-5-grams within words (the latter make typos and inflections
land near the right word without a repair step). Beside the text, a few dense flags that words
cannot express: code attached, a traceback pasted, an exception class named (and quoted as
"XError: ..."), an empty or very short message, and the previous turn's intent crossed with "brief
message" (up to 10 words): a brief message leans on the conversation ("simpler please"), a full question stands on
its own (a bare previous-intent feature made the model repeat the last intent for new questions).
"""
from __future__ import annotations

import re

INTENTS = ("concepts", "debug", "code_review", "exercise", "progress")
PREVS = ("none",) + INTENTS
FOLLOW_UPS = ("none", "another_example", "simpler", "more_detail", "harder", "easier", "show_code", "prevention",
              "related_question")
SHORT_WORDS = 6
BRIEF_WORDS = 10      # follow-ups are brief: the previous intent is crossed with messages up to this long
MAX_CHARS = 1500      # the head of a long message decides its intent; keeps scoring time bounded

WORD_TOKEN = r"(?u)\b\w[\w']*\b"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)

_FENCE = re.compile(r"```.*?(?:```|$)", re.S)
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*File \"[^\"]*\", line \d+", re.M)
EXCEPTION_NAME = re.compile(r"\b((?:[A-Z][a-z]+)+(?:Error|Exception|Warning)|KeyboardInterrupt|StopIteration)\b")

FLAG_NAMES = ("has_code", "has_traceback", "names_exception", "quotes_exception", "empty_text", "short_text") + \
    tuple(f"brief_after_{p}" for p in INTENTS)
FLAG_PHRASES = {"has_code": "includes code", "has_traceback": "includes a traceback",
                "quotes_exception": "quotes an error message", "empty_text": "sends code without a question",
                "short_text": "is a short message"}


def message_text(text: str) -> str:
    """What the n-grams are taken from: the message without fenced code (code is a flag, not words)."""
    return _FENCE.sub(" ", text or "")[:MAX_CHARS]


def exception_names(text: str, code: str | None) -> list[str]:
    names = EXCEPTION_NAME.findall(text or "")
    if not names and code and _TRACEBACK.search(code):
        names = EXCEPTION_NAME.findall(code.strip().split("\n")[-1])
    return names


def flags(text: str, code: str | None, prev: str | None) -> list[float]:
    text = text or ""
    code = code if code and code.strip() else ""
    words = len(message_text(text).split())
    names = EXCEPTION_NAME.findall(text)
    prev = prev if prev in INTENTS else "none"
    short = words <= SHORT_WORDS
    values = [float(bool(code)), float(bool(_TRACEBACK.search(text) or _TRACEBACK.search(code))),
              float(bool(names)), float(any(f"{n}:" in text for n in names)), float(words == 0), float(short)]
    brief = words <= BRIEF_WORDS
    values += [float(brief and prev == p) for p in INTENTS]
    return values
