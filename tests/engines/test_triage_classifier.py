"""Triage classifier (the trained model): intent on varied phrasings (written for these tests, not the dev
set), confidence, reasoning text, typo tolerance, code cues, follow-ups with the previous intent, the
held-out accuracy of the trained model, and the run-time scorer agreeing with sklearn."""
from __future__ import annotations

import pytest

from agents.triage.classifier import INTENT_TO_AGENT, Classification, classify

FUNC = "def f(x):\n    return x * 2\n"
LOOP = "nums = [3, 1, 2]\nfor i in range(len(nums)):\n    print(nums[i])\n"

CASES = [
("explain this error: TypeError: unsupported operand type(s) for +: 'int' and 'str'", None, "debug"),
("what is a KeyError?", None, "concepts"),
("What does ValueError mean in Python?", None, "concepts"),
("can you check my code for style", FUNC, "code_review"),
("give me a harder one", None, "exercise"),
("quiz me on dicts", None, "exercise"),
("what topics am I weak at", None, "progress"),
("which topics should I review next?", None, "progress"),
("did I get better at recursion this week?", None, "progress"),
("how far along am I", None, "progress"),
("why would I use a generator instead of a list", None, "concepts"),
("is a tuple faster than a list?", None, "concepts"),
("how can I make this faster?", LOOP, "code_review"),
("what concepts should I revise before the exam", None, "progress"),
("What's a lambda?", None, "concepts"),
("how do decorators work", None, "concepts"),
("difference between append and extend", None, "concepts"),
("why do we need __init__ in classes?", None, "concepts"),
("what are generators used for", None, "concepts"),
("I'm confused about scope", None, "concepts"),
("teach me about sets", None, "concepts"),
("is a string mutable?", None, "concepts"),
("how are dictionaries implemented", None, "concepts"),
("Can you explain what self means", None, "concepts"),
("why doesn't this work", FUNC, "debug"),
("my code gives the wrong output", FUNC, "debug"),
("Traceback (most recent call last):\n  File \"a.py\", line 2, in <module>\n    print(x)\nNameError: name 'x' is not defined", None, "debug"),
("it prints None instead of the sum", FUNC, "debug"),
("the loop runs forever", "while True:\n    pass", "debug"),
("got an eror when running this", FUNC, "debug"),
("AttributeError: 'list' object has no attribute 'push'", "a=[]\na.push(1)", "debug"),
("my function is broken", FUNC, "debug"),
("it keeps saying index out of range", FUNC, "debug"),
("why is the result 0?", FUNC, "debug"),
("help me fix this", FUNC, "debug"),
("Why does python say my variable is not defined?", None, "debug"),
("my program crashes when I enter letters", None, "debug"),
("I keep getting a RecursionError", None, "debug"),
("", FUNC, "code_review"),
("here's my code", FUNC, "code_review"),
("thoughts?", FUNC, "code_review"),
("how can I make this cleaner", FUNC, "code_review"),
("is this the best way to do it?", FUNC, "code_review"),
("could you reveiw my solution", FUNC, "code_review"),
("refactor this please", FUNC, "code_review"),
("does this follow PEP 8?", FUNC, "code_review"),
("it works but it's slow, can it be more efficient?", FUNC, "code_review"),
("any tips to improve this?", FUNC, "code_review"),
("rate my code", FUNC, "code_review"),
("give me an excercise on loops", None, "exercise"),
("I want to practice recursion", None, "exercise"),
("test me on functions", None, "exercise"),
("another one please", None, "exercise"),
("give me something to solve", None, "exercise"),
("can I have a challenge about strings", None, "exercise"),
("make me a problem using while loops", None, "exercise"),
("I'd like to try a problem on sorting", None, "exercise"),
("some practice questions about tuples?", None, "exercise"),
("one more, but easier", None, "exercise"),
("how am I doing?", None, "progress"),
("show my stats", None, "progress"),
("what should I learn next", None, "progress"),
("which topics have I completed", None, "progress"),
("how many exercises did I solve this week", None, "progress"),
("am I improving?", None, "progress"),
("what's my streak", None, "progress"),
("where am I struggling", None, "progress"),
("have I mastered loops yet?", None, "progress"),
("What are my strengths?", None, "progress"),
("how is my progres", None, "progress"),
("Do I have any badges", None, "progress"),
("What does this code do?", FUNC, "concepts"),
("what is recursion", None, "concepts"),
("explain try/except", None, "concepts"),
("How do I handle exceptions?", None, "concepts"),
("what's the difference between == and is", None, "concepts"),
("I don't get list slicing", None, "concepts"),
("hello", None, "concepts"),

("How does inheritance work in Python?", None, "concepts"),
("what's the use of the 'with' statement", None, "concepts"),
("Can someone explain *args and **kwargs?", None, "concepts"),
("tuples vs lists", None, "concepts"),
("what is an f-string", None, "concepts"),
("explain the GIL", None, "concepts"),
("how do I read a file line by line", None, "concepts"),
("what happens when you call a function", None, "concepts"),
("when does python raise a StopIteration", None, "concepts"),
("my sort function returns the list unchanged", LOOP, "debug"),
("IndexError: list index out of range", LOOP, "debug"),
("Why am I getting 'str' object is not callable", None, "debug"),
("this keeps looping and never ends", LOOP, "debug"),
("the answer should be 6 but I get 5", LOOP, "debug"),
("I ran it and nothing happens", LOOP, "debug"),
("ZeroDivisionError??", LOOP, "debug"),
("What's wrong with my code", LOOP, "debug"),
("is there a better way to write this?", LOOP, "code_review"),
("please critique", LOOP, "code_review"),
("make this more pythonic", LOOP, "code_review"),
("Is my code readable?", LOOP, "code_review"),
("how would a senior dev write this", LOOP, "code_review"),
("can you suggest improvements", LOOP, "code_review"),
("I need more practice with classes", None, "exercise"),
("Give me 3 problems on recursion", None, "exercise"),
("challenge me!", None, "exercise"),
("next exercise please", None, "exercise"),
("I want a task for list comprehensions", None, "exercise"),
("Could you set me a coding challenge", None, "exercise"),
("what level am I at", None, "progress"),
("Show me my dashboard", None, "progress"),
("What have I learned so far?", None, "progress"),
("which concepts do I struggle with", None, "progress"),
("what do you recommend I study next?", None, "progress"),
("how much have I improved this month", None, "progress"),
("What is my mastery score for functions?", None, "progress"),
]


