"""The behaviour contracts of builtin methods (knowledge/contracts.py): each example prints its recorded output,
each contract says what the call returns, and an answer built on such an entry opens with the contract."""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from agents.concepts import docs_answer, lead
from knowledge.contracts import CONTRACTS
from knowledge.docs_index.search import Passage


@pytest.mark.parametrize("anchor", sorted(CONTRACTS))
def test_contract_example_prints_its_recorded_output(anchor):
    _, code, output = CONTRACTS[anchor]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, anchor, "exec"), {})
    assert printed.getvalue() == output


@pytest.mark.parametrize("anchor", sorted(CONTRACTS))
def test_contract_states_what_the_call_returns_or_raises(anchor):
    sentence = CONTRACTS[anchor][0]
    assert re.search(r"\breturns?\b|RETURNS|raises|does nothing", sentence), anchor
    assert "`" in sentence   # names the sibling or the call in code


COUNT = Passage("tutorial/datastructures", "list.count", "list.count(x)", "api", "More on Lists",
                "Return the number of times x appears in the list.", (), 150.0)


def test_an_answer_on_a_method_entry_opens_with_its_contract_and_example():
    text, codes = docs_answer.answer("what does list.count() do", [COUNT], "beginner", "step-by-step")
    assert "**What it does:**" in text and "0 when there is none" in text
    assert codes and "a.count(9)" in codes[0]


def test_the_contract_is_a_candidate_sentence_for_the_opening():
    unit = lead.passage_unit(COUNT)
    assert unit.paragraphs[0].startswith("`lst.count(x)` returns how many items equal x")
