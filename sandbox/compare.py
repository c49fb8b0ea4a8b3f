"""Verdicts, computed in the service process with its own, unpatched functions.

The student process only ever sends a *text* (the repr of what a call returned, or its stdout);
expected values never leave this process.  Literal texts are parsed with ``ast.literal_eval``,
so comparing never runs student code (no student ``__eq__``/``__repr__`` is involved).
"""
import ast

MAX_LITERAL = 256 * 1024


def _literal(text: str):
    if len(text) > MAX_LITERAL:
        raise ValueError("too long")
    return ast.literal_eval(text)


def compare_call(expected: str, got_repr: str, got_literal: bool) -> bool:
    """``literal_eval(expected) == got`` when expected is a literal, else ``repr(got) == expected``."""
    try:
        want = _literal(expected)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return got_repr == expected
    if not got_literal:
        return got_repr == expected
    try:
        have = _literal(got_repr)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    try:
        return bool(want == have)
    except RecursionError:
        return False


def normalise_stdout(text: str) -> str:
    """Strip trailing whitespace on each line and at the end."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).rstrip()


def compare_stdout(expected: str, got: str) -> bool:
    return normalise_stdout(expected) == normalise_stdout(got)


def clean_text(text) -> str:
    """Make any text safe for protobuf/JSON: lone surrogates become "?"."""
    if text is None:
        return None
    return str(text).encode("utf-8", "replace").decode("utf-8")
