"""Which intent a follow-up continues: the rule that labels the corpus and combines the two heads at run time.

A follow-up's intent is not in its words ("simpler please" is a concept question after a concept
answer and a debugging question after a fix); it is a function of its form and the previous turn.
The corpus is labelled with follow_up_intent(); at run time, when the message reads as a follow-up
(follow_up_shape.py) and the previous intent is known, combine() mixes the intent head with that
rule, weighted by the follow-up head: P(intent) = P(no follow-up) * P_model(intent)
+ sum over forms of P(form) * [intent == follow_up_intent(form, prev)]. A flat previous-intent
feature cannot express this interaction (the same words mean a different intent after each turn).
"""
from __future__ import annotations

from collections.abc import Sequence

_EXERCISE_WORDS = ("one more", "another one", "next one", "similar one", "another exercise")


def follow_up_intent(form: str, prev: str, text: str) -> str:
    """A follow-up continues the previous turn; a request for a harder/easier one is an exercise."""
    if form in ("harder", "easier"):
        return "exercise"
    low = text.lower()
    if prev == "none":
        return "exercise" if any(w in low for w in _EXERCISE_WORDS) else "concepts"
    if form == "another_example" and prev != "exercise" and "exercise" in low:
        return "exercise"
    if form == "related_question" and prev in ("debug", "code_review"):
        return "concepts"     # a new question about the subject of a fix or a review is a concept question
    if form == "about_the_code":
        # "is it fast enough?" asks about the code of the last turn: the reviewer answers it after a fix, a review
        # or an exercise; after a concept answer it asks about the concept ("is it fast?" of dict lookups).
        return {"debug": "debug", "code_review": "code_review", "exercise": "code_review"}.get(prev, "concepts")
    return prev


def combine(classes: Sequence[str], probs: Sequence[float], follow_classes: Sequence[str],
            follow_probs: Sequence[float], prev: str, text: str) -> list[float]:
    """The intent distribution of a follow-up-shaped message after a turn of intent prev."""
    index = {c: i for i, c in enumerate(classes)}
    out = [0.0] * len(classes)
    for form, p_form in zip(follow_classes, follow_probs):
        if form == "none":
            for i, p in enumerate(probs):
                out[i] += p_form * p
        else:
            out[index[follow_up_intent(form, prev, text)]] += p_form
    return out
