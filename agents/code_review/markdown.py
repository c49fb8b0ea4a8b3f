"""Answer text as Markdown a student's screen (the web app) and a structure reader both get right: every rewrite
in a fenced ```python block (an indented block after a paragraph is merged into it by Markdown), and no line that
starts with `#` outside a fence (a comment-only line of a rewrite joins the code line next to it)."""
from __future__ import annotations

import ast
import textwrap


def is_code(text: str) -> bool:
    """Python the student can paste (a header like `if x:` counts), rather than a sentence of advice."""
    body = textwrap.dedent(text).strip()
    if not body or body.endswith(".") and "\n" not in body and " " in body.rstrip(".").split("(")[0]:
        return False
    for candidate in (body, body + "\n    pass", "def _():\n" + textwrap.indent(body, "    ")):
        try:
            ast.parse(candidate)
            return True
        except SyntaxError:
            continue
    return False


def _fold_comments(lines: list[str]) -> list[str]:
    """Comment-only lines become trailing comments of a neighbouring code line (Python ignores both the same)."""
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            if out and out[-1].strip():
                out[-1] = f"{out[-1]}   {stripped}"
            else:
                pending.append(stripped)
            continue
        if pending and stripped:
            line = f"{line}   {' '.join(pending)}"
            pending = []
        out.append(line)
    if pending:
        out.append("pass   " + " ".join(pending))
    return out


def code_block(text: str, indent: str = "") -> str:
    lines = _fold_comments(textwrap.dedent(text).strip("\n").splitlines())
    return "\n".join(indent + row for row in ["```python", *lines, "```"])


def rewrite(text: str, indent: str = "") -> str:
    """The rewrite under a finding: a fenced code block (every multi-line rewrite is code, `...` placeholders and
    all), or a `Try:` sentence when it is one line of advice."""
    if "\n" in text.strip() or is_code(text):
        return code_block(text, indent)
    return f"{indent}Try: {text}"
