"""How an explanation opens: a direct answer to the question asked before the supporting material.

- A single question opens with the sentences (agents/concepts/lead.py) that state its key terms, taken from the
  most specific unit in play: the curated page chosen and the other pages the question names, the documentation
  sections and API entries retrieved for it. A question about one point of a broad page ("why does sort()
  return None", "what is the else after except for") is *narrow*: its rare terms are not the page's own name.
- A comparison opens with one line per side, each from the unit that side names (its curated page, else its
  own documentation entry or section), so each side is stated even when both belong to one broad page.
"""
from __future__ import annotations

import re
from dataclasses import replace

from agents.concepts import compare_docs, docs_answer, lead
from agents.concepts.pages import ENTRIES
from agents.concepts.pairing import _term_topic
from knowledge.docs_index import api_names
from knowledge.docs_index.search import _WRITTEN

_DOTTED = docs_answer._DOTTED

NARROW_WEIGHT = 1.5   # a term at least this rare (idf) that the page's name does not say makes a question narrow
MIN_SHARE = 0.5       # of the question's term weight a direct answer must state


def page_words(topic: str) -> set[str]:
    """The stems of a curated page's own name (id and title): they say which page, not what about it."""
    data = ENTRIES.get(topic)
    return lead.topic_words(topic.replace("-", " "), data["title"] if data else "")


def specific_terms(question: str, topic: str, vocabulary: dict[str, int] | None) -> dict[str, float]:
    """The question's terms that are rarer than the page's name and not part of it ({} for "what is a list")."""
    own = page_words(topic)
    return {t: w for t, w in lead.weights(question, vocabulary).items()
            if t not in own and (w >= NARROW_WEIGHT or not vocabulary)}


def units_for(topics, passages) -> list[lead.Unit]:
    """Candidate units: the documentation sections first (they are the most specific), then the pages."""
    units = [lead.passage_unit(p) for p in passages]
    units += [lead.page_unit(ENTRIES[t], "beginner") for t in dict.fromkeys(topics) if t in ENTRIES]
    return units


def single(question: str, topic: str, level: str, passages, vocabulary) -> lead.Lead | None:
    terms = lead.weights(question, vocabulary, page_words(topic))
    if not specific_terms(question, topic, vocabulary) and topic:
        # "what is a list": the page's own opening is the direct answer; "can a function return two values"
        # (plain words, none rare) asks about one point of the page all the same
        return plain_point(question, topic, level, terms)
    # A method of a class the question does not name ("stop" is not unittest.TestResult.stop) is no answer; the
    # entry of a name the question writes ("str.join", "len()") is the most specific unit there is.
    written = set(_WRITTEN.findall(question or "")) | set(_DOTTED.findall(question or ""))
    units = [replace(lead.passage_unit(p), exact=p.kind == "api" and (
                p.anchor in written or p.anchor.rsplit(".", 1)[-1] in written))
             for p in passages if api_names.addressable(p.anchor, question)]
    if topic in ENTRIES:
        units.insert(0, lead.page_unit(ENTRIES[topic], level))
    found = lead.pick(units, terms, min_share=MIN_SHARE)
    summary = ENTRIES[topic]["summary"] if topic in ENTRIES else ""
    if found is not None and summary and found.text.startswith(summary):
        rest = found.text[len(summary):].strip()   # the page's own summary opens the page anyway
        return replace(found, text=rest) if rest else None
    return found


def side_line(side: str, passages, vocabulary, other: str = "") -> lead.Lead | None:
    """One side of a comparison, stated from its own unit: its curated page when the side names one, its
    documentation entry or section otherwise; a sentence about this side alone rather than both."""
    name = compare_docs.split_context(side)[0]
    topic = _term_topic(name)
    fitting = [p for p in passages if compare_docs.fits(p, name) and api_names.addressable(p.anchor, side)]
    exact = [p for p in fitting if p.kind == "api" and p.anchor.rsplit(".", 1)[-1] == name.strip(" `'\"()")]
    units = [lead.passage_unit(p) for p in exact or fitting]
    if topic in ENTRIES and not exact:   # the entry of the function the side names is more specific than a page
        units.append(lead.page_unit(ENTRIES[topic], "beginner"))
    avoid = lead.weights(compare_docs.split_context(other)[0], vocabulary) if other else None
    return lead.pick(units, lead.weights(name, vocabulary), min_share=0.5, avoid=avoid)


