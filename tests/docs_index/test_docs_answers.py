"""Concept answers over the real documentation index (real PostgreSQL): curated pages first and cited,
documentation answers where no page fits, with links to the exact section and examples that run."""
from __future__ import annotations

import re

import pytest

from agents.concepts import kb
from knowledge.docs_index import search
from knowledge.docs_index.verify import verify_sync

LINK = re.compile(r"https://docs\.python\.org/3/[a-z0-9_./-]+\.html#[A-Za-z0-9_.-]+")


def answer(conn, question, **kw):
    return kb.explain(question, passages=search.search_sync(conn, question, k=3), **kw)


@pytest.mark.parametrize("question,must", [
    ("how to get todays date", "date.today"),
    ("how do I use a list as a queue", "deque"),
    ("what is the walrus operator", ":="),
    ("how do i measure how long my code takes", "timeit"),
])
def test_questions_without_a_curated_page_are_answered_from_the_docs(conn, question, must):
    result = answer(conn, question)
    assert must in result.text and "could not match" not in result.text
    links = LINK.findall(result.text)
    assert links, result.text
    with_anchor = {f"{p.page}#{p.anchor}" for p in search.search_sync(conn, question, k=3)}
    assert all(link.removeprefix("https://docs.python.org/3/").replace(".html#", "#") in with_anchor for link in links)


def test_shown_documentation_examples_were_verified_and_run(conn):
    result = answer(conn, "how do I use a list as a queue", skill_level="intermediate")
    assert result.examples
    stored = [e for p in search.search_sync(conn, "how do I use a list as a queue", k=3) for e in p.examples]
    assert all(code in [e["code"] for e in stored] for code in result.examples)
    runs = verify_sync([(i, code, code.lstrip().startswith(">>>")) for i, code in enumerate(result.examples)])
    assert all(ok for ok, _ in runs.values())


@pytest.mark.parametrize("question,topic", [
    ("what is a lambda function", "lambdas"),
    ("what is a closure", "closures"),
    ("what is a set", "sets"),
    ("explain recursion", "recursion"),
    ("shallow vs deep copy", "copying"),
])
def test_curated_pages_stay_the_first_layer(conn, question, topic):
    result = answer(conn, question)
    assert result.topic == topic and result.title == kb.title(topic)


def test_levels_still_adapt_documentation_answers(conn):
    beginner = answer(conn, "how do I use a list as a queue", skill_level="beginner").text
    advanced = answer(conn, "how do I use a list as a queue", skill_level="advanced").text
    assert len(advanced) > len(beginner)


@pytest.mark.parametrize("question", ["what is the capital of france", "who won the world cup", "what is love",
                                      "how tall is mount everest", "what's the weather today"])
def test_questions_about_something_else_are_not_answered_from_a_stray_word(conn, question):
    result = answer(conn, question)
    assert "could not match" in result.text and result.topic == "" and result.confidence <= 0.2


# --- concepts: the off-topic test and side-by-side comparisons over the real index ---
@pytest.mark.parametrize("question", ["how do i make pancakes without eggs", "recommend a good hotel in rome",
                                      "how many calories are in an apple pie"])
def test_questions_made_of_words_foreign_to_programming_are_not_matched(conn, question):
    result = kb.explain(question, passages=search.search_sync(conn, question, k=3),
                        sections=search.vocabulary_sync(conn))
    assert "could not match" in result.text and result.topic == ""


@pytest.mark.parametrize("question,topic", [("wat is a dictionery", "dictionaries"), ("recurion", "recursion")])
def test_misspelled_programming_questions_are_still_answered(conn, question, topic):
    result = kb.explain(question, passages=search.search_sync(conn, question, k=3),
                        sections=search.vocabulary_sync(conn))
    assert result.topic == topic


def test_comparison_within_one_page_links_each_side(conn):
    from agents.concepts import compare_docs

    question = "json.load vs json.loads"
    queries = kb.side_queries(question)
    sides = tuple(compare_docs.best_fit(search.search_sync(conn, q, k=5), q) for q in queries)
    result = kb.explain(question, passages=search.search_sync(conn, question, k=3), side_passages=sides)
    assert "key difference" in result.text.lower()
    assert "library/json.html#json.load" in result.text and "library/json.html#json.loads" in result.text
