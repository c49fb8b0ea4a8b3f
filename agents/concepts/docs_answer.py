"""Answers from the official Python documentation when no curated page fits, and citations when one does.

Passages come from knowledge.docs_index.search (PostgreSQL full-text search). An answer quotes only the
paragraphs of the best sections that share the question's key terms (not whole pages), links each section
(https://docs.python.org/3/<page>.html#<anchor>) and shows only examples that were run in the sandbox when the
index was built (knowledge/docs_index/verify.py), with the output they really printed.
"""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from knowledge import contracts
from knowledge.docs_index import api_names
from knowledge.docs_index.search import Passage, key_terms
from knowledge.topics import detect_topics

_SENTENCE_LIMIT = {"beginner": 2, "intermediate": 3, "advanced": 5}


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in set(re.findall(r"[A-Za-z_]+", text))}


def condense(passage: Passage, question: str, level: str) -> str:
    """The paragraphs of a section that mention the question's key terms, best first, kept in page order."""
    terms = {_stem(t) for t in key_terms(question)}
    paragraphs = [p for p in passage.body.split("\n\n") if p.strip() and "::=" not in p]   # grammar: no help
    if not paragraphs:
        return passage.body[:1500]
    scored = []
    for index, paragraph in enumerate(paragraphs):
        words = _stems(paragraph)
        scored.append((len(terms & words) + (0.5 if index == 0 else 0), index, paragraph))
    keep = sorted(sorted(scored, key=lambda s: -s[0])[:_SENTENCE_LIMIT.get(level, 3)], key=lambda s: s[1])
    text = "\n\n".join(p for _, _, p in keep)
    return text if len(text) <= 1500 else text[:1500].rsplit(" ", 1)[0] + " ..."


def example_block(example: dict) -> str:
    if example.get("transcript"):
        return f"```pycon\n{example['code'].rstrip()}\n```"
    block = f"```python\n{example['code'].rstrip()}\n```"
    if example.get("output", "").strip():
        block += f"\nOutput:\n```\n{example['output'].rstrip()}\n```"
    return block


def coverage(question: str, text: str) -> int:
    """How many of the question's key terms a text mentions (type-name synonyms count once)."""
    words = _stems(text)
    return sum(1 for t in dict.fromkeys(_stem(t) for t in key_terms(question)) if t in words)


def passage_text(passage: Passage) -> str:
    return " ".join([passage.title, passage.anchor, passage.body, *(e["code"] for e in passage.examples)])


def names_topic(question: str, topic: str, title: str) -> bool:
    """The question names the topic itself ("what is a set" -> sets), not just a word it shares with others."""
    names = {_stem(w) for w in re.findall(r"[A-Za-z]+", f"{topic} {title}")}
    return bool(names & {_stem(t) for t in key_terms(question)})


def named_terms(question: str, name: str) -> set[str]:
    """The question's key terms (stemmed) that a title or identifier names ('itertools.combinations' names
    both 'itertools' and 'combinations')."""
    return {_stem(t) for t in key_terms(question)} & {_stem(w) for w in re.findall(r"[A-Za-z]+", name)}


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")


def named_entry(passages: list[Passage], question: str) -> Passage | None:
    """An API entry among the best sections that the question names exactly: written dotted
    ("functools.partial"), every part of a dotted name ("itertools combinations", "shuffle ... randomly"), or
    the question's only key term ("what is defaultdict")."""
    terms = list(dict.fromkeys(_stem(t) for t in key_terms(question)))
    dotted = {d.lower() for d in _DOTTED.findall(question or "")}
    words = set(re.findall(r"\w+", question or ""))
    found = []
    for passage in passages[:3]:
        if passage.kind != "api":
            continue
        anchor = passage.anchor.lower()
        if anchor not in dotted and api_names.unasked_method(passage.anchor, question):
            continue   # "0.1 plus 0.2" does not name decimal.Context.plus (a method of a class not named)
        parts = [_stem(w) for w in anchor.split(".") if w]
        if anchor in dotted or (len(parts) >= 2 and set(parts) <= set(terms)) or terms == parts[-1:]:
            found.append(passage)
    # "namedtuple" is collections.namedtuple before typing.NamedTuple: the spelling as written first.
    return next((p for p in found if p.anchor.rsplit(".", 1)[-1] in words), found[0] if found else None)


