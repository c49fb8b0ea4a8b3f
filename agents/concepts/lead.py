"""The direct answer an explanation opens with: the one to three sentences, from the most specific unit the
engine has, that state what the question asks.

A broad page (Lists, Strings, Exceptions) is correct Python but rarely says the particular thing asked ("why
does sort() return None", "what is the else after except for"). Every unit the engine could answer from is
split into sentences — the curated pages of the topics in play (explanations, mistakes, steps), the retrieved
documentation sections and API entries (`list.pop([i]): Remove the item at ...`), glossary terms — and each
sentence is scored by the question's key terms it states, each term weighted by its rarity in the
documentation (a word on every page, "list", says little; "startswith", "finally", "popleft" say a lot) and
down-weighted when it only names the broad topic. Two adjacent words also count as the identifier they spell
("starts with" -> startswith, "read lines" -> readlines). The best sentence (and its continuation) leads; a
second sentence joins it when it states a key term the first one did not.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from agents.concepts.docs_answer import _stem, _stems
from knowledge.docs_index.search import _TYPE_NAMES, _WRITTEN, key_terms
from knowledge import contracts

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(\[*\"'])")
_WORDS = re.compile(r"[A-Za-z_]+")
_SECTIONS = 4000          # about how many documentation sections there are (idf of unseen words)
_TOPIC_WEIGHT = 0.25      # a term that only names the broad topic of the page
MAX_CHARS = 520
# Sentences that define nothing: cross-references, version notes, footnotes, caveats about an edge case.
_NOT_A_DEFINITION = re.compile(r"^(?:See also|See |Changed in version|New in version|Deprecated|Note:|Notes?\b|"
                               r"For (?:more|example|details|instance)|Common examples|It is not possible|CPython "
                               r"implementation detail)|\[\d+\]", re.I)
# Plain English that says where or how much, not what: rare in the documentation, but not what a question is about.
_VAGUE = frozenset(_stem(w) for w in """anything something everything nothing inside outside after before without
    within instead also still always never even again anyway whole full part parts thing over under above below
    fastest fast easy easiest best quick quickly""".split())


@dataclass(frozen=True)
class Unit:
    """Something an answer can be built on: a curated page's text, a documentation section, a glossary term."""
    label: str               # "Lists" or the section's title
    url: str                 # "" for a curated page
    paragraphs: tuple[str, ...]
    curated: bool = False
    exact: bool = False      # the entry of a name the question writes ("str.join", "len()")


@dataclass(frozen=True)
class Lead:
    text: str                # the sentences, as written in their unit
    units: tuple[Unit, ...]  # where they come from (for the link)
    covered: float           # share of the question's term weight they state


def weights(question: str, vocabulary: dict[str, int] | None, topic_words: set[str] = frozenset()) -> dict[str, float]:
    """{stem: weight} for the question's key terms and the identifiers spelt by two of its adjacent words."""
    vocabulary = vocabulary or {}
    total = max(_SECTIONS, max(vocabulary.values(), default=0))
    terms = [_stem(t) for t in key_terms(question, expand=False)] + identifiers(question, vocabulary)
    written = {_stem(w) for w in _WRITTEN.findall(question or "")}   # any(), `with`: names, even if English
    result: dict[str, float] = {}
    for term in dict.fromkeys(terms):
        ndoc = vocabulary.get(term, 0)
        if vocabulary and not ndoc and term in written:
            ndoc = _SECTIONS // 50   # a name the text search drops as English ("any", "all"): fairly specific
        elif vocabulary and not ndoc:
            continue   # a word the documentation never uses (a typo, "sometext"): no sentence can state it
        weight = math.log(total / (1 + ndoc)) if vocabulary else 1.0
        if term in topic_words or term in _VAGUE:
            weight *= _TOPIC_WEIGHT
        result[term] = max(0.1, weight)
    return result


def identifiers(question: str, vocabulary: dict[str, int] | None) -> list[str]:
    """Identifiers two adjacent words of the question spell, when the documentation uses them: "starts with"
    -> startswith, "set default" -> setdefault, "read lines" -> readlines."""
    if not vocabulary:
        return []
    words = [w.lower() for w in _WORDS.findall(question or "")]
    return list(dict.fromkeys(a + b for a, b in zip(words, words[1:])
                              if len(a) > 1 and len(b) > 1 and len(a + b) > 5 and vocabulary.get(a + b, 0) > 0))


def topic_words(*names: str) -> set[str]:
    """The stems that only name a broad topic ("list", "lists", "string", and the type's name "str")."""
    stems = {_stem(w) for name in names for w in _WORDS.findall(name or "")}
    return stems | {_stem(_TYPE_NAMES[w]) for name in names for w in _WORDS.findall((name or "").lower())
                    if w in _TYPE_NAMES}


