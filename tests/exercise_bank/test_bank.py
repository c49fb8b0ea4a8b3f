"""The exercise bank: structure, and every exercise graded in the real sandbox.

Grading is what makes the bank trustworthy: each reference solution must pass all of its tests, each starter
must fail at least one (so tests cannot pass trivially), and for a handful of exercises the typical beginner
mistake (off-by-one, missing edge case, printing instead of returning, ...) must be caught.
All grading happens once per session through one Sandbox, concurrently, and the parametrised tests read from it.
"""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from agents.exercise.bank import DIFFICULTIES, TOPICS, BankError, BankExercise, load_bank

BANK = load_bank()
BY_SLUG = {ex.slug: ex for ex in BANK}

# slug -> plausible wrong solutions a beginner writes; each must fail at least one test.
WRONG = {
    "loops-sum-to-n": ["def sum_to(n):\n    return sum(range(n))\n"],                       # off by one
    "loops-print-countdown": ["def countdown(n):\n    for i in range(n, 0, -1):\n        print(i)\n"],  # no Liftoff
    "loops-multiplication-table": [
        "def times_table(n):\n"
        "    return '\\n'.join(' '.join(str(i*j) for j in range(1, n+1)) for i in range(1, n+1))\n"],
    "lists-max-without-max": ["def largest(numbers):\n    best = 0\n    for n in numbers:\n"
                              "        if n > best:\n            best = n\n    return best\n"],  # fails all-negative
    "lists-rotate": ["def rotate(items, k):\n    return items[-k:] + items[:-k]\n"],            # k = 0 / k > len
    "lists-remove-duplicates": ["def dedupe(items):\n    return list(set(items))\n"],           # loses order
    "strings-count-vowels": ["def count_vowels(text):\n    return sum(ch in 'aeiou' for ch in text)\n"],  # case
    "conditionals-grade-letter": ["def letter_grade(score):\n    if score > 90:\n        return 'A'\n"
                                  "    if score > 80:\n        return 'B'\n    if score > 70:\n        return 'C'\n"
                                  "    if score > 60:\n        return 'D'\n    return 'F'\n"],  # boundary
    "conditionals-leap-year": ["def is_leap(year):\n    return year % 4 == 0\n"],
    "conditionals-fizzbuzz-one": ["def fizzbuzz(n):\n    if n % 3 == 0:\n        return 'Fizz'\n"
                                  "    if n % 5 == 0:\n        return 'Buzz'\n    if n % 15 == 0:\n"
                                  "        return 'FizzBuzz'\n    return str(n)\n"],  # wrong order of checks
    "recursion-factorial": ["def factorial(n):\n    if n == 1:\n        return 1\n    return n * factorial(n - 1)\n"],
    "sorting-searching-first-at-least": ["def first_at_least(sorted_items, x):\n    lo, hi = 0, len(sorted_items) - 1\n"
                                         "    while lo < hi:\n        mid = (lo + hi) // 2\n"
                                         "        if sorted_items[mid] < x:\n            lo = mid + 1\n"
                                         "        else:\n            hi = mid\n    return lo\n"],
    "dictionaries-merge-scores": ["def merge_scores(a, b):\n    for p, v in b.items():\n"
                                  "        a[p] = a.get(p, 0) + v\n    return a\n"],  # mutates the input
    "exceptions-retry": ["def retry(operation, attempts):\n    for _ in range(attempts):\n        try:\n"
                         "            return operation()\n        except Exception:\n            pass\n"],  # swallows
    "higher-order-functions-memoize": ["def memoize(func):\n    def wrapper(*args):\n        return func(*args)\n"
                                       "    wrapper.cache = {}\n    return wrapper\n"],  # no caching
    "strings-banner": ["def banner(text):\n    print('*' * len(text))\n    print(f'* {text} *')\n"
                       "    print('*' * len(text))\n"],                                   # frame too narrow
    "conditionals-guessing-game": ["def guessing_game(secret):\n    tries = 0\n    while True:\n"
                                   "        guess = int(input())\n        tries += 1\n        if guess < secret:\n"
                                   "            print('Too low')\n        elif guess > secret:\n"
                                   "            print('Too high')\n        else:\n"
                                   "            print(f'Correct! You needed {tries} guesses.')\n            return\n"],
    "exceptions-ask-until-number": ["def ask_number():\n    while True:\n        try:\n"
                                    "            n = int(input())\n            print(f'Got {n}')\n"
                                    "        except ValueError:\n            print('Not a number, try again')\n"],
    "loops-read-until-done": ["def add_inputs():\n    total = 0\n    while True:\n        line = input()\n"
                              "        if line == 'done':\n            break\n        total += int(line)\n"
                              "    return total\n"],  # returns instead of printing
}


