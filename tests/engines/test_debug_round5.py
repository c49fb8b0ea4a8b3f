"""Round 5 of the debug engine: where and what a program shows (agents/debug/silent_text.py), the off-by-one range
read from the span the student states (expl_span.py), the concepts hand-off decision (concepts_handoff.py) and a
review request about a program with nothing to show (review_handoff.lead). Runs are real (local_run); review
findings come from the real review engine (agents/code_review/analyzer.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from agents.code_review import analyzer
from agents.debug import concepts_handoff, inputs, pasted, repair_search, review_handoff, silent_text
from agents.debug.explainer import explain_failure, render
from agents.debug.local_run import run
from pitfalls.ast_tools import compiles, parse

ROOT = Path(__file__).resolve().parents[2]


def _answer(code: str, question: str, stdin: str = ""):
    """What DebugService answers, with the review engine in-process in place of the gRPC hop."""
    choice = inputs.choose(stdin, question, parse(code))
    result = run(code, stdin=choice.text, timeout=8.0)
    searched = None
    if repair_search.searchable(result, question):
        search = repair_search.plan(code, parse(code), question, result.stdout, result)
        if search is not None:
            searched = repair_search.pick(search, run(repair_search.harness(), stdin=search.job_input(choice.text),
                                                      timeout=10.0).stdout)
    expl = explain_failure(code, result, question=question, ran_with=choice.describe(),
                           stdin_lines=choice.text.count("\n"), searched=searched, stdin=choice.text)
    if review_handoff.wanted(result.status, question, expl, code, result.stdout or ""):
        expl = review_handoff.lead(expl, analyzer.review(code, question).findings, question, code, result.status,
                                   printed=result.stdout or "")
    return result, expl


# --- a print on every pass of a loop ----------------------------------------------------------------------------
def test_print_inside_a_while_loop_is_dedented_when_the_output_repeats():
    code = "n = 4\nfact = 1\ni = 1\nwhile i <= n:\n    fact = fact * i\n    i += 1\n    print(fact)\n"
    _, expl = _answer(code, "I only want 24 but it shows 1 2 6 24 each on a separate line")
    assert expl.line == 7 and expl.fixed_code.endswith("    i += 1\nprint(fact)\n")
    assert "```python\nwhile i <= n:" in expl.fix   # the corrected lines are shown


def test_print_in_the_middle_of_the_body_moves_after_the_loop():
    code = "words = ['a', 'bb']\nlength = 0\nfor w in words:\n    length += len(w)\n    print(length)\n    x = 1\n"
    fixed = silent_text.print_each_pass(code, parse(code))[0].fixed_code
    assert fixed == "words = ['a', 'bb']\nlength = 0\nfor w in words:\n    length += len(w)\n    x = 1\nprint(length)\n"


def test_print_of_the_loop_variable_or_without_a_repeat_complaint_is_not_a_bug():
    code = "for i in range(3):\n    print(i)\n"
    assert silent_text.print_each_pass(code, parse(code)) == []
    code = "total = 0\nfor x in [1, 2]:\n    total += x\n    print(total)\n"
    _, expl = _answer(code, "is the running total right?")
    assert expl.title != "Printed on every pass of the loop"


# --- a value printed before it is computed ----------------------------------------------------------------------
def test_print_before_the_value_is_computed_moves_below_it():
    code = "price = 20\nqty = 3\ntotal = 0\nprint('Total:', total)\ntotal = price * qty\n"
    _, expl = _answer(code, "it prints Total: 0 but 20 * 3 is 60")
    assert expl.line == 4 and expl.fixed_code.endswith("total = price * qty\nprint('Total:', total)\n")


def test_a_countdown_printing_before_its_step_is_left_alone():
    code = "n = 3\nwhile n > 0:\n    print(n)\n    n -= 1\n"
    assert silent_text.printed_too_early(code, parse(code)) == []


# --- input() text compared as text -------------------------------------------------------------------------------
def test_sorted_text_numbers_convert_at_the_append_not_at_the_blank_check():
    code = ("ages = []\nwhile True:\n    a = input('Age: ')\n    if a == '':\n        break\n    ages.append(a)\n"
            "ages.sort()\nprint(ages)\n")
    result, expl = _answer(code, "9, 25 and 100 come out as ['100', '25', '9']", stdin="9\n25\n100\n\n")
    assert expl.error_type != "EOFError" and expl.line == 6
    assert "ages.append(int(a))" in expl.fixed_code and "if a == '':" in expl.fixed_code


def test_words_sorted_as_words_are_not_flagged():
    code = "names = []\nfor _ in range(2):\n    names.append(input('Your friend: '))\nnames.sort()\nprint(names)\n"
    assert silent_text.text_items_ordered(code, parse(code)) == []


def test_max_of_two_input_texts_converts_both():
    code = "x = input('x: ')\ny = input('y: ')\nprint(max(x, y), 'is larger')\n"
    _, expl = _answer(code, "entered 100 then 20 and it says 20 is larger", stdin="100\n20\n")
    assert expl.line == 1 and "int(input('x: '))" in expl.fixed_code and "int(input('y: '))" in expl.fixed_code


# --- a variable's name written inside a string literal ------------------------------------------------------------
@pytest.mark.parametrize("code, question, new", [
    ("name = input('Name? ')\nprint('Hello, name!')\n", "it prints Hello, name! not my name", "f'Hello, {name}!'"),
    ("total = 4.5\nprint('Your total is total dollars')\n", "I want 4.5 shown", "f'Your total is {total} dollars'"),
    ("city = 'Oslo'\ntemp = 3\nmsg = 'In city it is temp degrees'\nprint(msg)\n", "shows the words city and temp",
     "f'In {city} it is {temp} degrees'"),
    ("def tag(animal, legs):\n    return 'A {animal} with {legs} legs'\n\nprint(tag('cat', 4))\n",
     "prints the curly brackets", "f'A {animal} with {legs} legs'"),
    ("w = 5\nh = 3\narea = w * h\nprint('area')\n", "prints the word area and not 15", "print(area)"),
])
def test_name_inside_text_gets_the_value(code, question, new):
    _, expl = _answer(code, question)
    assert new in expl.fixed_code and compiles(expl.fixed_code)


def test_text_key_where_the_variable_holds_the_key():
    code = "scores = {'ann': 3, 'bob': 5}\nname = 'bob'\nprint(name, scores.get('name', 0))\n"
    _, expl = _answer(code, "it says bob 0 but bob has 5")
    assert expl.line == 3 and "scores.get(name, 0)" in expl.fixed_code


# --- off-by-one over 1..n ---------------------------------------------------------------------------------------
def test_the_stated_span_gives_the_intent_range_in_the_programs_own_names():
    code = "limit = 20\ncount = 0\nfor x in range(1, limit):\n    if x % 5 == 0:\n        count += 1\nprint(count)\n"
    _, expl = _answer(code, "from 1 to 20 there are 4 multiples of 5 but it says 3")
    assert expl.line == 3 and "for x in range(1, limit + 1):" in expl.fix


def test_a_sum_over_range_n_prefers_range_1_to_n_plus_1():
    code = "n = int(input('n: '))\ntotal = 0\nfor i in range(n):\n    total += i\nprint(total)\n"
    _, expl = _answer(code, "for n = 4 the sum should be 10 but I get 6", stdin="4\n")
    assert expl.line == 3 and "range(1, n + 1)" in expl.fix


# --- the concepts hand-off decision --------------------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "why does round(2.5) give me 2?", "why does 0.1 + 0.2 give 0.30000000000000004",
    "what is the difference between a list and a tuple?", "how come int(3.9) is 3 and not 4?"])
def test_concept_questions_without_code_go_to_concepts(question):
    assert concepts_handoff.wanted("", question, pasted.parse(question))


@pytest.mark.parametrize("question", [
    "my program crashes when I run it, can you help me find the bug?", "why does my loop never stop?",
    "why does it print None?", "why is the sky blue", "hello"])
def test_debugging_requests_and_other_text_stay_with_debug(question):
    assert not concepts_handoff.wanted("", question, pasted.parse(question))


def test_code_or_a_pasted_traceback_never_goes_to_concepts():
    assert not concepts_handoff.wanted("print(round(2.5))\n", "why does round(2.5) give 2?", None)
    tb = 'why does int() fail?\nTraceback (most recent call last):\n  File "a.py", line 1\nValueError: bad\n'
    assert not concepts_handoff.wanted("", tb, pasted.parse(tb))


def test_offline_concept_answer_names_the_topic():
    text, topic = concepts_handoff.offline_answer("what is the difference between a list and a tuple?")
    assert topic and text.startswith("### ")


# --- a review request about a program with nothing to show --------------------------------------------------------
def test_definitions_only_review_request_leads_with_the_review_and_lists_the_others():
    code = ("import subprocess\n\ndef run(cmd, log=[]):\n    log.append(cmd)\n    return subprocess.run(cmd, "
            "shell=True)\n")
    _, expl = _answer(code, "could you check this helper?")
    text = render(expl)
    assert expl.title.startswith("Security problem on line 5") and re.search(r"Also check \(line 3\)", text)
    assert not re.search(r"found none of the usual|nothing (wrong|to fix)|runs? fine", text, re.I)


def test_definitions_only_with_a_bug_hunt_keeps_the_call_it_answer():
    code = "def count_down(n):\n    while n > 0:\n        print(n)\n        n -= 1\n"
    _, expl = _answer(code, "can you find the bug")
    assert re.search(r"count_down\(\d+\)", expl.fix)


def test_explainer_stays_under_400_lines():
    assert len((ROOT / "agents" / "debug" / "explainer.py").read_text().splitlines()) < 400


def test_a_reviewer_fragment_becomes_the_complete_corrected_line():
    from agents.debug import review_fix

    assert review_fix.splice("range(4)", "for i in range(3):\n    print(i)\n", 1) == "for i in range(4):"
    assert review_fix.splice("x is None", "if x == None:\n    pass\n", 1) == "if x is None:"
    assert review_fix.splice("total += n", "total = n\n", 1) is None   # a statement, not a fragment


@pytest.mark.parametrize("code, question, line, new", [
    ("i = 5\nwhile i > 1:\n    print(i)\n    i -= 1\n", "the countdown should include 1 but it stops at 2", 2,
     "while i >= 1:"),
    ("i = 1\nwhile i < 10:\n    print(i)\n    i += 1\n", "prints 1 to 9 but I want 1 to 10", 2, "while i <= 10:"),
    ("for k in range(1, 10):\n    print(k)\n", "it never reaches 10", 1, "range(1, 11)"),
])
def test_a_loop_that_stops_one_short_of_what_the_student_names(code, question, line, new):
    _, expl = _answer(code, question)
    assert expl.line == line and new in expl.fixed_code


def test_a_loop_that_already_covers_the_span_is_left_alone():
    from agents.debug import expl_span

    code = "i = 1\nwhile i <= 10:\n    print(i)\n    i += 1\n"
    assert expl_span.while_span(code, parse(code), "it prints 1 to 10, fine, but how do I add them?") == []


def test_a_repeated_dict_key_is_explained_as_the_later_entry_replacing_the_earlier():
    code = 'prices = {"apple": 1.0, "pear": 2.0, "apple": 3.0}\nprint(prices["apple"])\n'
    for question in ("why does apple cost 3.0? I set it to 1.0", "is this dict ok?"):
        _, expl = _answer(code, question)
        first_block = render(expl).split("\n\n**")[0]
        # debug's own wording or the code review's (the hand-off keeps the review's when it already says why)
        assert expl.line == 1 and re.search(r"later entry .{0,60}replaces", first_block), question
        assert '"apple": 1.0, "pear": 2.0}' in expl.fixed_code


def test_a_name_in_a_text_whose_variable_is_tested_but_never_shown():
    code = ("name = input(\"What's your name? \")\nif name == 'admin':\n    print('Welcome back, boss!')\nelse:\n"
            "    print('Hi, name. Nice to meet you!')\n")
    _, expl = _answer(code, "it prints Hi, name. instead of my actual name", stdin="Sam\n")
    assert expl.line == 5 and "f'Hi, {name}. Nice to meet you!'" in expl.fixed_code
    _, other = _answer(code, "how do I make the admin check ignore capitals?", stdin="Sam\n")
    assert other.title != "Variable name written inside the text"


def test_the_student_quoting_the_printed_word_confirms_a_name_in_a_text():
    code = ("user = input('User: ')\nif user == '':\n    user = input('Again: ')\nprint('Welcome, user!')\n")
    _, expl = _answer(code, "why does it say Welcome, user! and not Sam?", stdin="Sam\n")
    assert expl.line == 4 and "f'Welcome, {user}!'" in expl.fixed_code


def test_a_bracketed_placeholder_in_the_text_becomes_the_value():
    code = "pet = input('Pet: ')\nprint('Your pet is called (pet).')\n"
    _, expl = _answer(code, "it shows (pet) instead of the name I typed", stdin="Rex\n")
    assert expl.line == 2 and "f'Your pet is called {pet}.'" in expl.fixed_code
