"""The logic of function names as answer targets and of everyday word senses (unit tests: passages and the
documentation's word counts are small hand-made stand-ins; tests/docs_index/test_api_entries.py runs them on
the real index)."""
from __future__ import annotations

from agents.concepts import api_lead, word_sense
from knowledge.docs_index import api_names
from knowledge.docs_index.search import Passage
from knowledge.topics import _WEAK, text_scores


def names(question):
    return [(n.name, n.how) for n in api_names.named(question)]


def test_names_a_question_asks_about_strongest_first():
    assert names("what does len() do") == [("len", "call")]
    assert names("how to convert string to int")[0] == ("int", "target")
    assert names("how to get square root")[0] == ("sqrt", "glossary")
    assert names("sum all numbers in list") == [("sum", "head")]
    assert names("how to find the max value in a list")[0] == ("max", "builtin")   # a builtin's name as a word
    assert "max" in api_names.search_names("the max value in a list")
    assert names("what is a list") == []                        # a type name is the curated page's
    assert ("random", "glossary") not in names("random number between 1 and 10")   # the module, not a function
    assert "sum" not in api_names.search_names("sum all numbers")   # the first key term earns its place by its text


def test_methods_answer_only_questions_that_name_their_class():
    assert api_names.addressable("str.split", "split a sentence")
    assert api_names.addressable("math.sqrt", "square root") and api_names.addressable("os.path.exists", "x")
    assert not api_names.addressable("collections.deque.append", "append to a file")
    assert api_names.addressable("collections.deque.append", "append to a deque")
    assert not api_names.addressable("pathlib.Path.iterdir", "list files")


def passage(page, anchor, body="", rank=1.0):
    return Passage(page, anchor, anchor, "api", "", body, (), rank)


def test_the_entry_leads_unless_a_curated_page_claims_the_name():
    sqrt = passage("library/math", "math.sqrt", "Return the square root of x.", rank=101.0)
    assert api_lead.lead("how to get square root", [sqrt], "numbers") is sqrt
    sort = passage("library/stdtypes", "list.sort", "This method sorts the list in place.", rank=101.0)
    assert api_lead.claims("sorting-searching", "sort")
    assert api_lead.lead("how do i sort a list", [sort], "sorting-searching") is None
    assert api_lead.lead("what does sort() do", [sort], "sorting-searching") is sort   # asked as a call
    other = passage("library/decimal", "decimal.Decimal.sqrt", "Return the square root.", rank=102.0)
    assert api_lead.lead("how to get square root", [other], "numbers") is None   # not a beginner's page


def test_a_first_key_term_entry_must_cover_the_question_as_well_as_the_best_section():
    fmt = passage("library/stdtypes", "str.format", "Perform a string formatting operation.")
    spec = Passage("library/string", "format-specification-mini-language", "Format Specification Mini-Language",
                   "section", "", "The ',' option signals the use of a comma for a thousands separator number.",
                   (), 6.0)
    assert api_lead.lead("format number with commas as thousands separator", [spec, fmt], "numbers") is None
    total = passage("library/functions", "sum", "Sums start and the items of an iterable.", rank=4.0)
    assert api_lead.lead("sum all numbers in list", [total], "lists") is total


def test_demoted_restores_the_text_order():
    named = passage("library/stdtypes", "list.sort", rank=100.5)
    text = passage("howto/sorting", "key-functions", rank=3.0)
    assert api_lead.demoted([named, text]) == [text, named]


SECTIONS = {w: 50 for w in "tabl set print python program pass hello world result list shop valu default key".split()}
VOCABULARY = ("lists", "dictionary", "print", "program")


def everyday(question):
    return word_sense.everyday(question, text_scores(question)[1], _WEAK, SECTIONS, VOCABULARY)


def test_a_generic_word_takes_its_sense_from_what_it_acts_on():
    assert everyday("how do i set the table for dinner")        # "table" is neutral, "dinner" foreign
    assert everyday("is the python snake dangerous")
    assert not everyday("how to print hello world")
    assert not everyday("print(x) for dinner")                    # code says programming
    assert not everyday("how do I set a default value for a dict key")   # a specific keyword
    assert not word_sense.everyday("set the table for dinner", text_scores("set the table")[1], _WEAK, {}, ())
