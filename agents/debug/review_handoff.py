"""When the debug agent hands a clean-running program to the code review agent, and how its answer leads.

Triage sometimes routes a review question ("is this secure?", "is it ok?", "why is it so slow?") to debug.
The program then runs cleanly and a debugger alone has nothing to say, while a reviewer would lead with the
security, correctness or performance problem. So debug consults CodeReviewService.ReviewCode (a
collaboration hop, agents/debug/service.py) when:
  - the run was clean and no bug was located, or the question asks about speed or safety, or it asks for an
    opinion ("is this ok?", "is there a bug?") without reporting what the program did wrong, or
  - the run hit the time limit and no loop that never ends was found (probably just slow),
and leads with the reviewer's top security / correctness / performance finding (line, why, rewrite); a student
who only reports a wrong result gets a correctness finding or none.

Loop rule agreed with the code review agent (which may consult debug the other way): a specialist never
consults another specialist on a call that a specialist made. The caller is read from the verified
internal metadata (server/auth.py CALLER_HEADER, honoured only with a valid signature).
"""
from __future__ import annotations

import ast
import re
from dataclasses import replace

from agents.debug import review_fix
from pitfalls.ast_tools import Finding, compiles
from server import auth

SPECIALISTS = frozenset({"debug", "code-review"})
_LEADING = ("security", "correctness", "performance")
# a request for an opinion on working code ("is this ok?", "can you review it", "anything wrong here?")
_ASKS_OPINION = re.compile(
    r"\b(is|does|are|was)\s+(this|it|that|my \w+|the \w+)\s+(\w+\s+)?(ok|okay|good|fine|right|correct|alright|"
    r"secure|safe|efficient|fast|slow|bad|wrong|pythonic|clean|readable|the (best|right) way)\b|"
    r"\blooks? (right|ok|okay|good|fine|correct)|\breview\b|\bcheck (my|this|the) code|"
    r"\b(anything|something|any \w+) (wrong|bad|to improve|i should (change|fix|improve))|"
    r"\bany (problems?|issues?|bugs?|mistakes?|improvements?)\b|\bimprove\b|\bbetter way\b|\bbest practice|"
    r"\b(works|runs)( fine| ok| correctly)?,? but\b|\bit runs fine\b|\bfeedback\b|\bcheck (my|this|these|the) \w+|"
    r"\b(are|is) (these|those|they) (\w+ )?(ok|okay|good|fine|right|correct|safe|secure)\b|\bgood (way|idea|code)\b|"
    r"\b(is there|are there|do you see|can you (see|find|spot)|does (it|this|my code) have)\s+(a |an |any )?"
    r"(problem|issue|bug|mistake|error|flaw)s?\b", re.I)
_ASKS_SPEED = re.compile(r"\b(slow\w*|fast\w*|quick\w*|speed|efficien\w*|performan\w*|optimi[sz]\w*|complexity|"
                         r"time limit|takes? (so |too )?long|scale|big (input|list|data|numbers?)|large|"
                         r"\d+\s*k\b|thousands?|millions?)\b", re.I)
_ASKS_SECURITY = re.compile(r"\b(secur\w*|safe\w*|unsafe|hack\w*|inject\w*|attack\w*|danger\w*|vulnerab\w*|"
                            r"malicious)\b", re.I)
_NO_LOOP_FOUND = "Program took too long"


def called_by_specialist(context, verify) -> bool:
    """True when the incoming call carries a verified x-learnflow-caller naming a specialist.
    verify(context) -> bool checks the internal signature (Runtime.is_internal_call for this method); an
    unsigned header is a client's and does not count."""
    metadata = context.invocation_metadata() or ()
    caller = next((value for key, value in metadata if key == auth.CALLER_HEADER), None)
    return caller in SPECIALISTS and bool(verify(context))


def asks_review(question: str) -> bool:
    """Is the question about the quality of working code (safety, speed, "is it ok") rather than a symptom?"""
    q = question or ""
    return bool(_ASKS_OPINION.search(q) or _ASKS_SPEED.search(q) or _ASKS_SECURITY.search(q))


# the student reports what the program did ("prints 5 instead of 6", "it never says admin"): a bug debug located
# answers that, even when they also ask "is there a bug?"
_REPORTS_RESULT = re.compile(r"\b(instead|expect\w*|should|supposed|wrong|incorrect|but it|but i get|i get|i got|"
                             r"it (prints|says|gives|returns|shows|outputs)|always|never|doesn'?t|won'?t|crash\w*)\b",
                             re.I)


