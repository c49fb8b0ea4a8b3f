"""Does a review question report a symptom (a wrong output, a crash, a loop that never ends) rather than ask for
an opinion? Such a question is answered by running the program (the debug agent) before the review notes, and
lets weaker static guesses (an off-by-one range end) be reported."""
from __future__ import annotations

import re

_SYMPTOM = re.compile(
    r"\bexpect(ed|ing)?\b|\bshould (be|print|return|give|show|say|output|get)\b|\binstead of\b|"
    r"\bbut (it |i |that )?(get|got|gets|prints?|printed|says|said|shows?|gives?|returns?|outputs?)\b|"
    r"\b(i|it) (get|got|gives?|prints?|printed|says|shows|returns?)\b.*\b(not|instead|wrong|only|always|never|but)\b|"
    r"\bwrong (output|answer|result|number|value|total)|\bdoes ?n[o']?t work|\bnot working\b|\bisn'?t working\b|"
    r"\bcrash|\btraceback\b|\b[A-Z][a-z]+Error\b|\berror:|"
    r"\b(get|got|getting|gives?|giving|throws?|raises?|shows?|showing)( me)? (an? |this |the )?(error|exception)|"
    r"\b(error|exception) (when|if|on|at)\b|\binfinite\b|\bnever (stops|ends|finishes|shows|prints|changes)|"
    r"\bkeeps? (asking|printing|going|looping|running)|\balways (prints|says|returns|gives|shows|outputs)|"
    r"\bprints? (nothing|none|the same)|\bnothing (happens|prints)|\bis missing\b|\bskips?\b|\?\?+",
    re.I)


def reports_symptom(question: str) -> bool:
    return bool(_SYMPTOM.search(question or ""))
