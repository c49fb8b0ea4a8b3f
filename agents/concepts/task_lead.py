"""Task questions answered by the one documented function (or recipe) that does the task.

"how do I pick something at random", "count how often each word occurs", "list the files of a folder": the
answer is random.choice, collections.Counter, os.listdir, not the curated page of the noun in the question
(Lists, Files) nor a method that shares one word with it (str.find for "find", list.count for "count").
A question is task-shaped when it asks how to do something ("how do I ...", "is there a way to ...", "I want
to ...") or opens with a verb of doing; the documented functions are ranked by how well their PURPOSE (their
summary sentence, their name split into words, the FAQ/HOWTO recipe titles) states the task's words
(knowledge/docs_index/purposes.py). The answer leads with the best one ("use `random.choice()`"), shows it in a
runnable example (the documentation's, or the call composed for it and run in the sandbox when the index was
built: knowledge/docs_index/call_examples.py), and lists the next candidates for the same task.
"""
from __future__ import annotations

import re

from agents.concepts import docs_answer
from knowledge import contracts
from knowledge.docs_index import purposes

_TASK = re.compile(
    r"^\W*(?:(?:so|ok|okay|hi|hey|hello|please|pls|plz|also|and|but|python)\W+)*(?:"
    r"how\s+(?:do|can|could|would|should|to|does|will|shall|i|we|u|you)\b|"
    r"is\s+there\s+(?:a|an|any)\s+(?:\w+\s+)?(?:way|function|method|builtin|module)|"
    r"what(?:'?s|\s+is)\s+the\s+(?:\w+\s+)?(?:way|function|method)\s+to\b|"
    r"(?:i|we)\s+(?:want|need|would\s+like|wanna|have)\s+to\b|(?:the\s+)?(?:best|easiest|simplest)?\s*way\s+to\b|"
    r"(?:get|find|count|make|create|convert|turn|read|write|save|sort|remove|delete|add|insert|generate|shuffle|"
    r"split|join|merge|combine|measure|copy|round|replace|check|calculate|compute|pick|choose|reverse|group|cache|"
    r"select|extract|flatten|load|parse|repeat|wait|pause|cut|wrap|calc|sum|pretty|download|store|keep|"
    r"list\s+(?:all|the|every|my|files))\b)", re.I)
# Not a task: asking what something is or why it behaves so (other answers handle those).
_NOT_TASK = re.compile(r"\b(?:why|what\s+(?:is|are|does|do)\b|difference|vs\.?|versus|instead\s+of|the\s+point)\b|"
                       r"\bhow\s+(?:do\s+(?:i|you|we)\s+|to\s+|can\s+(?:i|you|we)\s+)use\b", re.I)
MIN_SCORE = 5.0
MIN_COVERED = 0.5
STRONG = 0.75      # an entry stating this much of the task's verb and object answers even beside a page
_OTHERS = 3


def _topic_words() -> frozenset[str]:
    from agents.concepts.pages import ENTRIES
    from knowledge.related_words import stem

    names = " ".join(f"{t} {d['title']} {' '.join(d['aliases'])}" for t, d in ENTRIES.items())
    return frozenset(stem(w) for w in re.findall(r"[A-Za-z]+", names) if len(w) > 2)


_CONSTRUCT_VERBS = frozenset(purposes.stem(w) for w in """define declare handle write raise catch call import install
    initialize initialise instantiate inherit print use""".split())
_TOPIC_WORDS = _topic_words()   # the names of the curated pages' constructs (function, dictionary, exception, ...)


def is_task(question: str) -> bool:
    return bool(_TASK.search(question or "")) and not _NOT_TASK.search(question or "")


