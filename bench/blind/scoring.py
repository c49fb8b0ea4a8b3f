"""Scoring of the blind sets: pure functions over a case and the answer the mesh gave (no I/O), so a saved
run can be re-scored (`run_eval.py --rescore FILE`) and the rules are testable without a mesh.

Every regex of the sets is matched case-insensitively (re.I | re.M) against the answer text, which is the
AgentResponse's response_text followed by its code_examples (what a student is shown)."""
from __future__ import annotations

import re

FLAGS = re.I | re.M
# An answer that declines or misroutes instead of answering.
NO_ANSWER = r"could not match|nothing to debug|no error found|I (can|could)n.?t (find|match) (a|any) (python )?topic"
# A review that tells the student there is nothing to fix.
ALL_CLEAR = (r"nothing to fix|no (issues|problems|findings) (were )?found|found no (issues|problems)|"
             r"\b100\s*/\s*100\b|looks perfect|no changes needed|no error found")
# Where a finding starts in review text: a bullet, a numbered item, a heading or a "Line N" lead.
FINDING_START = re.compile(r"^\s*(?:[-*•]\s+|\d+[.)]\s+|#{1,6}\s+|\*\*|\[?(?:line|l\.)\s*\d+)", re.I)
# A section label ("### Security", "Must fix (error):", "What's good:") separates findings and is none itself.
# A Markdown code fence line (opening or closing).
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(?:#{1,6}\s+.*|[^\s\-*•\d#][^\n]{0,60}:)\s*$")


def search(pattern: str, text: str) -> bool:
    return re.search(pattern, text, FLAGS) is not None


def any_match(patterns: list[str], text: str) -> bool:
    return any(search(p, text) for p in patterns)


def lines_named(text: str) -> set[int]:
    """Line numbers the answer names: "line 3", "Line 3:", "lines 2 and 5", "lines 2-4", "line #3"."""
    named: set[int] = set()
    for match in re.finditer(r"\blines?\s*#?\s*(\d+)((?:\s*(?:,|and|or|&|-|–|to)\s*\d+)*)", text, re.I):
        first = int(match.group(1))
        rest = [int(n) for n in re.findall(r"\d+", match.group(2))]
        named.add(first)
        named.update(rest)
        if rest and re.search(r"-|–|to", match.group(2)):  # a range names every line in it
            named.update(range(first, max(rest) + 1))
    return named


def expected_lines(case: dict) -> set[int]:
    line = case["line"]
    return set(line) if isinstance(line, list) else {line}


def score_triage(case: dict, intent: str) -> dict:
    return {"ok": intent == case["intent"], "got": intent}


def score_concept(case: dict, answer: str) -> dict:
    missing = [p for p in case["must"] if not search(p, answer)]
    forbidden = [p for p in case.get("must_not", []) if search(p, answer)]
    declined = search(NO_ANSWER, answer)
    return {"ok": not missing and not forbidden and not declined, "missing": missing, "forbidden": forbidden,
            "declined": declined}


def score_debug(case: dict, answer: str) -> dict:
    named = lines_named(answer)
    line_ok = bool(named & expected_lines(case))
    fix_ok = any_match(case["fix"], answer)
    # A program that only reads input must not be diagnosed as EOFError (the sandbox's missing stdin).
    eof = case.get("reads_input", False) and search(r"EOFError", answer)
    return {"ok": line_ok and fix_ok and not eof, "line_ok": line_ok, "fix_ok": fix_ok, "lines_named": sorted(named),
            "eof_diagnosis": bool(eof), "declined": search(NO_ANSWER, answer)}


def finding_blocks(text: str) -> list[str]:
    """The answer cut into findings: a block starts at a bullet / numbered item / bold lead / "Line N" lead, or
    at the first text after a section label, and runs to the next one. Text before the first start (greeting,
    score line) and the labels themselves are not findings. An answer without any start is one block. Lines
    inside a ``` / ~~~ fence are code, never a label or a start (a code line may end with ':' or start with '#')."""
    blocks: list[list[str]] = []
    in_fence = False
    for line in text.splitlines():
        if FENCE.match(line) or in_fence:  # a fenced code block belongs to the finding it sits in, whole
            if FENCE.match(line):
                in_fence = not in_fence
            if blocks:
                blocks[-1].append(line)
        elif HEADING.match(line):
            blocks.append([line])
            blocks.append([])  # what follows the label is not part of it
        elif FINDING_START.match(line) or (blocks and not blocks[-1] and line.strip()):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
    joined = ["\n".join(b).strip() for b in blocks if b and not (len(b) == 1 and HEADING.match(b[0]))]
    return joined or ([text.strip()] if text.strip() else [])


# A block reports a finding when it points at the code or says what to change; praise ("It is valid Python",
# "names follow PEP 8") does neither.
POINTS_AT_CODE = re.compile(r"\bline\s*\d+|`[^`\n]+`|\b(should|instead|replace|avoid|consider|fix|rewrite|change|"
                            r"use|don.t|do not|never|risk|vulnerab|unsafe|slow|bug)\b", re.I)


def first_finding(text: str) -> str:
    """The first block that reports something (see POINTS_AT_CODE); "" when no block does."""
    for block in finding_blocks(text):
        if POINTS_AT_CODE.search(block):
            return block
    return ""


def score_review(case: dict, answer: str, findings: list[dict] | None = None, score: int | None = None) -> dict:
    """main_first: the first finding of the Ask answer matches `main`. structured_first: the first Finding
    of CodeReviewService/ReviewCode (rule + message + suggestion) matches `main`. severe cases fail when the
    answer says there is nothing to fix or the review scores 100."""
    first = first_finding(answer)
    main_first = any_match(case["main"], first)
    anywhere = any_match(case["main"], answer)
    structured_first = None
    if findings is not None:
        head = findings[0] if findings else {}
        structured_first = bool(head) and any_match(
            case["main"], " ".join(str(head.get(k, "")) for k in ("rule", "message", "suggestion")))
    all_clear = bool(case.get("severe")) and (search(ALL_CLEAR, answer) or score == 100)
    wrong = [p for p in case.get("must_not", []) if search(p, answer)]
    return {"ok": main_first and not all_clear and not wrong, "main_first": main_first, "anywhere": anywhere,
            "structured_first": structured_first, "all_clear_on_severe": all_clear, "wrong_advice": wrong,
            "first_finding": first[:300]}


def score_followup(case: dict, answer: str, intent: str) -> dict:
    missing = [p for p in case["must"] if not search(p, answer)]
    forbidden = [p for p in case.get("must_not", []) if search(p, answer)]
    intent_ok = case.get("intent") is None or intent == case["intent"]
    return {"ok": not missing and not forbidden and intent_ok, "missing": missing, "forbidden": forbidden,
            "intent": intent, "intent_ok": intent_ok}
