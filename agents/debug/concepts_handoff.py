"""When the debug agent hands a request to the concepts agent instead of debugging it.

Triage sometimes sends debug a question about how Python works, with no code and no traceback ("why does round(2.5)
give me 2?", "how come list.sort() gives me None but sorted() gives a list"). There is nothing to run, and "paste
your code" would not answer it: the concepts agent does. DebugService (agents/debug/service.py) then calls
ConceptsService.Explain over gRPC (a collaboration hop) and answers with the concepts agent's answer, saying
nothing about debugging. A request that wants debugging help without code ("my program crashes, can you find the
bug?") stays with debug, which asks for the code.

The decision needs all of:
  - no code, and no error named (pasted.parse found no traceback and no exception name: status "ok"),
  - the message asks how or why something behaves (why / how come / what does / difference between ...),
  - it names a Python thing: a builtin or method call, an expression, a keyword or a type,
  - it does not talk about the student's own program (my code / program / loop / function, a bug, a crash,
    "doesn't work", "help me fix").
Loop rule (as for review hand-offs, agents/debug/review_handoff.py): not on a call a specialist made.
"""
from __future__ import annotations

import builtins
import keyword
import re

_ASKS_HOW = re.compile(
    r"\b(why|how come|how does|how do|how is|what does|what do|what is|what's|whats|what are|difference between|"
    r"differ|when (should|do|would) (i|you) use|is it true|explain|meaning of|what happens)\b", re.I)
_OWN_PROGRAM = re.compile(
    r"\b(my|this|the|our) (code|program|script|loop|function|app|project|class|file|assignment|homework)\b|"
    r"\bdebug\w*|\bbugs?\b|\bcrash\w*|not working|(does ?n[o']t|won'?t|isn'?t|is not) (work|run)\w*|"
    r"help me (find|fix|debug)|\bfix (it|this|my)\b|\btraceback\b|\bwhat('?s| is) wrong\b|"
    r"\bwrong (answer|output|result)s?\b|\bI (wrote|made|have written)\b|"
    r"\b(it|mine|that)\s+(always\s+|only\s+|just\s+)?(says?|prints?|shows?|gives?|returns?|outputs?|displays?)\b",
    re.I)
_BUILTINS = {name for name in dir(builtins) if not name.startswith("_") and name.islower()}
_TYPES = re.compile(r"\b(lists?|dict(ionar(y|ies))?|strings?|str|integers?|ints?|floats?|tuples?|sets?|booleans?|"
                    r"bool|none|lambda|generators?|iterators?|f-strings?|slic(e|es|ing)|indexes|indices|"
                    r"decimals?|division|modulo|operators?|methods?|variables?|scope|recursion|exceptions?)\b", re.I)
_CALL = re.compile(r"(?:\b|\.)([A-Za-z_]\w*)\s*\(")
_EXPRESSION = re.compile(r"\d\s*(?:[-+*/%]|//|\*\*|==|<|>)\s*\d|`[^`]+`")
_KEYWORDS = re.compile(r"`(" + "|".join(map(re.escape, keyword.kwlist)) + r")`|\b(is not|not in|elif|lambda|"
                       r"yield|global|nonlocal|None|True|False)\b")


def python_subject(question: str) -> bool:
    """Does the message name a Python thing (a builtin or method call, an expression, a keyword, a type)?"""
    q = question or ""
    calls = {m.group(1) for m in _CALL.finditer(q)}
    named = {w for w in re.findall(r"\b[a-z_]+\b", q) if w in _BUILTINS and len(w) > 2}
    words_not_builtins = {"input", "type", "list", "set", "map", "filter", "open", "format", "print", "range", "round",
                          "sorted", "len", "int", "float", "str", "sum", "max", "min", "abs", "zip", "enumerate"}
    return bool(calls or (named & words_not_builtins) or _EXPRESSION.search(q) or _KEYWORDS.search(q)
                or _TYPES.search(q))


def about_python(question: str) -> bool:
    """A question about how Python works, not a request to debug the student's own program."""
    q = question or ""
    return bool(_ASKS_HOW.search(q)) and python_subject(q) and not _OWN_PROGRAM.search(q)


def wanted(code: str, question: str, result) -> bool:
    """Should debug hand this request to the concepts agent (see the module docstring)?"""
    if (code or "").strip():
        return False
    if str(getattr(result, "status", "ok") or "ok") != "ok" or getattr(result, "exception_type", None):
        return False
    return about_python(question)


def offline_answer(question: str) -> tuple[str, str]:
    """(text, topic) when the concepts agent did not answer: the shared outline's summary of the question's topic
    (knowledge/outline.py), so the student still gets an answer about the concept, marked degraded."""
    from knowledge import outline
    from knowledge.topics import detect_topics

    for topic, _ in detect_topics(question or ""):
        summary = outline.summary(topic)
        if summary:
            return f"### {outline.title(topic)}\n\n{summary}", topic
    return ("This is a question about how Python works, and the concepts explainer did not answer in time. "
            "Please ask it again in a moment."), ""
