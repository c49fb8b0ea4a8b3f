"""Does a program's output show what the student expected? Self-contained (imports only `re`): the repair
search (agents/debug/repair_search.py) ships this module's source inside the program it runs in the sandbox,
so the many candidate outputs are compared where they are produced and only the winner's index comes back.

want = {"numbers": [...], "key": float | None, "words": [...], "text": str}: all the expected numbers, the
one that must appear (the stated result), the expected words that are values of the program, and the
expected text itself (a list or a line, compared with spacing squashed).
"""
import re

_NUM = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.]*\w)")


def numbers(text):
    return [float(n) for n in _NUM.findall(text or "")]


def _has(found, value):
    return any(abs(f - value) < 1e-9 or round(f, 1) == round(value, 1) for f in found)


def _squash(text):
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _count(text, lines):
    if lines:
        return len([row for row in (text or "").split("\n") if row.strip()])
    found = re.findall(r"\[([^\[\]]*)\]", text or "")
    if not found:
        return -1
    last = found[-1].strip()
    return 0 if not last else len(re.findall(r"'[^']*'|\"[^\"]*\"|[^,]+", last))


def verdict(out, original, want):
    """2: the expected text itself appears; 1: the expected numbers/words appear; 0: no. Output identical to the
    original run, or a crash the original did not have, is 0."""
    if want.get("ends"):   # the loop that never stopped: any clean end is the repair
        return 1 if "\n<" not in out and out != original else 0
    if out == original or ("\n<" in out and "\n<" not in original):
        return 0
    if want.get("line"):   # the other branch: a printed line is exactly its text
        line = _squash(want["line"])
        # the row is that text, or a prompt ("Play again? (y/n) ") followed by it
        shows = lambda text: any(r == line or (r.endswith(line) and not r[: -len(line)].rstrip()[-1:].isalnum())   # noqa: E731
                                 for r in (_squash(r) for r in (text or "").split("\n")))
        if shows(out) and not shows(original):
            return 2
        return 1 if line in _squash(out) and line not in _squash(original) else 0   # printed next to a value
    if want.get("last") is not None:   # "it should stop at 5": the last number printed is 5
        after, before = numbers(out), numbers(original)
        return 1 if after and abs(after[-1] - want["last"]) < 1e-9 and not (before and abs(before[-1] - want["last"])
                                                                              < 1e-9) else 0
    if want.get("count") is not None:   # "the first three items": the printed list (or lines) has that many
        return 1 if _count(out, want.get("lines")) == want["count"] != _count(original, want.get("lines")) else 0
    if _squash(original) and re.search(r"(?<!\S)" + re.escape(_squash(original)) + r"(?!\S)", _squash(out)):
        return 0   # the wrong output is still all there, the expected value only added to it
    text = _squash(want.get("text"))
    if text and len(text) >= 3 and text in _squash(out) and text not in _squash(original):
        return 2
    found, before = numbers(out), numbers(original)
    wanted = want.get("numbers") or []
    key = want.get("key")
    if wanted or key is not None:
        if wanted and all(_has(found, v) for v in wanted) and not all(_has(before, v) for v in wanted):
            return 1
        if key is not None and _has(found, key) and not _has(before, key):
            return 1
        return 0
    words = want.get("words") or []
    low_out, low_before = out.lower(), original.lower()
    if words and all(w.lower() in low_out for w in words) and not all(w.lower() in low_before for w in words):
        return 1
    return 0
