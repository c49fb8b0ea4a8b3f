"""Syntax, indentation and tab errors: explain the reported line in plain words and try small repairs.

Repair is search, not guesswork: for the reported message we generate candidate edits of the reported line (add
a colon, close a bracket, add a quote, `=` -> `==`, indent, parenthesise print...) and keep the first one that
makes the whole program compile. Programs with several missing colons are repaired step by step (bounded).
"""
from __future__ import annotations

import difflib
import re
import warnings

from agents.debug import expl_repair
from pitfalls.ast_tools import Finding, compiles, line_text, replace_line

_HEADER = re.compile(r"^\s*(if|elif|else|for|while|def|class|try|except|finally|with|async\s+def|async\s+for|"
                     r"async\s+with|match|case)\b")
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def _compile_error(code: str) -> SyntaxError | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(code, "<student>", "exec")
        return None
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError):
        return None


def _split_comment(text: str) -> tuple[str, str]:
    """Code part and trailing comment of a line (ignores # inside simple quotes)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return text[:i].rstrip(), " " + text[i:]
    return text.rstrip(), ""


def _indent_of(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _candidates(code: str, line: int, msg: str, offset: int | None) -> list[tuple[str, str]]:
    """(description, new program) candidates for one error, most specific first."""
    text = line_text(code, line)
    body, comment = _split_comment(text)
    out: list[tuple[str, str]] = []
    low = msg.lower()

    def edit(desc: str, new_line: str, at: int = line) -> None:
        out.append((desc, replace_line(code, at, new_line)))

    if "expected ':'" in low or (_HEADER.match(body) and not body.endswith(":")):
        edit(f"add the missing colon at the end of line {line}", body + ":" + comment)
    if "maybe you meant '==' or ':=' instead of '='" in low or "cannot assign to" in low and _HEADER.match(body):
        fixed = re.sub(r"(?<![=!<>:+\-*/%&|^])=(?!=)", "==", body, count=1)
        edit(f"use `==` to compare on line {line}", fixed + comment)
    if "missing parentheses in call to 'print'" in low or re.match(r"^\s*print\s+[^(=]", body):
        match = re.match(r"^(\s*)print\s+(.*?)(,?)$", body)
        if match:
            edit(f"call print with parentheses on line {line}", f"{match.group(1)}print({match.group(2)})" + comment)
    never_closed = re.search(r"'([(\[{])' was never closed", msg)
    if never_closed:
        closer = _PAIRS[never_closed.group(1)]
        if body.endswith(":") and _HEADER.match(body):
            edit(f"close the `{never_closed.group(1)}` on line {line}", body[:-1] + closer + ":" + comment)
        edit(f"close the `{never_closed.group(1)}` on line {line}", body + closer + comment)
    if "unmatched" in low or "does not match opening parenthesis" in low:
        mismatch = re.search(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'", msg)
        if mismatch and offset:
            i = offset - 1
            if 0 <= i < len(body) and body[i] == mismatch.group(1):
                edit(f"use `{_PAIRS[mismatch.group(2)]}` to close the `{mismatch.group(2)}` on line {line}",
                     body[:i] + _PAIRS[mismatch.group(2)] + body[i + 1:] + comment)
        elif offset:
            i = offset - 1
            if 0 <= i < len(body) and body[i] in ")]}":
                edit(f"remove the extra `{body[i]}` on line {line}", body[:i] + body[i + 1:] + comment)
    if "unterminated string literal" in low or "eol while scanning" in low:
        start = (offset or 1) - 1
        quote = body[start] if 0 <= start < len(body) and body[start] in "'\"" else \
            next((c for c in body if c in "'\""), "'")
        tail = re.search(r"[)\]}:,]*$", body).group(0)
        if tail:
            edit(f"close the string on line {line}", body[: len(body) - len(tail)] + quote + tail + comment)
        edit(f"close the string on line {line}", body + quote + comment)
    if "invalid character" in low:
        table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "×": "*", "÷": "/"})
        edit(f"replace typographic characters on line {line} with plain ASCII", text.translate(table))
    if re.match(r"^\s*else\s+if\b", body):
        edit(f"write `elif` instead of `else if` on line {line}", re.sub(r"else\s+if", "elif", body, count=1) +
             (":" if not body.endswith(":") else "") + comment)
    if "unterminated triple-quoted string" in low:
        rows = code.rstrip("\n").split("\n")
        quote = '"""' if '"""' in body else "'''"
        out.append((f"close the triple-quoted string that starts on line {line}", "\n".join(rows + [quote])))
    if re.search(r"(used|assigned to) (prior to|before) (global|nonlocal) declaration", low):
        rows = code.split("\n")
        start = next((i for i in range(line - 2, -1, -1) if re.match(r"^\s*(async\s+)?def\b", rows[i])), None)
        if start is not None:
            moved = rows[: start + 1] + [_indent_of(text) + body.strip()] + \
                [r for i, r in enumerate(rows[start + 1:], start + 1) if i != line - 1]
            out.append((f"move `{body.strip()}` to the first line of the function", "\n".join(moved)))
    if "future feature" in low:
        import __future__
        name = re.search(r"future feature (\w+)", msg)
        near = difflib.get_close_matches(name.group(1), __future__.all_feature_names, n=1) if name else []
        if near:
            edit(f"import the real feature `{near[0]}` on line {line}", body.replace(name.group(1), near[0]) + comment)
    if re.match(r"^\s*(elif|else|except|finally)\b", body):
        rows = code.split("\n")
        word = body.split()[0].rstrip(":")
        opener = ("if", "elif") if word in ("elif", "else") else ("try", "except")
        for above in reversed(rows[: line - 1]):
            if re.match(rf"^\s*({'|'.join(opener)})\b", above) and _indent_of(above) != _indent_of(body):
                edit(f"line `{word}` up with its `{above.split()[0].rstrip(':')}` on line {line}",
                     _indent_of(above) + body.lstrip() + comment)
                break
    if "expected an indented block" in low:
        edit(f"indent line {line} under the line above it", "    " + text)
        if _HEADER.match(body) and body.endswith(":"):
            edit(f"give the block on line {line} a body", text + "\n" + _indent_of(text) + "    pass")
    if "perhaps you forgot a comma" in low and body.strip() and not body.endswith((",", "(", "[", "{")):
        edit(f"add the missing comma at the end of line {line}", body + "," + comment)
    if "perhaps you forgot a comma" in low and line > 1:
        above = line_text(code, line - 1)
        above_body, above_comment = _split_comment(above)
        if above_body.strip() and not above_body.endswith((",", "(", "[", "{")):
            edit(f"add the missing comma at the end of line {line - 1}", above_body + "," + above_comment, line - 1)
    if "unexpected indent" in low:
        rows = code.split("\n")
        previous = next((r for r in reversed(rows[: line - 1]) if r.strip()), "")
        edit(f"remove the extra indentation on line {line}", _indent_of(previous) + text.lstrip())
    if "unindent does not match" in low:
        rows = code.split("\n")
        current = len(_indent_of(text).expandtabs(4))
        levels = sorted({len(_indent_of(r).expandtabs(4)) for r in rows[: line - 1] if r.strip()})
        for level in sorted(levels, key=lambda lv: abs(lv - current)):
            edit(f"align line {line} with an outer block ({level} spaces)", " " * level + text.lstrip())
    if not low.startswith(("expected an indented", "unexpected indent", "unindent")):
        out += [(desc, replace_line(code, line, new)) for desc, new in expl_repair.candidates(body, comment, line,
                                                                                            offset)]
    if "inconsistent use of tabs" in low or "taberror" in low:
        for width in (8, 4):   # Python's own tab stops are 8 columns; editors often show 4
            out.append(("replace tabs in the indentation with spaces",
                        "\n".join(_indent_of(r).expandtabs(width) + r.lstrip() for r in code.split("\n"))))
    return out


def repair(code: str, max_steps: int = 5) -> tuple[str | None, list[str]]:
    """Apply successive candidate edits until the program compiles; (fixed code or None, descriptions)."""
    current, done = code, []
    for _ in range(max_steps):
        error = _compile_error(current)
        if error is None:
            return (current if done else None), done
        line = error.lineno or 0
        candidates = _candidates(current, line, error.msg or "", error.offset)
        progressed = False
        for desc, program in candidates:
            after = _compile_error(program)
            # progress: no error, or the first error is now further on (a later line, or later on this line)
            if after is None or (after.lineno or 0, after.offset or 0) > (line, error.offset or 0):
                current, progressed = program, True
                done.append(desc)
                break
        if not progressed:
            return None, done
    return (current if compiles(current) and done else None), done


def _first_step(code: str) -> tuple[str, str, int | None] | None:
    """One edit that gets the reported line past the compiler even when later lines still fail."""
    error = _compile_error(code)
    if error is None or not error.lineno:
        return None
    for desc, program in _candidates(code, error.lineno, error.msg or "", error.offset):
        after = _compile_error(program)
        if after is None or (after.lineno or 0) > error.lineno:
            return desc, line_text(program, error.lineno), after.lineno if after is not None else None
    return None


def _plain_message(msg: str, line: int, text: str) -> str:
    """The interpreter's message, rephrased for a student."""
    low = msg.lower()
    rules = [
        ("expected ':'", f"line {line} starts a block (if/for/while/def/...) but does not end with a colon `:`."),
        ("maybe you meant '=='", f"line {line} uses `=` (assignment) where a comparison `==` is needed."),
        ("missing parentheses in call to 'print'", f"line {line} uses Python 2 style `print ...`; in Python 3 print "
                                                   "is a function and needs parentheses."),
        ("was never closed", f"a bracket opened on line {line} is never closed."),
        ("unmatched", f"line {line} has a closing bracket with no matching opening bracket."),
        ("does not match opening parenthesis", f"on line {line} a bracket is closed with the wrong kind of bracket."),
        ("unterminated string literal", f"a string on line {line} starts with a quote but never ends."),
        ("unterminated triple-quoted string", f"a triple-quoted string starting on line {line} is never closed."),
        ("expected an indented block", f"line {line} should be indented: the line before it ends with `:` and "
                                       "needs an indented body."),
        ("unexpected indent", f"line {line} is indented more than it should be; only lines inside a block "
                              "(after a `:` line) are indented."),
        ("unindent does not match", f"line {line} is dedented to a level that matches no outer block."),
        ("inconsistent use of tabs", f"line {line} mixes tabs and spaces in its indentation."),
        ("invalid character", f"line {line} contains a character Python does not accept (often curly quotes “ ” "
                              "copied from a word processor)."),
        ("perhaps you forgot a comma", f"line {line} has two values next to each other; a comma is probably "
                                       "missing between them."),
        ("invalid decimal literal", f"line {line} has a number immediately followed by letters (names cannot "
                                    "start with a digit)."),
        ("outside function", f"line {line} uses return/yield outside of any function."),
        ("outside loop", f"line {line} uses break/continue outside of a loop."),
        ("cannot assign to", f"line {line} has something on the left of `=` that cannot be assigned to "
                             "(only names, items and attributes can)."),
        ("unexpected eof", "the file ended while a statement or bracket was still open."),
        ("f-string", f"an f-string on line {line} is malformed (check the braces and quotes inside it)."),
        ("expected '('", f"line {line} defines a function or class but the name is not followed by `(...)`."),
        ("expected 'except' or 'finally'", f"the `try:` block before line {line} has no `except` or `finally` "
                                           "part; a try must be followed by one."),
        ("non-default argument follows default", f"on line {line} a parameter without a default comes after one "
                                                 "with a default; parameters with defaults must come last."),
        ("positional argument follows keyword", f"on line {line} a positional argument comes after a keyword "
                                                "argument (name=value); positional ones must come first."),
        ("leading zeros", f"line {line} writes a number with a leading zero (like 08); write 8, or 0o10 for octal."),
        ("imaginary literal", f"line {line} has a number directly followed by `j`/letters, which Python reads as a "
                              "complex number; names cannot start with a digit."),
        ("line continuation character", f"line {line} has a character after a backslash `\\`; a backslash is only "
                                        "allowed at the very end of a line (or inside strings)."),
        ("cannot delete", f"line {line} uses `del` on something that cannot be deleted (only names, items and "
                          "attributes can)."),
        ("duplicate argument", f"line {line} uses the same parameter name twice in one function definition."),
        ("global declaration", f"on line {line} a `global` statement comes after the name was already used or "
                               "assigned in the function; put `global` at the top of the function."),
        ("nonlocal declaration", f"on line {line} a `nonlocal` statement comes after the name was already used; put "
                                 "it at the top of the function."),
        ("parameter and global", f"on line {line} a name is both a parameter and declared `global`; rename one."),
        ("not properly in loop", f"line {line} uses break/continue outside of a loop."),
        ("expected 'else' after 'if' expression", f"line {line} has a conditional expression `x if cond` without "
                                                  "its `else` part."),
        ("must be parenthesized", f"line {line} needs parentheses, e.g. `except (ValueError, TypeError):`."),
        ("dictionary key", f"a dict literal on line {line} is missing a `:` or a value after a key."),
        ("cannot be parenthesized", f"on line {line} parameters are wrapped in extra parentheses, which is not "
                                    "allowed in a definition."),
        ("argument may appear only once", f"line {line} uses `*` or `**` more than once in a definition."),
        ("var-keyword argument", f"on line {line} something follows `**kwargs`; it must be the last parameter."),
        ("must be ahead of", f"on line {line} the `/` marker must come before `*` in the parameter list."),
        ("may appear only once", f"line {line} repeats the `/` or `*` marker in a parameter list."),
        ("starred", f"line {line} uses `*expr` where Python does not allow it."),
        ("assignment expression", f"line {line} uses the walrus operator `:=` in a place where it is not allowed."),
        ("can't be global", f"line {line} annotates a name that was declared global."),
        ("bare *", f"on line {line} a bare `*` in the parameters must be followed by at least one named parameter."),
        ("comprehension target", f"line {line} needs parentheses around a tuple target in a comprehension."),
    ]
    for needle, text_ in rules:
        if needle in low:
            return text_
    hint = _invalid_syntax_hint(text)
    if hint:
        return f"line {line} {hint}"
    return f"Python could not parse line {line}: {msg}."