def documentation_part(question: str, topic: str, passages, vocabulary, found: lead.Lead | None, level: str) -> str:
    """For a narrow question answered by a broad page: the paragraphs of the documentation section about the
    point asked (its title names a specific term of the question, its text states most of it), linked."""
    weights = lead.weights(question, vocabulary, page_words(topic))
    quoted = {u.url for u in found.units} if found is not None else set()
    for passage in passages:
        if passage.url in quoted or not docs_answer.relevant(passage, weights):
            continue
        text = docs_answer.condense(passage, question, level)
        if len(text) > 700:
            text = text[:700].rsplit(" ", 1)[0] + " ..."
        return f"\n\n### From the Python documentation: [{passage.title}]({passage.url})\n{text}"
    return ""


def page_points(question: str, topic: str, vocabulary, shown: str, limit: int = 3) -> str:
    """The page's other sentences about the point asked (from any of its layers and its mistakes), when the page
    is broader than the question: '### On your question' with up to `limit` of them, best first."""
    terms = specific_terms(question, topic, vocabulary)
    if not terms or topic not in ENTRIES:
        return ""
    total = sum(terms.values())
    seen = " ".join(shown.split())
    scored = []
    for paragraph in lead.page_unit(ENTRIES[topic], "advanced").paragraphs:
        for sentence in lead.sentences(paragraph):
            score = lead.score(sentence, terms)
            if score >= 0.5 * total and sentence not in seen:
                scored.append((-score, len(scored), sentence))
    best = [s for _, _, s in sorted(scored)[:limit]]
    return ("\n\n### On your question\n" + "\n".join(f"- {s}" for s in best)) if best else ""


def already_opens(text: str, found: lead.Lead) -> bool:
    """The answer's first lines already say it (an answer from the entry the lead comes from)."""
    first = lead.sentences(found.text)[0]
    body = " ".join(text[:800].split())
    return first[first.find(":") + 1:].strip()[:80] in body


def open_with(result, text: str):
    """The explanation with `text` before everything else."""
    return replace(result, text=f"{text}\n\n{result.text}")


_STATES_DIFFERENCE = re.compile(r"\bdifferen(?:ce|t)\b|\bwhereas\b|\bunlike\b", re.I)


def comparison_opening(sides, side_passages, passages, vocabulary, body: str = "") -> str:
    """One line per side from its own unit; when the answer below (`body`) states no difference itself (both sides
    fell on one broad page), the two definitions are set against each other."""
    lines, said, texts = [], set(), []
    for side, own, other in zip(sides, side_passages, reversed(sides)):
        found = side_line(side, [*own, *passages], vocabulary, other)
        if found is not None and found.text not in said:
            said.add(found.text)
            name = compare_docs.split_context(side)[0].strip(" ?.`'\"")
            lines.append(f"- {lead.render(found, f'`{name}`')}")
            texts.append((name, lead.sentences(found.text)[0]))
    if len(lines) != 2:
        return ""
    text = "**In short:**\n" + "\n".join(lines)
    if body and not _STATES_DIFFERENCE.search(body):
        (a, first), (b, second) = texts
        text += f"\n\n**The difference:** `{a}`: {first} Whereas `{b}`: {second}"
    return text



# Quantity words are one idea however said ("two values", "several values", "more than one value").
_MANY = re.compile(r"\b(?:two|three|several|multiple|many|more than one)\b", re.I)


def plain_point(question: str, topic: str, level: str, terms: dict[str, float]) -> lead.Lead | None:
    """A question in plain words about one point of a broad page: two or more of its terms beyond the page's own
    name, all stated by one sentence of the page (its layers, mistakes, example titles) and not by its summary;
    a quantity the question asks about ("two values") must be said too. None when the question only names the
    page ("how do functions work")."""
    if topic not in ENTRIES:
        return None
    content = {t: w for t, w in terms.items() if t not in page_words(topic) and t not in lead._VAGUE}
    if len(content) < 2:
        return None
    summary = ENTRIES[topic]["summary"]
    unit = lead.page_unit(ENTRIES[topic], level)
    many = bool(_MANY.search(question or ""))
    found = [sentence for paragraph in unit.paragraphs[1:] for sentence in lead.sentences(paragraph)
             if len(sentence) >= 12 and set(content) <= lead._score(sentence, content)[1]
             and (not many or _MANY.search(sentence))]
    if not found or lead.score(summary, content) >= lead.score(found[0], content):
        return None   # no sentence states the point, or the page's own opening already says it
    return lead.Lead(text=found[0], units=(unit,), covered=1.0)
