"""Concept answers address the question: comparisons explain both sides and the difference, questions no
curated page fits are answered from documentation passages (condensed, linked, with their checked examples),
and follow-ups in a conversation act on the topic and on what was already shown. Passages here are built by
hand (the logic above retrieval); tests/docs_index/ covers retrieval against the real index."""
from __future__ import annotations

import pytest

from agents.concepts import follow_up, kb
from knowledge.docs_index.search import Passage, key_terms


def passage(page, anchor, title, body, examples=(), trail=""):
    return Passage(page, anchor, title, "section", trail, body, tuple(examples), 0.5)


DATE = passage("library/datetime", "datetime.date.today", "classmethod date.today()",
               "Return the current local date.\n\nThis is equivalent to date.fromtimestamp(time.time()).")
QUEUE = passage("tutorial/datastructures", "using-lists-as-queues", "Using Lists as Queues",
                "It is also possible to use a list as a queue, where the first element added is the first element "
                "retrieved.\n\nTo implement a queue, use collections.deque which was designed to have fast appends "
                "and pops from both ends.\n\nUnrelated paragraph about sorting numbers in reverse.",
                [{"code": ">>> from collections import deque\n>>> q = deque(['a', 'b'])\n>>> q.popleft()\n'a'",
                  "transcript": True, "output": ""}])


@pytest.mark.parametrize("question,left,right,must", [
    ("set vs list", "sets", "lists", "duplicates"),
    ("what does yield do, how is it different from return", "generators", "functions", "yield"),
    ("is vs ==", None, None, "identity"),
    ("for vs while", "loops", "loops", "`while`"),
    ("What is the difference between a list and a tuple?", "lists", "tuples", "immutable"),
])
def test_multi_concept_questions_explain_each_and_the_difference(question, left, right, must):
    result = kb.explain(question)
    assert "key difference" in result.text.lower()
    assert must in result.text
    if left:
        assert {left, right} <= {result.topic, *result.related}
    if left and left != right:   # both sides explained, with an example each
        assert " vs " in result.title and len(result.examples) == 2


def test_no_curated_page_fits_answer_from_the_documentation():
    result = kb.explain("how do I use a list as a queue", passages=[QUEUE])
    assert "https://docs.python.org/3/tutorial/datastructures.html#using-lists-as-queues" in result.text
    assert "collections.deque" in result.text
    assert "Unrelated paragraph" not in result.text          # condensed to the paragraphs that answer
    assert result.examples and "popleft" in result.examples[0] and "run and checked" in result.text


def test_documentation_answers_questions_without_any_curated_topic():
    result = kb.explain("how to get todays date", passages=[DATE])
    assert result.title == "classmethod date.today()" and "current local date" in result.text
    assert "datetime.html#datetime.date.today" in result.text and result.confidence > 0.3


def test_curated_page_first_and_the_documentation_cited():
    lam = passage("tutorial/controlflow", "lambda-expressions", "Lambda Expressions",
                  "Small anonymous functions can be created with the lambda keyword.")
    result = kb.explain("what is a lambda function", passages=[lam])
    assert result.topic == "lambdas" and result.title == "Lambda functions"
    assert "[Lambda Expressions](https://docs.python.org/3/tutorial/controlflow.html#lambda-expressions)" in result.text


def test_citations_only_for_sections_about_the_question():
    unrelated = passage("library/glob", "glob.glob", "glob.glob(pathname, recursive=False)", "recursive globbing")
    assert "docs.python.org" not in kb.explain("what is recursion", passages=[unrelated]).text


def test_not_about_programming_is_the_only_no_match():
    assert "could not match" in kb.explain("how do I bake sourdough bread").text
    assert "could not match" not in kb.explain("how to get todays date", passages=[DATE]).text


@pytest.mark.parametrize("question,topic", [
    ("what is a lambda function", "lambdas"),
    ("shallow vs deep copy", "copying"),
    ("how do I write a test with pytest", "testing"),
    ("why is 0.1 + 0.2 not 0.3", "floating-point"),
    ("what is a closure", "closures"),
    ("what does __repr__ do", "string-representation"),
    ("how to make a virtual enviroment", "virtual-environments"),
    ("what is a dataclass", "dataclasses"),
])
def test_gap_topics_have_their_own_page(question, topic):
    assert kb.explain(question).topic == topic


def test_key_terms_keep_the_subject_only():
    assert key_terms("What is the difference between a list and a tuple?") == ["list", "tuple"]
    assert "identity" in key_terms("is vs ==") and "str" in key_terms("split a string")


# --- follow-ups ----------------------------------------------------------------------------------------
def shown(topic, index=0):
    example = kb.ENTRIES[topic]["examples"][index]
    return f"## {kb.title(topic)}\n```python\n{example['code']}\n```"


def test_another_example_differs_from_the_one_shown():
    first = kb.ENTRIES["lists"]["examples"][0]["code"]
    result = follow_up.answer("another_example", "can you show another example?", "lists", shown("lists"),
                              "beginner", "step-by-step")
    assert result.topic == "lists" and result.examples and result.examples[0] != first
    assert result.examples[0] in [e["code"] for e in kb.ENTRIES["lists"]["examples"]]