_KEYWORDS = ("class", "def", "if", "for", "in", "is", "not", "and", "or", "from", "import", "return", "pass",
             "lambda", "global", "with", "as", "True", "False", "None", "try", "while", "yield", "else", "elif",
             "except", "finally", "raise", "del", "break", "continue", "assert", "async", "await", "nonlocal")


def _invalid_syntax_hint(text: str) -> str | None:
    """Recognisable shapes behind a bare 'invalid syntax' message."""
    body, _ = _split_comment(text)
    keyword = re.match(r"^\s*(\w+)\s*=[^=]", body)
    if keyword and keyword.group(1) in _KEYWORDS:
        return f"uses the keyword `{keyword.group(1)}` as a variable name; keywords are reserved, pick another name."
    for token, advice in (("===", "`===` is JavaScript; Python uses `==`."), ("!==", "`!==` is JavaScript; use `!=`."),
                          ("&&", "`&&` is not Python; use `and`."), ("||", "`||` is not Python; use `or`."),
                          ("++", "`x++` does not exist in Python; write `x += 1`."),
                          ("=>", "`=>` is not Python; for comparisons use `>=`, for functions use `lambda`."),
                          ("<>", "`<>` is old syntax; use `!=`.")):
        if token in body:
            return advice
    if re.search(r"(^|\s)(then|end|endif|function|var|let|const)\b", body):
        return "uses a word from another language (then/end/function/var/let...) that Python does not have."
    if re.search(r"[+\-*/%=<>,]\s*$", body) and not body.rstrip().endswith(("(", "[", "{")):
        return "ends with an operator or comma, so the expression is incomplete."
    if re.match(r"^\s*(if|elif|while)\b.*[^=!<>]=[^=]", body):
        return "uses `=` (assignment) inside a condition; compare with `==`."
    if re.search(r"\w+\s+\w+\s*=", body) and not re.match(r"^\s*(for|if|elif|while|with|return|del|assert|"
                                                          r"print|global|nonlocal|async)\b", body):
        return "has two names next to each other before `=`; variable names cannot contain spaces (use snake_case)."
    if re.search(r"\b\d+[A-Za-z_]\w*", body):
        return "has a name that starts with a digit; names must start with a letter or underscore."
    first = re.match(r"^\s*(\w+)\b", body)
    if first and re.search(r"\w\s+\w", re.sub(r"(['\"]).*?\1", "''", body)) \
            and first.group(1) not in _KEYWORDS + ("print", "import", "from"):
        return "has two values or names next to each other with nothing between them (a missing operator or comma?)."
    return None


