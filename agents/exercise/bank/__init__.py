"""The verified exercise bank: one JSON file per topic beside this module, loaded and validated here.

Every exercise carries a reference solution and automated tests; tests/exercise_bank grades each reference
solution (must pass) and each starter (must not pass) in the real sandbox, so the bank cannot drift into
exercises that are unsolvable or trivially passed. Validation here is structural only: it runs no code, so the
agent can load the bank at start-up cheaply and fail fast with a message naming the file, slug and field.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

BANK_DIR = Path(__file__).resolve().parent

TOPICS: tuple[str, ...] = (
    "variables", "strings", "lists", "tuples", "dictionaries", "sets", "conditionals", "loops", "functions",
    "recursion", "comprehensions", "exceptions", "classes", "generators", "sorting-searching", "file-io",
    "higher-order-functions",
)
DIFFICULTIES: tuple[str, ...] = ("beginner", "intermediate", "advanced")
TEST_KINDS: tuple[str, ...] = ("call", "stdout")
MAX_PROBLEM_CHARS = 1000
MIN_TESTS = 3
# Tests a student sees only as passed/failed, so a lookup table of the visible expectations cannot pass:
# those marked "hidden": true in the file, or else the last third of each exercise's tests (at least one).
HIDDEN_SHARE = 3

_REQUIRED = ("slug", "title", "topic", "difficulty", "problem_text", "starter_code", "solution_code", "tests",
             "hints", "tags", "estimated_minutes")


class BankError(ValueError):
    """A bank file is malformed; the message names the file, the exercise slug and the offending field."""

    def __init__(self, file: Path | str, slug: str | None, field: str, problem: str):
        self.file, self.slug, self.field = str(file), slug, field
        super().__init__(f"{Path(file).name}: exercise {slug or '?'!s}: field {field!r}: {problem}")


@dataclass(frozen=True)
class BankTest:
    id: str
    kind: str
    call: str
    expected: str
    stdin: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class BankExercise:
    slug: str
    title: str
    topic: str
    difficulty: str
    problem_text: str
    starter_code: str
    solution_code: str
    setup_code: str
    tests: tuple[BankTest, ...]
    hints: tuple[str, ...]
    tags: tuple[str, ...]
    estimated_minutes: int


def _text(raw: dict, key: str, file: Path, slug: str | None, *, allow_empty: bool = False) -> str:
    value = raw.get(key, "" if allow_empty else None)
    if not isinstance(value, str):
        raise BankError(file, slug, key, f"must be a string, got {type(value).__name__}")
    if not allow_empty and not value.strip():
        raise BankError(file, slug, key, "must not be empty")
    return value


def _tests(raw: dict, file: Path, slug: str) -> tuple[BankTest, ...]:
    items = raw.get("tests")
    if not isinstance(items, list) or len(items) < MIN_TESTS:
        raise BankError(file, slug, "tests", f"needs a list of at least {MIN_TESTS} tests")
    seen: set[str] = set()
    tests = []
    for i, item in enumerate(items):
        where = f"tests[{i}]"
        if not isinstance(item, dict):
            raise BankError(file, slug, where, "must be an object")
        for key in ("id", "kind", "call", "expected"):
            if not isinstance(item.get(key), str):
                raise BankError(file, slug, f"{where}.{key}", "must be a string")
        if item["kind"] not in TEST_KINDS:
            raise BankError(file, slug, f"{where}.kind", f"unknown kind {item['kind']!r}, expected one of {TEST_KINDS}")
        # A stdout test may leave `call` empty (the program's own top-level code is what runs); everything else
        # needs real text: a call test without an expression or expected value could never fail meaningfully.
        for key in ("id", "call", "expected") if item["kind"] == "call" else ("id",):
            if not item[key].strip():
                raise BankError(file, slug, f"{where}.{key}", "must not be empty")
        if item["id"] in seen:
            raise BankError(file, slug, f"{where}.id", f"duplicate test id {item['id']!r}")
        stdin = item.get("stdin", "")
        if not isinstance(stdin, str):
            raise BankError(file, slug, f"{where}.stdin", "must be a string")
        if item["kind"] == "call" and stdin:
            raise BankError(file, slug, f"{where}.stdin", "only stdout tests read stdin")
        hidden = item.get("hidden", False)
        if not isinstance(hidden, bool):
            raise BankError(file, slug, f"{where}.hidden", "must be true or false")
        seen.add(item["id"])
        tests.append(BankTest(item["id"], item["kind"], item["call"], item["expected"], stdin, hidden))
    if not any(t.hidden for t in tests):
        count = max(1, len(tests) // HIDDEN_SHARE)
        tests[-count:] = [BankTest(t.id, t.kind, t.call, t.expected, t.stdin, True) for t in tests[-count:]]
    if all(t.hidden for t in tests):
        raise BankError(file, slug, "tests", "at least one test must be visible")
    return tuple(tests)


def _strings(raw: dict, key: str, file: Path, slug: str, minimum: int) -> tuple[str, ...]:
    items = raw.get(key)
    if not isinstance(items, list) or len(items) < minimum or not all(isinstance(s, str) and s.strip() for s in items):
        raise BankError(file, slug, key, f"needs a list of at least {minimum} non-empty strings")
    return tuple(items)


def parse_exercise(raw: object, file: Path, expected_topic: str | None = None) -> BankExercise:
    """One exercise object from a bank file, validated; raises BankError on the first problem found."""
    if not isinstance(raw, dict):
        raise BankError(file, None, "<exercise>", "each exercise must be a JSON object")
    slug = raw.get("slug") if isinstance(raw.get("slug"), str) else None
    for key in _REQUIRED:
        if key not in raw:
            raise BankError(file, slug, key, "is missing")
    slug = _text(raw, "slug", file, slug)
    topic = _text(raw, "topic", file, slug)
    if topic not in TOPICS:
        raise BankError(file, slug, "topic", f"unknown topic {topic!r}")
    if expected_topic is not None and topic != expected_topic:
        raise BankError(file, slug, "topic", f"is {topic!r} but the file holds {expected_topic!r}")
    difficulty = _text(raw, "difficulty", file, slug)
    if difficulty not in DIFFICULTIES:
        raise BankError(file, slug, "difficulty", f"unknown difficulty {difficulty!r}, expected one of {DIFFICULTIES}")
    problem = _text(raw, "problem_text", file, slug)
    if len(problem) >= MAX_PROBLEM_CHARS:
        raise BankError(file, slug, "problem_text", f"is {len(problem)} characters, limit is {MAX_PROBLEM_CHARS - 1}")
    starter = _text(raw, "starter_code", file, slug)
    solution = _text(raw, "solution_code", file, slug)
    if starter.strip() == solution.strip():
        raise BankError(file, slug, "starter_code", "must not be the solution")
    minutes = raw.get("estimated_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 120:
        raise BankError(file, slug, "estimated_minutes", "must be an integer between 1 and 120")
    return BankExercise(
        slug=slug, title=_text(raw, "title", file, slug), topic=topic, difficulty=difficulty, problem_text=problem,
        starter_code=starter, solution_code=solution, setup_code=_text(raw, "setup_code", file, slug, allow_empty=True),
        tests=_tests(raw, file, slug), hints=_strings(raw, "hints", file, slug, 3),
        tags=_strings(raw, "tags", file, slug, 1), estimated_minutes=minutes)


def load_bank(path: Path | None = None) -> list[BankExercise]:
    """All exercises from `path` (a directory of <topic>.json files, or one such file); default: this package.

    Order is stable (by file name, then file order) so callers and tests see the same sequence every run.
    """
    root = Path(path) if path is not None else BANK_DIR
    files = [root] if root.is_file() else sorted(root.glob("*.json"))
    exercises: list[BankExercise] = []
    seen: dict[str, Path] = {}
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise BankError(file, None, "<file>", f"cannot be read as JSON: {exc}") from exc
        if not isinstance(data, list):
            raise BankError(file, None, "<file>", "must hold a JSON list of exercises")
        expected_topic = file.stem if file.stem in TOPICS else None
        for raw in data:
            exercise = parse_exercise(raw, file, expected_topic)
            if exercise.slug in seen:
                raise BankError(file, exercise.slug, "slug", f"duplicate, also in {seen[exercise.slug].name}")
            seen[exercise.slug] = file
            exercises.append(exercise)
    return exercises


def by_topic(exercises: list[BankExercise] | None = None) -> dict[str, list[BankExercise]]:
    """Exercises grouped by topic id, in TOPICS order (topics without exercises are left out)."""
    grouped: dict[str, list[BankExercise]] = {}
    for ex in exercises if exercises is not None else load_bank():
        grouped.setdefault(ex.topic, []).append(ex)
    return {t: grouped[t] for t in TOPICS if t in grouped}


__all__ = ["BANK_DIR", "TOPICS", "DIFFICULTIES", "TEST_KINDS", "BankError", "BankTest", "BankExercise",
           "load_bank", "parse_exercise", "by_topic"]
