"""pyflakes (names: unused, undefined, redefined) and pycodestyle (layout) turned into beginner Findings.

Both are well-kept libraries that already get the hard parts right (scopes, tokenising); this module
keeps only the messages that help a learner and rewrites them into plain advice. pycodestyle
findings of one kind are merged into a single finding listing the lines, so one habit (say, no
space after commas) doesn't drown out everything else.
"""
from __future__ import annotations

import ast
import difflib

import pycodestyle
from pyflakes import checker as flakes

from agents.code_review.rules_common import Finding

# code -> (severity, plain message, suggestion)
STYLE = {
    "E101": ("warning", "indentation mixes tabs and spaces", "Indent with 4 spaces only."),
    "W191": ("warning", "indentation uses tabs", "Indent with 4 spaces (most editors can convert tabs)."),
    "E111": ("suggestion", "indentation is not a multiple of four spaces", "Indent each block by 4 spaces."),
    "E114": ("suggestion", "comment indentation is not a multiple of four spaces", "Indent by 4 spaces."),
    "E117": ("suggestion", "code is over-indented", "Indent each block by exactly 4 spaces."),
    "E201": ("suggestion", "space just inside an opening bracket", "Write `f(x)`, `[1, 2]` with no inner spaces."),
    "E202": ("suggestion", "space just before a closing bracket", "Write `f(x)`, `[1, 2]` with no inner spaces."),
    "E203": ("suggestion", "space before a comma or colon", "Write `a, b` rather than `a , b`."),
    "E211": ("suggestion", "space before a call's parenthesis", "Write `print(x)` rather than `print (x)`."),
    "E221": ("suggestion", "several spaces before an operator", "Use one space on each side: `x = 1`."),
    "E222": ("suggestion", "several spaces after an operator", "Use one space on each side: `x = 1`."),
    "E225": ("suggestion", "missing spaces around an operator", "Write `x = a + b`, `if a == b:`."),
    "E226": ("suggestion", "missing spaces around an arithmetic operator", "Write `a + b` rather than `a+b`."),
    "E228": ("suggestion", "missing spaces around %", "Write `a % b`."),
    "E231": ("suggestion", "missing space after a comma or colon", "Write `f(a, b)` and `{'k': v}`."),
    "E251": ("suggestion", "spaces around = in a keyword argument", "Write `f(key=value)` with no spaces."),
    "E261": ("suggestion", "inline comment needs two spaces before #", "Write `x = 1  # why`."),
    "E262": ("suggestion", "inline comment should start with '# '", "Write `# comment`."),
    "E265": ("suggestion", "block comment should start with '# '", "Write `# comment`."),
    "E501": ("suggestion", "line is longer than 99 characters", "Break it over several lines inside brackets."),
    "E701": ("suggestion", "several statements on one line (colon)", "Put the body on its own indented line."),
    "E702": ("suggestion", "several statements on one line (semicolon)", "Put each statement on its own line."),
    "E703": ("suggestion", "statement ends with a semicolon", "Python doesn't need `;` - remove it."),
    "E713": ("suggestion", "`not x in y` reads awkwardly", "Write `x not in y`."),
    "E714": ("suggestion", "`not x is y` reads awkwardly", "Write `x is not y`."),
    "E731": ("suggestion", "a lambda is assigned to a name", "Use `def name(args): return ...` instead."),
    "W291": ("suggestion", "trailing whitespace", "Remove spaces at the end of lines."),
    "W293": ("suggestion", "whitespace on a blank line", "Leave blank lines empty."),
    "W605": ("warning", "invalid escape sequence in a string", "Use a raw string like r'\\d+' for regexes."),
}
MAX_LINE = 99


class _Collect(pycodestyle.BaseReport):
    """A pycodestyle report that keeps (line, code) pairs instead of printing."""

    def __init__(self, options):
        super().__init__(options)
        self.items: list[tuple[int, str]] = []

    def error(self, line_number, offset, text, check):
        code = super().error(line_number, offset, text, check)
        if code:
            self.items.append((line_number, code))
        return code


_GUIDE = pycodestyle.StyleGuide(select=list(STYLE), max_line_length=MAX_LINE, quiet=True, reporter=_Collect)


def style_findings(lines: list[str]) -> list[Finding]:
    report = _Collect(_GUIDE.options)
    pycodestyle.Checker(lines=lines, options=_GUIDE.options, report=report).check_all()
    by_code: dict[str, list[int]] = {}
    for line, code in report.items:
        by_code.setdefault(code, [])
        if line not in by_code[code]:
            by_code[code].append(line)
    findings = []
    for code, where in by_code.items():
        severity, message, suggestion = STYLE[code]
        shown = ", ".join(map(str, where[:6])) + (" ..." if len(where) > 6 else "")
        plural = "lines" if len(where) > 1 else "line"
        findings.append(Finding(f"style-{code}", where[0], severity,
                                f"PEP 8 style: {message} ({plural} {shown}).", suggestion))
    return findings


def flake_findings(tree: ast.Module, filename: str = "<student>") -> list[Finding]:
    defined = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                     | {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
                     | {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments) for a in n.args + n.kwonlyargs})
    out: list[Finding] = []
    for msg in sorted(flakes.Checker(tree, filename=filename).messages, key=lambda m: m.lineno):
        kind, args = type(msg).__name__, msg.message_args
        if kind == "UnusedImport":
            out.append(Finding("unused-import", msg.lineno, "warning", f"`{args[0]}` is imported but never used.",
                               f"Delete the import of {args[0]}."))
        elif kind == "UnusedVariable":
            out.append(Finding("unused-variable", msg.lineno, "warning",
                               f"Local variable `{args[0]}` is assigned but never used.",
                               f"Remove the assignment to {args[0]}, or use the value."))
        elif kind in ("UndefinedName", "UndefinedLocal"):
            near = difflib.get_close_matches(args[0], defined, n=1, cutoff=0.7)
            hint = f"Did you mean `{near[0]}`?" if near else f"Assign {args[0]} before this line, or import it."
            text = (f"`{args[0]}` is used before it has a value in this function." if kind == "UndefinedLocal"
                    else f"`{args[0]}` is not defined anywhere, so this line raises NameError.")
            out.append(Finding("undefined-name", msg.lineno, "error", text, hint))
        elif kind == "RedefinedWhileUnused":
            out.append(Finding("redefined", msg.lineno, "warning",
                               f"`{args[0]}` is defined again before the first definition was used.",
                               "Delete or rename one of the two definitions."))
        elif kind == "IsLiteral":
            out.append(Finding("is-literal", msg.lineno, "error",
                               "`is` compares identity, not value, when used with a literal.",
                               "Use == (or != ) to compare with numbers and strings."))
        elif kind in ("DuplicateArgument", "MultiValueRepeatedKeyLiteral", "FStringMissingPlaceholders",
                      "PercentFormatInvalidFormat", "StringDotFormatExtraPositionalArguments",
                      "ReturnOutsideFunction", "BreakOutsideLoop", "ContinueOutsideLoop", "DefaultExceptNotLast"):
            severity = "suggestion" if kind == "FStringMissingPlaceholders" else "warning"
            out.append(Finding("pyflakes", msg.lineno, severity, msg.message % args,
                               "Remove the f prefix." if kind == "FStringMissingPlaceholders"
                               else "Fix the statement as the message describes."))
    return out
