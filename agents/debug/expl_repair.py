"""Generic one-edit repairs of a syntax error line, tried after the message-specific ones (expl_syntax).

Still search, not guesswork: each candidate is a small edit at or near the column Python reported (delete the
token there, put a comma or colon before it, replace it with a comma, rename it so it is a valid name, drop
leading zeros, `=` <-> `==`, swap `literal = name`), and only an edit after which the program compiles - or
fails only further down - is kept.
"""
from __future__ import annotations

import difflib
import keyword
import re

_TOKEN = re.compile(r"\w+|\*\*|//|==|!=|<=|>=|:=|->|\S")
_ASCII = str.maketrans({"‹": "<", "›": ">", "«": '"', "»": '"', "‚": ",", "¾": "3/4", "½": "1/2", "¼": "1/4", "“": '"', "”": '"',
                        "‘": "'", "’": "'", "–": "-", "—": "-", "×": "*", "÷": "/", "≤": "<=", "≥": ">=",
                        "≠": "!=", "\u00a0": " ", "⁄": "/"})
_STATEMENT_WORDS = ("elif", "else", "finally", "except", "while", "for", "if", "def", "class", "return", "import",
                    "from", "print", "pass", "break", "continue", "lambda", "global", "try", "with", "yield")


def _token_at(body: str, col: int) -> tuple[int, int] | None:
    """(start, end) of the token covering 0-based column col (or the next token after it)."""
    for match in _TOKEN.finditer(body):
        if match.end() > col:
            return match.start(), match.end()
    return None


