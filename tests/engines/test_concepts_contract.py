"""A narrow question in plain words reaches the page and the fact it asks about: a generic word naming a part of
a program ("the try block") is programming, the name before "what does ... return" is the subject, float
literals are a floating-point question, a method of a class the question never names does not answer, and the curated
pages state the contract facts students ask about (the rest of `try` is skipped, `b = a` is no copy, returning
two values is a tuple). Unit tests of the logic; tests/docs_index/ covers the real index."""
from __future__ import annotations

from agents.concepts import docs_answer, focus, kb, word_sense
from knowledge.docs_index import api_names
from knowledge.docs_index.search import Passage
from knowledge.topics import _WEAK, text_scores

SECTIONS = {w: 50 for w in "block still run line fail rest python".split()} | {"rumba": 0}


def test_a_generic_word_naming_a_part_of_the_program_is_programming():
    question = "does the try block zumba"
    assert not word_sense.everyday(question, text_scores(question)[1], _WEAK, SECTIONS, ())
    # without the structure word the foreign word after "try" still gives the everyday sense
    assert word_sense.everyday("should i try zumba dancing", text_scores("should i try zumba")[1], _WEAK,
                               SECTIONS, ())


def test_the_name_before_what_does_it_return_is_the_subject():
    assert focus.focus("what does append give back, can i assign it") == {"lists": focus.FACTOR}
    assert focus.focus("what does it mean") == {}
    ranked = kb._rank("what does append give back, can i assign it", None, ())
    assert ranked[0][0] == "lists"


def test_float_literals_make_a_floating_point_question_but_versions_do_not():
    assert "floating-point" in text_scores("why is 0.1 plus 0.2 not exactly 0.3")[0]
    assert "floating-point" not in text_scores("difference between python 3.10 and python 3.11")[0]


PLUS = Passage("library/decimal", "decimal.Context.plus", "plus(x)", "api", "decimal",
               "Plus corresponds to the unary prefix plus operator in Python.", (), 2.8)
LISTDIR = Passage("library/os", "os.listdir", "os.listdir(path='.')", "api", "os",
                  "Return a list containing the names of the entries in the directory.", (), 2.0)


def test_a_method_of_a_class_the_question_never_names_does_not_answer():
    assert api_names.unasked_method("decimal.Context.plus", "why is 0.1 plus 0.2 not 0.3")
    assert not api_names.unasked_method("decimal.Context.plus", "what does Context.plus do in decimal")
    assert not api_names.unasked_method("os.listdir", "how to list files")      # a module function
    assert not api_names.unasked_method("str.split", "how to split text")       # a builtin type's method
    assert docs_answer.named_entry([PLUS], "why is 0.1 plus 0.2 not exactly 0.3") is None
    assert not kb._docs_fit_better("why is 0.1 plus 0.2 not exactly 0.3", "numbers", {"numbers": 1.0}, [PLUS])


def test_the_pages_state_the_contract_facts():
    text = kb.explain("what happens in try when a line raises", passages=()).text
    assert "rest of the `try` block is skipped" in text
    lists = kb.ENTRIES["lists"]
    assert "`b = a` does not copy a list" in lists["intermediate"]
    assert any("b = a" in e["code"] and "copy()" in e["code"] for e in lists["examples"])
    assert "ValueError" in lists["intermediate"] and "(0 when none)" in lists["intermediate"]
    assert any("return min(nums), max(nums)" in e["code"] for e in kb.ENTRIES["functions"]["examples"])


PLAIN_VOCABULARY = {"return": 1200, "valu": 900, "function": 1500, "work": 800, "list": 900}


def test_a_plain_words_question_about_one_point_of_a_page_opens_with_that_point():
    from agents.concepts import opening
    question = "can a function return two values"
    assert not opening.specific_terms(question, "functions", PLAIN_VOCABULARY)   # nothing rare: not "narrow"
    found = opening.single(question, "functions", "beginner", [], PLAIN_VOCABULARY)
    assert found is not None and "several values" in found.text and "tuple" in found.text
    # only the page's name (and a vague word): the page's own opening answers
    assert opening.single("how do functions work", "functions", "beginner", [], PLAIN_VOCABULARY) is None
    assert opening.single("what is a list", "lists", "beginner", [], PLAIN_VOCABULARY) is None


def test_the_pages_state_how_to_loop_backwards_and_write_a_multi_line_string():
    assert "reversed(items)" in kb.ENTRIES["loops"]["intermediate"]
    assert "triple quotes" in kb.ENTRIES["strings"]["intermediate"]
    for code in ("for x in reversed([1, 2]):\n    print(x)", "s = '''a\nb'''\nprint(len(s.splitlines()))"):
        exec(compile(code, "fact", "exec"), {})   # the forms the pages state are valid Python
