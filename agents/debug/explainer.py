"""The debug explainer: turn a real sandbox run of the student's code into a specific, honest explanation.

Input is the sandbox's RunResult (duck-typed: status, exception_type, exception_message, line, offset,
source_line, traceback, stdout, stderr). The explainer never executes code itself; it reads the exception and
the code (`ast`) and dispatches to small diagnosers:
  expl_syntax   - SyntaxError / IndentationError / TabError, with compile-verified repairs
  expl_runtime  - IndexError, KeyError, NameError, ... (expl_types for TypeError)
  expl_input_end - EOFError: the silent bug that kept a loop asking for input, else the input ran out
  pitfalls.*    - no exception: silent bugs (silent, values, flow), wrong output / None, timeouts (infinite
                  loops), memory/output limits (logic)
Any fixed_code offered has been checked to compile; nothing here raises on odd input (it degrades to a generic,
lower-confidence explanation instead).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from knowledge.topics import topic_for_exception
from agents.debug import (concrete_fix, fix_shapes, review_handoff, expl_expect, expl_input_end, expl_runtime,
                          expl_span, expl_syntax, expl_typefix, silent_checks, silent_more)
from pitfalls import logic as expl_logic, silent as expl_silent
from pitfalls.ast_tools import Finding, compiles, frame_field, line_text, parse

_SYNTAX = ("SyntaxError", "IndentationError", "TabError")


@dataclass(frozen=True)
class DebugExplanation:
    title: str
    error_type: str | None
    line: int | None
    cause: str
    fix: str
    fixed_code: str | None
    concept_topic: str
    confidence: float
    notes: tuple[str, ...]


def _get(result, name, default=None):
    value = getattr(result, name, default)
    return default if value is None else value


def _student_line(result, code: str) -> int | None:
    """The 1-based line in the student's code; falls back to the deepest traceback frame inside the code."""
    line = _get(result, "line")
    n_lines = len(code.split("\n"))
    if isinstance(line, int) and 1 <= line <= n_lines:
        return line
    for frame in reversed(list(_get(result, "traceback", []) or [])):
        try:
            candidate = int(frame_field(frame, 0, "line"))
        except (TypeError, ValueError):
            continue
        if 1 <= candidate <= n_lines:
            return candidate
    return None


def _finish(finding: Finding, error_type: str | None, line: int | None, topic: str, code: str,
            notes: list[str]) -> DebugExplanation:
    if code.strip() and (finding.line or line) and error_type not in _SYNTAX:
        finding.line = finding.line or line
        finding = concrete_fix.concretize(finding, code)   # a rewrite of the named line, not only advice
    fixed = finding.fixed_code
    if fixed is not None and (fixed == code or not compiles(fixed)):
        notes.append("A mechanical fix was considered but it did not compile, so it is not shown.")
        fixed = None
    return DebugExplanation(title=finding.title or (f"{error_type} on line {line}" if error_type and line else
                                                    error_type or "Code review"),
                            error_type=error_type, line=finding.line or line, cause=finding.cause, fix=finding.fix,
                            fixed_code=fixed, concept_topic=finding.topic or topic,
                            confidence=round(max(0.05, min(0.99, finding.confidence)), 2),
                            notes=tuple(notes + finding.notes))