def answers_question(passage: Passage, question: str) -> bool:
    """Enough to answer from the documentation alone: the section covers at least half of the question's key
    terms (two at least), or names the only one in its title. 'What is the capital of France' shares one
    word with decimal.Context, which makes it no Python question."""
    terms = list(dict.fromkeys(_stem(t) for t in key_terms(question)))
    if not terms:
        return False
    if len(terms) == 1:
        return on_topic(passage, question)
    return coverage(question, passage_text(passage)) >= max(2, -(-len(terms) // 2))


def on_topic(passage: Passage, question: str) -> bool:
    """A section whose title (or identifier) shares a key term with the question: safe to cite beside a curated
    page or to steer the choice of page. (Body-only matches answer well but say little about the topic.)"""
    terms = {_stem(t) for t in key_terms(question)}
    name = passage.title.split("(")[0]   # "glob.glob(pathname, recursive=False)": the name, not its parameters
    return bool(terms & {_stem(w) for w in re.findall(r"[A-Za-z]+", f"{name} {passage.anchor}")})


@lru_cache(maxsize=8192)
def _heading_topic(heading: str) -> tuple[tuple[str, float], ...]:
    """Sections are few and their headings fixed: detect each one's topic once per process."""
    return tuple(detect_topics(heading, limit=1))


def passage_topics(passages: list[Passage], question: str = "") -> dict[str, float]:
    """Curated topics the best documentation sections are about (their titles and headings), rank-weighted:
    scored together with the question's own keywords, so retrieval helps pick the curated page."""
    bonus: dict[str, float] = {}
    for position, passage in enumerate(passages[:3]):
        if question and not on_topic(passage, question):
            continue
        for topic, score in _heading_topic(f"{passage.title} {passage.trail}"):
            bonus[topic] = bonus.get(topic, 0.0) + score * (0.6 / (position + 1))
    return bonus


def relevant(passage: Passage, weights: dict[str, float]) -> bool:
    """Worth linking under an answer: the section's title or identifier names one of the question's specific
    terms (weights from agents/concepts/lead.py; rarer than the words every page uses) and its text states at
    least half of the question's term weight. (A closures answer does not link textwrap's break_long_words.)"""
    specific = {t for t, w in weights.items() if w >= 1.5}
    name = passage.title.split("(")[0]
    if not specific & _stems(f"{name} {passage.anchor}"):
        return False
    stated = _stems(passage_text(passage))
    return sum(w for t, w in weights.items() if t in stated) >= 0.5 * sum(weights.values())


def citations(passages: list[Passage], limit: int = 2, question: str = "", weights: dict | None = None) -> str:
    chosen = [p for p in passages if (not question or on_topic(p, question))
              and (weights is None or relevant(p, weights))][:limit]
    if not chosen:
        return ""
    links = [f"- [{p.title}]({p.url})" for p in chosen]
    return "\n\n**In the Python documentation:**\n" + "\n".join(links)


def answer(question: str, passages: list[Passage], level: str, style: str, skip_codes: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]]:
    """(text, example codes) from the best passages; the caller checks there is at least one passage."""
    best = passages[:2 if level != "advanced" else 3]
    candidates = [e for p in best for e in p.examples if e["code"] not in skip_codes]
    # Examples that show what was asked first (they use its key terms), in page order otherwise.
    relevant = sorted(candidates, key=lambda e: -coverage(question, e["code"]))
    if relevant and coverage(question, relevant[0]["code"]) > 0:
        relevant = [e for e in relevant if coverage(question, e["code"]) > 0]
    examples = relevant[:1 if level == "beginner" else 2]
    parts = [f"## {best[0].title}"]
    promise = contracts.contract(best[0].anchor) if best[0].kind == "api" else None
    if promise is not None:   # the whole behaviour contract, not only the reference's first sentence
        parts.append(f"**What it does:** {promise[0]}")
        examples = [{"code": promise[1], "output": promise[2]}, *examples][:len(examples) or 1]
    code_first = style == "example-driven"
    blocks = "\n\n".join(example_block(e) for e in examples)
    if code_first and blocks:
        parts.append(f"### See it in action\n{blocks}")
    for passage in best:
        heading = "" if passage is best[0] else f"### {passage.title}\n"
        parts.append(f"{heading}{condense(passage, question, level)}\n\nSource: {passage.url}")
    if blocks and not code_first:
        parts.append(f"### Example (run and checked)\n{blocks}")
    return "\n\n".join(parts), tuple(e["code"] for e in examples)
