"""Offline code review for student Python: findings with lines and rewrites, a score, and kind prose.

review() never runs the code: it parses it (reporting syntax errors with their line instead of
crashing), then combines ruff (the engine: agents/code_review/ruff_engine.py, curated selection in
ruff_rules.py, rewrites in ruff_rewrites.py) with the learner rules ruff lacks (rules_learner.py,
rules_ast.py). Findings are ordered security, correctness, performance, style; render() says the
most important first, praises only what was checked and holds, and never calls code with a
security, correctness or performance finding clean.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from agents.code_review import (ruff_engine, rules_args, rules_bugs, rules_classes, rules_crash, rules_learner,
                                rules_logic, rules_objects, rules_perf, rules_perf_loops, rules_runtime, rules_security,
                                rules_silent, rules_web, symptom)
from agents.code_review.markdown import rewrite
from agents.code_review.ruff_rewrites import message, suggestion
from agents.code_review.ruff_rules import CATEGORIES, LAYOUT_MESSAGES, LAYOUT_TIPS, meaning
from agents.code_review.rules_ast import AstRules, likely_exception
from agents.code_review.rules_astutil import definitions_only, rebound_in_loop, walk
from agents.code_review.rules_common import SEVERITIES, WHY, Finding

__all__ = ["Finding", "ReviewReport", "review", "render"]

MAX_CODE_CHARS = 100_000
_PENALTY = {"error": 18, "warning": 7, "suggestion": 3}
_STYLE_PENALTY = 2
_HEADINGS = {"error": "Must fix", "warning": "Worth improving", "suggestion": "Polish"}
_GROUPS = {"security": "Security (fix first)", "correctness": "Correctness (gives wrong results or crashes)",
           "performance": "Performance", "style": "Style and readability"}
# A finding of these categories caps the score: never a near-perfect mark on unsafe, wrong or slow code.
_CAP = {"security": 40, "correctness": 60, "performance": 80}
_SPEED = re.compile(r"\b(slow|fast|faster|speed|perform|efficien|optimi[sz]|quick|big.?o|complexity|scale|"
                    r"takes? (?:forever|ages|long))", re.I)
# ruff rules that say less than a learner rule on the same line (ruff's fix for SIM222 is even `True`)
_WEAKER = {"or-constant": {"SIM222", "PLR1714"}, "chained-comparison-bool": {"PLR0133", "E712", "PLR1716"},
           "constant-condition": {"PLR1714", "SIM222", "SIM223"}, "is-value": {"F632"},
           "loop-returns-first-item": {"RET505", "SIM103"}, "hardcoded-secret": {"S105", "S106"},
           "backwards-update": {"PLW2901"}, "type-compared-with-text": {"E721"}, "init-stores-local": {"PLW0127"}, "value-not-returned": {"F841"}, "float-index": {"F841"},
           "list-changed-in-loop": {"B909"}, "dict-changed-in-loop": {"B909", "PLE4703"}, "path-traversal": {"SIM115"},
           "dunder-without-return": {"PLE0303", "PLE0304", "PLE0305", "PLE0307", "PLE0308", "PLE0309"}}
# Correctness notes that are real but rarely the main problem: after the other correctness findings.
_LOW_CONFIDENCE = ("PLW2901", "F811", "PLW0120", "E722", "S110", "S112", "W605", "unreachable-code",
                   "loop-may-not-end", "B008", "B012", "PLW0128", "argument-changed")
# Notes that matter least come last within their category (a docstring or a layout habit never leads a review).
_MINOR = ("missing-docstring", "style-", "PLR2004", "descriptive-name")
# Structure notes (nesting depth, size, branch counts) say "hard to read" about a whole function: within style
# they follow the notes that name a specific line's idiom (`== True`, range(len), naming, open without with).
_STRUCTURE = ("deep-nesting", "complexity", "C901", "PLR0911", "PLR0912", "PLR0913", "PLR0915")
# Return-statement tidying (`else` after `return`...) saves a line at most: after the other style notes.
_TRIVIAL = ("RET501", "RET502", "RET504", "RET505", "RET506", "RET507", "RET508", "UP015", "UP034")
# When the student asks for shorter/simpler code, the notes that remove the most code lead the style notes.
_SHORTENING = ("if-chain-to-dict", "duplicated-block", "counting-pattern", "return-bool", "SIM108", "SIM110",
               "manual-counter", "range-len", "while-index-loop", "identical-branches", "PLR1714", "SIM114")
_SIMPLIFY = re.compile(r"\b(short|shorter|shorten|simpl|clean|pythonic|less code|fewer lines|compact|concise|"
                       r"refactor|neater|tidy|elegant|more readable|readab)", re.I)


@dataclass(frozen=True)
class ReviewReport:
    findings: tuple[Finding, ...]
    summary: str
    score: int  # 0-100
    parse_error: str | None
    metrics: dict = field(default_factory=dict)


def review(code: str, question: str = "") -> ReviewReport:
    """Statically reviews one Python snippet or module (the question only shapes what is said first)."""
    code = (code or "")[:MAX_CODE_CHARS].replace("\r\n", "\n")
    lines = code.splitlines(keepends=True)
    metrics = {"lines": sum(1 for ln in lines if ln.strip()), "comment_lines": sum(1 for ln in lines
                                                                                  if ln.strip().startswith("#"))}
    if not code.strip():
        return ReviewReport((), "There is no code to review yet.", 0, "no code", metrics)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError) as exc:
        finding = _syntax_finding(exc, lines)
        metrics.update(functions=0, classes=0, max_complexity=0, max_nesting=0)
        return ReviewReport((finding,), f"Python cannot parse this code yet: {finding.message}", 10,
                            f"line {finding.line}: {getattr(exc, 'msg', str(exc))}", metrics)
    ruff = ruff_engine.start(code)   # the native binary works while our own rules run
    try:
        rules = AstRules(tree, lines)
        reported = symptom.reports_symptom(question)
        own = (rules_learner.run(tree) + rules.run() + rules_bugs.run(tree, question, reported) + rules_crash.run(tree)
               + rules_logic.run(tree) + rules_classes.run(tree)
               + rules_silent.run(code, tree, question, reported)
               + rules_perf.run(tree) + rules_perf_loops.run(tree) + rules_security.run(tree) + rules_web.run(tree)
               + rules_objects.run(tree) + rules_runtime.run(tree))
        own += rules_args.run(tree, {f.line for f in own if f.rule == "assert-for-access"})
    except BaseException:
        ruff_engine.cancel(ruff)
        raise
    found = own + _ruff_findings(code, tree, own, ruff)
    metrics.update(rules.metrics, speed_question=bool(_SPEED.search(question or "")),
                   definitions_only=definitions_only(tree))
    findings = tuple(_dedupe(found, bool(_SIMPLIFY.search(question or ""))))
    score = _score(findings)
    return ReviewReport(findings, _summary(findings, score), score, None, metrics)


def _ruff_findings(code: str, tree: ast.Module, own: list[Finding], ruff) -> list[Finding]:
    rows = code.split("\n")
    covered = {(code_id, f.line) for f in own for code_id in _WEAKER.get(f.rule, ())}
    layout: dict[str, list[int]] = {}
    shadowed: set[str] = set()
    out = []
    for hit in ruff_engine.finish(ruff, code):
        if (hit.code, hit.line) in covered or (hit.code == "RET503" and _bug_in_function(tree, own, hit.line)):
            continue
        if hit.code == "B909" and rebound_in_loop(tree, (re.findall(r"`([^`]+)`", hit.message) or [""])[0], hit.line):
            continue   # `seq = seq[:i] + [x]` in the loop: later changes hit a new object, not the one being walked
        if hit.code == "S311" and not _SECRET.search(_context(tree, rows, hit.line)):
            continue   # `random` in a game is fine; only secrets (passwords, tokens, codes) need `secrets`
        rule, category, severity = meaning(hit.code, hit.name)
        if hit.code in LAYOUT_MESSAGES:
            if hit.line not in layout.setdefault(hit.code, []):
                layout[hit.code].append(hit.line)
            continue
        tip = suggestion(hit, rows, tree)
        if hit.code in ("E722", "S110", "S112"):
            handler = next((h for h in walk(tree) if isinstance(h, ast.ExceptHandler) and h.lineno == hit.line),
                           None)
            guess = likely_exception(getattr(handler, "_parent", None)) if handler else None
            tip = tip.replace("ValueError", guess or "ValueError")
        if rule == "shadowed-builtin":   # one finding per name, at its first use
            name = message(hit).split("`")[1]
            if name in shadowed:
                continue
            shadowed.add(name)
            called = _called_after(tree, name, hit.line)
            if called:
                out.append(Finding(rule, hit.line, "error", f"{message(hit)} Line {called} calls `{name}(...)`, "
                                   f"which now calls your value instead and fails (TypeError: object is not "
                                   f"callable).", tip, category, hit.code))
                continue
        out.append(Finding(rule, hit.line, severity, message(hit), tip, category, hit.code))
    for code_id, where in layout.items():
        rule, category, severity = meaning(code_id, "")
        shown = ", ".join(map(str, where[:6])) + (" ..." if len(where) > 6 else "")
        plural = "lines" if len(where) > 1 else "line"
        out.append(Finding(rule, where[0], severity, f"PEP 8 style: {LAYOUT_MESSAGES[code_id]} ({plural} {shown}).",
                           LAYOUT_TIPS[code_id], category, code_id))
    return out


def _function_at(tree: ast.Module, line: int):
    spans = [n for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
             and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return min(spans, key=lambda n: (n.end_lineno or n.lineno) - n.lineno) if spans else None


def _bug_in_function(tree: ast.Module, own: list[Finding], line: int) -> bool:
    """A learner rule already reports a correctness bug in the function ruff's RET503 points at."""
    fn = _function_at(tree, line)
    return fn is not None and any(f.category == "correctness" and fn.lineno <= f.line <= (fn.end_lineno or fn.lineno)
                                  for f in own)


