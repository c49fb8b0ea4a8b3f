"""Offline code review for student Python: findings with lines and rewrites, a score, and kind prose.

review() never runs the code: it parses it (reporting syntax errors with their line instead of
crashing), then combines pyflakes and pycodestyle (agents/code_review/rules_tools.py) with
beginner-focused AST rules (agents/code_review/rules_ast.py). render() turns the report into an
encouraging review: what is good first, then findings grouped by severity, adapted to skill level.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from agents.code_review.rules_ast import AstRules
from agents.code_review.rules_common import SEVERITIES, WHY, Finding
from agents.code_review.rules_tools import flake_findings, style_findings

__all__ = ["Finding", "ReviewReport", "review", "render"]

MAX_CODE_CHARS = 100_000
_PENALTY = {"error": 18, "warning": 7, "suggestion": 3}
_STYLE_PENALTY = 2
_HEADINGS = {"error": "Must fix", "warning": "Worth improving", "suggestion": "Polish"}


@dataclass(frozen=True)
class ReviewReport:
    findings: tuple[Finding, ...]
    summary: str
    score: int  # 0-100
    parse_error: str | None
    metrics: dict = field(default_factory=dict)


def review(code: str) -> ReviewReport:
    """Statically reviews one Python snippet or module."""
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
    rules = AstRules(tree, lines)
    found = rules.run() + flake_findings(tree) + style_findings(lines)
    metrics.update(rules.metrics)
    findings = tuple(_dedupe(found))
    score = _score(findings)
    return ReviewReport(findings, _summary(findings, score), score, None, metrics)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """One finding per (rule, line); AST rules win over the generic pyflakes wording on the same line."""
    seen: set[tuple[str, int]] = set()
    out = []
    for f in found:
        key = (f.rule, f.line, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (order[f.severity], f.line, f.rule))


def _score(findings: tuple[Finding, ...]) -> int:
    penalty = 0
    for f in findings:
        penalty += _STYLE_PENALTY if f.rule.startswith("style-") else _PENALTY[f.severity]
    return max(0, min(100, 100 - penalty))


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
def render(report: ReviewReport, skill_level: str = "beginner") -> str:
    """Kind, readable review text: what's good, then findings grouped by severity with rewrites."""
    level = skill_level if skill_level in ("beginner", "intermediate", "advanced") else "beginner"
    out: list[str] = []
    if report.parse_error == "no code":
        return "There's no code to review yet - paste your Python code and I'll take a look."
    if report.parse_error is not None:
        f = report.findings[0]
        out.append("Thanks for sharing your code! Python can't read it yet because of a syntax error, so "
                   "let's fix that first - after that I can review the rest.")
        out.append(f"\nLine {f.line}: {f.message}\n  Try: {f.suggestion}")
        if level == "beginner":
            out.append(f"  Why: {WHY['syntax-error']}")
        return "\n".join(out)

    out.append(_opening(report))
    good = _positives(report)
    if good:
        out.append("\nWhat's good:")
        out.extend(f"- {g}" for g in good)
    for severity in SEVERITIES:
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        if level == "advanced" and severity == "suggestion" and len(group) > 4:
            group = group[:4]
        out.append(f"\n{_HEADINGS[severity]} ({severity}{'s' if len(group) > 1 else ''}):")
        for f in group:
            out.append(f"- Line {f.line}: {f.message}" + (f" [{f.rule}]" if level == "advanced" else ""))
            out.append(_indent_suggestion(f.suggestion))
            why = WHY.get("style" if f.rule.startswith("style-") else f.rule)
            if level == "beginner" and why:
                out.append(f"  Why: {why}")
    out.append("\n" + _closing(report, level))
    return "\n".join(out)


def _indent_suggestion(text: str) -> str:
    if "\n" in text:
        return "  Try:\n" + "\n".join("      " + ln for ln in text.splitlines())
    return f"  Try: {text}"


def _opening(report: ReviewReport) -> str:
    errors = sum(f.severity == "error" for f in report.findings)
    if not report.findings:
        return f"Great work - this code is clean and I found nothing to fix (score {report.score}/100)."
    if errors:
        return (f"Thanks for sharing! There's a solid start here; {errors} issue{'s' if errors > 1 else ''} "
                f"will cause real bugs, so start with those (score {report.score}/100).")
    return f"Nice work - the code parses and runs through every check without errors (score {report.score}/100)."


def _positives(report: ReviewReport) -> list[str]:
    """Specific praise, drawn from what the checks did NOT find and from the metrics."""
    rules = {f.rule for f in report.findings}
    m = report.metrics
    good = []
    if "syntax-error" not in rules:
        good.append("It is valid Python that parses cleanly.")
    if m.get("functions") and not rules & {"naming", "descriptive-name"}:
        good.append("Function and variable names follow PEP 8 and say what they hold.")
    elif m.get("functions"):
        good.append("You organised the logic into a function, which makes it reusable and testable.")
    if m.get("docstrings"):
        good.append("Docstrings explain what your functions do.")
    if m.get("functions") and m.get("max_complexity", 0) <= 5 and "deep-nesting" not in rules:
        good.append("The logic is short and straightforward to follow.")
    if not rules & {"unused-import", "unused-variable", "undefined-name"}:
        good.append("No unused or undefined names.")
    return good[:3]


def _closing(report: ReviewReport, level: str) -> str:
    if not report.findings:
        return "Keep it up - this is the kind of code other people enjoy reading."
    first = report.findings[0]
    if level == "beginner":
        return (f"Don't worry about the number of notes - each one is a small habit. Start with line {first.line} "
                "and the rest will get easier as you go.")
    if level == "intermediate":
        return f"Start with the {first.severity}s; the rest is quick polish."
    if any(f.severity == "error" for f in report.findings):
        return "Address the errors first, then apply the rest as you see fit."
    return "Nothing here is broken; apply the rest as you see fit."
