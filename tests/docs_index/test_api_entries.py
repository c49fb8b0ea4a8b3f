"""Builtin and standard-library functions as retrieval targets, over the real documentation index (real
PostgreSQL): a question naming or implying a function is answered from that function's entry; a curated page
that teaches the function, or whose name is the question's head noun, still answers."""
from __future__ import annotations

import pytest

from agents.concepts import kb
from knowledge.docs_index import search

SOURCE = "Source: https://docs.python.org/3/"


def answer(conn, question):
    return kb.explain(question, passages=search.search_sync(conn, question, k=3),
                      sections=search.vocabulary_sync(conn))


@pytest.mark.parametrize("question,entry", [
    ("how to convert string to int", "library/functions.html#int"),          # the conversion's target
    ("how to get square root", "library/math.html#math.sqrt"),               # glossary word; math before decimal
    ("what does len() do", "library/functions.html#len"),                    # written as a call
    ("how to find the biggest number in a list", "library/functions.html#max"),
])
def test_a_named_or_implied_function_is_answered_from_its_entry(conn, question, entry):
    result = answer(conn, question)
    assert SOURCE + entry in result.text.split("\n\n## ")[0] and result.text.index(SOURCE) == result.text.index(SOURCE + entry)


def test_the_named_entry_ranks_first_in_the_search(conn):
    first = search.search_sync(conn, "how to get square root", k=3)[0]
    assert (first.page, first.anchor) == ("library/math", "math.sqrt")
    first = search.search_sync(conn, "what is enumerate", k=3)[0]   # the exact name, not "enumerations"
    assert (first.page, first.anchor) == ("library/functions", "enumerate")


def test_a_method_of_a_class_the_question_does_not_name_is_not_a_target(conn):
    anchors = [p.anchor for p in search.search_sync(conn, "how do i append to a file without overwriting", k=3)]
    assert "collections.deque.append" not in anchors
    assert answer(conn, "how do i append to a file without overwriting").topic == "file-io"


@pytest.mark.parametrize("question,topic", [
    ("how do i sort a list", "sorting-searching"),        # the Sorting page claims sort/sorted
    ("how do i create a set from a list", "sets"),         # the head noun names the page
    ("how to convert a list to a string", "strings"),
])
def test_a_curated_page_that_claims_the_name_or_the_head_noun_answers(conn, question, topic):
    result = answer(conn, question)
    # (an opening "In short:" line may come first: agents/concepts/opening.py)
    assert result.topic == topic and f"\n## {kb.title(topic)}\n" in f"\n{result.text}"
    assert "\nSource: " not in result.text   # the curated page, not a documentation section quoted


@pytest.mark.parametrize("question", ["how do i set the table for dinner", "where can i print my boarding pass",
                                      "how long do python snakes live"])
def test_generic_programming_words_in_their_everyday_sense_are_off_topic(conn, question):
    assert "could not match" in answer(conn, question).text


@pytest.mark.parametrize("question", ["how to print hello world", "how to make a shopping list program",
                                      "write a python program that calculates student grades"])
def test_the_same_words_in_a_programming_sense_are_answered(conn, question):
    assert "could not match" not in answer(conn, question).text


@pytest.mark.parametrize("query,first", [
    ("pop()", "tutorial/datastructures#list.pop"),           # the tutorial's list methods are entries, most basic
    ("remove() set", "library/stdtypes#frozenset.remove"),   # ... unless the question names the class
    ("Exception()", "library/exceptions#Exception"),         # spelt as written: the class, not sys.exception()
    ("None()", "library/constants#None"),
])
def test_a_named_function_resolves_to_the_most_specific_entry(conn, query, first):
    found = search.search_sync(conn, query, k=3)
    assert found and f"{found[0].page}#{found[0].anchor}" == first, [p.anchor for p in found]


def test_the_tutorial_list_methods_are_indexed_and_linked_to_their_page(conn):
    pop = next(p for p in search.search_sync(conn, "list.pop() without an index", k=3) if p.anchor == "list.pop")
    assert "last item" in pop.body and pop.url == "https://docs.python.org/3/tutorial/datastructures.html"