def _called_after(tree: ast.Module, name: str, line: int) -> int:
    """Line of a later call of the built-in `name` that the assignment on `line` shadows (0 if none)."""
    scope = _function_at(tree, line) or tree
    for node in walk(scope):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name \
                and node.lineno > line:
            return node.lineno
    return 0


_SECRET = re.compile(r"pass|token|secret|otp|salt|key|pin\b|verif|reset|session|auth|nonce", re.I)


def _context(tree: ast.Module, rows: list[str], line: int) -> str:
    """The line itself and the name of the function around it."""
    names = [n.name for n in walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
             and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return " ".join(names) + " " + (rows[line - 1] if 0 < line <= len(rows) else "")


def why(f: Finding) -> str:
    """Plain-language reason: the project's own sentence for its rules, else ruff's documentation."""
    return WHY.get("style" if f.rule.startswith("style-") else f.rule) or (ruff_engine.why(f.code) if f.code else "")


def _dedupe(found: list[Finding], simplify: bool = False) -> list[Finding]:
    """No repeats; LearnFlow's own rule wins over a ruff finding of the same rule on the same line."""
    own = {(f.rule, f.line) for f in found if not f.code}
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.rule, f.line, f.code, f.message if f.code else "")   # one own finding per rule and line
        if key in seen or (f.code and (f.rule, f.line) in own):
            continue
        seen.add(key)
        out.append(f)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rank = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(out, key=lambda f: (rank.get(f.category, 3), _minor(f),
                                      not (simplify and (f.rule in _SHORTENING or f.code in _SHORTENING)),
                                      f.code in _TRIVIAL, _low(f), _structure(f), order[f.severity], f.line, f.rule))


