"""Comparisons ("X vs Y", "difference between X and Y") answered side by side from the documentation when the
curated pages cannot tell the two apart: both sides are one page (set.remove vs set.discard, json.load vs
json.loads, parameters vs arguments) or no page names them. Each side is searched on its own (with the context
the question shares, "on a set"), explained from its best section with its link and checked example, and the
answer opens with the difference: each side's defining sentence, one against the other.
"""
from __future__ import annotations

import re

from agents.concepts import docs_answer
from knowledge.docs_index.search import Passage

# "discard on a set", "load in json": the words after the preposition are context both sides share.
_CONTEXT = re.compile(r"\s+(?:on|in|of|for|with|inside|from|when|using)(?:\s+(?:an?\s+|the\s+)?(.+))?$", re.I)
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


def split_context(side: str) -> tuple[str, str]:
    """'discard on a set' -> ('discard', 'set'); 'remove' -> ('remove', '')."""
    side = side.strip()
    match = _CONTEXT.search(side)
    if not match or match.start() == 0:
        return side, ""
    return side[:match.start()].strip(), (match.group(1) or "").strip(" ?.!")


_NAME = re.compile(r"[A-Za-z_]\w*")


def side_queries(a: str, b: str) -> tuple[str, str]:
    """What to search the documentation for, one side each, with the shared context on both. A side that is one
    name ("append", "readlines") is searched as that function, most basic page first (list.append before
    array.array.append: knowledge/docs_index/api_names.py)."""
    a, context_a = split_context(a)
    b, context_b = split_context(b)
    a, b = (f"{side}()" if _NAME.fullmatch(side.strip(" `'\"")) else side for side in (a, b))
    context = " ".join(dict.fromkeys(c for c in (context_a, context_b) if c and c.lower() != "python"))
    return f"{a} {context}".strip(), f"{b} {context}".strip()


def best_fit(passages: list[Passage], query: str) -> list[Passage]:
    """The retrieved section about the side itself, as a one-item list: the one whose identifier IS the side
    ("json.load", not json.loads), else the one whose title names most of the side's words, in search order."""
    side = split_context(query)[0]
    exact = side.strip(" `'\"()").lower()

    def score(passage: Passage) -> tuple[bool, bool, int]:
        anchor = passage.anchor.lower()
        named = docs_answer.named_terms(side, f"{passage.title.split('(')[0]} {passage.anchor}")
        # a section titled by the side itself ("Packages" for "package"), not one that mentions it ("Managing
        # Packages with pip")
        name = passage.title.split("(")[0].rsplit(".", 1)[-1]
        titled = docs_answer._stems(name) == docs_answer._stems(exact) != set()
        return exact in (anchor, anchor.rsplit(".", 1)[-1]), titled, len(named)

    fitting = [p for p in passages if fits(p, side)]
    return [max(fitting, key=score)] if fitting else []


def first_sentence(passage: Passage) -> str:
    # (a grammar production, 'pass_stmt ::= "pass"', defines nothing for a student)
    body = " ".join(" ".join(p for p in passage.body.split("\n\n") if "::=" not in p).split())
    match = _SENTENCE.match(body)
    sentence = match.group(1) if match else body
    return sentence if len(sentence) <= 300 else sentence[:300].rsplit(" ", 1)[0] + " ..."


def fits(passage: Passage, side: str) -> bool:
    """The section is about this side: its title or identifier names one of the side's key terms."""
    return docs_answer.on_topic(passage, side)


def render(a: str, b: str, left: Passage, right: Passage, question: str, level: str, style: str) -> tuple[str, tuple[str, ...]]:
    """(text, example codes): the difference first, then each side from its section, linked."""
    names = (a.strip(" ?.`'\""), b.strip(" ?.`'\""))
    parts = [f"## {names[0]} vs {names[1]}",
             f"**The key difference:** `{names[0]}`: {first_sentence(left)} Whereas `{names[1]}`: "
             f"{first_sentence(right)}"]
    codes: list[str] = []
    for name, passage in zip(names, (left, right)):
        block = f"### {name}: {passage.title}\n{docs_answer.condense(passage, question, level)}\n\nSource: {passage.url}"
        examples = [e for e in passage.examples if docs_answer.coverage(name, e["code"]) > 0] or list(passage.examples)
        if examples:
            code = docs_answer.example_block(examples[0])
            block = f"{block}\n\n{code}" if style != "example-driven" else f"{code}\n\n{block}"
            codes.append(examples[0]["code"])
        parts.append(block)
    return "\n\n".join(parts), tuple(codes)