# a function pasted for review is usually not called: "never called" is no bug unless nothing happening is the symptom
_NOTHING_HAPPENS = re.compile(r"nothing (happens|shows|prints|is printed)|no output|prints? nothing|doesn'?t (do|print|run) "
                              r"anything|blank", re.I)


def sandbox_limit(diagnosis) -> bool:
    """A third-party module the sandbox does not have (not a misspelt standard-library one): the sandbox's limit,
    not the student's bug."""
    return getattr(diagnosis, "error_type", None) == "ModuleNotFoundError" \
        and "standard-library module" not in (getattr(diagnosis, "cause", "") or "")


def definitions_only(code: str) -> bool:
    """A program that only defines (functions, classes, imports, constants) and runs nothing: pasted to be checked."""
    try:
        tree = ast.parse(code or "")
    except SyntaxError:
        return False
    defining = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
    return bool(tree.body) and any(isinstance(s, defining[:3]) for s in tree.body) and all(
        isinstance(s, defining) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        or (isinstance(s, (ast.Assign, ast.AnnAssign)) and not any(isinstance(n, ast.Call) for n in ast.walk(s)))
        for s in tree.body)


def pasted_to_check(code: str, question: str, diagnosis) -> bool:
    """"Never called" is no bug for a function pasted to be checked: only definitions, and nothing-happens is not
    the symptom."""
    return getattr(diagnosis, "title", "") == "Function never called" and not _NOTHING_HAPPENS.search(question or "") \
        and definitions_only(code)


def only_definitions(code: str, never_called):
    """The answer for a pasted function when no other bug was found: not calling it is normal, here is a call. It
    claims nothing about the code being right: a run that calls nothing shows nothing."""
    from agents.debug import concrete_fix
    fixed = concrete_fix.concretize(replace(never_called), code).fixed_code or ""
    extra = [row.strip() for row in fixed.split("\n")[len(code.rstrip("\n").split("\n")):] if row.strip()]
    return Finding(f"The program only defines code and calls nothing - normal for a function pasted to be checked "
                   f"({never_called.cause.split(' - ')[0]}) - so running it shows nothing about what it does.",
                   "To see it work, call it with an example, e.g. " + (f"`{extra[0]}`." if extra else "`name(...)`."),
                   confidence=0.3, title="Only definitions - nothing to run", topic="functions")


def wanted(status: str, question: str, diagnosis, code: str = "", printed: str | None = None) -> bool:
    """Should the code review agent be consulted about this run (see the module docstring)? Always when the run
    has nothing to show (only definitions, or no output) and no symptom is described: the review then leads."""
    if code and nothing_to_show(code, question, status, printed):
        return True
    if status == "timeout":
        return diagnosis.title == _NO_LOOP_FOUND
    if status == "exception" and sandbox_limit(diagnosis):
        return True
    if status != "ok":
        return False
    q = question or ""
    located = diagnosis.line and not (diagnosis.title == "Function never called" and not _NOTHING_HAPPENS.search(q))
    if not located or _ASKS_SPEED.search(q) or _ASKS_SECURITY.search(q):
        return True
    return bool(_ASKS_OPINION.search(q)) and not _REPORTS_RESULT.search(q)


def top_finding(findings, question: str, status: str = "ok", pasted: bool = False):
    """The reviewer's most important security/correctness/performance finding; what the question asks
    about (speed, safety) first, and performance first when the run was too slow. A student who reports a
    wrong result (no opinion asked, the run finished) gets only a correctness finding: speed or safety is
    not what they saw go wrong."""
    categories = _LEADING if status in ("timeout", "exception") or asks_review(question) or pasted \
        else ("correctness",)
    leading = [f for f in findings if getattr(f, "category", "") in categories and getattr(f, "line", 0)]
    if not leading:
        return None
    first = ("performance" if status == "timeout" or _ASKS_SPEED.search(question or "") else
             "security" if _ASKS_SECURITY.search(question or "") else None)
    order = {c: i for i, c in enumerate(([first] if first else []) + [c for c in _LEADING if c != first])}
    return min(leading, key=lambda f: order[f.category])   # min keeps the reviewer's own order within a category