def sentences(paragraph: str) -> list[str]:
    text = " ".join(paragraph.split())
    return [s for s in _SENTENCE.split(text) if s]


def score(text: str, terms: dict[str, float]) -> float:
    """The weight of the terms a text states."""
    return _score(text, terms)[0]


def _score(sentence: str, terms: dict[str, float]) -> tuple[float, set[str]]:
    found = _stems(sentence) | {w.lower() for w in _WORDS.findall(sentence)}
    hit = {t for t in terms if t in found}
    return sum(terms[t] for t in hit), hit


def pick(units: list[Unit], terms: dict[str, float], min_share: float = 0.4,
         avoid: dict[str, float] | None = None) -> Lead | None:
    """The sentences that state most of the question's weighted terms; None when no sentence states enough of
    them (the unit's own opening then answers). Sentences stating `avoid` terms (the other side of a
    comparison) count less: each side is best said on its own."""
    total = sum(terms.values())
    if not terms or total <= 0:
        return None
    candidates = []
    specific = {t for t, w in terms.items() if w >= 1.5}
    for rank, unit in enumerate(units):
        # A section whose title names none of the question's specific terms only mentions them in passing: its
        # sentences are no direct answer.
        titled = unit.curated or not specific or bool(specific & (_stems(unit.label) | _stems(unit.url)))
        if not titled:
            continue
        for p_index, paragraph in enumerate(unit.paragraphs):
            parts = sentences(paragraph)
            for s_index, sentence in enumerate(parts):
                if len(sentence) < 12 or sentence.startswith(("```", ">>>", "(")) or _NOT_A_DEFINITION.search(sentence):
                    continue   # code, asides in parentheses, cross-references, version notes, caveats
                score, hit = _score(sentence, terms)
                if score <= 0:
                    continue
                if avoid:
                    score -= 0.5 * _score(sentence, {t: w for t, w in avoid.items() if t not in terms})[0]
                # ties: the simpler (curated) wording, then the better-ranked unit, then the earlier sentence
                # (a unit defines its subject before it elaborates)
                candidates.append((score, unit.exact, unit.curated, -rank, -p_index * 100 - s_index, unit, parts,
                                   s_index, hit))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[:5], reverse=True)
    score, _, _, _, _, unit, parts, index, hit = candidates[0]
    if sum(terms[t] for t in hit) < min_share * total:
        return None
    chosen = [parts[index]]
    following = parts[index + 1] if index + 1 < len(parts) else ""
    if following and (parts[index].endswith(":") or _score(following, {t: terms[t] for t in specific})[0] > 0):
        chosen.append(parts[index + 1])   # the continuation ("If no index is specified, a.pop() ...")
    used = [unit]
    for *_, other_unit, other_parts, other_index, other_hit in candidates[1:]:
        extra = other_hit - hit
        if extra and other_parts[other_index] not in chosen and sum(terms[t] for t in extra) >= 0.15 * total:
            chosen.append(other_parts[other_index])
            hit |= other_hit
            if other_unit not in used:
                used.append(other_unit)
            break
    text = " ".join(chosen)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] + " ..."
    return Lead(text=text, units=tuple(used), covered=round(sum(terms[t] for t in hit) / total, 3))


def render(lead: Lead, label: str = "In short") -> str:
    """'**In short:** <sentences> (from [title](url))': a documentation source is linked."""
    sources = [f"[{u.label}]({u.url})" for u in lead.units if u.url]
    tail = f" (from {', '.join(sources)})" if sources else ""
    return f"**{label}:** {lead.text}{tail}"


def page_unit(entry: dict, level: str) -> Unit:
    """A curated page as a unit: its explanation at the student's level first, then the deeper layers, its
    mistakes, steps and example titles."""
    layers = [entry["beginner"], entry["intermediate"], entry["advanced"]]
    if level != "beginner":
        layers = [entry["intermediate"], entry["beginner"], entry["advanced"]]
    paragraphs = [entry["summary"], *layers, *entry["mistakes"], *entry["steps"],
                  *(f"{e['title']}." for e in entry["examples"])]
    return Unit(label=entry["title"], url="", paragraphs=tuple(paragraphs), curated=True)


def passage_unit(passage) -> Unit:
    """A documentation section or API entry; an entry's paragraphs speak of it by name."""
    paragraphs = [p for p in passage.body.split("\n\n") if p.strip() and "::=" not in p]   # not grammar
    if passage.kind == "api" and paragraphs:
        paragraphs[0] = f"{passage.title.split('(')[0]}: {paragraphs[0]}"
    promise = contracts.contract(passage.anchor) if passage.kind == "api" else None
    if promise is not None:   # its behaviour contract (knowledge/contracts.py) states more than the reference
        paragraphs.insert(0, promise[0])
    return Unit(label=passage.title, url=passage.url, paragraphs=tuple(paragraphs))
