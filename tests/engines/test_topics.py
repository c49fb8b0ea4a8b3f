"""Topic detection from question text and code structure, and the exception-to-topic map."""
from __future__ import annotations

import time

import pytest

from knowledge.topics import TOPICS, detect_topics, topic_for_exception


def top(text, code=None):
    ranked = detect_topics(text, code)
    return ranked[0][0] if ranked else None


def test_vocabulary_is_canonical():
    assert len(TOPICS) >= 25 and len(set(TOPICS)) == len(TOPICS)
    assert all(t == t.lower() and " " not in t for t in TOPICS)


@pytest.mark.parametrize("text,topic", [
    ("how do list comprehensions work", "comprehensions"),
    ("my while loop never stops", "loops"),
    ("what is a lambda", "lambdas"),
    ("explain try except finally", "exceptions"),
    ("how to open a file and read it", "file-io"),
    ("what is the difference between *args and **kwargs", "arguments"),
    ("how do I sort a list of tuples by the second element with key=", "sorting-searching"),
    ("explain generators and yield", "generators"),
    ("what is a context manager", "context-managers"),
    ("how do type hints like list[int] work", "type-hints"),
    ("what does nonlocal do in a closure", "closures"),
    ("what is the global keyword", "scope"),
    ("what is a subclass", "inheritance"),
    ("how to use map and filter", "higher-order-functions"),
    ("I got a ZeroDivisionError", "numbers"),
])
def test_text_detection(text, topic):
    assert top(text) == topic


@pytest.mark.parametrize("code,topic", [
    ("for i in range(3):\n    print(i)", "loops"),
    ("def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)", "recursion"),
    ("def gen():\n    yield 1", "generators"),
    ("class A:\n    pass", "classes"),
    ("class B(A):\n    pass", "classes"),
    ("@cache\ndef f():\n    pass", "decorators"),
    ("squares = [x * x for x in range(5)]", "comprehensions"),
    ("try:\n    x = 1\nexcept ValueError:\n    pass", "exceptions"),
    ("with open('f') as fh:\n    data = fh.read()", "file-io"),
    ("d = {'a': 1}\nprint(d.get('a'))", "dictionaries"),
    ("async def main():\n    await other()", "async"),
    ("for x in [1, 2\n    print(x)", "loops"),   # broken code still detected
])
def test_code_detection(code, topic):
    assert top("", code) == topic


def test_scores_ranked_and_bounded():
    ranked = detect_topics("list comprehension with a lambda and a for loop", limit=5)
    assert ranked and all(0 < s <= 1 for _, s in ranked)
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    assert len(detect_topics("loops lists dicts sets strings", limit=2)) == 2
    assert detect_topics("what's the weather in Paris") == []
    assert detect_topics("") == []


def test_detection_is_fast():
    text = "How do I use *args and **kwargs in a function with default values and a for loop?"
    code = "def f(*a, **k):\n    for x in a:\n        print(x)\n"
    detect_topics(text, code)
    started = time.perf_counter()
    for _ in range(200):
        detect_topics(text, code)
    per_call_ms = (time.perf_counter() - started) * 1000 / 200
    print(f"detect_topics: {per_call_ms:.3f} ms per call")   # reported, not asserted (no timed assertions)


@pytest.mark.parametrize("exc,message,topic", [
    ("IndexError", "list index out of range", "lists"),
    ("IndexError", "string index out of range", "strings"),
    ("KeyError", "'bob'", "dictionaries"),
    ("RecursionError", "", "recursion"),
    ("ZeroDivisionError", "division by zero", "numbers"),
    ("NameError", "name 'x' is not defined", "variables"),
    ("UnboundLocalError", "", "scope"),
    ("TypeError", 'can only concatenate str (not "int") to str', "strings"),
    ("TypeError", "f() missing 1 required positional argument: 'b'", "arguments"),
    ("AttributeError", "'NoneType' object has no attribute 'upper'", "functions"),
    ("FileNotFoundError", "", "file-io"),
    ("StopIteration", "", "iterators"),
    ("ModuleNotFoundError", "No module named 'x'", "modules"),
    ("SomethingWeird", "", "exceptions"),
])
def test_topic_for_exception(exc, message, topic):
    assert topic_for_exception(exc, message) == topic
    assert topic_for_exception(exc) in TOPICS


@pytest.mark.parametrize("text", [
    "How do I use *args and **kwargs?", "what does @ do above a def", "7 // 2 and 7 % 2", "is vs == in python",
    "why is 0.1 + 0.2 not 0.3", "0.1+0.2", "type() vs isinstance", "sorted(x, key=len, reverse=True)",
    "list[int] and Optional[str]", "dict.get or .get()", "math.sqrt", "print('%s' % name)", "super().__init__",
    "FOR LOOP", "For-Loop", "snake_case names", "f-strings", "fstring", "Ünïcode strings", "x.items() in a loop",
    "what's the weather in Paris", "", "with open('f') as f:", "@dataclass(frozen=True)", "KeyError on a dict",
])
def test_indexed_detection_equals_trying_every_phrase(text):
    from knowledge.topics import text_scores

    assert text_scores(text) == _every_pattern(text)


def _every_pattern(text):
    """The reference: every phrase regex tried one by one (what text_scores did before its word index)."""
    from knowledge.topics import _COMPILED, _EXCEPTION_IN_TEXT, _add_float_literals

    scores, matched = {}, {}
    if not text:
        return scores, matched
    for topic, patterns in _COMPILED.items():
        for phrase, pattern, weight in patterns:
            if pattern.search(text):
                scores[topic] = scores.get(topic, 0.0) + weight
                matched.setdefault(topic, []).append(phrase)
    for name in _EXCEPTION_IN_TEXT.findall(text):
        topic = topic_for_exception(name)
        scores[topic] = scores.get(topic, 0.0) + 1.6
        matched.setdefault(topic, []).append(name)
    _add_float_literals(text, scores, matched)
    return scores, matched


def test_every_phrase_is_reachable_through_the_index():
    # Each phrase, alone as the text, must be found: a phrase filed under the wrong word would never run.
    from knowledge.topics import KEYWORDS, text_scores

    for topic, phrases in KEYWORDS.items():
        for phrase in phrases:
            assert phrase in text_scores(f"about {phrase} here")[1].get(topic, []), (topic, phrase)