def _exception(code: str, tree, result, line, notes) -> DebugExplanation:
    exc = str(_get(result, "exception_type", "") or "Exception").rsplit(".", 1)[-1]
    msg = str(_get(result, "exception_message", "") or "")
    topic = topic_for_exception(exc, msg)
    if exc in _SYNTAX:
        finding = expl_syntax.diagnose(code, exc, msg, line, _get(result, "offset"))
        return _finish(finding, exc, finding.line or line, topic if exc != "SyntaxError" else _syntax_topic(msg),
                       code, notes)
    if tree is None:
        notes.append("Your code could not be parsed for a closer look, so this explanation uses only the message.")
    dropped = _none_from_function(code, tree, line) if tree is not None and exc in ("TypeError", "AttributeError") \
        and "NoneType" in msg else []
    if dropped:   # `n * f(n - 1)` or `square(3) + 1` failing on None: the real bug is a result never returned
        finding = dropped[0]
        finding.cause = f"Line {line} fails because a value is None ({msg}). " + finding.cause
    elif exc == "RecursionError":
        finding = expl_runtime.recursion_error(code, tree, line, msg, _get(result, "traceback", []))
    elif exc in expl_runtime.HANDLERS and tree is not None:
        finding = expl_runtime.HANDLERS[exc](code, tree, line, msg)
    elif exc in ("NameError", "ModuleNotFoundError", "FileNotFoundError", "StopIteration", "ValueError"):
        finding = expl_runtime.HANDLERS[exc](code, tree, line, msg)
    else:
        finding = expl_runtime.generic(code, tree, line, msg, exc)
    if exc == "TypeError" and finding.fixed_code is None and tree is not None:
        concrete = expl_typefix.concrete(code, tree, line, msg)   # advice alone: try a concrete edit of the line
        if concrete is not None:
            finding = concrete
    if line and not finding.title:
        finding.title = f"{exc} on line {line}"
    source = (_get(result, "source_line") or line_text(code, line)).strip()
    if source and line:
        notes.insert(0, f"Line {line}: {source}")
    return _finish(finding, exc, line, topic, code, notes)


def _none_from_function(code: str, tree, line: int | None) -> list[Finding]:
    """A function called on the failing line that never returns its result (a dropped recursive result, or a
    print where a return belongs)."""
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
              and getattr(n, "lineno", None) == line}
    found = expl_silent.recursion_result_dropped(code, tree)
    found += [f for f in expl_logic.prints_instead_of_returning(code, tree)
              if any(f"`{name}()` prints" in f.cause for name in called)]   # the print line is the bug's line
    return found


def _syntax_topic(msg: str) -> str:
    low = msg.lower()
    if "print" in low:
        return "input-output"
    if "f-string" in low:
        return "string-formatting"
    if "'=='" in low:
        return "conditionals"
    if "string literal" in low:
        return "strings"
    return "variables" if "assign" in low else "conditionals" if "':'" in low else "variables"


def explain_failure(code: str, result, question: str = "", skill_level: str = "beginner",
                    ran_with: str = "", stdin_lines: int = 0, searched: Finding | None = None,
                    stdin: str = "") -> DebugExplanation:
    """explain_run with the run's standard input known to the fixes (int or float for input() text)."""
    token = fix_shapes.STDIN.set(stdin or "")
    try:
        return explain_run(code, result, question, skill_level, ran_with, stdin_lines, searched)
    finally:
        fix_shapes.STDIN.reset(token)