def diagnose(code: str, exc_type: str, msg: str, line: int | None, offset: int | None) -> Finding:
    msg = msg or ""
    error = _compile_error(code)
    if line is None and error is not None:
        line = error.lineno
    line = line or 1
    text = line_text(code, line).strip()
    cause = f"Python stopped before running anything: {_plain_message(msg, line, text)}"
    if text:
        cause += f" The line is: `{text}`."
    if exc_type in ("SyntaxError",) and line > 1 and ("invalid syntax" == msg.strip().lower() or "never closed" in msg):
        cause += " (Also check the line just above: an unclosed bracket there often shows up here.)"
    fixed, steps = repair(code)
    first_step = _first_step(code) if fixed is None else None
    if fixed is not None:
        fix = "Fix: " + "; then ".join(steps) + "."
        confidence = 0.9
    elif first_step is not None:
        desc, new_line, next_line = first_step
        fix = (f"Fix: {desc} - line {line} becomes:\n```python\n{new_line.strip()}\n```\nAfter that Python "
               f"gets past line {line}" + (f" and reports the next problem on line {next_line}." if next_line else "."))
        confidence = 0.8
    else:
        generic = _plain_message(msg, line, text).startswith("Python could not parse")
        confidence = 0.5 if generic else 0.75
        fix = {"IndentationError": "Indent each block body by 4 spaces after a line ending in `:` and keep lines "
                                   "of the same block aligned.",
               "TabError": "Use only spaces for indentation (configure your editor to insert 4 spaces)."}.get(
            exc_type, "Check this line (and the one above) for a missing colon, bracket, quote, comma or operator.")
    titles = {"IndentationError": "Indentation problem", "TabError": "Tabs and spaces mixed"}
    return Finding(cause, fix, fixed_code=fixed, confidence=confidence, line=line,
                   title=titles.get(exc_type, "Syntax error"))