def candidates(body: str, comment: str, line: int, offset: int | None) -> list[tuple[str, str]]:
    """(description, new line) pairs, most conservative first."""
    out: list[tuple[str, str]] = []

    def add(desc: str, new: str) -> None:
        if new != body and (desc, new + comment) not in out:
            out.append((desc, new + comment))

    col = max(0, (offset or 1) - 1)
    spans = [s for s in (_token_at(body, col), _token_at(body, max(0, col - 1))) if s]
    for start, end in spans:
        word = body[start:end]
        before, after = body[:start], body[end:]
        if word.isidentifier() and keyword.iskeyword(word) and word not in ("True", "False", "None"):
            add(f"replace `{word}` with a comma on line {line}", before.rstrip() + ", " + after.lstrip())
        if re.fullmatch(r"\d\w*", word) and not word.isdigit():
            add(f"start the name `{word}` with a letter on line {line}", before + "n_" + word + after)
        if word.isdigit() and len(word) > 1 and word.startswith("0"):
            add(f"drop the leading zeros of `{word}` on line {line}", before + (word.lstrip("0") or "0") + after)
        if word.isidentifier() and (keyword.iskeyword(word) or word.startswith("__")):
            add(f"rename `{word}` to a name Python allows on line {line}", before + word.strip("_") + "_" + after)
        add(f"add a comma before `{word}` on line {line}", before.rstrip() + ", " + word + after)
        add(f"remove `{word}` on line {line}", (before + after) if before.endswith(" ") or after.startswith(" ")
            or not before else before.rstrip() + after)
        add(f"add a colon before `{word}` on line {line}", before.rstrip() + ": " + word + after)
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    prompt = re.match(r"^(>>>|\.\.\.)\s?", stripped)
    if prompt:
        add(f"drop the interactive prompt `{prompt.group(1)}` on line {line}", indent + stripped[prompt.end():])
    first = re.match(r"[A-Za-z_]\w*", stripped)
    if first:
        for near in difflib.get_close_matches(first.group(0), _STATEMENT_WORDS, n=3, cutoff=0.6):
            if near != first.group(0):
                add(f"write `{near}` instead of `{first.group(0)}` on line {line}",
                    indent + near + stripped[first.end():])
    for start, end in spans:
        word = body[start:end]
        if not word.isalnum() and word not in "()[]{}\"'":
            add(f"replace `{word}` with a comma on line {line}", body[:start].rstrip() + ", " + body[end:].lstrip())
            add(f"replace `{word}` with a colon on line {line}", body[:start].rstrip() + ":" + body[end:])
        if word == "=":
            add(f"use `:=` to assign inside an expression on line {line}", body[:start] + ":=" + body[end:])
            add(f"use `:` between a key and its value on line {line}", body[:start] + ": " + body[end:].lstrip())
        if word in ("'", '"'):
            other = '"' if word == "'" else "'"
            match = re.search(rf"{word}(.*){word}", body)
            if match and other not in match.group(1):
                add(f"quote the text with {other} because it contains {word} on line {line}",
                    body[:match.start()] + other + match.group(1) + other + body[match.end():])
            add(f"use a raw string (r{word}...{word}) on line {line}", body[:start] + "r" + body[start:])
    if stripped.startswith("for ") and " in " not in body:
        parts = stripped.split(None, 2)
        if len(parts) == 3:
            add(f"add the missing `in` on line {line}", f"{indent}for {parts[1]} in {parts[2]}")
    if re.search(r"f[\"'][^\"']*\{[^}\"']*[\"']", body):
        add(f"close the `{{` inside the f-string on line {line}", re.sub(r"(\{[^}\"']*)([\"'])", r"\1}\2", body, count=1))
    if "`" in body:
        add(f"use repr() instead of backquotes on line {line}", re.sub(r"`([^`]*)`", r"repr(\1)", body))
    raise_two = re.match(r"^(\s*raise\s+)([\w.]+)\s*,\s*(.+)$", body)
    if raise_two:
        add(f"call the exception with its message on line {line}",
            f"{raise_two.group(1)}{raise_two.group(2)}({raise_two.group(3)})")
    header = re.match(r"^(\s*(?:async\s+)?def\s+\w+\s*)(?!\()([^:]*?)\s*:\s*$", body)
    if header:
        add(f"put the parameters in brackets on line {line}", f"{header.group(1).rstrip()}({header.group(2)}):")
    params = re.match(r"^(\s*(?:def\s+\w+\s*\(|.*lambda\s))(.*)$", body)
    if params and re.search(r"[(\[{]", params.group(2)[:-1] if params.group(1).endswith("(") else params.group(2)):
        inner = params.group(2)
        cut = inner.rfind(")") if params.group(1).endswith("(") else inner.find(":")
        flat = re.sub(r"[(\[{]([^()\[\]{}]*)[)\]}]", r"\1", inner[:cut])
        add(f"list the parameters without brackets on line {line}", params.group(1) + flat + inner[cut:])
    if re.search(r"(?<!})}(?!})", body) and ("f\"" in body or "f'" in body):
        add(f"double the `}}` inside the f-string on line {line}", re.sub(r"(?<![{}])}(?!})", "}}", body, count=1))
    duplicate = re.search(r"\b(\w+)=[^,()]*,\s*\1=", body)
    if duplicate:
        name = duplicate.group(1)
        add(f"give the second `{name}` its own name on line {line}",
            re.sub(rf"(,\s*){name}=", rf"\1{name}_2=", body, count=1))
    if re.search(r"[^\x00-\x7f]", body):
        translated = body.translate(_ASCII)
        add(f"replace typographic characters on line {line} with plain ASCII", translated)
        add(f"use a plain name instead of the symbol on line {line}", re.sub(r"[^\x00-\x7f]+", "symbol", translated))
    if re.search(r"[\"']\s*=(?!=)", body) and "{" in body:
        add(f"use `:` between each key and its value on line {line}", re.sub(r"(?<=[\"'])\s*=(?!=)\s*", ": ", body))
    if "\\" in body and re.search(r"(?<![rRbB])[\"']", body):
        add(f"use a raw string so backslashes stay backslashes on line {line}",
            re.sub(r"(?<![\w])([\"'])", r"r\1", body, count=1))
    if body.rstrip().endswith(",") and stripped.startswith(("from ", "import ")):
        add(f"remove the trailing comma on line {line}", body.rstrip().rstrip(","))
    swap = re.match(r"^(\s*)([^=]+?)\s*=\s*(\w+)\s*$", body)
    if swap and not swap.group(2).strip().isidentifier():
        add(f"put the variable on the left of `=` on line {line}",
            f"{swap.group(1)}{swap.group(3)} = {swap.group(2).strip()}")
    if re.search(r"(?<![=!<>])=(?!=)", body):
        add(f"use `==` to compare on line {line}", re.sub(r"(?<![=!<>:+\-*/%&|^])=(?!=)", "==", body, count=1))
    if "==" in body:
        add(f"use `=` to assign on line {line}", body.replace("==", "=", 1))
    return out