def explain_run(code: str, result, question: str = "", skill_level: str = "beginner",
                ran_with: str = "", stdin_lines: int = 0, searched: Finding | None = None) -> DebugExplanation:
    """Explain why the student's code failed (or misbehaved) using the real run result.

    ran_with: the sentence saying which standard input the run was given (empty if it reads none);
    stdin_lines: how many lines that input had (an EOFError past them is a real over-read);
    searched: the edit the expected-vs-got repair search verified by running (agents/debug/repair_search.py)."""
    code = code or ""
    notes: list[str] = [ran_with] if ran_with else []
    try:
        status = str(_get(result, "status", "ok") or "ok")
        tree = parse(code) if code.strip() else None
        line = _student_line(result, code)
        if status in ("exception", "syntax_error") or (_get(result, "exception_type") and status not in
                                                          ("timeout", "memory_limit", "output_limit", "killed")):
            if not code.strip():
                return _pasted(result, notes)
            if str(_get(result, "exception_type", "")) == "EOFError":
                symptom = expl_input_end.loop_bug_behind(code, tree, line) or \
                    expl_input_end.step_after_loop(code, tree, line) or searched
                if symptom is not None:   # the loop never stops because of a silent bug: that is the diagnosis
                    notes.append(f"The run ended with EOFError on line {line}: the loop kept asking for input after "
                                 "all of it was used, because of the bug above.")
                    return _finish(symptom, None, symptom.line, symptom.topic or "loops", code, notes)
                return _finish(expl_input_end.over_read(line, stdin_lines), "EOFError", line, "input-output", code,
                               notes)
            return _exception(code, tree, result, line, notes)
        if status == "timeout":
            findings = silent_more.step_after_loop(code, tree) + expl_logic.infinite_loops(code, tree) \
                if tree is not None else []
            if not findings:
                findings = [Finding("The program ran past the time limit. I could not find a loop whose condition "
                                    "never changes, so it may just be very slow (e.g. nested loops over big ranges) "
                                    "or waiting on something.",
                                    "Add a print inside your loops to watch the variables change, and check each loop "
                                    "has a reachable exit.", confidence=0.35, title="Program took too long",
                                    topic="loops")]
            return _finish(findings[0], None, findings[0].line, "loops", code, notes +
                           [f"Also: {f.cause}" for f in findings[1:3]])
        if status in ("memory_limit", "output_limit"):
            # a loop that never ends is the root cause when there is one; the growth/printing is the symptom
            findings = expl_logic.infinite_loops(code, tree) if tree is not None else []
            findings += expl_logic.runaway_growth(code, tree, status) if tree is not None else []
            if not findings:
                what = "memory" if status == "memory_limit" else "output"
                findings = [Finding(f"The program used more {what} than allowed, but I could not pinpoint where.",
                                    "Look for loops that never end and collections that keep growing.",
                                    confidence=0.35, title=f"Too much {what}", topic="loops")]
            return _finish(findings[0], None, findings[0].line, findings[0].topic or "loops", code,
                           notes + [f"Also: {f.cause}" for f in findings[1:3]])
        if status == "killed":
            return _finish(Finding("The program was stopped by the sandbox before it finished (it may have used a "
                                   "forbidden operation or too many resources).",
                                   "Simplify the program and avoid system calls, subprocesses and network access.",
                                   confidence=0.3, title="Program was stopped", topic="exceptions"),
                           None, line, "exceptions", code, notes)
        return _ok(code, tree, result, question, notes, ran_with, searched)
    except Exception as exc:   # an explainer bug must never take down the debug agent
        return DebugExplanation(title="Could not analyse the code", error_type=_get(result, "exception_type"),
                                line=_get(result, "line"), cause="I could not analyse this run automatically "
                                f"({type(exc).__name__}).", fix="Read the last line of the error message and the "
                                "line it points to; print the values used there.", fixed_code=None,
                                concept_topic="exceptions", confidence=0.1, notes=())


