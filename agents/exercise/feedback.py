"""Feedback on a graded submission that points at the first failing case without handing out the answer."""
from __future__ import annotations


def grade_of(passed: int, total: int) -> float:
    return round(100.0 * passed / total, 2) if total else 0.0


def feedback(grade_result, tests: list[dict]) -> str:
    total, passed = grade_result.total, grade_result.passed
    if grade_result.status == "syntax_error":
        return (f"Your code could not be run: {grade_result.error}. Fix the syntax error first; "
                "the line number tells you where Python got confused.")
    if grade_result.status in ("timeout", "memory_limit", "output_limit", "killed"):
        reason = {"timeout": "took too long (is there a loop that never ends?)",
                  "memory_limit": "used too much memory (does a list keep growing?)",
                  "output_limit": "printed far too much output",
                  "killed": "was stopped by the sandbox"}[grade_result.status]
        return f"Your submission {reason}. {passed}/{total} tests passed before that."
    if passed == total:
        return f"All {total} tests passed. Well done!"
    by_id = {t["id"]: t for t in tests}
    first = next(r for r in grade_result.results if not r.passed)
    test = by_id.get(first.id, {})
    call = test.get("call") or "running your program"
    if test.get("hidden"):  # its input, expected value and output are not the student's to see
        detail = "a hidden test did not pass (its input and expected result are not shown)"
    elif first.error:
        detail = f"`{call}` raised {first.error.splitlines()[-1] if first.error.strip() else 'an error'}"
    elif test.get("kind") == "stdout":
        detail = f"the output of `{call}` was not what the task asks for (compare line by line)"
    else:
        detail = f"`{call}` returned {first.got}, which is not the expected result"
    return (f"{passed}/{total} tests passed. The first failing test is {first.id}: {detail}. "
            "Think about which case it covers (empty input? the last element? negative numbers?) "
            "and ask for a hint if you are stuck.")