def test_another_example_falls_back_to_checked_documentation_examples():
    everything = "\n".join(e["code"] for e in kb.ENTRIES["lists"]["examples"])
    result = follow_up.answer("another_example", "another one", "lists", everything, "beginner", "step-by-step",
                              passages=[QUEUE])
    assert "popleft" in result.text and "using-lists-as-queues" in result.text


def test_simpler_is_beginner_level_and_shorter():
    full = kb.explain("explain decorators", skill_level="advanced").text
    result = follow_up.answer("simpler", "I still don't get it, simpler please", "decorators", shown("decorators"),
                              "advanced", "step-by-step")
    assert kb.ENTRIES["decorators"]["beginner"] in result.text and "Under the hood" not in result.text
    assert len(result.text) < len(full) / 2


def test_more_detail_goes_deeper():
    result = follow_up.answer("more_detail", "more detail please", "recursion", "", "beginner", "step-by-step")
    assert "Under the hood" in result.text and kb.ENTRIES["recursion"]["advanced"][:40] in result.text


def test_show_code_leads_with_code():
    result = follow_up.answer("show_code", "show me code for it", "generators", "", "beginner", "conceptual")
    assert result.text.index("```python") < 80 and len(result.examples) == len(kb.ENTRIES["generators"]["examples"])


def test_prevention_lists_the_mistakes():
    result = follow_up.answer("prevention", "how do I avoid this next time?", "scope", "", "beginner", "visual")
    assert all(m in result.text for m in kb.ENTRIES["scope"]["mistakes"])


def test_related_question_is_answered_within_the_topic():
    result = follow_up.answer("related_question", "and what is the base case?", "recursion", shown("recursion"),
                              "beginner", "step-by-step")
    assert result.topic == "recursion"
    result = follow_up.answer("related_question", "ok and how do I stop it?", "loops", "", "beginner", "step-by-step")
    assert result.topic == "loops"


def test_no_topic_means_no_follow_up_answer():
    assert follow_up.answer("simpler", "simpler please", "", "", "beginner", "visual") is None


def test_follow_ups_on_a_documentation_answer_use_the_previous_question():
    first = kb.explain("how do I use a list as a queue", passages=[QUEUE])
    again = follow_up.answer("another_example", "another example please", "", "nothing shown", "beginner",
                             "step-by-step", passages=[QUEUE], previous_question="how do I use a list as a queue")
    assert "popleft" in again.text and "using-lists-as-queues" in again.text
    simpler = follow_up.answer("simpler", "simpler please", "", first.text, "advanced", "step-by-step",
                               passages=[QUEUE], previous_question="how do I use a list as a queue")
    assert simpler.title == "Using Lists as Queues" and "deque" in simpler.text
    assert follow_up.answer("simpler", "simpler please", "", "", "beginner", "visual", passages=[QUEUE]) is None


# --- concepts: off-topic test, comparisons composed per side (agents/concepts/offtopic.py, compare_docs.py) ---
from agents.concepts import compare_docs, offtopic  # noqa: E402
from knowledge.topics import _WEAK, text_scores  # noqa: E402

# Section counts as the index holds them (stemmed words): programming words are common, food words absent.
SECTIONS = {"list": 500, "sort": 90, "set": 570, "tabl": 65, "print": 190, "dictionari": 220, "program": 270,
            "student": 6, "grade": 8, "name": 400, "store": 40, "add": 300, "chang": 200, "new": 500}


@pytest.mark.parametrize("question,off", [
    ("how do i make pancakes without eggs", True),
    ("which country has the best beaches for holidays", True),
    ("wat is a dictionery", False),                       # typos of topic words are not foreign
    ("how do I sort a list", False),
    ("I store the names and grades of students in a dictionary, how do I add a new student", False),
])
def test_off_topic_is_judged_by_how_foreign_the_words_are_to_programming(question, off):
    vocabulary = tuple(kb._vocabulary())
    assert offtopic.is_off_topic(question, text_scores(question)[1], _WEAK, SECTIONS, vocabulary) is off
    # without the index's counts nothing is judged off-topic by this test
    assert offtopic.is_off_topic(question, text_scores(question)[1], _WEAK, {}, vocabulary) is False


def test_off_topic_answer_is_the_honest_no_match():
    result = kb.explain("which country has the best beaches for holidays", sections=SECTIONS)
    assert "could not match" in result.text and result.topic == ""


@pytest.mark.parametrize("a,b,distance", [("recursoin", "recursion", 1), ("dictionery", "dictionary", 1),
                                          ("country", "counter", 2), ("tupel", "tuple", 1)])
def test_edit_distance_counts_transpositions_once(a, b, distance):
    assert offtopic.edit_distance(a, b) == distance


def test_typos_are_within_the_edit_budget_only():
    vocabulary = tuple(kb._vocabulary())
    assert offtopic.typo_of("recurion", vocabulary) == "recursion"
    assert offtopic.typo_of("country", vocabulary) is None   # close to "counter", but a word of its own


