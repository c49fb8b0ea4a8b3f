"""What the student expected and what they saw ("expected 6 but got 5", "it prints 2 2 2", "always prints
wrong"), and how that ranks the silent-bug findings against the real output of the run."""
from __future__ import annotations

import re
from dataclasses import dataclass

_EXPECTED_GOT = re.compile(
    r"expect(?:ed|ing|s)?\s+(?:it\s+to\s+(?:print|return|be|show|give|output)\s+|to\s+(?:see|get)\s+)?"
    r"[\"'`]?(?P<expected>[^\"'`]+?)[\"'`]?\s*,?\s+(?:but|and|instead)\s+(?:it\s+|i\s+)?"
    r"(?:got|get|gets|prints?|printed|returns?|returned|shows?|showed|gives?|gave|outputs?)\s+"
    r"[\"'`]?(?P<got>[^\"'`]+?)[\"'`]?\s*(?:[.!?;]|$|\s+instead)", re.I)
_SHOULD = re.compile(r"should\s+(?:print|return|be|show|give|output|say|display)\s+[\"'`]?(?P<expected>(?:[^\"'`.!?]|\.(?=\d))+?)[\"'`]?"
                     r"\s*(?:\.(?!\d)|[!?,;]|$|\s+but)", re.I)
_SEES = re.compile(r"\b(?:it|this|that|the program|my code|the function)\s+(?:only\s+|just\s+|always\s+)?"
                   r"(?:prints?|returns?|shows?|gives?|outputs?)\s+[\"'`]?(?P<got>(?:[^\"'`.!?,;]|\.(?=\d))+?)[\"'`]?"
                   r"\s*(?:\.(?!\d)|[!?,;]|$|\s+(?:but|instead|even|when|every|for))", re.I)

# title of a finding -> words in the question that point at that family of bug
_FAMILIES = {
    "Late-binding closure in a loop": r"same (value|number)|all (the )?same|last value|\b(\d+) \3 \3\b|every(one)? .* same",
    "Mutable default argument": r"previous|keeps? (growing|adding)|remember|earlier call|second call|accumulat",
    "Two names for one list": r"both|original|copy|also chang|changes? (the )?other",
    "Every row is the same list": r"every row|all rows|whole column|grid|matrix|board",
    "Function never called": r"nothing happens|prints? nothing|no output|doesn.t (do|print|run) anything|nothing (is )?printed",
    "Recursive result not returned": r"\bnone\b|recurs",
    "Function returns None": r"\bnone\b|return",
    "Method used without calling it": r"always|every time|even when|no matter",
    "`or` with a bare value is always true": r"always|every (letter|time|word)|even when|no matter",
    "Chained comparison with True": r"never|always|even when|no matter|adult|true",
    "`is` used instead of `==`": r"never|always|even when|admin|equal",
    "Integer division": r"decimal|\.5|round|integer|float|division",
    "Off-by-one range": r"one (less|short|too few|too many)|last|skip|miss|off.by",
    "Condition is always True": r"always|never (stops|ends)|doesn.t stop|won.t stop|every time|even when|no matter",
    "Condition is always False": r"never|always|even when|no matter",
    "Branch can never run": r"instead of|never|always (says|prints)",
    "Accumulator starts at the wrong value": r"\b0\b|zero|negative",
    "`=+` instead of `+=`": r"total|sum|only (the )?last|add",
    "`==` used to assign": r"never changes|stays|doesn.t change|same",
    "Swap loses a value": r"swap|same|both",
    "In-place method result stored": r"\bnone\b",
    "Parameter ignored": r"same|always|whatever|no matter|every",
    "Some paths return None": r"\bnone\b",
    "Numbers read as text": r"\d\d|instead of \d|\bmax|\bmin|sort|number|sum|add|bigger|larger|smaller|largest|"
                            r"biggest|smallest|highest|lowest|top|\bwrong order",
    # the output comes many times where it was wanted once
    "Printed on every pass of the loop": r"repeat|over and over|again and again|many times|multiple|several|"
                                         r"\b(\d+|two|three|four|five|six|ten) times|(every|each) (single )?(line|time|"
                                         r"pass|loop|letter|item|number|value|word|step|round|iteration)|\bonce\b|"
                                         r"only (want |need )?(the )?(one|final|last|end|total|result)|"
                                         r"just (want |need )?(the )?(one|final|last|end|total|result)|keeps? "
                                         r"(printing|showing|growing)|(own|separate|new) line|lines? that keep|"
                                         r"(shows?|prints?) up \w+ times|(prints?|shows?) (it |them )?all|too many|"
                                         r"a lot of|lots of|so many|bunch of|more than once|single (line|value|"
                                         r"number|answer)|one line|\b(\d+|two|three|four|five|six|seven|eight|nine|"
                                         r"ten|many|several|multiple) (lines|outputs|results)\b",
    "Printed before the value is computed": r"\b0\b|zero|old|before|first|wrong|instead|but",
    "Variable name printed as text": r"instead of|literally|word|name|curly|bracket|brace|not the (value|number)|"
                                     r"\{",
    "Variable name written inside the text": r"instead of|literally|the word|\bword\b|not (my|the|its|their) "
                                             r"(actual |real )?(name|value|number)|shows? (the )?(name|word)|"
                                             r"curly|bracket|brace|\{",
    "Text key instead of the variable": r"\b0\b|none|not found|missing|wrong|instead|but",
    "Repeated key in a dict": r"later|last|second|overwrit|replac|twice|same key|first (one|value)|instead|\bset\b",
}


@dataclass(frozen=True)
class Expectation:
    expected: str | None
    got: str | None

    def sentence(self) -> str:
        parts = []
        if self.expected:
            parts.append(f"you expected `{self.expected}`")
        if self.got:
            parts.append(f"you saw `{self.got}`")
        return " and ".join(parts)


def parse(question: str) -> Expectation:
    q = question or ""
    match = _EXPECTED_GOT.search(q)
    if match:
        return Expectation(match.group("expected").strip(), match.group("got").strip())
    should, sees = _SHOULD.search(q), _SEES.search(q)
    return Expectation(should.group("expected").strip() if should else None,
                       sees.group("got").strip() if sees else None)


def rank(findings: list, question: str) -> list:
    """Findings whose bug family the question describes come first, then by confidence."""
    q = question or ""

    def score(f) -> tuple:
        pattern = _FAMILIES.get(f.title or "")
        return (not (pattern and re.search(pattern, q, re.I)), -f.confidence)
    return sorted(findings, key=score)


def described(finding, question: str) -> bool:
    """Does the question describe this finding's family of bug ("instead of" for a branch that never runs)?"""
    pattern = _FAMILIES.get(finding.title or "")
    return bool(pattern and re.search(pattern, question or "", re.I))


def output_matches(stdout: str, got: str | None) -> bool:
    """Does the run's output contain what the student says they saw (spacing/newlines ignored)?"""
    if not got:
        return False
    squash = lambda text: re.sub(r"\s+", " ", text).strip().lower()   # noqa: E731
    return squash(got) in squash(stdout)


def last_line_is_expected(stdout: str, question: str) -> bool:
    """The run printed several lines and only the last one is what the student expected (a result printed on
    every pass of a loop, the finished one last)."""
    expected = parse(question).expected
    rows = [r.strip() for r in (stdout or "").strip().split("\n") if r.strip()]
    if not expected or len(rows) < 2:
        return False
    squash = lambda text: re.sub(r"\s+", " ", text).strip().lower()   # noqa: E731
    return squash(expected) in squash(rows[-1]) and not any(squash(expected) in squash(r) for r in rows[:-1])
