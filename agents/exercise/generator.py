"""New exercises written by Claude, saved only after their reference solution passes their own tests
in the sandbox (and the starter code does not). Used when the bank has nothing fresh for the student."""
from __future__ import annotations

import json
import logging
import re

log = logging.getLogger("learnflow.exercise.generator")

_SYSTEM = (
    "You write Python practice exercises for students. Reply with ONE JSON object only, no prose: "
    '{"title": str, "problem_text": str (< 900 chars, names the function and shows an example), '
    '"starter_code": str (signature + docstring + pass), "solution_code": str, '
    '"tests": [{"id": "t1", "kind": "call", "call": "f(1)", "expected": "repr of the value"} ...at least 4, '
    'with edge cases], "hints": [3 progressive hints, never the full solution], "tags": [str]}. '
    "Standard library only, deterministic, fast.")


class GeneratedExerciseRejected(ValueError):
    pass


def parse(text: str, topic: str, difficulty: str) -> dict:
    """Strict structural checks on the model's JSON (never eval'd)."""
    match = re.search(r"\{.*\}", text or "", re.S)
    if not match:
        raise GeneratedExerciseRejected("no JSON object in the reply")
    try:
        data = json.loads(match.group(0))
    except ValueError as exc:
        raise GeneratedExerciseRejected(f"invalid JSON: {exc}") from exc
    for key in ("title", "problem_text", "starter_code", "solution_code"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise GeneratedExerciseRejected(f"missing {key}")
    if len(data["problem_text"]) >= 1000:
        raise GeneratedExerciseRejected("problem_text too long")
    tests = data.get("tests")
    if not isinstance(tests, list) or len(tests) < 3:
        raise GeneratedExerciseRejected("fewer than 3 tests")
    clean_tests = []
    for index, test in enumerate(tests):
        if not isinstance(test, dict) or test.get("kind", "call") not in ("call", "stdout"):
            raise GeneratedExerciseRejected(f"bad test {index}")
        clean_tests.append({"id": str(test.get("id") or f"t{index + 1}")[:64], "kind": test.get("kind", "call"),
                            "call": str(test.get("call", ""))[:2000], "expected": str(test.get("expected", ""))[:10000],
                            "stdin": str(test.get("stdin", ""))[:10000]})
    if len({t["id"] for t in clean_tests}) != len(clean_tests):
        raise GeneratedExerciseRejected("duplicate test ids")
    hints = [str(h)[:500] for h in data.get("hints") or [] if str(h).strip()][:5]
    if data["solution_code"].strip() in " ".join(hints):
        raise GeneratedExerciseRejected("a hint gives the solution away")
    return {"title": data["title"].strip()[:200], "topic": topic, "difficulty": difficulty,
            "problem_text": data["problem_text"].strip(), "starter_code": data["starter_code"],
            "solution_code": data["solution_code"], "tests": clean_tests, "hints": hints,
            "tags": [str(t)[:50] for t in data.get("tags") or []][:10] + ["generated"]}


async def generate(claude, sandbox, topic: str, difficulty: str, avoid: list[str]) -> dict | None:
    """A verified new exercise, or None (model failure, or the exercise did not verify)."""
    from sandbox import TestCase

    prompt = (f"Topic: {topic}. Difficulty: {difficulty}. Do not repeat these exercises: "
              f"{', '.join(avoid[:20]) or 'none'}.")
    text = await claude.complete(_SYSTEM, prompt, max_tokens=1500)
    if not text:
        return None
    try:
        exercise = parse(text, topic, difficulty)
    except GeneratedExerciseRejected as exc:
        log.warning("generated exercise rejected", extra={"reason": str(exc)})
        return None
    cases = [TestCase(id=t["id"], kind=t["kind"], call=t["call"], expected=t["expected"], stdin=t["stdin"])
             for t in exercise["tests"]]
    reference = await sandbox.grade(exercise["solution_code"], cases)
    if reference.status != "ok" or reference.passed != reference.total:
        log.warning("generated exercise rejected", extra={"reason": "reference solution fails its tests"})
        return None
    starter = await sandbox.grade(exercise["starter_code"], cases)
    if starter.passed == starter.total:
        log.warning("generated exercise rejected", extra={"reason": "starter code already passes"})
        return None
    return exercise
