"""The direct answer an explanation opens with (agents/concepts/lead.py, opening.py) and the focused rendering of
a broad page for a narrow question (compose.render_entry(about=...)). Unit tests of the composition logic: the
documentation sections are Passage values built here (tests/docs_index/ covers the real index)."""
from __future__ import annotations

from agents.concepts import compose, docs_answer, kb, lead, opening
from knowledge.docs_index.search import Passage

VOCABULARY = {"list": 900, "sort": 120, "none": 400, "place": 150, "return": 1200, "string": 800, "str": 600,
              "startswith": 3, "start": 300, "prefix": 40, "check": 350, "text": 500, "els": 90, "loop": 200,
              "break": 60, "clear": 30, "item": 700, "remov": 250, "pop": 20, "index": 300, "textwrap": 2,
              "long": 200, "word": 300, "closur": 8, "function": 1500, "inner": 60, "append": 40, "extend": 30,
              "iter": 400, "end": 500, "ad": 600}

POP = Passage("tutorial/datastructures", "list.pop", "list.pop([i])", "api", "Data Structures > More on Lists",
              "Remove the item at the given position in the list, and return it. If no index is specified, a.pop() "
              "removes and returns the last item in the list.", (), 150.0)
STARTSWITH = Passage("library/stdtypes", "str.startswith", "str.startswith(prefix[, start[, end]])", "api",
                     "Built-in Types", "Return True if string starts with the prefix, otherwise return False.", (), 3.0)
WRAP = Passage("library/textwrap", "textwrap.TextWrapper.break_long_words", "break_long_words", "api", "textwrap",
               "(default: True) If true, then words longer than width will be broken.", (), 1.0)
APPEND = Passage("tutorial/datastructures", "list.append", "list.append(x)", "api", "More on Lists",
                 "Add an item to the end of the list. Equivalent to a[len(a):] = [x].", (), 150.0)
EXTEND = Passage("tutorial/datastructures", "list.extend", "list.extend(iterable)", "api", "More on Lists",
                 "Extend the list by appending all the items from the iterable.", (), 150.0)


def test_the_identifier_two_words_spell_is_a_term_only_when_the_documentation_uses_it():
    assert lead.identifiers("how to check if a string starts with some text", VOCABULARY) == ["startswith"]
    assert lead.identifiers("how to check if a string starts with some text", {}) == []


def test_a_term_naming_the_broad_page_weighs_less_than_the_point_asked():
    weights = lead.weights("why does list sort give None", VOCABULARY, opening.page_words("lists"))
    assert weights["list"] < weights["sort"] and weights["list"] < weights["none"]


def test_the_sentence_stating_the_point_asked_leads():
    found = opening.single("list.pop() without an index: which item does it remove?", "lists", "beginner", [POP],
                           VOCABULARY)
    assert found is not None and "last item" in found.text   # the continuation sentence comes along
    assert found.units[0].url.endswith("tutorial/datastructures.html")


def test_a_question_about_the_page_itself_has_no_separate_opening():
    assert opening.single("what is a list", "lists", "beginner", [POP], VOCABULARY) is None


def test_a_narrow_question_opens_with_the_answer_and_shows_only_the_page_part_about_it():
    question = "what does else on a for loop do"
    result = kb.explain(question, sections=VOCABULARY)
    assert result.topic == "loops"
    assert result.text.startswith("**In short:**") and "break" in result.text.split("\n")[0]
    assert "### Step by step" not in result.text   # the recipe for the whole topic is not repeated
    full = kb.explain("what is a loop", sections=VOCABULARY)
    assert "### Step by step" in full.text and not full.text.startswith("**In short:**")


def test_focused_examples_and_mistakes_are_about_the_point_asked():
    entry = kb.ENTRIES["lists"]
    about = lambda text: lead.score(text, {"sort": 3.0, "none": 2.0})  # noqa: E731
    shown = compose.focused_examples(entry, "beginner", "step-by-step", about)
    assert shown and all("sort" in (e["title"] + e["code"]).lower() for e in shown)
    text = compose.render_entry(entry, "beginner", "step-by-step", about=about)
    mistakes = text.split("### Common mistakes")[1]
    assert mistakes.count("\n- ") <= len(entry["mistakes"])


def test_a_documentation_answer_opens_from_its_own_section_not_the_related_page():
    result = kb.explain("how to check if a string starts with some text", passages=[STARTSWITH],
                        sections=VOCABULARY)
    assert "startswith" in result.text.split("\n\n")[0] or result.text.startswith("## str.startswith")


def test_a_link_under_an_answer_is_about_a_specific_term_of_the_question():
    weights = lead.weights("what is a closure and how does the inner function remember", VOCABULARY,
                           opening.page_words("closures"))
    assert not docs_answer.relevant(WRAP, weights)
    assert docs_answer.relevant(STARTSWITH, lead.weights("check if a string starts with text", VOCABULARY))


def test_each_side_of_a_comparison_is_stated_from_its_own_entry_and_the_difference_follows():
    sides = kb.comparison_sides("append vs extend")
    text = opening.comparison_opening(sides, ([APPEND], [EXTEND]), [], VOCABULARY)
    lines = text.split("\n")
    assert lines[0] == "**In short:**" and len(lines) == 3
    assert "`append`" in lines[1] and "end of the list" in lines[1]
    assert "`extend`" in lines[2] and "iterable" in lines[2]
    result = kb.explain("append vs extend", sections=VOCABULARY, side_passages=([APPEND], [EXTEND]))
    assert result.text.startswith("**In short:**") and "difference" in result.text.lower()


def test_a_comparison_of_two_calls_is_parsed_not_declined():
    assert kb.comparison_sides("any() vs all()") == ("any()", "all()")
    assert kb.comparison_sides("is and == what differnce") == ("is", "==")
    assert kb.comparison_sides("what is the differnce between args and kwargs") == ("args", "kwargs")
    assert kb.side_queries("append vs extend", always=True) == ("append()", "extend()")


def test_a_comparison_whose_answer_states_no_difference_gets_the_two_definitions_set_against_each_other():
    sides = kb.comparison_sides("append vs extend")
    plain = opening.comparison_opening(sides, ([APPEND], [EXTEND]), [], VOCABULARY, body="## Lists\nA list is ...")
    assert "**The difference:** `append`: " in plain and "Whereas `extend`: " in plain
    stated = opening.comparison_opening(sides, ([APPEND], [EXTEND]), [], VOCABULARY, body="The key difference: ...")
    assert "**The difference:**" not in stated
