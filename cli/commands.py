"""What each `learnflow` subcommand does (the parser is in cli/__main__.py)."""
from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

from google.protobuf.json_format import MessageToDict

from cli import credentials, render
from cli.client import LearnFlowClient


def _as_json(message) -> str:
    return json.dumps(MessageToDict(message, preserving_proto_field_name=True), indent=2)


def client_for(args) -> LearnFlowClient:
    """A client with the saved session; every refreshed token pair is written back to the credentials file."""
    saved = credentials.load()
    return LearnFlowClient(args.address, token=saved.get("access_token"), timeout=args.timeout,
                           refresh_token=saved.get("refresh_token"),
                           access_expires_at=float(saved.get("access_expires_at") or 0),
                           on_tokens=lambda tokens: credentials.save_tokens(tokens))


def _password() -> str:
    return os.environ.get("LEARNFLOW_PASSWORD") or getpass.getpass("Password: ")


def register(args) -> int:
    with LearnFlowClient(args.address, timeout=args.timeout) as client:
        password = _password()
        reply = client.register(args.email, password, args.name, args.role)
        login = client.login(args.email, password)
        credentials.save({})  # a new account: nothing of the previous one's session is kept
        credentials.save_tokens(login.tokens, address=args.address, email=args.email)
    print(f"registered and logged in as {reply.student.email} ({reply.student.student_id})")
    return 0


def login(args) -> int:
    with LearnFlowClient(args.address, timeout=args.timeout) as client:
        reply = client.login(args.email, _password())
        credentials.save({})
        credentials.save_tokens(reply.tokens, address=args.address, email=args.email)
    print(f"logged in as {reply.student.email}; session saved to {credentials.config_path()}")
    return 0


def _read_text(path: str) -> str:
    return sys.stdin.read() if path == "-" else Path(path).read_text()


def _ask_inputs(args) -> tuple[str, str]:
    """(code, program stdin). Code: --code-file, else piped stdin. Program input: --stdin-file, else piped
    stdin when the code came from a file."""
    piped = not sys.stdin.isatty()
    code = _read_text(args.code_file) if args.code_file else ""
    if not args.code_file and piped and args.stdin_file != "-":
        code = sys.stdin.read()
    if args.stdin_file:
        program_input = _read_text(args.stdin_file)
    elif args.code_file and args.code_file != "-" and piped:
        program_input = sys.stdin.read()
    else:
        program_input = ""
    return code, program_input


def ask(args) -> int:
    code, program_input = _ask_inputs(args)
    session = credentials.load().get("session_id", "") if args.follow_up else ""
    answer = None if args.json else render.StreamedAnswer(raw=args.raw)
    final = None
    with client_for(args) as client:
        try:
            for event in client.ask_stream(args.question, code, session_id=session, stdin=program_input):
                kind = event.WhichOneof("event")
                if kind == "routing" and answer is not None:
                    r = event.routing
                    render.err.print(f"[{render.label('AgentName', r.routed_to_agent)} agent, "
                                     f"confidence {r.confidence:.2f}]", highlight=False, markup=False)
                elif kind == "text_chunk" and answer is not None:
                    answer.add(event.text_chunk)
                elif kind == "final":
                    final = event.final
        except BaseException:
            if answer is not None:
                answer.abort()
            raise
    if answer is not None:
        answer.finish()
    if final is not None:
        credentials.update(session_id=final.query.session_id, last_response_id=final.response.response_id)
        if args.json:
            print(_as_json(final))
        else:
            render.err.print("(rate this answer: learnflow rate 1-5 · follow up: learnflow ask --continue \"...\")",
                             highlight=False, markup=False)
    return 0


def progress(args) -> int:
    with client_for(args) as client:
        reply = client.get_progress(args.student_id)
    if args.json:
        print(_as_json(reply.progress))
    else:
        render.progress(reply.progress)
    return 0


def rate(args) -> int:
    response_id = args.response_id or credentials.load().get("last_response_id", "")
    if not response_id:
        print("learnflow: no answer to rate yet: ask something first, or pass --response-id", file=sys.stderr)
        return 2
    with client_for(args) as client:
        reply = client.rate(response_id, args.rating, args.comment)
    print(f"rated answer {reply.response.response_id}: {reply.response.feedback_rating}/5")
    return 0


def _difficulty(args) -> int:
    return render.enum_number("SkillLevel", args.difficulty) if args.difficulty else 0


def exercise_list(args) -> int:
    with client_for(args) as client:
        reply = client.list_exercises(args.topic, _difficulty(args), args.limit)
    if args.json:
        print(_as_json(reply))
    else:
        render.exercise_table(reply.exercises)
    return 0


def exercise_start(args) -> int:
    with client_for(args) as client:
        if args.exercise_id:
            exercise = client.get_exercise(args.exercise_id).exercise
        else:
            exercise = client.generate_exercise(args.topic, _difficulty(args), args.request or "").exercise
    credentials.update(exercise_id=exercise.exercise_id)
    if args.save and exercise.starter_code:
        Path(args.save).write_text(exercise.starter_code)
    if args.json:
        print(_as_json(exercise))
        return 0
    render.exercise(exercise)
    target = args.save or "answer.py"
    render.out.print(f"\nWhen ready: learnflow submit {exercise.exercise_id} {target}", highlight=False)
    return 0


def exercise_hint(args) -> int:
    exercise_id = args.exercise_id or credentials.load().get("exercise_id", "")
    if not exercise_id:
        print("learnflow: which exercise? pass its id (learnflow exercise start prints it)", file=sys.stderr)
        return 2
    with client_for(args) as client:
        reply = client.hint(exercise_id)
    render.out.print(f"[bold]Hint {reply.hint_number}/{reply.hint_count}[/bold]")
    render.markdown(reply.hint)
    return 0


def submit(args) -> int:
    path = args.file or args.code_file
    if not path:
        print("learnflow: which file? learnflow submit EXERCISE_ID answer.py (or - for stdin)", file=sys.stderr)
        return 2
    code = _read_text(path)
    submission = None
    with client_for(args) as client:
        for event in client.submit_stream(args.exercise_id, code):
            kind = event.WhichOneof("event")
            if kind == "test_result" and not args.json:
                render.test_result(event.test_result)
            elif kind == "submission":
                submission = event.submission
    if args.json:
        print(_as_json(submission))
    elif submission is not None:
        render.submission(submission)
    return 0 if submission is not None and submission.total_tests and \
        submission.automated_tests_passed == submission.total_tests else 1


def health(args) -> int:
    with client_for(args) as client:
        reply = client.health()
    for m in reply.agents:
        print(f"{render.label('AgentName', m.agent_name):<12} {render.label('AgentStatus', m.status):<9} "
              f"up {m.uptime_seconds}s queries/h {m.queries_last_hour} p95 {m.p95_response_time_ms} ms  {m.instance_id}")
    return 0
