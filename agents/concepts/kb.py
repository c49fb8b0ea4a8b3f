"""The concepts knowledge base: picks what to explain for a question and composes the answer offline.

Data lives in agents/concepts/knowledge/ (one entry per topic in knowledge.topics.TOPICS, plus notes on commonly
confused pairs; the error catalogue is the shared knowledge/errors.py); every code example there is executed by the test suite, so answers never
show output that Python would not print. KB_VERSION changes whenever the data changes, so caches keyed on it
(the service's 7-day cache) never serve stale text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from agents.concepts import (api_lead, behaviour, compare_docs, compose, docs_answer, focus, form_examples, lead,
                             opening, purpose_lead, task_lead, word_sense)
from agents.concepts.pages import ENTRIES, KB_VERSION, entry, summary, title
from agents.concepts.pairing import _comparison, _fuzzy_topic, _vocabulary, comparison_sides
from knowledge.errors import ERRORS
from knowledge.topics import _WEAK, KEYWORDS, TOPICS, detect_topics, text_scores, topic_for_exception
from knowledge.docs_index import api_names

__all__ = ["ENTRIES", "KB_VERSION", "Explanation", "comparison_sides", "compare", "entry", "explain", "explain_error",
           "side_queries", "summary", "title"]


@dataclass(frozen=True)
class Explanation:
    topic: str                      # a topics.TOPICS id, or "" when the question matched no topic
    title: str
    text: str
    examples: tuple[str, ...]       # runnable code, as shown in the text
    related: tuple[str, ...]
    confidence: float
    matched_terms: tuple[str, ...]  # the words in the question that decided the topic


_EXCEPTION_NAME = re.compile(r"\b([A-Z][A-Za-z]*(?:Error|Exception|Iteration|Interrupt|Exit))\b")


def _code_hint(code: str | None, topic: str) -> str:
    if not code or not code.strip():
        return ""
    found = [t for t, _ in detect_topics("", code, limit=4)]
    if not found:
        return ""
    names = ", ".join(title(t) for t in found)
    relevance = "" if topic in found else f" (your question is about {title(topic).lower()})"
    return f"\n\n**About your code:** it uses {names}{relevance}."


def _error_section(question: str) -> str:
    match = _EXCEPTION_NAME.search(question)
    if not match or match.group(1) not in ERRORS:
        return ""
    err = ERRORS[match.group(1)]
    return (f"\n\n### About {match.group(1)}\n{err['meaning']} Typical causes: {'; '.join(err['causes'][:3])}. "
            f"Fix: {err['fix']}")


def _unknown(question: str, level: str) -> Explanation:
    """Honest answer for questions outside the knowledge base: say so, and offer the closest ways in."""
    suggestions = ("variables", "loops", "functions", "lists", "dictionaries", "classes")
    listing = ", ".join(f"{title(t)}" for t in suggestions)
    text = (f"I could not match \"{question.strip()[:120] or '(empty question)'}\" to a Python topic in my knowledge "
            f"base, so I won't guess. I can explain {len(ENTRIES)} Python topics, for example {listing}. Try "
            "naming the concept (\"what is a list comprehension?\"), pasting the code you are working on, or "
            "pasting the exact error message you see.")
    if level != "beginner":
        text += " For library-specific questions, the library's official documentation is the best source."
    return Explanation(topic="", title="No matching topic", text=text, examples=(), related=suggestions,
                       confidence=0.1, matched_terms=())


def _rank(question: str, code: str | None, passages) -> list[tuple[str, float]]:
    """Curated topics for the question: its own keywords and code, plus the topics of the best documentation
    sections (scored together, so a question naming no keyword still reaches the right page)."""
    ranked = dict(detect_topics(question, code, limit=5))
    top = max(ranked.values(), default=0.0)
    for topic, bonus in docs_answer.passage_topics(list(passages), question).items():
        # Retrieval breaks near-ties between keyword matches and speaks when no keyword does; it never
        # overrules a clearly more specific keyword ("f-strings" over the Strings section's title).
        if (ranked and ranked.get(topic, 0.0) >= 0.75 * top) or (not ranked and bonus >= 0.3):
            ranked[topic] = round(min(1.0, ranked.get(topic, 0.0) + bonus), 3)
    leading = [t for t in focus.focus(question) if t in ranked]
    if leading:   # the operation asked for leads ("sort a dict by value"), whatever the nouns around it score
        best = max(leading, key=ranked.__getitem__)
        ranked[best] = max(ranked.values()) + 0.001
    return sorted(ranked.items(), key=lambda kv: (-kv[1], TOPICS.index(kv[0])))[:3]


def _from_docs(question: str, passages, level: str, style: str, code: str | None) -> Explanation:
    text, examples = docs_answer.answer(question, list(passages), level, style)
    related = tuple(t for t, _ in detect_topics(question, code, limit=3))
    if related:
        text += "\n\n**Related topics:** " + ", ".join(title(t) for t in related)
    return Explanation(topic=related[0] if related else "", title=passages[0].title, text=text + _code_hint(code, ""),
                       examples=examples, related=related, confidence=round(min(0.8, 0.4 + passages[0].rank), 3),
                       matched_terms=())


def _from_task(question: str, chosen, level: str, style: str, code: str | None) -> Explanation:
    text, examples = task_lead.answer(question, chosen, level, style)
    related = tuple(t for t, _ in detect_topics(question, code, limit=3))
    if related:
        text += "\n\n**Related topics:** " + ", ".join(title(t) for t in related)
    return Explanation(topic=related[0] if related else "", title=chosen[0].passage.title, text=text + _code_hint(
        code, ""), examples=examples, related=related, confidence=0.75, matched_terms=())


def explain(question: str, skill_level: str = "beginner", learning_style: str = "step-by-step",
            code: str | None = None, passages=(), sections: dict[str, int] | None = None,
            side_passages=(), more_passages=(), purposes=None, examples=(), definitions=()) -> Explanation:
    """The explanation (_opened), showing every form of syntax the question names ("an if filter inside a
    comprehension": agents/concepts/form_examples.py); `examples` are the documentation's verified examples."""
    result = _opened(question, skill_level, learning_style, code, passages, sections, side_passages, more_passages,
                     purposes)
    if definitions and not code and behaviour.described(question or ""):   # "how can a function keep a value ..."
        result = _described(question, result, definitions, skill_level, learning_style, sections)
    result = purpose_lead.ensure(result, question or "", [*passages, *more_passages])   # "why use X ...": the reason
    return form_examples.ensure(result, question or "", examples, [*passages, *more_passages])


def _described(question: str, result: Explanation, definitions, level: str, style: str, sections) -> Explanation:
    """The concept whose definition states the behaviour the question describes, when it is not the one the
    answer explains already: its page (or glossary entry), opening with the definition that matched."""
    found = behaviour.match(question, definitions, sections)
    if found is None:
        return result
    unit = found[0]
    topic = unit.topic or next((t for t, s in detect_topics(unit.term, limit=1) if s >= 0.5), "")
    if topic and topic == result.topic:
        return result
    if topic in ENTRIES:
        inner = _opened(f"what is {ENTRIES[topic]['title']}", level, style, None, (), sections)
    else:
        return result
    return replace(inner, text=f"{behaviour.opening(unit)}\n\n{inner.text}")


def _opened(question: str, skill_level: str = "beginner", learning_style: str = "step-by-step",
            code: str | None = None, passages=(), sections: dict[str, int] | None = None,
            side_passages=(), more_passages=(), purposes=None) -> Explanation:
    """Explain the concept a student asks about, adapted to their level and learning style, opening with a
    direct answer to what was asked (agents/concepts/opening.py).

    `passages` are the documentation sections retrieved for the question (knowledge.docs_index.search): they
    help choose the curated page, are cited under it, and answer the question when no curated page fits;
    `more_passages` (the next ones retrieved) only offer sentences for the opening. `sections`
    (search.vocabulary: in how many documentation sections each word occurs) lets a question made of words
    foreign to programming be recognised as one (agents/concepts/offtopic.py) and weighs its terms. `purposes`
    (knowledge.docs_index.purposes.Index) ranks documented functions by what they are for: a task question
    ("how do I pick something at random") is answered by the one that does it (agents/concepts/task_lead.py)."""
    question = question or ""
    level, style = compose.normalise_level(skill_level), compose.normalise_style(learning_style)
    result = _explain(question, level, style, code, passages, sections, side_passages, more_passages, purposes)
    if result.title == "No matching topic" or result.text.startswith("**In short:**"):
        return result   # a decline, or already opened with its direct answer
    sides = comparison_sides(question)
    if sides is not None:
        opening_text = opening.comparison_opening(sides, side_passages or ((), ()), [*passages, *more_passages],
                                                  sections, body=result.text)
        return opening.open_with(result, opening_text) if opening_text else result
    if _EXCEPTION_NAME.search(question):
        return result   # the error catalogue's entry opens with what the exception means
    # An answer from the documentation opens from its own sections, not from the page of its related topic.
    page = result.topic if result.topic in ENTRIES and result.title == title(result.topic) else ""
    found = opening.single(question, page, level, [*passages, *more_passages], sections)
    if found is None or opening.already_opens(result.text, found):
        return result
    return opening.open_with(result, lead.render(found))


def _explain(question: str, level: str, style: str, code: str | None, passages, sections, side_passages,
             more_passages, purposes=None) -> Explanation:
    if not code and word_sense.not_programming(question, text_scores(question)[1], _WEAK, sections or {},
                                               tuple(_vocabulary())):
        # a task in everyday words ("pause the program for half a second") that a documented function does
        chosen = task_lead.choose(question, purposes, covered=0.45)
        return _from_task(question, chosen, level, style, code) if chosen else _unknown(question, level)
    pair = _comparison(question)
    sides = comparison_sides(question) if len(side_passages) == 2 else None
    if pair and pair[0] in ENTRIES and pair[1] in ENTRIES and (pair[0] != pair[1] or pair[2]) and (
            pair[2] or not sides or not _sides_own_sections(sides, side_passages, pair)):
        return _cited(_compare(question, pair, level, style), passages, question, sections)
    if sides and all(side_passages) and all(compare_docs.fits(p[0], compare_docs.split_context(side)[0])
                                            for p, side in zip(side_passages, sides)):
        # One page covers both sides (or none does): each side from its own documentation section.
        return _docs_comparison(question, sides, side_passages, level, style, code)
    scores, matched = text_scores(question)
    if passages and not scores and not docs_answer.answers_question(passages[0], question):
        passages = ()   # sections that share a stray word with a question about something else
    ranked = _rank(question, code, passages)
    error = _EXCEPTION_NAME.search(question)
    if error and error.group(1) in ERRORS and (not ranked or ranked[0][1] < 0.9):
        # "What does KeyError mean?" is best answered by the error catalogue (which includes the concept).
        return explain_error(error.group(1), "", skill_level=level)
    named = error or pair or api_names.named_call(question) or any(
        n.how in ("call", "target", "builtin") for n in api_names.named(question))
    pages = " ".join(_page_text(t) for t, s in ranked[:2] if s >= 0.4)   # the pages its keywords chose clearly
    chosen = [] if named else task_lead.choose(question, purposes, pages,
                                               strong_page=bool(ranked) and ranked[0][1] >= 0.75)
    if chosen:   # "how do I pick something at random": the function that does it, not the page of a noun
        return _from_task(question, chosen, level, style, code)
    api_entry = None if error else api_lead.lead(question, passages, ranked[0][0] if ranked else None)
    if api_entry is not None:   # "what does len() do", "square root": the function's own entry answers
        return _from_docs(question, [api_entry, *(p for p in passages if p is not api_entry)], level, style, code)
    passages = api_lead.demoted(passages)
    fuzzy = False
    if not ranked:
        guess = _fuzzy_topic(question)
        if guess is None and passages and docs_answer.answers_question(passages[0], question):
            return _from_docs(question, passages, level, style, code)
        if guess is None:
            return _unknown(question, level)
        ranked, fuzzy = [(guess, 0.3)], True
    topic, score = ranked[0]
    data = ENTRIES[topic]
    named = None if error else docs_answer.named_entry(passages, question)
    if named is not None:   # the entry the question names exactly leads any answer from the documentation
        passages = [named, *(p for p in passages if p is not named)]
    led = focus.page_leads(question, topic, passages[0] if passages else None, _page_names(topic))
    if not error and not led and _docs_fit_better(question, topic, scores, passages):
        # (unless the question's grammar chose the page and the section is about something else it mentions)
        return _from_docs(question, passages, level, style, code)
    if named is not None and not docs_answer.named_terms(named.anchor.rsplit(".", 1)[-1], _page_names(topic)):
        # The question names a documented identifier ("defaultdict", "itertools combinations") that the page
        # does not: its own entry answers, not the neighbouring page that mentions it.
        return _from_docs(question, passages, level, style, code)
    # A question about one point of the page ("why does sort() return None"): the direct answer first, then
    # only the examples and mistakes about that point.
    found = None if pair or error else opening.single(question, topic, level, [*passages, *more_passages], sections)
    about = None
    if found is not None and opening.specific_terms(question, topic, sections):
        terms = opening.specific_terms(question, topic, sections)
        about = lambda text: lead.score(text, terms)  # noqa: E731
    text = compose.render_entry(data, level, style, about=about)
    if not pair and not error and opening.specific_terms(question, topic, sections):
        # what the page and the documentation say about the point asked, when the page is broader than the question
        text += opening.page_points(question, topic, sections, text + (found.text if found else ""))
        text += opening.documentation_part(question, topic, [*passages, *more_passages], sections, found, level)
    if found is not None:
        text = f"{lead.render(found)}\n\n{text}"
    if pair and pair[2]:
        text = f"**Key difference:** {pair[2]}\n\n" + text
    text += _error_section(question) + _code_hint(code, topic)
    others = [t for t, s in ranked[1:] if s >= 0.3 and t != topic]
    related = tuple(dict.fromkeys([*others, *data["related"]]))[:5]
    if related:
        text += "\n\n**Related topics:** " + ", ".join(title(t) for t in related)
    confidence = 0.35 if fuzzy else round(min(0.95, 0.45 + 0.5 * score), 3)
    if not scores.get(topic):
        confidence = min(confidence, 0.5)   # chosen from the code alone: the question itself did not say
    shown = compose.examples_for(data, level, style) if about is None else compose.focused_examples(
        data, level, style, about)
    examples = tuple(e["code"] for e in shown)
    return _cited(Explanation(topic=topic, title=data["title"], text=text, examples=examples, related=related,
                              confidence=confidence, matched_terms=tuple(matched.get(topic, ()))), passages, question,
                  sections)


def side_queries(question: str, always: bool = False) -> tuple[str, str] | None:
    """For a comparison the curated pages cannot answer side by side (one page covers both, or none does):
    what to search the documentation for, one query per side. None for anything else. With `always`, for
    every comparison (each side's own unit then states it in the answer's opening, agents/concepts/opening.py)."""
    sides = comparison_sides(question)
    if sides is None:
        return None
    pair = _comparison(question)
    if not always and pair and pair[0] in ENTRIES and pair[1] in ENTRIES and (pair[0] != pair[1] or pair[2]):
        return None
    return compare_docs.side_queries(*sides)


def _sides_own_sections(sides, side_passages, pair) -> bool:
    """A side is narrower than the page it was matched to ("readlines()" is not the whole Files page, "//" not all
    of Numbers) and its own documentation entry or section names it: each side is answered from its own unit."""
    names = [compare_docs.split_context(side)[0] for side in sides]
    if not all(side_passages) or not all(compare_docs.fits(p[0], n) for p, n in zip(side_passages, names)):
        return False
    return any(not docs_answer.names_topic(n, t, f"{title(t)} {' '.join(ENTRIES[t]['aliases'])}")
               for n, t in zip(names, pair[:2]))


def _docs_comparison(question: str, sides, side_passages, level: str, style: str, code: str | None) -> Explanation:
    a, b = (compare_docs.split_context(side)[0] for side in sides)
    text, examples = compare_docs.render(a, b, side_passages[0][0], side_passages[1][0], question, level, style)
    related = tuple(t for t, _ in detect_topics(question, code, limit=3))
    if related:
        text += "\n\n**Related topics:** " + ", ".join(title(t) for t in related)
    return Explanation(topic=related[0] if related else "", title=f"{a} vs {b}", text=text, examples=examples,
                       related=related, confidence=0.7, matched_terms=())


def _docs_fit_better(question: str, topic: str, scores: dict[str, float], passages) -> bool:
    """Curated pages come first; the documentation answers instead when its best section covers more of the
    question's key terms than the closest page does ("convert a dict to a json string": json, not the
    Dictionaries page), or as many when only weak, shared words ("number", "text") pointed at the page."""
    if not passages or not docs_answer.on_topic(passages[0], question):
        return False
    if passages[0].kind == "api" and api_names.unasked_method(passages[0].anchor, question):
        return False   # "0.1 plus 0.2" is not decimal.Context.plus: a method of a class the question never names
    if docs_answer.names_topic(question, topic, ENTRIES[topic]["title"]):
        weak = False
    else:
        weak = max(scores.values(), default=0.0) < 0.5
    docs = docs_answer.coverage(question, docs_answer.passage_text(passages[0])[:20000])
    page = docs_answer.coverage(question, _page_text(topic))
    return docs > page or (weak and docs >= page)


def _page_names(topic: str) -> str:
    data = ENTRIES[topic]
    return " ".join([topic, data["title"], *data["aliases"]])


@lru_cache(maxsize=64)
def _page_text(topic: str) -> str:
    data = ENTRIES[topic]
    # The page's declared vocabulary (its detection keywords) counts as covered, like its text.
    return " ".join([topic, data["title"], data["summary"], " ".join(data["aliases"]), data["beginner"],
                     data["intermediate"], " ".join(e["code"] for e in data["examples"]), " ".join(KEYWORDS[topic])])


def _cited(result: Explanation, passages, question: str, sections: dict[str, int] | None = None) -> Explanation:
    """A curated answer plus links to the documentation sections that cover the same question (with the term
    weights of the documentation's vocabulary: only sections about its specific terms)."""
    weights = lead.weights(question, sections, opening.page_words(result.topic)) if sections else None
    links = docs_answer.citations([p for p in passages if p.url not in result.text], question=question,
                                  weights=weights)
    if not links:
        return result
    return Explanation(topic=result.topic, title=result.title, text=result.text + links,
                       examples=result.examples, related=result.related, confidence=result.confidence,
                       matched_terms=result.matched_terms)


def compare(question: str, skill_level: str = "beginner", learning_style: str = "step-by-step") -> Explanation | None:
    """Side-by-side answer for 'difference between X and Y' questions; None when it is not a comparison."""
    pair = _comparison(question or "")
    if not pair or pair[0] not in ENTRIES or pair[1] not in ENTRIES:
        return None
    return _compare(question, pair, compose.normalise_level(skill_level), compose.normalise_style(learning_style))


def _compare(question: str, pair: tuple[str, str, str | None], level: str, style: str) -> Explanation:
    left, right, note = pair
    if left != right and not note:   # no note on this pair: each side's definition, one against the other
        note = (f"{ENTRIES[left]['title']}: {ENTRIES[left]['summary']} Whereas {ENTRIES[right]['title']}: "
                f"{ENTRIES[right]['summary']}")
    if left == right:   # e.g. sort vs sorted: one topic, the pair note carries the difference
        data = ENTRIES[left]
        text = f"**The key difference:** {note}\n\n" + compose.render_entry(data, level, style)
        examples = tuple(e["code"] for e in compose.examples_for(data, level, style))
        return Explanation(topic=left, title=data["title"], text=text, examples=examples, related=data["related"],
                           confidence=0.85, matched_terms=tuple(text_scores(question)[1].get(left, ())))
    a, b = ENTRIES[left], ENTRIES[right]
    text = compose.render_comparison(a, b, note, level, style)
    _, matched = text_scores(question)
    related = tuple(dict.fromkeys([right, *a["related"], *b["related"]]))
    related = tuple(t for t in related if t != left)[:5]
    return Explanation(topic=left, title=f"{a['title']} vs {b['title']}", text=text,
                       examples=(a["examples"][0]["code"], b["examples"][0]["code"]), related=related,
                       confidence=0.9 if note else 0.75,
                       matched_terms=tuple(dict.fromkeys([*matched.get(left, ()), *matched.get(right, ())])))


def explain_error(exception_type: str, message: str = "", skill_level: str = "beginner") -> Explanation:
    """What an exception means, why it typically happens, how to fix it, and the concept behind it."""
    level = compose.normalise_level(skill_level)
    name = (exception_type or "").strip().rsplit(".", 1)[-1] or "Exception"
    topic = topic_for_exception(name, message)
    concept = ENTRIES[topic]
    err = ERRORS.get(name)
    if err is None:
        text = (f"**{name}** is not in my error catalogue, so here is the general approach. Read the traceback "
                f"from the bottom: the last line names the exception and its message"
                f"{f' ({message.strip()[:200]})' if message.strip() else ''}, and the lines above point to the "
                "line of your code that raised it. Check the values on that line (print them), then fix the cause "
                "or handle the situation with try/except.")
        text += f"\n\n### The concept behind it: {concept['title']}\n{concept['summary']}"
        return Explanation(topic=topic, title=name, text=text, examples=(concept["examples"][0]["code"],),
                           related=concept["related"], confidence=0.4, matched_terms=(name,))
    parts = [f"## {name}\n{err['meaning']}"]
    if message.strip():
        parts.append(f"Your message: `{message.strip()[:300]}`")
    parts.append("**Typical causes:**\n" + "\n".join(f"- {c}" for c in err["causes"]))
    parts.append(f"**How to fix it:** {err['fix']}")
    parts.append(f"**Example that fails:**\n```python\n{err['broken']}\n```\n**Fixed:**\n```python\n{err['fixed']}\n```\n"
                 f"Output:\n```\n{err['fixed_output'].rstrip()}\n```")
    layer = compose.explanation_layers(concept, level)[0]
    parts.append(f"### The concept behind it: {concept['title']}\n{layer}")
    return Explanation(topic=topic, title=name, text="\n\n".join(parts), examples=(err["fixed"],),
                       related=tuple(dict.fromkeys([topic, *concept["related"]]))[:5], confidence=0.9,
                       matched_terms=(name,))


assert set(ENTRIES) == set(TOPICS), "every topic needs a knowledge entry (and vice versa)"