def _ok(code: str, tree, result, question: str, notes: list[str], ran_with: str = "",
        searched: Finding | None = None) -> DebugExplanation:
    if not code.strip():
        return _finish(Finding("I did not receive any code to run, and your message does not name an error, so "
                               "there is nothing concrete to diagnose yet.",
                               "Paste the code, and the full error message (the last line of the traceback) if "
                               "there is one.", confidence=0.15, title="Nothing to debug yet", topic="exceptions"),
                       None, None, "exceptions", code, notes)
    stdout = str(_get(result, "stdout", "") or "")
    printed = stdout.strip()[:600]
    expect = expl_expect.parse(question)
    findings: list[Finding] = []
    if tree is not None:
        findings += silent_checks.findings(code, tree)
        findings += expl_logic.wrong_output(code, tree, question) + expl_span.stated_span(code, tree, question) \
            + expl_span.while_span(code, tree, question)
    findings = expl_expect.rank([f for f in _unique(findings) if _confirmed(f, stdout, question)], question)
    if findings and review_handoff.pasted_to_check(code, question, findings[0]):   # other findings lead
        findings.sort(key=lambda f: f.title == "Function never called")
    same_edit = [f for f in findings if searched is not None and f.fixed_code == searched.fixed_code]
    if same_edit:   # a pitfall rule proposes the very edit the search verified: its explanation leads
        findings = same_edit[:1] + [f for f in findings if f is not same_edit[0]]
    elif searched is not None and not (findings and (findings[0].line == searched.line
                                                     or expl_expect.described(findings[0], question))):
        findings.insert(0, searched)   # verified by running: the edit makes the program print what was expected
    run_note = (f"I ran it{' with that input' if ran_with else ''} and it finished without an error; it printed:\n"
                f"```\n{printed}\n```" if printed else "I ran it and it finished without an error, printing nothing.")
    if expect.sentence():
        seen = " - the run shows the same" if expl_expect.output_matches(stdout, expect.got) else ""
        run_note += f" You said {expect.sentence()}{seen}."
    notes.append(run_note)
    if not findings:
        ask = "" if expect.expected else " What output did you expect" + (", for this input?" if ran_with else "?")
        return _finish(Finding(f"The program ran without an error and I found none of the usual silent bugs (late-"
                               f"binding closures, mutable defaults, list aliasing, a function never called, a "
                               f"dropped return value, `or` with a bare value, `is` on literals, off-by-one ranges)."
                               f"{ask}",
                               "Tell me the exact output you expected next to what it printed; printing the "
                               "variables inside your loop usually shows where they start to differ.",
                               confidence=0.25, title="Ran without errors - what should it print?",
                               topic="functions"), None, None, "functions", code, notes)
    best = findings[0]
    if review_handoff.pasted_to_check(code, question, best) and (review_handoff.asks_review(question) or
                                                                 review_handoff.nothing_to_show(code, question)):
        return _finish(review_handoff.only_definitions(code, best), None, None, "functions", code, notes)
    for other in findings[1:3]:
        notes.append(f"Also check (line {other.line}): {other.cause}")
    return _finish(best, None, best.line, best.topic or "functions", code, notes)


def _confirmed(finding: Finding, stdout: str, question: str) -> bool:
    """A maximum/minimum started at 0 is only wrong for all-negative/positive data: keep it when the run printed
    that 0 or the student mentions it. A print on every pass of a loop is often meant: keep it when the student
    says the output repeats or should come once."""
    if finding.title == "Printed on every pass of the loop":
        return expl_expect.described(finding, question) or expl_expect.last_line_is_expected(stdout, question)
    if finding.title == silent_checks.WEAK_NAME:   # a name in a text whose variable is used but never shown
        name = re.match(r"`(\w+)`", finding.cause or "")
        said = name is not None and re.search(rf"\b{name.group(1)}\b", question or "") \
            and re.search(rf"\b{name.group(1)}\b", stdout)   # the student quotes the printed word
        return expl_expect.described(finding, question) or bool(said)
    if finding.title != "Accumulator starts at the wrong value" or "times anything" in finding.cause:
        return True
    return bool(re.search(r"(?<![\d.])0(?![\d.])", stdout) or re.search(r"\b0\b|zero|negative|positive", question, re.I))


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        if (f.line, f.title) not in seen:
            seen.add((f.line, f.title))
            out.append(f)
    return out


def _pasted(result, notes: list[str]) -> DebugExplanation:
    """A traceback pasted without code: explain from its own code line, exception and line number."""
    exc = str(_get(result, "exception_type", "") or "Exception")
    msg = str(_get(result, "exception_message", "") or "")
    line = _get(result, "line")
    source = str(_get(result, "source_line", "") or "").strip()
    finding = None
    snippet_tree = parse(source) if source else None
    if snippet_tree is None and source.endswith(":") and exc not in _SYNTAX:   # `for i in 10:` opens a block
        source_block = parse(source + "\n    pass")
        if source_block is not None:
            snippet_tree, source = source_block, source + "\n    pass"
    opened_block = source.endswith("\n    pass")
    if source and exc in _SYNTAX:
        finding = expl_syntax.diagnose(source, exc, msg, 1, None)
    elif snippet_tree is not None and exc in expl_runtime.HANDLERS:
        try:
            finding = expl_runtime.HANDLERS[exc](source, snippet_tree, 1, msg)
        except Exception:   # a one-line view can lack what a handler expects; fall back to the generic text
            finding = None
    if finding is None:
        finding = expl_runtime.generic(source, snippet_tree, 1 if source else None, msg, exc)
    if opened_block:
        source = source[: -len("\n    pass")]
        if finding.fixed_code and finding.fixed_code.rstrip().endswith("\n    pass"):
            finding.fixed_code = finding.fixed_code.rstrip()[: -len("\n    pass")]
    if finding.fixed_code and finding.fixed_code.strip() != source:
        finding.fix += f"\n\nLine {line or '?'} would read:\n```python\n{finding.fixed_code.strip()}\n```"
    finding.fixed_code = None   # a one-line program is not the student's program
    if line:
        finding.cause = re.sub(r"\b([Ll])ine 1\b", rf"\g<1>ine {line}", finding.cause)
        finding.fix = re.sub(r"\b([Ll])ine 1\b", rf"\g<1>ine {line}", finding.fix)
    finding.line = line
    if source:
        notes.insert(0, f"Line {line}: {source}")
    notes.append("Paste the whole program too and I can run it and check the fix.")
    finding.confidence = min(finding.confidence, 0.7 if source else 0.5)
    title = f"{exc} on line {line}" if line else exc
    finding.title = title
    return _finish(finding, exc, line, topic_for_exception(exc, msg), "", notes)


