"""Operator commands against the database (the authority that makes teachers and admins).

    python -m agents.identity.admin grant-role --email ann@example.org --role teacher
    python -m agents.identity.admin set-limit --email ann@example.org --bucket ask --per-minute 60
    python -m agents.identity.admin set-limit --email ann@example.org --bucket ask --clear

Reads LEARNFLOW_DATABASE_URL (or --database-url). A role takes effect at the account's next Login or
Refresh (access tokens carry the role for at most LEARNFLOW_ACCESS_TOKEN_TTL_S).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys

import psycopg
from psycopg.rows import dict_row

from agents.identity import repository as repo
from server.auth import ROLES
from server.ratelimit import BUCKET_NAMES


async def _run(database_url: str, action, *args):
    async with await psycopg.AsyncConnection.connect(database_url, row_factory=dict_row) as conn:
        result = await action(conn, *args)
        await conn.commit()
        return result


def grant_role(database_url: str, email: str, role: str) -> dict | None:
    """Sets the role of the account with this e-mail; returns its row, or None when there is none."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    return asyncio.run(_run(database_url, repo.set_role, email.strip().lower(), role))


def set_limit(database_url: str, email: str, bucket: str, per_minute: int | None) -> bool:
    if bucket not in BUCKET_NAMES:
        raise ValueError(f"bucket must be one of {', '.join(BUCKET_NAMES)}")
    return asyncio.run(_run(database_url, repo.set_limit, email.strip().lower(), bucket, per_minute))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agents.identity.admin", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("LEARNFLOW_DATABASE_URL"))
    commands = parser.add_subparsers(dest="command", required=True)
    grant = commands.add_parser("grant-role", help="make an account a student, teacher or admin")
    grant.add_argument("--email", required=True)
    grant.add_argument("--role", required=True, choices=ROLES)
    limit = commands.add_parser("set-limit", help="a per-student fair-use limit (calls per minute)")
    limit.add_argument("--email", required=True)
    limit.add_argument("--bucket", required=True, choices=BUCKET_NAMES)
    group = limit.add_mutually_exclusive_group(required=True)
    group.add_argument("--per-minute", type=int)
    group.add_argument("--clear", action="store_true", help="back to the default limit")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("set LEARNFLOW_DATABASE_URL or pass --database-url")
    if args.command == "grant-role":
        row = grant_role(args.database_url, args.email, args.role)
        if row is None:
            print(f"no account with e-mail {args.email}", file=sys.stderr)
            return 1
        print(f"{row['email']} is now {row['role']} (student_id {row['student_id']})")
        return 0
    if args.per_minute is not None and args.per_minute < 0:
        parser.error("--per-minute must be >= 0")
    if not set_limit(args.database_url, args.email, args.bucket, None if args.clear else args.per_minute):
        print(f"no account with e-mail {args.email}", file=sys.stderr)
        return 1
    print(f"{args.email}: {args.bucket} limit {'cleared' if args.clear else f'{args.per_minute} per minute'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