def choose(question: str, index: purposes.Index | None, page_text: str = "", covered: float = MIN_COVERED,
           strong_page: bool = False) -> list:
    """The entries that do the task asked, best first; [] when the question is no task or nothing fits well.
    `page_text`: the curated page the engine would answer from otherwise (its keywords chose it clearly); it
    answers when it already teaches the best entry's function (the Sorting page teaches sorted()), or states as
    much of the task as a weak entry does ("get the error message from an exception")."""
    if index is None or not is_task(question):
        return []
    verb, objects, _ = purposes.parse_task(question)
    if (verb is None or verb in _CONSTRUCT_VERBS) and objects and all(o in _TOPIC_WORDS for o in objects):
        return []   # "define a function", "make a dictionary": the construct's own page answers
    ranked = index.rank(question, k=1 + _OTHERS)
    if not ranked:
        return []
    top = ranked[0][0]
    # The lead is shown in a runnable example: the best entry that has one, if it ranks close to the very best.
    shown = [r for r in ranked if r[2].passage.examples and r[0] >= 0.75 * top]
    if not shown:
        return []
    score, share, best = shown[0]
    ranked = [shown[0], *(r for r in ranked if r is not shown[0])]
    if score < MIN_SCORE or share < covered:
        return []
    name = _name(best.passage)
    if best.passage.page.removeprefix("library/") in index.asked_modules(question):
        return _with_others(best, ranked, score)   # "with regex", "using pathlib": the module asked for answers
    if page_text and name and re.search(rf"\b{re.escape(name)}\s*\(", page_text):
        return []
    entry_share = index.states(question, f"{best.passage.anchor} {best.sentence} {' '.join(best.name | best.summary)}")
    spelled = name.lower() in {a + b for a, b in zip(purposes.words(question), purposes.words(question)[1:])}
    if strong_page and entry_share < 1.0 and best.domain and not index.asked_modules(question) and not spelled:
        return []   # "write text to a file" is no csv task: the page the question names, unless the module is asked
    if page_text and entry_share < STRONG and index.states(question, page_text) >= entry_share:
        return []
    return _with_others(best, ranked, score)


def _with_others(best, ranked, score: float) -> list:
    return [best] + [e for s, c, e in ranked[1:] if s >= 0.5 * score and c >= MIN_COVERED]


def _name(passage) -> str:
    """'random.choice' -> 'choice'; '' for a recipe section."""
    return passage.anchor.rsplit(".", 1)[-1] if passage.kind == "api" else ""


def _called(passage) -> str:
    anchor = passage.anchor
    owner = anchor.split(".")[0]
    if owner in ("frozenset", "set"):
        return f"set.{anchor.rsplit('.', 1)[-1]}"
    return anchor


def _example(passage, question: str) -> dict | None:
    """An API entry's own (or composed) example; a recipe's example that states most of the question, else its
    last one (a FAQ answer shows the pitfall first and the suggested way last)."""
    examples = list(passage.examples)
    if not examples:
        return None
    if passage.kind == "api":
        return examples[0]
    return max(reversed(examples), key=lambda e: docs_answer.coverage(question, e["code"]))


def answer(question: str, entries: list, level: str, style: str) -> tuple[str, tuple[str, ...]]:
    """(text, example codes): the best entry first, a runnable example of it, the other candidates."""
    best = entries[0]
    passage = best.passage
    if passage.kind == "api":
        opening = f"**In short:** use `{_called(passage)}()`: {best.sentence}"
    else:
        opening = f"**In short:** {docs_answer.condense(passage, question, 'beginner').split(chr(10) * 2)[0][:400]}"
    example = _example(passage, question)
    if example is None:   # a recipe without code: the first candidate's example that has one
        example = next((e for other in entries[1:] for e in other.passage.examples), None)
    parts = [opening, f"## {passage.title}", docs_answer.condense(passage, question, level)]
    promise = contracts.contract(passage.anchor) if passage.kind == "api" else None
    if promise is not None:   # the whole behaviour contract (what it returns, its sibling for the other case)
        parts.insert(2, f"**What it does:** {promise[0]}")
    if example is not None:
        block = docs_answer.example_block(example)
        heading = "Example (a call composed for it, run and checked)" if example.get("composed") else \
            "Example (run and checked)"
        parts.insert(1 if style == "example-driven" else 3, f"### {heading}\n{block}")
    parts.append(f"Source: {passage.url}")
    others = [e for e in entries[1:] if e.passage.anchor != passage.anchor]
    if others:
        lines = [f"- [`{_called(e.passage)}`]({e.passage.url}): {e.sentence}" if e.passage.kind == "api"
                 else f"- [{e.passage.title}]({e.passage.url})" for e in others]
        parts.append("### Other ways the documentation offers\n" + "\n".join(lines))
    return "\n\n".join(parts), ((example["code"],) if example is not None else ())