@pytest.mark.parametrize("text,code,intent", CASES)
def test_intent(text, code, intent):
    result = classify(text, code)
    assert result.intent == intent, (text, result)


def test_case_set_is_broad():
    assert len(CASES) >= 60
    assert {i for _, _, i in CASES} == set(INTENT_TO_AGENT)


def test_confident_answers_are_mostly_right():
    confident = [(classify(t, c), i) for t, c, i in CASES]
    high = [(r, i) for r, i in confident if r.confidence >= 0.8]
    assert len(high) >= len(CASES) // 2
    assert sum(r.intent == i for r, i in high) / len(high) >= 0.95


def test_low_confidence_offers_the_second_intent():
    from agents.triage.classifier import LOW_CONFIDENCE, _reasoning

    text = _reasoning("concepts", "exercise", LOW_CONFIDENCE - 0.1, 0.3, ["'loops'"])
    assert "low confidence" in text and "could also be an exercise request" in text and "ask for an exercise" in text
    assert "could also" not in _reasoning("concepts", "exercise", 0.85, 0.14, ["'loops'"])


def test_close_calls_offer_the_runner_up_without_claiming_low_confidence():
    from agents.triage.classifier import LOW_CONFIDENCE, OFFER_BELOW, OFFER_MIN, _reasoning

    between = (LOW_CONFIDENCE + OFFER_BELOW) / 2
    text = _reasoning("concepts", "exercise", between, 1 - between, ["'loops'"])
    assert "could also be an exercise request" in text and "low confidence" not in text
    # a runner-up with almost nothing is not offered, however unsure the top is
    assert "could also" not in _reasoning("concepts", "exercise", between, OFFER_MIN - 0.01, ["'loops'"])
    assert "could also" not in _reasoning("concepts", "exercise", OFFER_BELOW, 1 - OFFER_BELOW, ["'loops'"])


@pytest.mark.parametrize("text", ["hello", "hmm", "?", "thanks"])
def test_chit_chat_goes_to_concepts(text):
    assert classify(text).intent == "concepts"


def test_mixed_signals_are_less_confident_than_clear_ones():
    # asks for practice AND reports an error: genuinely two intents
    mixed = classify("give me an exercise, my last one crashed with an error")
    assert mixed.confidence < classify("give me an exercise on loops").confidence
    assert mixed.second == "debug"          # the other intent is the runner-up the reasoning can offer


def test_result_shape_and_ranges():
    result = classify("Why does my code throw IndexError?", "arr = [1]\nprint(arr[5])")
    assert isinstance(result, Classification)
    assert result.intent == "debug" and 0.8 <= result.confidence <= 1.0
    assert "IndexError" in result.reasoning and "code" in result.reasoning
    assert result.reasoning.endswith(".") and result.reasoning[0].isupper()
    assert result.signals[0].startswith("model:debug=")
    assert INTENT_TO_AGENT[result.intent] == "debug"
    assert type(result.intent) is str and result.second != result.intent


def test_agent_names():
    assert INTENT_TO_AGENT == {"concepts": "concepts", "code_review": "code-review", "debug": "debug",
                               "exercise": "exercise", "progress": "progress"}


def test_exception_definition_vs_report():
    assert classify("what is a KeyError?").intent == "concepts"
    assert classify("what is a KeyError?", "d = {}\nd['x']").intent == "debug"
    assert classify("I keep getting a KeyError").intent == "debug"
    assert classify("explain this error: KeyError: 'bob'").intent == "debug"