def _code_lines(suggestion: str) -> list[str]:
    """The suggestion's code lines without trailing comments, or [] when it is prose."""
    lines = [re.sub(r"\s+#.*$", "", ln).rstrip() for ln in suggestion.strip("\n").split("\n")]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        return []
    text = "\n".join(lines)
    try:
        ast.parse(_dedent_block(text))
    except SyntaxError:
        return []
    return lines


def _split_prose(suggestion: str) -> tuple[str, str]:
    """("Keep the SQL text constant ...:", "cursor.execute(...)"): a prose lead-in and the code after it."""
    rows = suggestion.strip("\n").split("\n")
    for i in range(1, len(rows)):
        if _code_lines("\n".join(rows[i:])):
            return "\n".join(rows[:i]).strip(), "\n".join(rows[i:])
    return suggestion, ""


def _dedent_block(text: str) -> str:
    import textwrap
    body = textwrap.dedent(text)
    if body.rstrip().endswith(":"):
        body += "\n    pass"
    return body


def _targets(text: str) -> set[str]:
    try:
        tree = ast.parse(_dedent_block(text.strip()))
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _apply(code: str, line: int, new_lines: list[str]) -> str | None:
    """The student's program with line `line` replaced by a one-line rewrite, kept only if it compiles and still
    assigns what the line assigned (a rewrite of the call alone would leave later lines without their name)."""
    rows = code.split("\n")
    if len(new_lines) != 1 or not 1 <= line <= len(rows) or not _targets(rows[line - 1]) <= _targets(new_lines[0]):
        return None
    indent = re.match(r"\s*", rows[line - 1]).group(0)
    rows[line - 1] = indent + new_lines[0].strip()
    fixed = "\n".join(rows)
    return fixed if fixed != code and compiles(fixed) else None


def _touches(code: str, fixed: str | None, line: int) -> bool:
    """Does the fixed program change (or move) line `line` of the student's code?"""
    if not fixed or fixed == code:
        return False
    import difflib
    ops = difflib.SequenceMatcher(a=code.split("\n"), b=fixed.split("\n"), autojunk=False).get_opcodes()
    return any(tag != "equal" and i1 <= line - 1 < max(i2, i1 + 1) for tag, i1, i2, _, _ in ops)


# the student describes what the program did (a symptom): then debug's reading of the run may lead
_SYMPTOM = re.compile(r"\b(instead|expect\w*|should|supposed|it (prints|says|gives|returns|shows|outputs)|i (get|got)|"
                      r"crash\w*|error|exception|never|always|doesn'?t|won'?t|isn'?t working|not working|bugs?)\b",
                      re.I)
_ORDER = {"security": 0, "correctness": 1, "performance": 2}


def nothing_to_show(code: str, question: str, status: str = "ok", printed: str | None = None) -> bool:
    """The run has nothing to show (only definitions, or it printed nothing) and no symptom is described: the
    review's findings are the answer."""
    quiet = definitions_only(code) or (status == "ok" and printed is not None and not printed.strip())
    return quiet and not _SYMPTOM.search(question or "") and not _NOTHING_HAPPENS.search(question or "")


def review_lead(findings):
    """All the reviewer's findings with a line, most severe first (security, correctness, performance, style);
    the reviewer's own order within a category."""
    located = [f for f in findings if getattr(f, "line", 0)]
    return sorted(located, key=lambda f: _ORDER.get(getattr(f, "category", ""), 3))


def lead(diagnosis, findings, question: str, code: str, status: str = "ok", printed: str | None = None):
    """The answer after the hand-off: the reviewer's top finding leads, or debug's own diagnosis stands when there
    is none (or the finding cannot be used: an odd finding never costs the student the answer). When the run has
    nothing to show and no symptom is described, the review's findings lead whatever their category, the others
    listed after it."""
    quiet = nothing_to_show(code, question, status, printed)
    ranked = review_lead(findings) if quiet else []
    top = ranked[0] if ranked else top_finding(findings, question, status, pasted=definitions_only(code))
    if top is None:
        return diagnosis
    try:
        led = lead_with_review(diagnosis, top, code, status)
    except (TypeError, ValueError, AttributeError, IndexError):
        return diagnosis
    noted = {top.line, getattr(diagnosis, "line", None)}
    more = [f"Also from the review (line {f.line}, {getattr(f, 'category', '') or 'style'}): {f.message.strip()}"
            for f in ranked[1:] if f.line not in noted][:3]
    return replace(led, notes=led.notes + tuple(more)) if more else led