def _minor(f: Finding) -> bool:
    return f.rule.startswith(_MINOR) or f.code in _MINOR


def _structure(f: Finding) -> bool:
    return f.rule in _STRUCTURE or f.code in _STRUCTURE


def _low(f: Finding) -> bool:
    return f.code in _LOW_CONFIDENCE or f.rule in _LOW_CONFIDENCE


def _score(findings: tuple[Finding, ...]) -> int:
    penalty = 0
    for f in findings:
        penalty += _STYLE_PENALTY if f.rule.startswith("style-") else _PENALTY[f.severity]
    cap = min([_CAP[f.category] for f in findings if f.category in _CAP], default=100)
    return max(0, min(cap, 100 - penalty))


def _summary(findings: tuple[Finding, ...], score: int) -> str:
    if not findings:
        return f"Clean code: no issues found (score {score}/100)."
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(parts)}); score {score}/100."


def _syntax_finding(exc: Exception, lines: list[str]) -> Finding:
    line = getattr(exc, "lineno", None) or 1
    msg = getattr(exc, "msg", None) or str(exc)
    text = lines[line - 1].rstrip() if 0 < line <= len(lines) else ""
    kind = type(exc).__name__
    return Finding("syntax-error", line, "error", f"{kind} on line {line}: {msg}.", _syntax_hint(msg, text))


