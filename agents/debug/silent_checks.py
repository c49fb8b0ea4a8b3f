"""The silent-bug rules the debug explainer runs over a program that finished without an error (and over the loop
of one that ran out of input): the shared pitfalls/ package plus debug's own rule modules. One list, so every
caller checks the same rules."""
from __future__ import annotations

from agents.debug import silent_more, silent_results, silent_text
from pitfalls import flow, silent, values

# kept only when the student's words describe them (agents/debug/explainer.py _confirmed)
NEED_SYMPTOM = frozenset({"Printed on every pass of the loop", silent_text.WEAK_NAME_TITLE})
WEAK_NAME = silent_text.WEAK_NAME_TITLE
ALL = silent.ALL + values.ALL + flow.ALL + silent_more.ALL + silent_results.ALL + silent_text.ALL


def findings(code: str, tree, symptom_known: bool = True) -> list:
    """Every rule's findings, in rule order; without the student's words (symptom_known=False) only those that
    stand on the code alone."""
    return [f for check in ALL for f in check(code, tree) if symptom_known or f.title not in NEED_SYMPTOM]
