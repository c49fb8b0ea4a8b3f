"""Follow-ups in a conversation ("another example", "simpler", "more detail", "show me code", "and what is the
base case?"): triage fills TutorContext.follow_up, .topic and .recent_turns; this module answers them on the
topic of the conversation, using the previous answer (its excerpt) to avoid repeating what was shown."""
from __future__ import annotations

from agents.concepts import compose, docs_answer, kb, task_lead
from knowledge.topics import text_scores

KINDS = ("another_example", "simpler", "more_detail", "harder", "easier", "show_code", "prevention",
         "related_question")


def _shown(code: str, previous: str) -> bool:
    """The example's first line that says something (not an import: every random.* example imports random) is
    in the previous answer."""
    lines = [line.strip() for line in code.splitlines() if line.strip()]
    first = next((line for line in lines if not line.startswith(("import ", "from "))), lines[0] if lines else "")
    return bool(first) and first in previous


def _result(topic: str, title: str, text: str, examples, confidence: float = 0.85) -> kb.Explanation:
    data = kb.entry(topic) or {"related": ()}
    return kb.Explanation(topic=topic, title=title, text=text, examples=tuple(examples),
                          related=tuple(data["related"])[:5], confidence=confidence, matched_terms=())


def another_example(topic: str, previous: str, level: str, passages) -> kb.Explanation:
    data = kb.ENTRIES[topic]
    fresh = [e for e in data["examples"] if not _shown(e["code"], previous)]
    if fresh:
        example = fresh[0]
        text = f"## Another example: {data['title']}\n\n{compose.example_block(example)}"
        return _result(topic, data["title"], text, [example["code"]])
    docs = [(p, e) for p in passages for e in p.examples if not _shown(e["code"], previous)]
    if docs:
        passage, example = docs[0]
        text = (f"## Another example: {data['title']}\nFrom the Python documentation ({passage.title}, "
                f"{passage.url}), run and checked:\n\n{docs_answer.example_block(example)}")
        return _result(topic, data["title"], text, [example["code"]])
    example = data["examples"][-1]   # everything was shown: the last one again, said honestly
    text = (f"## {data['title']}: one more look\nYou have seen all my examples of {data['title'].lower()}; here "
            f"is the last one again with the idea behind it.\n\n{compose.example_block(example)}\n\n{data['summary']}")
    return _result(topic, data["title"], text, [example["code"]], 0.6)


def simpler(topic: str) -> kb.Explanation:
    data = kb.ENTRIES[topic]
    example = data["examples"][0]
    text = (f"## {data['title']}, simply put\n{data['summary']}\n\n{data['beginner']}\n\n"
            f"{compose.example_block(example)}")
    return _result(topic, data["title"], text, [example["code"]])


def more_detail(topic: str, style: str, passages) -> kb.Explanation:
    data = kb.ENTRIES[topic]
    text = compose.render_entry(data, "advanced", style) + docs_answer.citations(list(passages), limit=3)
    return _result(topic, data["title"], text, [e["code"] for e in data["examples"]])


def show_code(topic: str, level: str) -> kb.Explanation:
    data = kb.ENTRIES[topic]
    examples = data["examples"]
    text = f"## {data['title']} in code\n\n" + "\n\n".join(compose.example_block(e) for e in examples)
    text += "\n\n" + compose.explanation_layers(data, level)[0]
    return _result(topic, data["title"], text, [e["code"] for e in examples])