def _syntax_hint(msg: str, text: str) -> str:
    low = msg.lower()
    stripped = text.strip()
    if "expected ':'" in low or (re.match(r"(if|elif|else|for|while|def|class|try|except|with)\b", stripped)
                                 and not stripped.endswith(":") and "indent" not in low):
        return f"Add a colon at the end of the line: `{stripped.rstrip(':')}:`"
    if "expected an indented block" in low:
        return "Indent the body of the block by 4 spaces under the line that ends with ':'."
    if "unindent" in low or "unexpected indent" in low or "indent" in low:
        return "Line up this line with the others in its block (4 spaces per level)."
    if "never closed" in low or "unmatched" in low or "was never closed" in low or "does not match" in low:
        return "Check that every (, [ and { has its matching closing bracket."
    if "unterminated string" in low or "eol while scanning" in low:
        return "Close the string with the same quote character it started with."
    if "'=' " in low or "maybe you meant '=='" in low or "cannot assign" in low:
        return "To compare values use `==`; a single `=` assigns."
    if "print" in low and "parentheses" in low:
        return "In Python 3 print is a function: `print(value)`."
    return "Look at this line and the one just above it for a missing bracket, quote, colon or comma."


# ---- rendering ---------------------------------------------------------------------------------
def render(report: ReviewReport, skill_level: str = "beginner", lead: str = "") -> str:
    """Kind, readable review text in Markdown: the main issue as a bold lead with its rewrite in a fenced block,
    findings grouped under headings by category, then what's good. `lead` prefixes the first note ("First review
    note" when a diagnosis from running the code comes before the review)."""
    level = skill_level if skill_level in ("beginner", "intermediate", "advanced") else "beginner"
    out: list[str] = []
    if report.parse_error == "no code":
        return "There's no code to review yet - paste your Python code and I'll take a look."
    if report.parse_error is not None:
        f = report.findings[0]
        out.append("Thanks for sharing your code! Python can't read it yet because of a syntax error, so "
                   "let's fix that first - after that I can review the rest.")
        out.append(f"\n**Line {f.line} — must fix (syntax):** {f.message}\n{rewrite(f.suggestion)}")
        if level == "beginner":
            out.append(f"Why: {WHY['syntax-error']}")
        return "\n".join(out)

    out.append(_opening(report, level, lead))
    for category in CATEGORIES:
        group = [f for f in report.findings if f.category == category]
        if not group:
            continue
        if level == "advanced" and category == "style" and len(group) > 4:
            group = group[:4]
        out.append(f"\n### {_GROUPS[category]}")
        for f in group:
            tag = f" [{f.rule}{' ' + f.code if f.code else ''}]" if level == "advanced" else ""
            out.append(f"- **Line {f.line} ({_HEADINGS[f.severity].lower()}):** {f.message}{tag}")
            out.append(rewrite(f.suggestion, "  "))
            reason = why(f)
            if level == "beginner" and reason:
                out.append(f"  Why: {reason}")
    good = _positives(report)
    if good:   # after the findings: praise never comes before the main issue
        out.append("\n### What's good")
        out.extend(f"- {g}" for g in good)
    out.append("\n" + _closing(report, level))
    return "\n".join(out)


_CHECKED = ("security (eval/exec, SQL built from strings, shell commands, pickle/yaml loading, secrets in the code, "
            "weak password hashes, asserts used as checks, file paths from requests, missing timeouts), common logic "
            "and class bugs, speed and PEP 8 style")