def _grade_all() -> dict[tuple[str, str, int], object]:
    """Grade solutions, starters and wrong solutions concurrently in one Sandbox; keyed by (slug, role, index)."""
    from agents.exercise.bank.verify import grade_codes

    keys, jobs = [], []
    for ex in BANK:
        candidates = [("solution", ex.solution_code), ("starter", ex.starter_code)]
        candidates += [("wrong", code) for code in WRONG.get(ex.slug, ())]
        for role, code in candidates:
            keys.append((ex.slug, role, sum(k[:2] == (ex.slug, role) for k in keys)))
            jobs.append((ex, role, code))
    return dict(zip(keys, asyncio.run(grade_codes(jobs))))


@pytest.fixture(scope="session")
def graded():
    pytest.importorskip("sandbox", reason="the sandbox package has not landed yet")
    return _grade_all()


# ---------------------------------------------------------------- structure

def test_bank_size_and_coverage():
    assert len(BANK) >= 66
    topics = Counter(ex.topic for ex in BANK)
    assert len(topics) >= 14
    assert set(topics) <= set(TOPICS)
    full = [t for t in topics if {ex.difficulty for ex in BANK if ex.topic == t} == set(DIFFICULTIES)]
    assert len(full) >= len(topics) * 3 // 4, f"topics with all three difficulties: {full}"


def test_one_file_per_topic_and_stable_slugs():
    bank_dir = Path(load_bank.__globals__["BANK_DIR"])
    for file in bank_dir.glob("*.json"):
        assert file.stem in TOPICS
        for raw in json.loads(file.read_text()):
            assert raw["topic"] == file.stem
            assert raw["slug"] == raw["slug"].lower() and " " not in raw["slug"]


@pytest.mark.parametrize("ex", BANK, ids=lambda ex: ex.slug)
def test_exercise_content(ex: BankExercise):
    assert len(ex.problem_text) < 1000
    assert len(ex.hints) == 3 and len(set(ex.hints)) == 3
    assert len(ex.tests) >= 3 and len({t.id for t in ex.tests}) == len(ex.tests)
    assert all(t.kind in ("call", "stdout") for t in ex.tests)
    assert ex.solution_code.strip() not in ex.starter_code
    for hint in ex.hints:   # a hint is a step, never the whole reference solution pasted in
        assert ex.solution_code.strip() not in hint
    # ...nor spread over the three hints: some substantive line of the solution must be left for the student.
    lines = [line.strip() for line in ex.solution_code.splitlines()]
    lines = [line for line in lines if len(line) >= 20 and not line.startswith(("def ", "class ", "import ", "from "))]
    assert not lines or not all(line in " ".join(ex.hints) for line in lines), "the hints spell out the solution"
    compile(ex.starter_code, f"{ex.slug}:starter", "exec")
    compile(ex.solution_code, f"{ex.slug}:solution", "exec")
    compile(ex.setup_code, f"{ex.slug}:setup", "exec")
    assert 1 <= ex.estimated_minutes <= 60


def _write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def _valid(**changes) -> dict:
    raw = {"slug": "x-one", "title": "One", "topic": "loops", "difficulty": "beginner", "problem_text": "Write f().",
           "starter_code": "def f():\n    pass\n", "solution_code": "def f():\n    return 1\n", "setup_code": "",
           "tests": [{"id": f"t{i}", "kind": "call", "call": "f()", "expected": "1"} for i in range(3)],
           "hints": ["a", "b", "c"], "tags": ["x"], "estimated_minutes": 5}
    raw.update(changes)
    return raw


