"""Pure logic of conversation memory: turns from rows, follow-up resolution, exercise difficulty steps,
and the progress answers' choice of what to say (the mesh tests cover the same through Envoy)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from learnflow.v1 import common_pb2, entities_pb2, enums_pb2

from agents.exercise.catalog import follow_up_target
from agents.progress import answers, asks
from agents.progress.evidence import Evidence, TopicStats
from agents.triage import memory
from agents.triage.classifier import classify


def _row(i, text, intent, agent, topic, answer="An answer long enough.", meta=None, code=None):
    return {"query_id": f"00000000-0000-0000-0000-00000000000{i}", "query_text": text, "code_snippet": code,
            "detected_intent": intent, "routed_to_agent": agent, "timestamp": datetime.now(timezone.utc),
            "topic": topic, "response_text": answer, "metadata": meta or {}}


def test_turns_are_oldest_first_capped_and_excerpted():
    rows = [_row(i % 10, f"q{i}", "concepts", "concepts", "lists", "x" * 5000) for i in range(12)]  # newest first
    turns = memory.turns(rows)
    assert len(turns) == memory.MAX_TURNS
    assert [t.query_text for t in turns] == [f"q{i}" for i in range(9, -1, -1)]
    assert all(len(t.answer_excerpt) == memory.EXCERPT_CHARS for t in turns)


def test_exercise_turn_carries_its_topic_and_difficulty():
    turn = memory.turns([_row(1, "exercise on loops", "exercise", "exercise", None,
                              meta={"topic": "loops", "difficulty": "beginner", "exercise_id": "e1"})])[0]
    assert turn.topic == "loops" and turn.exercise_id == "e1"
    assert turn.difficulty == enums_pb2.SKILL_LEVEL_BEGINNER


def test_follow_up_inherits_topic_and_agent():
    history = memory.turns([_row(1, "what is a list", "concepts", "concepts", "lists")])
    result = classify("can you show another example?", None, memory.previous_intent(history))
    res = memory.resolve(result, history, None, "")
    assert (res.intent, res.follow_up, res.topic) == ("concepts", "another_example", "lists")
    assert memory.FOLLOW_UP_ENUM[res.follow_up] == common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE


def test_no_history_no_follow_up_and_own_topic_wins():
    result = classify("can you show another example?")
    assert memory.resolve(result, [], None, "").follow_up == "none"
    history = memory.turns([_row(1, "what is a list", "concepts", "concepts", "lists")])
    res = memory.resolve(classify("what about dictionaries?", None, "concepts"), history, "dictionaries", "")
    assert res.topic == "dictionaries"


def test_code_follow_up_carries_the_previous_code():
    history = memory.turns([_row(1, "why does this crash", "debug", "debug", "lists", code="print([][1])")])
    res = memory.resolve(classify("how do I avoid this next time?", None, "debug"), history, None, "")
    assert res.intent == "debug" and res.follow_up == "prevention" and res.carried_code == "print([][1])"


def test_difficulty_steps():
    assert follow_up_target("harder", "loops", "beginner") == ("loops", "intermediate")
    assert follow_up_target("harder", "loops", "advanced") == ("loops", "advanced")
    assert follow_up_target("easier", "loops", "intermediate") == ("loops", "beginner")
    assert follow_up_target("another_example", "loops", "intermediate") == ("loops", "intermediate")
    assert follow_up_target("more_detail", "loops", "beginner") is None


def _progress(levels):
    p = entities_pb2.LearningProgress()
    p.python_mastery_levels.update(levels)
    return p


def test_progress_recommends_only_real_topics_with_a_reason():
    ev = Evidence(topics={"recursion": TopicStats("recursion", attempts=3, passes=0),
                          "general-python": TopicStats("general-python", questions=9),
                          "lists": TopicStats("lists", questions=2)},
                  exercise_topics={"recursion", "lists", "loops", "variables"})
    progress = _progress({"recursion": 0.1, "general-python": 0.23})
    recs = answers.recommendations(progress, ev)
    assert [t for t, _ in recs][:3] == ["recursion", "lists", "variables"]
    assert "3 graded attempts, 0 passed" in recs[0][1] and "asked about it 2 times" in recs[1][1]
    assert all(t != "general-python" for t, _ in recs)
    assert answers.weak_topics(progress, ev) == ["recursion"]    # the question-only topic is not weak


def test_streak_counts_back_from_today_or_yesterday():
    today = date(2026, 12, 2)
    ev = Evidence(active_days=[today - timedelta(days=d) for d in (1, 2, 3, 5)])
    assert answers.streak(ev, today) == (3, False)
    assert "3-day streak" in answers.answer("streak", _progress({}), ev, "Ann", today)


def test_progress_aspects():
    for text, aspect in [("do I have a streak?", "streak"), ("what topics am I weak at?", "weak"),
                         ("what should I learn next", "next"), ("can u show my learning report", "report"),
                         ("am I better than last week?", "change"), ("which topics have I mastered", "strong")]:
        assert asks.aspect(text)[0] == aspect, text
