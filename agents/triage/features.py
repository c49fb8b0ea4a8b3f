"""The features the triage model sees, shared by training (sklearn) and the run-time scorer (no sklearn).

Text: word 1-2-grams and character 2-5-grams within words (the latter make typos and inflections
land near the right word without a repair step). Beside the text, a few dense flags that words
cannot express: code attached, a traceback pasted, an exception class named (and quoted as
"XError: ..."), an empty or very short message, whether the message reads as a follow-up
(follow_up_shape.py: brief and pointing back, or bare), and the previous turn's intent crossed with
that follow-up shape. Only a message that leans on the conversation ("simpler please", "and this
one?", "level up") sees the previous intent; a brief new question ("what is a decorator" after a
debug turn) does not. Round 1 crossed the previous intent with any message up to 10 words: the flag
was on for brief new questions as often as for follow-ups, so it either dominated new questions or
got too little weight to carry real follow-ups.
"""
from __future__ import annotations

import re

from agents.triage.follow_up_shape import looks_like_follow_up

INTENTS = ("concepts", "debug", "code_review", "exercise", "progress")
PREVS = ("none",) + INTENTS
FOLLOW_UPS = ("none", "another_example", "simpler", "more_detail", "harder", "easier", "show_code", "prevention",
              "related_question", "about_the_code")
SHORT_WORDS = 6
MAX_CHARS = 1500      # the head of a long message decides its intent; keeps scoring time bounded

WORD_TOKEN = r"(?u)\b\w[\w']*\b"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)

_FENCE = re.compile(r"```.*?(?:```|$)", re.S)
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\s*File \"[^\"]*\", line \d+", re.M)
EXCEPTION_NAME = re.compile(r"\b((?:[A-Z][a-z]+)+(?:Error|Exception|Warning)|KeyboardInterrupt|StopIteration)\b")

FLAG_NAMES = ("has_code", "has_traceback", "names_exception", "quotes_exception", "empty_text", "short_text",
              "follow_up_shape") + tuple(f"follow_up_after_{p}" for p in INTENTS)
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
    shaped = looks_like_follow_up(message_text(text))
    values.append(float(shaped))
    values += [float(shaped and prev == p) for p in INTENTS]
    return values
