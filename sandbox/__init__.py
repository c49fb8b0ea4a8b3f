"""LearnFlow sandbox: run untrusted student Python in an isolated, limited process.

    async with Sandbox() as sb:
        result = await sb.run("print(1/0)")          # RunResult(status="exception", line=1, ...)
        grade = await sb.grade(code, [TestCase("1", "call", "f(2)", "4")])

See ``sandbox/README.md`` for the isolation layers, limits and grading protocol.
"""
import asyncio

from .core import Sandbox
from .limits import Limits
from .results import Frame, GradeResult, RunResult, SandboxBusy, TestCase, TestResult

__all__ = ["Sandbox", "Limits", "RunResult", "Frame", "TestCase", "TestResult", "GradeResult", "SandboxBusy",
           "run_sync", "grade_sync"]


def run_sync(code: str, stdin: str = "", limits: Limits | None = None) -> RunResult:
    """Blocking convenience for scripts (starts and stops a private Sandbox)."""
    async def go():
        async with Sandbox(limits=limits) as sb:
            return await sb.run(code, stdin)
    return asyncio.run(go())


def grade_sync(code: str, tests: list[TestCase], setup_code: str = "", limits: Limits | None = None) -> GradeResult:
    """Blocking convenience for scripts (starts and stops a private Sandbox)."""
    async def go():
        async with Sandbox(limits=limits) as sb:
            return await sb.grade(code, tests, setup_code)
    return asyncio.run(go())
