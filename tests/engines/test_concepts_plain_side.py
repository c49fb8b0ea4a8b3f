"""A comparison side written in plain words resolves to the construct the other side is the alternative to."""
from agents.concepts import plain_side
from agents.concepts.pairing import _comparison, comparison_sides


def test_plain_side_resolves_against_the_other_side():
    assert comparison_sides("list comprehension vs normal loop") == ("list comprehension", "for loop that appends")
    assert comparison_sides("difference between lambda and a regular function") == ("lambda", "def function")
    assert comparison_sides("how is a generator different from a normal function") == (
        "generator", "function that returns")
    assert comparison_sides("f strings vs the old way") == ("f strings", "str.format()")


def test_named_sides_and_two_plain_sides_stay_as_written():
    assert comparison_sides("difference between list and tuple") == ("list", "tuple")
    assert plain_side.resolve_pair("normal loop", "regular function") == ("normal loop", "regular function")
    assert not plain_side.is_plain("normal distribution")   # a plain word with a noun of its own
    assert plain_side.resolve("regular loop", "something") == "for loop"   # its own noun when the other side is silent


def test_resolved_side_finds_the_pair_note_with_the_difference():
    _, _, note = _comparison("list comprehension vs normal loop, which one should i use")
    assert note and ".append(" in note
    _, _, note = _comparison("how is a generator different from a normal function")
    assert note and "yield" in note and "return" in note
    _, _, note = _comparison("lambda vs a regular function")
    assert note and "`def`" in note


def test_operator_sides_with_bang_are_parsed_and_get_their_pair_note():
    assert comparison_sides("== vs != in python") == ("==", "!=")
    _, _, note = _comparison("== vs != in python")
    assert note and "not equal" in note
    _, _, note = _comparison("difference between a module and a package")
    assert note and "__init__.py" in note and "folder" in note