def lead_with_review(diagnosis, finding, code: str, status: str = "ok"):
    """The debug explanation rewritten to lead with the reviewer's finding; debug's own view becomes a note."""
    line = int(finding.line)
    suggestion = (finding.suggestion or "").strip()
    code_lines = _code_lines(suggestion)
    prose, code_part = ("", suggestion) if code_lines else _split_prose(suggestion)
    if not code_lines and code_part:
        code_lines = _code_lines(code_part)
    own = review_fix.own_rewrite(finding.message, code, line)   # a repeated dict key, from the student's own dict
    if code_lines and own is not None:
        # keep the student's first entry (what they wrote first), not the dict as Python keeps it, and say to
        # rename if both were meant
        suggestion, code_lines, code_part = prose, [], ""
    kind = review_fix.foreign(code_part, code) if code_lines else ""
    if kind:   # a rule's documentation example or a generic pattern is not a rewrite of the student's line
        suggestion = prose if kind == "doc" else \
            f"{prose} The pattern (use your own names): `{' '.join(ln.strip() for ln in code_lines)}`".strip()
        code_lines, code_part = [], ""
    whole = review_fix.splice(code_lines[0], code, line) if len(code_lines) == 1 else None
    if whole is not None:   # the complete corrected line, not a fragment of it
        code_lines, code_part = [whole], whole
    if code_lines:
        fix = f"{prose + ' ' if prose else ''}Rewrite line {line} like this:\n```python\n{code_part.strip()}\n```"
    elif _touches(code, getattr(diagnosis, "fixed_code", None), line):   # debug's own rewrite of that line
        fix = f"{suggestion + ' ' if suggestion else ''}{diagnosis.fix}".strip()
        own = (None, diagnosis.fixed_code)
    elif own is not None:
        fix = (f"Keep one entry per key (or rename the one you meant to be different): the dict becomes "
               f"`{own[0]}`.")
    else:
        fix = f"Line {line}: {suggestion}" if suggestion else f"Change line {line} as explained above."
    where = code.split("\n")[line - 1].strip() if 1 <= line <= len(code.split("\n")) else ""
    why = finding.message.strip()
    repeated = review_fix.repeated_key_name(why)
    if repeated:   # said in the student's own dict: the later entry replaces the earlier one
        why = review_fix.repeated_key_cause(code, line, repeated) or why
    if status == "timeout":
        why = ("It ran past the time limit, and no loop in it runs forever: it is slow. " + why)

    notes = [n for n in diagnosis.notes if not n.startswith("Line ")]
    if status == "exception":   # the sandbox could not import a third-party module: the code was reviewed instead
        notes.insert(0, "The sandbox has only the standard library, so the program stopped at its import of a "
                        "third-party module: that is the sandbox's limit, not a bug in your code. The finding above "
                        "comes from reading the code.")
    if where:
        notes.insert(0, f"Line {line}: {where}")
    if diagnosis.line and diagnosis.line != line and diagnosis.title != _NO_LOOP_FOUND and status != "exception":
        notes.append(f"Also check (line {diagnosis.line}): {diagnosis.cause}")
    notes.append("This finding comes from the code review agent: the program only defines code, so running it shows "
                 "nothing." if definitions_only(code) else
                 "This finding comes from the code review agent: the program itself ran without an error.")
    label = {"security": "Security problem", "correctness": "Correctness problem",
             "performance": "Performance problem", "style": "Review finding"}.get(finding.category, "Problem")
    return replace(diagnosis, title=f"{label} on line {line}", error_type=None, line=line, cause=why, fix=fix,
                   fixed_code=own[1] if own is not None else _apply(code, line, code_lines), confidence=max(diagnosis.confidence, 0.8),
                   concept_topic=_topic(finding.category, suggestion), notes=tuple(notes))


def _topic(category: str, suggestion: str) -> str:
    """The concept behind the finding (knowledge/outline.py), or none rather than an unrelated one."""
    if category == "performance":
        return "sets" if "set(" in suggestion else "dictionaries" if "{" in suggestion or "dict" in suggestion \
            else "loops"
    if category == "correctness":
        return "functions" if "def " in suggestion else "conditionals" if suggestion.lstrip().startswith(("if ", "elif ")) \
            else ""
    return ""
