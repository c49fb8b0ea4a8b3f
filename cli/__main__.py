"""`learnflow` — ask LearnFlow from a terminal, through Envoy.

  learnflow login --email me@example.org            (password prompted, or LEARNFLOW_PASSWORD)
  learnflow register --email me@example.org --name "Me"
  learnflow ask "why does this fail?" --code-file bug.py
  cat bug.py | learnflow ask "why does this fail?"   (code from stdin)
  learnflow ask "what is a generator?" --json
  learnflow progress | learnflow health | learnflow submit EXERCISE_ID --code-file answer.py

The token is kept in $XDG_CONFIG_HOME/learnflow/credentials.json (mode 600). LEARNFLOW_ADDRESS
(default 127.0.0.1:8080) says where Envoy is.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

import grpc
from google.protobuf.json_format import MessageToDict

from cli.client import LearnFlowClient

EXIT_UNAVAILABLE = 3


def config_path() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "learnflow" / "credentials.json"


def save_token(address: str, email: str, token: str, refresh: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"address": address, "email": email, "access_token": token, "refresh_token": refresh}, fh)
    os.chmod(path, 0o600)


def load_credentials() -> dict:
    try:
        return json.loads(config_path().read_text())
    except (FileNotFoundError, ValueError):
        return {}


def _client(args) -> LearnFlowClient:
    creds = load_credentials()
    return LearnFlowClient(args.address, token=creds.get("access_token"), timeout=args.timeout)


def _password(args) -> str:
    return os.environ.get("LEARNFLOW_PASSWORD") or getpass.getpass("Password: ")


def cmd_register(args) -> int:
    with LearnFlowClient(args.address, timeout=args.timeout) as client:
        password = _password(args)
        reply = client.register(args.email, password, args.name, args.role)
        login = client.login(args.email, password)
        save_token(args.address, args.email, login.tokens.access_token, login.tokens.refresh_token)
    print(f"registered and logged in as {reply.student.email} ({reply.student.student_id})")
    return 0


def cmd_login(args) -> int:
    with LearnFlowClient(args.address, timeout=args.timeout) as client:
        login = client.login(args.email, _password(args))
        save_token(args.address, args.email, login.tokens.access_token, login.tokens.refresh_token)
    print(f"logged in as {login.student.email}; token saved to {config_path()}")
    return 0


def _read_code(args) -> str:
    if args.code_file:
        return Path(args.code_file).read_text()
    if not sys.stdin.isatty():
        return sys.stdin.read()
    return ""


def cmd_ask(args) -> int:
    code = _read_code(args)
    with _client(args) as client:
        final = None
        for event in client.ask_stream(args.question, code):
            kind = event.WhichOneof("event")
            if kind == "routing" and not args.json:
                from server import enums

                r = event.routing
                print(f"[{enums.agent(r.routed_to_agent)} agent, confidence {r.confidence:.2f}]\n", file=sys.stderr)
            elif kind == "text_chunk" and not args.json:
                print(event.text_chunk, end="", flush=True)
            elif kind == "final":
                final = event.final
        if args.json:
            print(json.dumps(MessageToDict(final, preserving_proto_field_name=True), indent=2))
        else:
            print()
    return 0


def cmd_progress(args) -> int:
    with _client(args) as client:
        reply = client.get_progress()
    print(json.dumps(MessageToDict(reply.progress, preserving_proto_field_name=True), indent=2))
    return 0


def cmd_submit(args) -> int:
    with _client(args) as client:
        reply = client.submit(args.exercise_id, _read_code(args))
    sub = reply.submission
    if args.json:
        print(json.dumps(MessageToDict(sub, preserving_proto_field_name=True), indent=2))
    else:
        for r in sub.results:
            print(f"{'PASS' if r.passed else 'FAIL'} {r.test_id}" + ("" if r.passed else f": got {r.got} {r.error}"))
        print(f"\ngrade {sub.grade:.0f}/100 — {sub.feedback}")
    return 0


def cmd_health(args) -> int:
    with _client(args) as client:
        reply = client.health()
    from server import enums

    for m in reply.agents:
        print(f"{enums.agent(m.agent_name):<12} {enums.to_db('AgentStatus', m.status):<9} up {m.uptime_seconds}s "
              f"queries/h {m.queries_last_hour} p95 {m.p95_response_time_ms} ms  {m.instance_id}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="learnflow", description="LearnFlow Python tutor (through Envoy)")
    parser.add_argument("--address", default=os.environ.get("LEARNFLOW_ADDRESS", "127.0.0.1:8080"))
    parser.add_argument("--timeout", type=float, default=60.0)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("register")
    p.add_argument("--email", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=["student", "teacher"], default="student")
    p.set_defaults(func=cmd_register)
    p = sub.add_parser("login")
    p.add_argument("--email", required=True)
    p.set_defaults(func=cmd_login)
    p = sub.add_parser("ask")
    p.add_argument("question")
    p.add_argument("--code-file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("progress")
    p.set_defaults(func=cmd_progress)
    p = sub.add_parser("submit")
    p.add_argument("exercise_id")
    p.add_argument("--code-file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_submit)
    p = sub.add_parser("health")
    p.set_defaults(func=cmd_health)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except grpc.RpcError as exc:
        code = exc.code()
        if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
            print(f"learnflow: cannot reach LearnFlow at {args.address} ({code.name}). Is the mesh up? "
                  "Start it with `make up`.", file=sys.stderr)
            return EXIT_UNAVAILABLE
        if code == grpc.StatusCode.UNAUTHENTICATED:
            print(f"learnflow: not logged in or session expired ({exc.details()}). Run `learnflow login`.",
                  file=sys.stderr)
            return 2
        print(f"learnflow: {code.name}: {exc.details()}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