def test_code_shifts_the_decision():
    # the same words lean differently with and without code
    assert classify("why?", FUNC).intent == "debug"
    assert classify("", FUNC).intent == "code_review"
    assert classify("   ", "   ").intent == "concepts"       # whitespace code counts as no code


def test_empty_code_string_is_no_code():
    assert classify("how am I doing?", "").intent == "progress"
    assert classify("how am I doing?", "").signals == classify("how am I doing?", None).signals


@pytest.mark.parametrize("text,intent", [
    ("gimme an excercise on loops", "exercise"),
    ("I get an eror on line 3", "debug"),
    ("can you reveiw this", "code_review"),
    ("how is my progres", "progress"),
    ("EXPLAIN RECURSION", "concepts"),
])
def test_typos_and_casing(text, intent):
    code = FUNC if intent == "code_review" else None
    result = classify(text, code)
    assert result.intent == intent


@pytest.mark.parametrize("text,intent", [
    # correct words that sit one letter from a cue word stay what they are (no rewriting step)
    ("I improved my loop, now what is a generator?", "concepts"),
    ("what are good practices for naming variables?", "concepts"),
    ("how many practices did I finish this week?", "progress"),
])
def test_correct_words_are_not_rewritten_into_cues(text, intent):
    assert classify(text).intent == intent


def test_traceback_inside_code_is_debug():
    code = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad"
    assert classify("", code).intent == "debug"


def test_long_input_is_handled():
    text = "please explain what a generator is " * 300
    result = classify(text, FUNC * 200)
    assert result.intent in INTENT_TO_AGENT and 0 <= result.confidence <= 1


@pytest.mark.parametrize("text,prev,intent,form", [
    ("can you show another example?", "concepts", "concepts", "another_example"),
    ("I still don't get it, simpler please", "concepts", "concepts", "simpler"),
    ("more detail please", "concepts", "concepts", "more_detail"),
    ("give me a harder one", "exercise", "exercise", "harder"),
    ("that was too hard, an easier one?", "exercise", "exercise", "easier"),
    ("and what is the base case?", "concepts", "concepts", "related_question"),
    ("how do I avoid this next time?", "debug", "debug", "prevention"),
    ("show me code for it", "concepts", "concepts", "show_code"),
    ("can u explain it simpler", "code_review", "code_review", "simpler"),
])
def test_follow_ups_keep_the_previous_intent_and_name_their_form(text, prev, intent, form):
    result = classify(text, None, prev)
    assert (result.intent, result.follow_up) == (intent, form), result


def test_previous_intent_does_not_override_a_clear_new_request():
    assert classify("what is a dictionary?", None, "exercise").intent == "concepts"
    assert classify("how am I doing overall?", None, "debug").intent == "progress"
    assert classify("give me an exercise on recursion", None, "concepts").follow_up == "none"


def test_held_out_accuracy_of_the_trained_model():
    from agents.triage import model as triage_model

    meta = triage_model.get().meta
    assert meta["messages"] >= 2000
    assert meta["holdout"]["n"] >= 400
    # held out by seed: every variant of a hand-written phrasing is on the test side, so these are unseen
    assert meta["holdout"]["accuracy"] >= 0.86, meta["holdout"]
    assert min(meta["holdout"]["per_intent"].values()) >= 0.75, meta["holdout"]


def test_corpus_is_varied():
    from agents.triage import train

    items = train.load_corpus()
    by_intent = {i: [x for x in items if x["intent"] == i] for i in INTENT_TO_AGENT}
    assert all(len(v) >= 400 for v in by_intent.values())
    assert len({x["text"] for x in items}) >= 0.8 * len(items)          # not one template repeated
    assert sum("Traceback" in (x["text"] + x.get("code", "")) for x in by_intent["debug"]) >= 50
    assert sum(len(x["text"].split()) >= 30 for x in items) >= 50         # paragraphs as well as one-liners
    assert sum(len(x["text"].split()) <= 2 for x in items) >= 100
    assert sum(x["follow_up"] != "none" for x in items) >= 300


def test_fast_scorer_equals_sklearn():
    """model.py computes the linear decision by hand; it must agree with sklearn's predict_proba."""
    import numpy as np

    from agents.triage import train
    from agents.triage.model import TriageModel

    items = train.load_corpus()[::7]
    artifact = train.fit(items)
    word, char, intent, follow = artifact.pop("_sk")
    fast = TriageModel(artifact)
    sample = items[:40] + [{"text": "Traceback (most recent call last):\n  File \"x\", line 1\nKeyError: 'a'",
                            "code": FUNC, "prev": "debug"}, {"text": "", "code": LOOP}]
    X = train._matrix((word, char), sample)
    expected = intent.predict_proba(X)
    expected_fu = follow.predict_proba(X)
    for row, item in enumerate(sample):
        got = fast.score(item["text"], item.get("code"), item.get("prev"))
        assert np.allclose([got.model_probabilities[c] for c in intent.classes_], expected[row], atol=1e-9)
        assert got.follow_up == follow.classes_[int(np.argmax(expected_fu[row]))]
