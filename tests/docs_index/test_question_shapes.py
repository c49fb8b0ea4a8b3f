"""The five question shapes of issue 9's fifth round, over the real documentation index (real PostgreSQL): a task
answered by the documented function that does it, shown running; a purpose question opening with the reason; the
syntax form a question names shown in an example; an operator written as punctuation; a concept described by its
behaviour."""
from __future__ import annotations

import re

import pytest

from agents.concepts import behaviour, form_examples, kb
from knowledge.docs_index import purpose_sources, search
from knowledge.docs_index.verify import verify_sync


@pytest.fixture(scope="module")
def loaded(conn):
    return {"sections": search.vocabulary_sync(conn), "purposes": purpose_sources.load_sync(conn),
            "examples": form_examples.load_sync(conn), "definitions": behaviour.load_sync(conn)}


def answer(conn, loaded, question):
    found = search.search_sync(conn, question, k=6)
    return kb.explain(question, passages=found[:3], more_passages=found[3:], **loaded)


def test_functions_without_an_example_get_a_composed_call_that_really_runs(conn):
    rows = conn.execute("SELECT anchor, examples FROM docs_sections WHERE kind = 'api' AND anchor = ANY(%s)",
                        (["random.choice", "re.findall", "math.gcd", "functools.lru_cache"],)).fetchall()
    assert len(rows) == 4
    for anchor, examples in rows:
        composed = examples[0]
        assert composed.get("composed") and anchor in composed["code"] and composed["output"].strip()
        ok, output = verify_sync([(1, composed["code"], False)])[1]
        assert ok and output.strip()


@pytest.mark.parametrize("question,function", [
    ("get today date", "datetime.date.today"),
    ("how to cache a function result so it dont compute again", "functools.cache"),
    ("how do i get the current working directory", "os.getcwd"),
    ("how to make a random integer between 1 and 6", "random.randint"),
])
def test_a_task_is_answered_by_the_function_that_does_it_in_a_running_example(conn, loaded, question, function):
    result = answer(conn, loaded, question)
    assert result.text.startswith(f"**In short:** use `{function}()`"), result.text[:300]
    assert "```python" in result.text and result.examples and function.rsplit(".", 1)[-1] in result.examples[0]
    assert "Source: https://docs.python.org/3/library/" in result.text


def test_a_question_naming_a_function_or_a_page_keeps_its_answer(conn, loaded):
    assert answer(conn, loaded, "what is a list").title == "Lists"
    for question in ("how do i sort a list in reverse order", "how to define a function", "how to make a dictionary",
                     "how to handle exceptions"):
        assert "**In short:** use" not in answer(conn, loaded, question).text, question
    assert "set.add" not in answer(conn, loaded, "how to add item to dictionary").text   # no method of another type


def test_a_purpose_question_opens_with_the_reason(conn, loaded):
    text = answer(conn, loaded, "why should I use with open instead of just open and close").text
    assert text.startswith("**Why:**") and re.search(r"clos", text.split("\n\n")[0])


@pytest.mark.parametrize("question,form", [
    ("list comprehension with an if filter", r"\[[^\n]*\bfor\b[^\n]*\bif\b[^\n]*\]"),
    ("f string print a float with 4 decimals", r"\{[^}\n]*:\.4f\}"),
    ("dataclass with type annotations for the fields", r"^\s*\w+\s*:\s*(int|str|float|list)\b"),
])
def test_the_example_writes_the_form_the_question_names(conn, loaded, question, form):
    result = answer(conn, loaded, question)
    assert re.search(form, "\n".join(result.examples), re.M), result.text[:600]


def test_an_operator_written_as_punctuation_is_looked_up_by_its_name(conn, loaded):
    assert "invert" in answer(conn, loaded, "what does ~ do to a number").text
    assert "shift" in answer(conn, loaded, "what is >> in python").text.lower()


def test_a_concept_described_by_its_behaviour_is_named(conn, loaded):
    result = answer(conn, loaded, "what is it called when a function calls itself")
    assert result.topic == "recursion" and result.text.startswith("**What you describe is Recursion")


def test_follow_ups_on_a_task_answer_stay_on_its_functions(conn, loaded):
    from agents.concepts import follow_up

    question = "how to make a random integer between 1 and 6"
    first = answer(conn, loaded, question)
    passages = search.search_sync(conn, question, k=3)
    another = follow_up.answer("another_example", "another example", first.topic, first.text, "beginner",
                               "step-by-step", passages, previous_question=question, knowledge=loaded)
    assert another is not None and another.examples and another.examples[0] not in first.text
    assert "random" in another.examples[0]
    simpler = follow_up.answer("simpler", "simpler please", first.topic, first.text, "beginner", "step-by-step",
                               passages, previous_question=question, knowledge=loaded)
    assert simpler is not None and "random.randint" in simpler.text