@pytest.mark.parametrize("changes, field", [
    ({"topic": "astrology"}, "topic"),
    ({"difficulty": "expert"}, "difficulty"),
    ({"problem_text": "x" * 1000}, "problem_text"),
    ({"tests": [{"id": "t1", "kind": "call", "call": "f()", "expected": "1"}]}, "tests"),
    ({"tests": [{"id": f"t{i}", "kind": "magic", "call": "f()", "expected": "1"} for i in range(3)]}, "tests[0].kind"),
    ({"tests": [{"id": f"t{i}", "kind": "call", "call": " ", "expected": "1"} for i in range(3)]}, "tests[0].call"),
    ({"tests": [{"id": "t1", "kind": "call", "call": "f()", "expected": "1"}] * 3}, "tests[1].id"),
    ({"tests": [{"id": f"t{i}", "kind": "call", "call": "f()", "expected": "1", "stdin": "x"} for i in range(3)]},
     "tests[0].stdin"),
    ({"starter_code": "def f():\n    return 1\n"}, "starter_code"),
    ({"slug": ""}, "slug"),
    ({"hints": ["only one"]}, "hints"),
    ({"estimated_minutes": "5"}, "estimated_minutes"),
])
def test_loader_rejects_bad_exercises(tmp_path, changes, field):
    path = _write(tmp_path, "loops.json", [_valid(**changes)])
    with pytest.raises(BankError) as info:
        load_bank(path)
    slug = changes.get("slug", "x-one")
    assert info.value.field == field and info.value.slug == slug
    assert "loops.json" in str(info.value) and (slug or "?") in str(info.value) and field in str(info.value)


def test_loader_rejects_duplicate_slugs_across_files(tmp_path):
    _write(tmp_path, "loops.json", [_valid()])
    _write(tmp_path, "sets.json", [_valid(topic="sets")])
    with pytest.raises(BankError, match="duplicate"):
        load_bank(tmp_path)


def test_loader_rejects_topic_not_matching_file(tmp_path):
    with pytest.raises(BankError, match="topic"):
        load_bank(_write(tmp_path, "sets.json", [_valid()]))


def test_loader_allows_program_style_stdout_tests(tmp_path):
    tests = [{"id": f"t{i}", "kind": "stdout", "call": "", "stdin": str(i), "expected": str(i)} for i in range(3)]
    (ex,) = load_bank(_write(tmp_path, "loops.json", [_valid(tests=tests)]))
    assert [t.stdin for t in ex.tests] == ["0", "1", "2"] and ex.tests[0].call == ""


def test_loader_accepts_valid_directory(tmp_path):
    _write(tmp_path, "loops.json", [_valid(), _valid(slug="x-two")])
    loaded = load_bank(tmp_path)
    assert [ex.slug for ex in loaded] == ["x-one", "x-two"]
    assert loaded[0].tests[0].stdin == "" and isinstance(loaded[0].hints, tuple)


# ---------------------------------------------------------------- grading in the real sandbox

@pytest.mark.parametrize("slug", list(BY_SLUG))
def test_reference_solution_passes(graded, slug):
    check = graded[(slug, "solution", 0)]
    assert check.status == "ok" and check.passed == check.total == len(BY_SLUG[slug].tests), check.failures


@pytest.mark.parametrize("slug", list(BY_SLUG))
def test_starter_does_not_pass(graded, slug):
    check = graded[(slug, "starter", 0)]
    assert check.passed < check.total or check.status != "ok"


@pytest.mark.parametrize("slug, index", [(s, i) for s, codes in WRONG.items() for i in range(len(codes))])
def test_typical_wrong_solution_is_caught(graded, slug, index):
    check = graded[(slug, "wrong", index)]
    assert check.passed < check.total, f"{slug}: wrong solution #{index} passed every test"


def test_wrong_solutions_name_real_exercises():
    assert set(WRONG) <= set(BY_SLUG)


def test_verify_reports_weak_tests_and_broken_solutions():
    """The problem finder behind `python -m agents.exercise.bank.verify` flags both kinds of bank defect."""
    from agents.exercise.bank.verify import Check, problems
    ok = Check("a", "solution", "ok", 3, 3, 1.0, [])
    broken = Check("b", "solution", "ok", 2, 3, 1.0, ["t3: expected '1', got '2'"])
    weak = Check("c", "starter", "ok", 3, 3, 1.0, [])
    timeout = Check("d", "solution", "timeout", 0, 3, 1.0, ["status timeout"])
    found = problems([ok, broken, weak, timeout])
    assert len(found) == 3 and found[0].startswith("b:") and "too weak" in found[1] and found[2].startswith("d:")


def test_verify_cli_on_one_topic(capsys, tmp_path):
    pytest.importorskip("sandbox")
    from agents.exercise.bank.verify import main
    assert main(["--topic", "sets"]) == 0
    assert "problems: 0" in capsys.readouterr().out
    # A bank file whose starter already solves the exercise is reported and fails the run.
    raw = json.loads((Path(load_bank.__globals__["BANK_DIR"]) / "sets.json").read_text())[:1]
    raw[0]["starter_code"] = raw[0]["solution_code"] + "\n# same code\n"
    _write(tmp_path, "sets.json", raw)
    assert main(["--path", str(tmp_path)]) == 1
    assert "tests too weak" in capsys.readouterr().out
