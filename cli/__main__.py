"""`learnflow` — the LearnFlow tutor from a terminal, through Envoy (`pip install .` installs the command;
`python -m cli` is the same from a checkout).

  learnflow register --email me@example.org --name "Me"   (password prompted, or LEARNFLOW_PASSWORD)
  learnflow login --email me@example.org
  learnflow ask "why does this fail?" --code-file bug.py   (answer rendered as Markdown; --raw, --json)
  cat bug.py | learnflow ask "why does this fail?"          (code from stdin)
  learnflow ask "why?" --code-file prog.py --stdin-file input.txt   (input for the program; or pipe it)
  learnflow ask --continue "another example please"         (follow-up in the same session)
  learnflow rate 5 --comment "clear"                        (the last answer, or --response-id)
  learnflow exercise list --topic loops --difficulty beginner
  learnflow exercise start --topic loops --difficulty beginner --save answer.py
  learnflow exercise hint
  learnflow submit EXERCISE_ID answer.py                    (per-test results as they run; exit 0 = all pass)
  learnflow progress | learnflow health

The session (access + refresh token) is kept in $XDG_CONFIG_HOME/learnflow/credentials.json (mode 600)
and refreshed by itself; log in again only when the refresh token expires (14 days).
LEARNFLOW_ADDRESS (default 127.0.0.1:8080) says where Envoy is.
"""
from __future__ import annotations

import argparse
import os
import sys

import grpc

EXIT_UNAVAILABLE = 3
DIFFICULTIES = ("beginner", "intermediate", "advanced")


def build_parser() -> argparse.ArgumentParser:
    from cli import commands

    parser = argparse.ArgumentParser(prog="learnflow", description="LearnFlow Python tutor (through Envoy)",
                                     epilog="Run `learnflow COMMAND -h` for a command's options.")
    parser.add_argument("--address", default=os.environ.get("LEARNFLOW_ADDRESS", "127.0.0.1:8080"),
                        help="Envoy host:port (env LEARNFLOW_ADDRESS)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per call")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("register", help="create a student account and log in")
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=["student", "teacher"], default="student", help=argparse.SUPPRESS)
    p.set_defaults(func=commands.register)
    p = sub.add_parser("login", help="log in (the session is refreshed automatically afterwards)")
    p.add_argument("--email", required=True)
    p.set_defaults(func=commands.login)

    p = sub.add_parser("ask", help="ask a question, optionally about code; the answer streams in as Markdown")
    p.add_argument("question")
    p.add_argument("--code-file", help="the code to ask about (default: piped stdin)")
    p.add_argument("--stdin-file", help="input for the program (input(), sys.stdin); '-' = piped stdin")
    p.add_argument("--continue", dest="follow_up", action="store_true", help="follow up in the last session")
    p.add_argument("--raw", action="store_true", help="print the Markdown source instead of rendering it")
    p.add_argument("--json", action="store_true", help="the final record as JSON (for scripts)")
    p.set_defaults(func=commands.ask)

    p = sub.add_parser("rate", help="rate an answer 1-5 (default: the last one)")
    p.add_argument("rating", type=int, choices=range(1, 6), metavar="RATING")
    p.add_argument("--comment", default="")
    p.add_argument("--response-id")
    p.set_defaults(func=commands.rate)

    p = sub.add_parser("exercise", help="practice: list, start, hint")
    ex = p.add_subparsers(dest="exercise_command", required=True, metavar="ACTION")
    q = ex.add_parser("list", help="exercises by topic and difficulty")
    q.add_argument("--topic", default="")
    q.add_argument("--difficulty", choices=DIFFICULTIES)
    q.add_argument("--limit", type=int, default=50)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=commands.exercise_list)
    q = ex.add_parser("start", help="an exercise for a topic and difficulty (or by id), with its starter code")
    q.add_argument("exercise_id", nargs="?", help="a specific exercise (from `exercise list`)")
    q.add_argument("--topic", default="")
    q.add_argument("--difficulty", choices=DIFFICULTIES)
    q.add_argument("--request", help='free text, e.g. "a harder loop exercise"')
    q.add_argument("--save", metavar="FILE", help="write the starter code to FILE")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=commands.exercise_start)
    q = ex.add_parser("hint", help="the next hint (default: the exercise last started)")
    q.add_argument("exercise_id", nargs="?")
    q.set_defaults(func=commands.exercise_hint)

    p = sub.add_parser("submit", help="grade a solution file: per-test results, then the grade")
    p.add_argument("exercise_id")
    p.add_argument("file", nargs="?", help="the solution ('-' = stdin)")
    p.add_argument("--code-file", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=commands.submit)

    p = sub.add_parser("progress", help="mastery per topic, streak, struggles")
    p.add_argument("--student-id", default="", help="teachers: one of their students")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=commands.progress)
    p = sub.add_parser("health", help="the agents' health")
    p.set_defaults(func=commands.health)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except grpc.RpcError as exc:
        return _report(exc, args.address)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"learnflow: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _report(exc: grpc.RpcError, address: str) -> int:
    from cli import render

    code = exc.code()
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED) and \
            "retry" not in (exc.details() or ""):
        print(f"learnflow: cannot reach LearnFlow at {address} ({code.name}). Is the mesh up? "
              "Start it with `make up`.", file=sys.stderr)
        return EXIT_UNAVAILABLE
    if code == grpc.StatusCode.UNAUTHENTICATED:
        print(f"learnflow: not logged in or session expired ({exc.details()}). Run `learnflow login`.",
              file=sys.stderr)
        return 2
    print(f"learnflow: {code.name}: {exc.details()}", file=sys.stderr)
    for line in render.status_details(exc):
        print(line, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