def test_comparison_sides_keep_their_shared_context_apart():
    assert compare_docs.split_context("discard on a set") == ("discard", "set")
    assert compare_docs.split_context("// in") == ("//", "")
    assert kb.side_queries("what is the difference between remove and discard on a set") == ("remove() set", "discard() set")
    assert kb.side_queries("list vs tuple") is None   # the curated pages answer that pair


REMOVE = passage("library/stdtypes", "frozenset.remove", "remove(elem)",
                 "Remove element elem from the set. Raises KeyError if elem is not contained in the set.")
DISCARD = passage("library/stdtypes", "frozenset.discard", "discard(elem)",
                  "Remove element elem from the set if it is present.")


def test_same_page_comparison_is_answered_side_by_side_from_the_documentation():
    question = "what is the difference between remove and discard on a set"
    result = kb.explain(question, side_passages=([REMOVE], [DISCARD]))
    assert result.text.startswith("## remove vs discard")
    assert "**The key difference:**" in result.text and "Raises KeyError" in result.text
    assert REMOVE.url in result.text and DISCARD.url in result.text
    # a section that is not about its side is not used for it
    assert "## remove vs discard" not in kb.explain(question, side_passages=([DATE], [DISCARD])).text


def test_curated_pair_without_a_note_still_states_the_difference():
    result = kb.explain("tuple vs set")
    assert "key difference" in result.text.lower()
    assert kb.title("tuples") in result.text and kb.title("sets") in result.text


def api(page, anchor, title, body):
    return Passage(page, anchor, title, "api", "", body, (), 0.5)


DEFAULTDICT = api("library/collections", "collections.defaultdict", "class collections.defaultdict(default_factory)",
                  "Return a new dictionary-like object. defaultdict is a subclass of the built-in dict class.")
EXAMPLES = passage("library/collections", "defaultdict-examples", "defaultdict Examples",
                   "Using list as the default_factory, it is easy to group a sequence of key-value pairs.")
TYPING_NT = api("library/typing", "typing.NamedTuple", "class typing.NamedTuple", "Typed version of namedtuple.")
COLL_NT = api("library/collections", "collections.namedtuple", "collections.namedtuple(typename, field_names)",
              "Returns a new tuple subclass named typename.")
LIST_API = api("library/stdtypes", "list", "class list([iterable])", "Lists may be constructed in several ways.")


def test_an_identifier_the_question_names_is_answered_by_its_own_entry():
    result = kb.explain("what is defaultdict", passages=[EXAMPLES, DEFAULTDICT])
    assert result.text.startswith(f"## {DEFAULTDICT.title}")
    assert result.text.index(f"Source: {DEFAULTDICT.url}") < result.text.index(f"Source: {EXAMPLES.url}")
    assert result.title != kb.title("dictionaries")


def test_the_spelling_as_written_picks_between_same_named_entries():
    from agents.concepts import docs_answer

    assert docs_answer.named_entry([TYPING_NT, COLL_NT], "what is a namedtuple") is COLL_NT
    assert docs_answer.named_entry([TYPING_NT, COLL_NT], "what is typing.NamedTuple") is TYPING_NT


def test_a_page_that_names_the_identifier_keeps_the_question():
    assert kb.explain("what is a list", passages=[LIST_API]).topic == "lists"
    assert kb.explain("what is a list", passages=[LIST_API]).title == kb.title("lists")


def test_everyday_words_also_search_the_documentations_words():
    from knowledge import glossary

    assert "directory" in key_terms("how to list all files in a folder")
    assert "sqrt" in key_terms("how to get the square root of a number")
    assert glossary.expansions("what is the weather today") == []          # ordinary words stay ordinary
    assert "directory" not in key_terms("how to list all files in a folder", expand=False)


@pytest.mark.parametrize("question,lead", [
    ("how to sort a dictionary by value", "sorting-searching"),      # the verb names the operation
    ("how do i create a set from a list", "sets"),                   # a generic verb: its object leads
    ("how do I remove duplicates from a list", "sets"),              # a list method as verb: its object leads
    ("how do i append to a file without overwriting", "file-io"),
    ("how to convert a list to a string", "strings"),                # a conversion: its target leads
    ("how to format a number with commas", None),                    # a generic keyword verb: nothing leads
    ("what is a dictionary", None),
])
def test_the_question_grammar_picks_the_leading_topic(question, lead):
    from agents.concepts import focus

    assert (next(iter(focus.focus(question)), None)) == lead


def test_the_operation_asked_for_leads_over_the_noun_it_acts_on():
    assert kb.explain("how to sort a dictionary by value").topic == "sorting-searching"
    assert kb.explain("how do i create a set from a list").topic == "sets"


def test_cached_answers_are_keyed_by_the_engine_that_composed_them(monkeypatch):
    from agents.concepts import service

    before = service._cache_key("what is a list", "", "beginner", "step-by-step")
    monkeypatch.setattr(service, "ENGINE_VERSION", "0" * 16)
    assert service._cache_key("what is a list", "", "beginner", "step-by-step") != before
    assert len(service.ENGINE_VERSION) == 16
