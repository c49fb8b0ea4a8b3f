"""Conversation memory through Envoy: sessions, follow-ups resolved against the session's own turns."""
from __future__ import annotations

from learnflow.v1 import enums_pb2

from server import enums


def _conversation(db, query_id: str) -> dict:
    row = db.execute("SELECT session_id, current_module, session_data FROM session_context WHERE query_id = %s",
                     (query_id,)).fetchone()
    return {"session_id": row["session_id"], "topic": row["current_module"], **row["session_data"]["conversation"]}


def test_ask_without_a_session_gets_a_new_one(client, db):
    first = client.ask("What is a tuple?")
    second = client.ask("What is a set?")
    assert first.query.session_id and second.query.session_id
    assert first.query.session_id != second.query.session_id
    row = db.execute("SELECT session_id FROM query_history WHERE query_id = %s", (first.query.query_id,)).fetchone()
    assert row["session_id"] == first.query.session_id
    same = client.ask("and what about lists?", session_id=first.query.session_id)
    assert same.query.session_id == first.query.session_id
    assert _conversation(db, same.query.query_id)["turns"] == 1


def test_harder_exercise_follow_up_stays_on_the_topic(client, db):
    first = client.ask("exercise on loops")
    assert enums.agent(first.routing.routed_to_agent) == "exercise"
    assert first.response.metadata["topic"] == "loops"
    assert first.response.metadata["difficulty"] == "beginner"
    harder = client.ask("give me a harder one", session_id=first.query.session_id)
    assert enums.agent(harder.routing.routed_to_agent) == "exercise"
    assert harder.response.metadata["topic"] == "loops"
    assert harder.response.metadata["difficulty"] == "intermediate"
    assert harder.response.metadata["exercise_id"] != first.response.metadata["exercise_id"]
    assert _conversation(db, harder.query.query_id)["follow_up"] == "harder"
    easier = client.ask("that was too hard, an easier one please", session_id=first.query.session_id)
    assert easier.response.metadata["topic"] == "loops"
    assert easier.response.metadata["difficulty"] == "beginner"


def test_another_example_goes_back_to_concepts_with_the_topic(client, db):
    first = client.ask("what is a list")
    follow = client.ask("can you show another example?", session_id=first.query.session_id)
    assert enums.agent(follow.routing.routed_to_agent) == "concepts"
    assert follow.routing.detected_intent == enums_pb2.INTENT_CONCEPTS
    assert "follow-up" in follow.routing.reasoning
    conversation = _conversation(db, follow.query.query_id)
    assert conversation["follow_up"] == "another_example"
    assert conversation["topic"] == "lists"
    assert conversation["previous_query_id"] == first.query.query_id


def test_a_question_about_the_reviewed_code_is_reviewed_again_with_that_code(client, db):
    code = "def join_all(parts):\n    text = ''\n    for part in parts:\n        text += part + ','\n    return text\n"
    first = client.ask("can you review this?", code=code)
    assert enums.agent(first.routing.routed_to_agent) == "code-review"
    follow = client.ask("will it scale to a huge list?", session_id=first.query.session_id)
    assert enums.agent(follow.routing.routed_to_agent) == "code-review"
    assert _conversation(db, follow.query.query_id)["follow_up"] == "about_the_code"
    assert "join" in follow.response.response_text          # the carried code's loop of += gets the str.join rewrite


def test_follow_ups_in_other_sessions_do_not_see_the_first_session(make_client, db):
    alice, bob = make_client(), make_client()
    first = alice.ask("what is a list")
    elsewhere = alice.ask("can you show another example?")            # a new session of the same student
    conversation = _conversation(db, elsewhere.query.query_id)
    assert conversation["turns"] == 0 and conversation["follow_up"] == "none" and conversation["topic"] != "lists"
    intruder = bob.ask("can you show another example?", session_id=first.query.session_id)
    conversation = _conversation(db, intruder.query.query_id)
    assert conversation["turns"] == 0 and conversation["follow_up"] == "none" and conversation["topic"] != "lists"
