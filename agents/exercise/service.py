"""ExerciseService: a verified bank, exercises chosen for the student, teacher-created exercises that are
saved only when their reference solution passes, and grading of all tests in one sandboxed run."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timezone

import grpc
from learnflow.v1 import (common_pb2, entities_pb2, events_pb2, exercise_service_pb2 as pb,
                          exercise_service_pb2_grpc as pb_grpc)

from agents import specialist
from knowledge.topics import detect_topics
from agents.exercise import catalog, repository as repo, visibility
from agents.exercise.feedback import feedback, grade_of
from db import records, state
from server import auth, enums, events, telemetry
from server.access import readable_student, refuse_inactive, require_active
from server.interceptors import invalid_argument_status, resource_exhausted_status
from server.validation import Violation

AGENT = "exercise"


def _sandbox_tests(tests: list[dict]):
    from sandbox import TestCase

    return [TestCase(id=t["id"], kind=t["kind"], call=t.get("call", ""), expected=t.get("expected", ""),
                     stdin=t.get("stdin", "")) for t in tests]


def _test_result(r, hidden: frozenset[str] = frozenset()) -> entities_pb2.TestResult:
    return entities_pb2.TestResult(test_id=r.id, passed=r.passed, expected=r.expected[:2000], got=(r.got or "")[:2000],
                                   error=(r.error or "")[:2000], duration_ms=float(r.duration_ms or 0),
                                   hidden=r.id in hidden)


def _hint_key(student_id: str, exercise_id: str) -> str:
    return f"exercise:hints:{student_id}:{exercise_id}"


class ExerciseServicer(pb_grpc.ExerciseServiceServicer):
    def __init__(self, runtime):
        self.rt = runtime
        from agents.llm import maybe_claude

        self.claude = maybe_claude(runtime.settings)

    async def _generate_new(self, conn, topic: str, difficulty: str) -> dict | None:
        """With Claude: a brand-new exercise, saved only once its reference solution passes in the sandbox."""
        from agents.exercise import generator

        avoid = await repo.titles_on(conn, topic)
        made = await generator.generate(self.claude, await self.rt.sandbox(), topic, difficulty, avoid)
        if made is None:
            return None
        row = await repo.insert_generated(conn, topic, difficulty, made)
        await conn.commit()
        return row

    async def _exercise(self, conn, context, exercise_id: str) -> dict:
        return await _found(context, await repo.exercise(conn, exercise_id), exercise_id)

    async def _hints_unlocked(self, conn, student_id: str, exercise_id: str) -> int:
        value = await state.get(conn, _hint_key(student_id, exercise_id))
        return int(value or 0)

    async def _message(self, conn, row, identity) -> entities_pb2.Exercise:
        unlocked = await self._hints_unlocked(conn, identity.student_id, str(row["exercise_id"]))
        return visibility.exercise_for(records.exercise(row, reveal_solution=identity.is_teacher,
                                                        hints_unlocked=unlocked), identity.is_teacher)

    async def GenerateExercise(self, request, context):
        started = time.perf_counter()
        identity = auth.require_identity()
        text = request.request_text
        topic = request.topic or next((t for t, _ in detect_topics(text)), None) if text or request.topic else None
        follow = _follow_up(request.context, topic)
        if follow is not None:          # "a harder one" after an exercise: same topic, next level
            topic = follow[0]
        elif topic is None and request.context.topic:
            topic = request.context.topic   # the conversation's topic ("give me an exercise" after "what is a list")
        given = tuple(t.exercise_id for t in request.context.recent_turns if t.exercise_id)
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            mastery = await repo.mastery_levels(conn, identity.student_id)
            if topic is None and mastery:  # no topic asked for: practise the weakest one
                topic = min(mastery, key=mastery.get)
            difficulty = enums.to_db("SkillLevel", request.difficulty) or (follow[1] if follow else None) or \
                catalog.difficulty_for(mastery.get(topic) if topic else None, text)
            row = await catalog.choose(conn, identity.student_id, topic, difficulty, given)
            reason = f"topic {topic}, difficulty {difficulty}" + (f" ({_FOLLOW_UP_WORDS[request.context.follow_up]}"
                                                                  " than the last one)" if follow else "")
            if self.claude is not None and topic and (row is None or row["solved"]):
                fresh = await self._generate_new(conn, topic, difficulty)
                if fresh is not None:
                    row, reason = fresh, f"new {difficulty} exercise on {topic}, verified in the sandbox"
            if row is None:  # no exercise on that topic yet: any topic, same difficulty
                row = await catalog.choose(conn, identity.student_id, None, difficulty)
                reason = f"no exercise on {topic!r} yet; closest available at difficulty {difficulty}"
            if row is None:
                await context.abort(grpc.StatusCode.NOT_FOUND, "the exercise bank is empty")
            exercise = await self._message(conn, row, identity)
        text_out = _present(exercise)
        response = specialist.build_response(
            AGENT, "exercise", text_out, started=started, confidence=0.9, code_examples=[exercise.starter_code],
            query_id=request.context.query_id,
            metadata={"exercise_id": exercise.exercise_id, "topic": exercise.topic, "slug": exercise.slug,
                      "difficulty": enums.to_db("SkillLevel", exercise.difficulty), "reason": reason})
        return pb.GenerateExerciseResponse(exercise=exercise, response=response, reason=reason)

    async def GetExercise(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            row = await self._exercise(conn, context, request.exercise_id)
            return pb.GetExerciseResponse(exercise=await self._message(conn, row, identity))

    async def ListExercises(self, request, context):
        identity = auth.require_identity()
        size = request.page_size or 50
        offset = int(request.page_token) if request.page_token.isdigit() else 0
        async with self.rt.pool.connection() as conn:
            rows = await repo.list_exercises(conn, request.topic, enums.to_db("SkillLevel", request.difficulty),
                                             size + 1, offset)
            items = [visibility.exercise_for(records.exercise(r, reveal_solution=identity.is_teacher, hints_unlocked=0),
                                             identity.is_teacher) for r in rows[:size]]
        return pb.ListExercisesResponse(exercises=items,
                                        next_page_token=str(offset + size) if len(rows) > size else "")

    async def CreateExercise(self, request, context):
        identity = auth.require_identity()
        if not identity.is_teacher:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "only teachers create exercises")
        if request.language not in (0, enums.from_db("ExerciseLanguage", "python")):
            await context.abort_with_status(invalid_argument_status(
                [Violation("language", "only python exercises can be graded")]))
        ids = [t.id for t in request.test_cases]
        if len(set(ids)) != len(ids):
            await context.abort_with_status(invalid_argument_status([Violation("test_cases", "test ids must be unique")]))
        tests = [{"id": t.id, "kind": enums.to_db("TestKind", t.kind), "call": t.call, "expected": t.expected,
                  "stdin": t.stdin, "hidden": t.hidden} for t in request.test_cases]
        grade = await self._grade(context, request.solution_code, tests, request.setup_code)
        verification = [_test_result(r, visibility.hidden_ids(tests)) for r in grade.results]
        if grade.status != "ok" or grade.passed != grade.total:
            failing = [r.id for r in grade.results if not r.passed]
            detail = grade.error or f"fails tests {', '.join(failing)}"
            await context.abort_with_status(invalid_argument_status(
                [Violation("solution_code", f"the reference solution must pass every test: {detail}"[:500])]))
        async with self.rt.pool.connection() as conn:
            await require_active(conn, context, identity)
            row = await repo.insert_created(conn, request, tests, difficulty=enums.to_db("SkillLevel", request.difficulty),
                                            created_by=identity.student_id)
            await conn.commit()
        return pb.CreateExerciseResponse(exercise=records.exercise(row, reveal_solution=True),
                                         verification=verification)

    async def _grade(self, context, code: str, tests: list[dict], setup: str, on_result=None):
        from sandbox import SandboxBusy

        sandbox = await self.rt.sandbox()
        owner = getattr(auth.current_identity.get(), "student_id", "")   # per-student bound in the sandbox queue
        try:
            if on_result is None:
                return await sandbox.grade(code, _sandbox_tests(tests), setup, owner=owner)
            final = None
            async for item in sandbox.grade_stream(code, _sandbox_tests(tests), setup, owner=owner):
                if hasattr(item, "results"):
                    final = item
                else:
                    await on_result(item)
            return final
        except SandboxBusy:
            await context.abort_with_status(resource_exhausted_status("the grader is busy", 2.0))

    async def _submit(self, request, context, on_result=None, hidden_out: set | None = None
                      ) -> entities_pb2.ExerciseSubmission:
        identity = auth.require_identity()
        if request.language not in (0, enums.from_db("CodeLanguage", "python")):
            await context.abort_with_status(invalid_argument_status(
                [Violation("language", "only python submissions can be graded")]))
        # The student row and the exercise in one round trip.
        student, row = await repo.student_and_exercise(self.rt.pool, identity.student_id, request.exercise_id)
        await refuse_inactive(context, student)
        row = await _found(context, row, request.exercise_id)
        tests = catalog.tests_of(row)
        hidden = visibility.hidden_ids(tests)
        if hidden_out is not None:      # the stream masks hidden results as they come, from this one read
            hidden_out.update(hidden)
        grade = await self._grade(context, request.code, tests, row["setup_code"] or "", on_result)
        results = [_test_result(r, hidden) for r in grade.results]
        total = grade.total or len(tests)
        passed = min(grade.passed, total)
        text = feedback(grade, tests)
        # One statement writes the submission, the first-solve count, the interaction and the outbox event;
        # the stored row (and the response) is built here, nothing is read back.
        row_values = repo.submission_row(
            submission_id=str(uuid.uuid4()), exercise_id=str(row["exercise_id"]), student_id=identity.student_id,
            code=request.code, grade=grade_of(passed, total), feedback=text, passed=passed, total=total,
            execution_time_ms=int(grade.execution_time_ms), memory_kb=int(grade.peak_memory_kb),
            results=[{"test_id": r.test_id, "passed": r.passed, "expected": r.expected, "got": r.got,
                      "error": r.error, "duration_ms": r.duration_ms, "hidden": r.hidden} for r in results],
            now=datetime.now(timezone.utc))
        submission = records.submission(row_values)
        event = events.envelope_for("exercise.submission.graded", events_pb2.ExerciseSubmissionGraded(
            submission=submission, topic=row["topic"], difficulty=enums.from_db("SkillLevel", row["difficulty"])),
            student_id=identity.student_id, trace_id=telemetry.current_trace_id(), agent=AGENT)
        await repo.record_submission(
            self.rt.pool, row_values, summary=f"{row['topic']}: {passed}/{total} tests passed",
            indicators={"grade": grade_of(passed, total), "topic": row["topic"]}, event=event)
        return visibility.submission_for(submission, identity.is_teacher)

    async def SubmitSolution(self, request, context):
        return pb.SubmitSolutionResponse(submission=await self._submit(request, context))

    async def SubmitSolutionStream(self, request, context):
        import asyncio

        queue: asyncio.Queue = asyncio.Queue()

        identity = auth.require_identity()
        hidden: set[str] = set()

        async def on_result(result):
            tested = visibility.result_for(_test_result(result, frozenset(hidden)), identity.is_teacher)
            await queue.put(pb.SubmitSolutionStreamResponse(test_result=tested))

        task = asyncio.create_task(self._submit(request, context, on_result, hidden_out=hidden))
        while True:
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getter, task}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                yield getter.result()
                continue
            getter.cancel()
            while not queue.empty():
                yield queue.get_nowait()
            yield pb.SubmitSolutionStreamResponse(submission=task.result())
            return

    async def GetHint(self, request, context):
        identity = auth.require_identity()
        async with self.rt.pool.connection() as conn:
            row = await self._exercise(conn, context, request.exercise_id)
            hints = list(row["hints"] or [])
            if not hints:
                await context.abort(grpc.StatusCode.NOT_FOUND, "this exercise has no hints")
            unlocked = await self._hints_unlocked(conn, identity.student_id, request.exercise_id)
            number = min(unlocked + 1, len(hints))
            await state.save(conn, _hint_key(identity.student_id, request.exercise_id), number)
            await conn.commit()
        return pb.GetHintResponse(hint=hints[number - 1], hint_number=number, hint_count=len(hints))

    async def ListSubmissions(self, request, context):
        size = request.page_size or 50
        teacher = auth.require_identity().is_teacher
        async with self.rt.pool.connection() as conn:
            target = await readable_student(conn, context, request.student_id)
            rows = await repo.submissions(conn, target, request.exercise_id, size)
        return pb.ListSubmissionsResponse(submissions=[visibility.submission_for(records.submission(r), teacher)
                                                       for r in rows])


async def _found(context, row: dict | None, exercise_id: str) -> dict:
    if row is None:
        await context.abort(grpc.StatusCode.NOT_FOUND, f"no exercise {exercise_id}")
    return row


_FOLLOW_UP_WORDS = {common_pb2.FOLLOW_UP_HARDER: "harder", common_pb2.FOLLOW_UP_EASIER: "easier",
                    common_pb2.FOLLOW_UP_SIMPLER: "easier", common_pb2.FOLLOW_UP_ANOTHER_EXAMPLE: "same level"}


def _follow_up(context, own_topic: str | None) -> tuple[str, str] | None:
    """(topic, difficulty) for a follow-up to the conversation's last exercise, when this is one."""
    if context.follow_up not in _FOLLOW_UP_WORDS:
        return None
    last = next((t for t in reversed(context.recent_turns) if t.agent == enums.agent_enum(AGENT) and t.topic), None)
    if last is None or own_topic and own_topic != last.topic:   # "a harder one on recursion": a new topic
        return None
    name = {common_pb2.FOLLOW_UP_HARDER: "harder", common_pb2.FOLLOW_UP_EASIER: "easier",
            common_pb2.FOLLOW_UP_SIMPLER: "simpler"}.get(context.follow_up, "another_example")
    return catalog.follow_up_target(name, last.topic, enums.to_db("SkillLevel", last.difficulty))


def _present(exercise: entities_pb2.Exercise) -> str:
    level = enums.to_db("SkillLevel", exercise.difficulty)
    visible = [t for t in exercise.test_cases if not t.hidden]
    tests = "\n".join(f"- `{t.call}` -> {t.expected}" if t.kind == 1 else f"- output of `{t.call or 'the program'}`"
                      for t in visible[:3])
    return (f"Here is a {level} exercise on **{exercise.topic}**: {exercise.title}\n\n{exercise.problem_text}\n\n"
            f"Start from:\n```python\n{exercise.starter_code}\n```\n\nSome of the tests:\n{tests}\n\n"
            f"Submit your solution for exercise `{exercise.exercise_id}`. {exercise.hint_count} hints are available "
            "if you get stuck, one at a time.")


async def register(server, runtime) -> list[str]:
    from agents.exercise.bank import load_bank

    await catalog.seed_bank(runtime.pool, load_bank())
    pb_grpc.add_ExerciseServiceServicer_to_server(ExerciseServicer(runtime), server)
    return ["learnflow.v1.ExerciseService"]
