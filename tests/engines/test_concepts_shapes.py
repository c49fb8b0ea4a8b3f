"""The pieces behind the fifth round's question shapes, without a database: how a task is parsed, which word
forms and related words match, which syntax forms a question names, and the calls composed for documented
functions (their running is tested on the real index: tests/docs_index/test_question_shapes.py)."""
from __future__ import annotations

import pytest

from agents.concepts import behaviour, purpose_lead, task_lead
from knowledge import related_words, syntax_forms
from knowledge.docs_index import call_examples, purposes


def test_a_task_is_its_verb_object_and_context():
    assert purposes.parse_task("how do i pick a random item from a list") == ("pick", ["random", "item"], ["list"])
    assert purposes.parse_task("how do i get the common elements of two lists") == (None, ["common", "element"],
                                                                                    ["list"])
    assert purposes.parse_task("how to list all files in a directory")[:2] == ("list", ["file"])


@pytest.mark.parametrize("question,task", [
    ("how do i pick a random item from a list", True), ("is there a way to flatten a list", True),
    ("count how often each word occurs", True), ("what is a list", False),
    ("why should i use a tuple instead of a list", False), ("how to use map function", False),
])
def test_task_shaped_questions(question, task):
    assert task_lead.is_task(question) is task


def test_word_forms_and_related_words():
    assert related_words.stem("read") in related_words.forms("reader")
    assert related_words.stem("count") in related_words.forms("counter")
    assert related_words.stem("element") in related_words.related(related_words.stem("item"))
    assert related_words.stem("directory") in related_words.related(related_words.stem("folder"))


@pytest.mark.parametrize("question,forms", [
    ("list comprehension with an if filter", {"comprehension-if"}),
    ("list comprehension with if and else inside", {"comprehension-if-else"}),
    ("how to make my own exception with a message", {"custom-exception"}),
    ("reverse a list with a negative step slice", {"negative-step"}),
    ("what is cls in a classmethod", {"classmethod"}),
    ("what is a list", set()),
])
def test_the_syntax_forms_a_question_names(question, forms):
    assert {f.name for f in syntax_forms.asked(question)} == forms


def test_a_number_asked_with_a_form_is_the_number_shown():
    form = next(f for f in syntax_forms.FORMS if f.name == "format-decimals")
    pattern, code, output = syntax_forms.specialised(form, "format a float with 3 decimals")
    assert pattern.search(code) and not pattern.search("{x:.2f}") and output == "3.142"
    assert syntax_forms.specialised(form, "how do decimals work") is None


def test_calls_are_composed_from_the_parameter_names():
    scripts = call_examples.candidates("library/random", "random.choice", "random.choice(seq)")
    assert scripts[0] == "import random\nprint(random.choice(['apple', 'banana', 'cherry']))"
    assert any("random.shuffle(items)" in s for s in call_examples.candidates("library/random", "random.shuffle",
                                                                               "random.shuffle(x)"))
    assert call_examples.candidates("library/os", "os.kill", "os.kill(pid, sig)") == []   # no sample for pid
    assert call_examples.keep("x", "3\n") and not call_examples.keep("x", "None\n")


def test_purpose_questions_and_their_sides():
    assert purpose_lead.is_purpose("why should I use a generator instead of just returning a list")
    assert purpose_lead.is_purpose("what's the point of __init__")
    assert not purpose_lead.is_purpose("how do i open a file")
    x, y = purpose_lead.sides("why use a tuple instead of a list")
    assert x == {"tupl"} and y == {"list"}


def test_a_behaviour_is_matched_to_the_concept_that_defines_it():
    units = behaviour.definitions()
    assert behaviour.described("a function that gives back values one by one and pauses")
    assert not behaviour.described("what is a generator")
    found = behaviour.match("what is it called when a function calls itself", units, {})
    assert found is not None and found[0].topic == "recursion"