def render(expl: DebugExplanation, concept_text: str | None = None) -> str:
    """Student-facing text. Complete without the concepts agent's text (then a short local summary is used)."""
    parts = [f"### {expl.title}"]
    lead = _lead_paragraph(expl)
    if lead:   # the first block states what is wrong and the fixed line, before the details
        parts.append(lead)
    if expl.error_type:
        where = f" on line {expl.line}" if expl.line else ""
        parts.append(f"**Error:** `{expl.error_type}`{where}")
    elif expl.line:
        parts.append(f"**Where to look:** line {expl.line}")
    parts.append(f"**Why it happens:** {expl.cause}")
    parts.append(f"**How to fix it:** {expl.fix}")
    if expl.fixed_code:
        parts.append(f"**Fixed code:**\n```python\n{expl.fixed_code.rstrip()}\n```")
    extra = [n for n in expl.notes if not n.startswith("Line ")]
    if extra:
        parts.append("\n".join(f"- {n}" for n in extra))
    if concept_text and concept_text.strip():
        first, _, rest = concept_text.strip().partition("\n")
        if first.startswith("#"):  # the concepts agent's own heading becomes part of ours, not a second one
            parts.append(f"### The concept behind it: {first.lstrip('#').strip()}\n{rest.strip()}")
        else:
            parts.append(f"### The concept behind it\n{concept_text.strip()}")
    else:
        from knowledge import outline   # shared topic outline: the answer stays complete without the agent

        summary = outline.summary(expl.concept_topic)
        if summary:
            parts.append(f"### The concept behind it: {outline.title(expl.concept_topic)}\n{summary}")
    if expl.confidence < 0.4:
        parts.append("_I am not certain about this diagnosis; treat it as a starting point._")
    return "\n\n".join(parts)


def _lead_paragraph(expl: DebugExplanation) -> str:
    """One paragraph (no bold lead, so it belongs to the heading's block): the first sentence of the cause and the
    rewritten line in a code block (agents/debug/concrete_fix.py names it: "Line N becomes: `...`")."""
    if not expl.line:
        return ""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z`])", expl.cause.strip(), maxsplit=1)[0] if expl.cause else ""
    rewrite = re.search(r"Line \d+ becomes: `([^`]+)`", expl.fix) or re.search(r"The fix (?:adds|moves) `([^`]+)`", expl.fix)
    block = re.search(r"```python\n(.+?)```", expl.fix, re.S)
    code = rewrite.group(1) if rewrite else block.group(1).rstrip() if block else ""
    if not code:
        return f"Line {expl.line}: {first}" if first else ""
    return f"Line {expl.line}: {first} Fix:\n```python\n{code}\n```"


def fixed_code_parses(expl: DebugExplanation) -> bool:
    """Convenience for callers/tests: offered fixes always compile."""
    return expl.fixed_code is None or ast.parse(expl.fixed_code) is not None