def prevention(topic: str) -> kb.Explanation:
    data = kb.ENTRIES[topic]
    text = (f"## Avoiding mistakes with {data['title'].lower()}\n" + "\n".join(f"- {m}" for m in data["mistakes"])
            + "\n\n**A safe routine:**\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(data["steps"], 1)))
    return _result(topic, data["title"], text, [])


def answered_from_docs(topic: str, previous: str) -> bool:
    """The previous answer came from the documentation: its first heading is not the topic's curated page (an
    opening "**In short:** ..." may come before the heading)."""
    heading = next((line for line in previous.splitlines() if line.startswith("## ")), "")
    return bool(previous.strip()) and not heading.startswith(f"## {kb.title(topic)}")


def on_documentation(kind: str, question: str, previous_question: str, previous: str, level: str, style: str,
                     passages, side_passages=(), knowledge: dict | None = None) -> kb.Explanation | None:
    """Follow-ups on an answer that came from the documentation (no curated topic): the same retrieval as the
    previous question, re-rendered at the asked level or with examples not shown yet. `knowledge` (the service's
    purpose index, example pool, definitions, vocabulary) makes the re-rendering the same engine as the answer
    followed up on: a task answered by a function stays on that function and its alternatives."""
    knowledge = knowledge or {}
    if kind == "another_example":
        chosen = task_lead.choose(previous_question, knowledge.get("purposes"))
        passages = [*(e.passage for e in chosen), *passages]
        fresh = [(p, e) for p in passages for e in p.examples if not _shown(e["code"], previous)]
        if not fresh:
            return None
        passage, example = fresh[0]
        source = "A call composed for" if example.get("composed") else "From"
        text = (f"## Another example: {passage.title}\n{source} the Python documentation ({passage.url}), run and "
                f"checked:\n\n{docs_answer.example_block(example)}")
        return kb.Explanation(topic="", title=passage.title, text=text, examples=(example["code"],), related=(),
                              confidence=0.7, matched_terms=())
    if kind == "related_question":
        return kb.explain(f"{question} {previous_question}", skill_level=level, learning_style=style,
                          passages=passages, **knowledge)
    level = {"simpler": "beginner", "easier": "beginner", "more_detail": "advanced", "harder": "advanced"}.get(kind, level)
    style = "example-driven" if kind == "show_code" else style
    return kb.explain(previous_question, skill_level=level, learning_style=style, passages=passages,
                      side_passages=side_passages, **knowledge)


def _declined(result: kb.Explanation | None) -> bool:
    return result is None or result.title == "No matching topic"


def answer(kind: str, question: str, topic: str, previous: str, level: str, style: str, passages=(),
           code: str | None = None, previous_question: str = "", side_passages=(),
           knowledge: dict | None = None) -> kb.Explanation | None:
    """The follow-up answer, or None when there is nothing to follow up on (the caller then answers the
    message as a new question). Whatever unit the previous answer was built on (a page, a documentation section
    or entry, a comparison), the follow-up stays on its subject: the previous question, else its topic's page."""
    if kind not in KINDS:
        return None
    if topic not in kb.ENTRIES or (answered_from_docs(topic, previous) and previous_question):
        result = None
        if previous_question and passages:
            result = on_documentation(kind, question, previous_question, previous, level, style, passages,
                                      side_passages, knowledge)
        if _declined(result) and topic not in kb.ENTRIES and previous_question and passages:
            # every example was shown and no page holds more: the subject again, examples first, not a decline
            result = kb.explain(previous_question, skill_level=level, learning_style="example-driven",
                                passages=passages, side_passages=side_passages, **(knowledge or {}))
        if not _declined(result) or topic not in kb.ENTRIES:
            return None if _declined(result) else result
    if kind == "another_example":
        return another_example(topic, previous, level, passages)
    if kind in ("simpler", "easier"):
        return simpler(topic)
    if kind in ("more_detail", "harder"):
        return more_detail(topic, style, passages)
    if kind == "show_code":
        return show_code(topic, level)
    if kind == "prevention":
        return prevention(topic)
    # A new question within the topic: answer it as asked when it names its own subject, otherwise read it
    # in the topic's context ("and what is the base case?" after recursion).
    scores, _ = text_scores(question)
    if not scores or max(scores.values()) < 0.5:
        question = f"{question} ({kb.title(topic)})"
    return kb.explain(question, skill_level=level, learning_style=style, code=code, passages=passages)
