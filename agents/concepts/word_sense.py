"""Is a programming word used in its everyday sense? "set the table for dinner", "print a photo from my phone",
"is the python snake dangerous": each contains a word Python uses, but what it acts on says the question is
about something else.

Only generic programming words are ambiguous (knowledge.topics._WEAK: "set", "print", "input", "number", ... and
"python" itself); a specific keyword ("dictionary", "recursion") is programming whatever follows it. A generic word
takes its sense from the words it governs: the next content words of its clause. The first of them that is
foreign to the documentation (agents/concepts/offtopic.py: in almost no section, no typo of the topics'
vocabulary) gives it the everyday sense; one that is a programming keyword or a typo of one gives it the
programming sense; neutral words ("table", "up") pass the decision on, at most LOOKAHEAD of them.
"""
from __future__ import annotations

import re

from agents.concepts import offtopic
from knowledge.docs_index.search import _ASKING, _STOP

LOOKAHEAD = 3
_AMBIGUOUS_NAMES = frozenset({"python", "pythons"})
_TOKEN = re.compile(r"[A-Za-z_]+|[(){}\[\].,;:!?=<>+*/%\"'`-]")
_CLAUSE_END = frozenset(".,;:!?")
# The part of a program a generic word names ("the try block", "a print statement", "the return value"): the
# programming sense whatever follows.
_STRUCTURE = frozenset({"block", "blocks", "statement", "statements", "clause", "clauses", "keyword", "keywords",
                        "body", "loop", "loops", "method", "methods", "function", "functions", "argument",
                        "arguments", "parameter", "parameters", "value", "values", "variable", "variables"})
_CODE = re.compile(r"[(){}\[\]=<>+*/%`_]|\w\.\w")


def _sense(following: list[str], keywords: set[str], sections: dict[str, int], vocabulary: tuple[str, ...]) -> str:
    """'everyday', 'programming' or 'neutral' for a generic word followed by these tokens."""
    seen = 0
    for token in following:
        if token in _CLAUSE_END:
            break
        if not token.isalpha() or token in _STOP or token in _ASKING or len(token) < offtopic.MIN_LENGTH:
            if token in keywords:
                return "programming"
            continue
        if token in keywords or (seen == 0 and token in _STRUCTURE):
            return "programming"
        if offtopic.is_foreign(token, sections, vocabulary):
            return "everyday"
        if offtopic.typo_of(token, vocabulary) is not None:
            return "programming"
        seen += 1
        if seen >= LOOKAHEAD:
            break
    return "neutral"


def everyday(question: str, matched: dict[str, list[str]], weak, sections: dict[str, int],
             vocabulary: tuple[str, ...]) -> bool:
    """Every programming word of the question is generic and used in its everyday sense, and nothing else
    (code, a specific keyword) says programming. Without the index's word counts nothing is judged."""
    if not sections or _CODE.search(question or ""):
        return False
    phrases = {p.lower() for ps in matched.values() for p in ps}
    if any(p not in weak for p in phrases):
        return False
    tokens = [t.lower() for t in _TOKEN.findall(question or "")]
    keywords = {w for p in phrases for w in p.split()}
    generic = [i for i, t in enumerate(tokens) if t in keywords or t in _AMBIGUOUS_NAMES]
    if not generic:
        return False
    return all(_sense(tokens[i + 1:], keywords - {tokens[i]}, sections, vocabulary) == "everyday" for i in generic)


def not_programming(question: str, matched: dict[str, list[str]], weak, sections: dict[str, int],
                    vocabulary: tuple[str, ...]) -> bool:
    """Mostly foreign words (offtopic.is_off_topic), or generic programming words in their everyday sense."""
    return (offtopic.is_off_topic(question, matched, weak, sections, vocabulary)
            or everyday(question, matched, weak, sections, vocabulary))