def _opening(report: ReviewReport, level: str = "beginner", label: str = "") -> str:
    """The main issue first, as a finding with its line and rewrite; an all-clear only when nothing at all was found,
    and then only about what was checked."""
    if not report.findings and report.metrics.get("definitions_only"):
        return (f"Nothing in this file calls these definitions, so none of it ran. I read it for {_CHECKED}, and "
                "those checks raised no note - but reading cannot show the results are right. Add a call with an "
                "example input (or tell me what it should return for one) and I will run it.")
    if not report.findings:
        return (f"My checks flagged nothing in this code: I looked at {_CHECKED}. Static checks cannot prove the "
                "results are right, so if it prints something you did not expect, tell me the input, what you "
                "expected and what you got, and I will run it.")
    first = report.findings[0]
    prefix = f"{label}: " if label else ""
    lead = (f"**{prefix}Line {first.line} — {_HEADINGS[first.severity].lower()} ({first.category}):** "
            f"{first.message}\n{rewrite(first.suggestion)}")
    serious = [f for f in report.findings if f.category in ("security", "correctness") and f.severity == "error"]
    speed = ""
    if report.metrics.get("speed_question"):
        slow = [f for f in report.findings if f.category == "performance" and "O(" in f.message + f.suggestion]
        speed = ("\nAbout speed: " + " ".join(f"line {f.line}: {f.message}{_before_after(f)} Fix: "
                                              f"{f.suggestion.splitlines()[0]}" for f in slow[:2])) if slow else \
            "\nAbout speed: I found no loop whose cost grows faster than the input here."
    if first.category == "security":
        return f"{lead}\nThis is a security problem, so fix it before anything else (score {report.score}/100).{speed}"
    if serious:
        return (f"{lead}\n{len(serious)} issue{'s' if len(serious) > 1 else ''} will cause wrong results or a crash, "
                f"so start with {'those' if len(serious) > 1 else 'that'} (score {report.score}/100).{speed}")
    if first.category == "performance":
        return f"{lead}\nIt is slower than it needs to be (score {report.score}/100).{speed}"
    if first.category == "correctness":
        return f"{lead}\nThis can cause a bug, so it is worth fixing first (score {report.score}/100).{speed}"
    unrun = (" Nothing in the file calls these definitions, so none of it ran: that does not show the results are "
             "right." if report.metrics.get("definitions_only") else "")
    return (f"{lead}\nThe rest are style notes; the checks for security problems and common logic bugs flagged "
            f"nothing (score {report.score}/100).{unrun}{speed}")


_BIG_O = re.compile(r"O\([^()]*(?:\([^()]*\))?[^()]*\)")


def _before_after(f: Finding) -> str:
    """" Complexity now: O(n·m); after the fix: O(n+m)." from the finding's own figures ("" if it has none)."""
    before = _BIG_O.findall(f.message)
    after = [o for o in _BIG_O.findall(f.suggestion) if o != "O(1)"] or \
        [o for o in _BIG_O.findall(f.message)[1:] if o != "O(1)"]
    if not before or not after:
        return ""
    return f" Complexity now: {before[0]}; after the fix: {after[-1]}."


def _positives(report: ReviewReport) -> list[str]:
    """Specific praise, drawn from what the checks did NOT find and from the metrics."""
    rules = {f.rule for f in report.findings}
    m = report.metrics
    good = []
    if "syntax-error" not in rules:
        good.append("It is valid Python that parses cleanly.")
    if m.get("functions") and not rules & {"naming", "descriptive-name", "shadowed-builtin"}:
        good.append("Function and variable names follow PEP 8 and say what they hold.")
    elif m.get("functions"):
        good.append("You organised the logic into a function, which makes it reusable and testable.")
    if m.get("docstrings"):
        good.append("Docstrings explain what your functions do.")
    if not any(f.category == "security" for f in report.findings):
        good.append("No security problems turned up (eval/exec, SQL built from strings, shell=True, pickle).")
    if m.get("functions") and m.get("max_complexity", 0) <= 5 and "deep-nesting" not in rules \
            and not any(f.category in ("correctness", "performance") for f in report.findings):
        good.append("The logic is short and straightforward to follow.")
    if not rules & {"unused-import", "unused-variable", "undefined-name"}:
        good.append("No unused or undefined names.")
    return good[:3]


def _closing(report: ReviewReport, level: str) -> str:
    if not report.findings and report.metrics.get("definitions_only"):
        return "Next step: call each function with an example and compare what it returns with what you expect."
    if not report.findings:
        return "Keep it up - it reads cleanly."
    first = report.findings[0]
    if level == "beginner":
        return (f"Don't worry about the number of notes - each one is a small habit. Start with line {first.line} "
                "and the rest will get easier as you go.")
    if level == "intermediate":
        return f"Start with line {first.line} ({first.category}); the rest is quick polish."
    if any(f.severity == "error" for f in report.findings):
        return "Address the errors first, then apply the rest as you see fit."
    return "Nothing here is broken; apply the rest as you see fit."
