"""The concepts knowledge base: every recorded example really prints what we claim, every broken error
example really raises its exception, and explain() gives level/style-adapted, topic-accurate answers."""
from __future__ import annotations

import subprocess
import sys

import pytest

from agents.concepts import kb
from knowledge.errors import ERRORS
from knowledge.topics import TOPICS


def run(code: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", "-c", code], input=stdin, capture_output=True, text=True,
                          timeout=20)


EXAMPLES = [(topic, i, ex) for topic, data in kb.ENTRIES.items() for i, ex in enumerate(data["examples"])]


@pytest.mark.parametrize("topic,index,example", EXAMPLES, ids=[f"{t}-{i}" for t, i, _ in EXAMPLES])
def test_topic_example_prints_recorded_output(topic, index, example):
    result = run(example["code"], example.get("stdin", ""))
    assert result.returncode == 0, result.stderr
    assert result.stdout == example["output"]


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_examples_break_and_fix(name):
    err = ERRORS[name]
    broken = run(err["broken"])
    assert broken.returncode != 0
    last = broken.stderr.strip().splitlines()[-1]
    assert last == name or last.startswith(name + ":"), last
    fixed = run(err["fixed"])
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == err["fixed_output"]


def test_every_topic_has_a_complete_entry():
    assert len(TOPICS) >= 25 and set(kb.ENTRIES) == set(TOPICS)
    for topic, data in kb.ENTRIES.items():
        assert data["title"] and data["aliases"]
        for field in ("summary", "beginner", "intermediate", "advanced", "diagram"):
            assert len(data[field]) > 20, (topic, field)
        assert 2 <= len(data["examples"]) <= 4, topic
        assert data["mistakes"] and data["steps"]
        assert all(r in TOPICS for r in data["related"]), topic


def test_error_catalogue_is_broad():
    assert len(ERRORS) >= 30
    for must in ("SyntaxError", "IndentationError", "TabError", "NameError", "UnboundLocalError", "TypeError",
                 "ValueError", "IndexError", "KeyError", "AttributeError", "ZeroDivisionError", "RecursionError",
                 "ImportError", "ModuleNotFoundError", "FileNotFoundError", "StopIteration", "AssertionError",
                 "OverflowError", "UnicodeDecodeError", "RuntimeError", "NotImplementedError"):
        assert must in ERRORS


@pytest.mark.parametrize("question,topic", [
    ("What is a list comprehension?", "comprehensions"),
    ("How do I use *args and **kwargs?", "arguments"),
    ("Can you explain recursion and base cases?", "recursion"),
    ("how do decorators work in python", "decorators"),
    ("How do I read a file line by line?", "file-io"),
    ("what does the yield keyword do", "generators"),
    ("why do I need self in a class method", "classes"),
    ("How do f-strings format 2 decimal places?", "string-formatting"),
    ("what is the global keyword", "scope"),
    ("How does super() work when a subclass overrides __init__?", "inheritance"),
    ("how do I remove duplicates from a list", "sets"),
    ("what is async await", "async"),
    ("explain dictionaries", "dictionaries"),
    ("What does KeyError mean?", "dictionaries"),
    ("what is a dictonary", "dictionaries"),   # typo
])
def test_explain_picks_the_topic(question, topic):
    result = kb.explain(question)
    assert result.topic == topic
    assert len(result.text) >= 10 and result.confidence > 0.3


def test_levels_change_depth():
    beginner = kb.explain("what is recursion", skill_level="beginner").text
    advanced = kb.explain("what is recursion", skill_level="advanced").text
    assert "nesting dolls" in beginner and "Under the hood" not in beginner
    assert "tail-call" in advanced and "Under the hood" in advanced


def test_styles_change_form():
    steps = kb.explain("explain for loops", learning_style="step-by-step").text
    visual = kb.explain("explain for loops", learning_style="visual").text
    examples_first = kb.explain("explain for loops", learning_style="example-driven").text
    assert "1. " in steps and "### Step by step" in steps
    assert "### Picture it" in visual and "```\n" in visual
    assert examples_first.index("```python") < examples_first.index("### What is going on")


def test_comparison_mentions_both_topics():
    result = kb.explain("What is the difference between a list and a tuple?")
    assert {result.topic, *result.related} >= {"lists", "tuples"}
    assert "mutable" in result.text and "immutable" in result.text
    assert "| Lists |" in result.text or "Lists" in result.title and "Tuples" in result.title
    assert kb.compare("sort vs sorted") is not None
    assert "returns None" in kb.compare("sort vs sorted").text
    assert kb.compare("how do I open a file") is None


def test_off_topic_is_honest():
    result = kb.explain("how do I bake sourdough bread")
    assert result.topic == "" and result.confidence <= 0.2
    assert "could not match" in result.text and len(result.related) >= 3
    assert kb.explain("").confidence <= 0.2


def test_code_informs_the_answer():
    result = kb.explain("why is this not working", code="def f(n):\n    return f(n - 1)\n")
    assert result.topic == "recursion"
    assert result.confidence <= 0.5   # chosen from code only
    assert "About your code" in result.text


def test_explain_error_known_and_unknown():
    known = kb.explain_error("KeyError", "'bob'", skill_level="intermediate")
    assert known.topic == "dictionaries" and "'bob'" in known.text and known.confidence >= 0.8
    assert "Fixed" in known.text and known.examples
    unknown = kb.explain_error("WeirdCustomError", "boom")
    assert unknown.confidence < 0.5 and "traceback" in unknown.text
    assert kb.explain_error("builtins.IndexError").topic == "lists"


def test_titles_summaries_and_version():
    assert kb.title("lists") == "Lists" and kb.summary("lists")
    assert len(kb.KB_VERSION) == 16
