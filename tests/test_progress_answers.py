"""Progress answers what was asked, from the student's real records (through Envoy, Kafka and the consumer)."""
from __future__ import annotations

from learnflow.v1 import common_pb2, exercise_service_pb2 as ex

from server import enums
from tests.test_events_progress import wait_for


def _exercise(client, topic: str):
    return client.exercise.GenerateExercise(ex.GenerateExerciseRequest(context=common_pb2.TutorContext(), topic=topic),
                                            metadata=client.metadata).exercise


def _ask_progress(client, text: str):
    reply = client.ask(text)
    assert enums.agent(reply.routing.routed_to_agent) == "progress", (text, reply.routing.reasoning)
    return reply.response.metadata, reply.response.response_text


def test_asking_about_a_topic_is_not_evidence_of_weakness(client, db):
    client.ask("what is a list")
    client.ask("give me an exercise on loops")
    client.ask("hello there")                                  # no topic at all: no pseudo-topic evidence
    progress = wait_for(lambda: (p := client.get_progress().progress).total_queries >= 3 and p)
    assert "lists" not in progress.python_mastery_levels and "loops" not in progress.python_mastery_levels
    assert {"lists", "loops"} <= set(progress.topics_covered)
    topics = {r["topic"] for r in db.execute("SELECT topic FROM progress_evidence WHERE student_id = %s",
                                               (client.student_id,)).fetchall()}
    assert topics == {"lists", "loops"}
    meta, text = _ask_progress(client, "what topics am I weak at?")
    assert meta["aspect"] == "weak" and list(meta["weak_topics"]) == []
    assert "needs work" not in text and "no evidence of a weak topic" in text
    meta, text = _ask_progress(client, "what should I study next?")
    assert meta["aspect"] == "next" and meta["recommended_topic"] in ("lists", "loops")
    assert "general" not in text and "asked about it 1 time" in text


def test_each_question_gets_its_own_answer_with_evidence(make_client):
    client, teacher = make_client(), make_client(role="teacher")
    loops = _exercise(client, "loops")
    solution = teacher.exercise.GetExercise(ex.GetExerciseRequest(exercise_id=loops.exercise_id),
                                            metadata=teacher.metadata).exercise.solution_code
    client.submit(loops.exercise_id, solution)
    recursion = _exercise(client, "recursion")
    for _ in range(2):
        client.submit(recursion.exercise_id, "def wrong():\n    return None\n")
    wait_for(lambda: {"loops", "recursion"} <= set(client.get_progress().progress.python_mastery_levels))
    wait_for(lambda: len(client.get_progress().progress.topics) >= 2
             and sum(t.attempts_count for t in client.get_progress().progress.topics) >= 3)

    meta, text = _ask_progress(client, "what topics am I weak at?")
    assert meta["aspect"] == "weak" and list(meta["weak_topics"]) == ["recursion"]
    assert "recursion: mastery" in text and "2 graded attempts, 0 passed" in text and "loops" not in text

    meta, text = _ask_progress(client, "what am I good at")
    assert meta["aspect"] == "strong" and list(meta["strong_topics"]) == ["loops"]
    assert "1 graded attempt, 1 passed" in text

    meta, text = _ask_progress(client, "do I have a streak?")
    assert meta["aspect"] == "streak" and "1-day streak" in text

    meta, text = _ask_progress(client, "what should I learn next and why")
    assert meta["aspect"] == "next" and meta["recommended_topic"] == "recursion"
    assert "weakest topic" in text and "2 graded attempts" in text

    meta, text = _ask_progress(client, "did I improve compared to last week?")
    assert meta["aspect"] == "change" and "exercises submitted: 3 (was 0), passed: 1 (was 0)" in text

    meta, text = _ask_progress(client, "can u show my learning report")
    assert meta["aspect"] == "report"
    assert "1/1 passed (mastered)" in text or "1/1 passed" in text
    assert "0/2 passed (needs work)" in text and "general-python" not in text
