"""A PostgreSQL server of its own — not embedded in any LearnFlow process — for running LearnFlow (and its
test suite) against a database reached only through LEARNFLOW_DATABASE_URL, the way a cluster reaches a
managed PostgreSQL. It uses the real PostgreSQL 16 binaries that the `pgserver` package ships (initdb,
postgres) directly: TCP on 127.0.0.1, password (SCRAM) authentication, a `learnflow` role that owns its
database and may create test databases.

    python -m localmesh.external_pg start --data-dir DIR [--port 55432]   # prints the URL
    python -m localmesh.external_pg stop --data-dir DIR

As root, postgres runs as the unprivileged `pgserver` user (PostgreSQL refuses to run as root).
"""
from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bridge.broker import free_port, pid_alive


def _bin(name: str) -> Path:
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin" / name


def _run_as() -> dict:
    """subprocess kwargs that drop root to the pgserver user."""
    if os.getuid() != 0:
        return {}
    from pgserver.utils import ensure_user_exists

    ensure_user_exists("pgserver")
    return {"user": "pgserver", "group": "pgserver"}


def _chown(path: Path) -> None:
    if os.getuid() == 0:
        import pwd

        entry = pwd.getpwnam("pgserver")
        os.chown(path, entry.pw_uid, entry.pw_gid)


def start(data_dir: Path, port: int | None = None, timeout: float = 60.0) -> tuple[str, int]:
    """initdb (first time), start postgres in the background, create role and database; returns (url, pid)."""
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    _chown(data_dir)
    pgdata = data_dir / "pgdata"
    password_file = data_dir / "password"
    as_user = _run_as()
    if not (pgdata / "PG_VERSION").exists():
        password_file.write_text(secrets.token_urlsafe(24))
        _chown(password_file)
        password_file.chmod(0o600)
        done = subprocess.run([str(_bin("initdb")), "-D", str(pgdata), "-U", "postgres",
                               "--auth-host=scram-sha-256", "--auth-local=trust", f"--pwfile={password_file}",
                               "-E", "UTF8"], capture_output=True, text=True, **as_user)
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed (the data dir's parents must be traversable by the server's user):\n"
                               f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    password = password_file.read_text().strip()
    port = port or free_port()
    log = open(data_dir / "postgres.log", "ab")
    proc = subprocess.Popen([str(_bin("postgres")), "-D", str(pgdata), "-p", str(port), "-h", "127.0.0.1",
                             "-k", str(data_dir), "-c", "max_connections=300"],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
                            **as_user)
    log.close()
    (data_dir / "postgres.pid").write_text(str(proc.pid))
    admin = f"postgresql://postgres:{password}@127.0.0.1:{port}/postgres"
    _wait_ready(admin, proc, data_dir, timeout)
    _ensure_role_and_database(admin, password)
    return f"postgresql://learnflow:{password}@127.0.0.1:{port}/learnflow", proc.pid


def _wait_ready(url: str, proc, data_dir: Path, timeout: float) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"postgres exited:\n{(data_dir / 'postgres.log').read_text()[-3000:]}")
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _ensure_role_and_database(admin_url: str, password: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'learnflow'").fetchone():
            conn.execute(sql.SQL("CREATE ROLE learnflow LOGIN CREATEDB PASSWORD {}").format(sql.Literal(password)))
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'learnflow'").fetchone():
            conn.execute("CREATE DATABASE learnflow OWNER learnflow")


def stop(data_dir: Path, timeout: float = 30.0) -> bool:
    """Fast shutdown by PID (SIGINT = postgres's 'fast' mode); returns whether one was running."""
    import signal

    pid_file = Path(data_dir) / "postgres.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text())
    if pid_alive(pid):
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + timeout
        while pid_alive(pid) and time.monotonic() < deadline:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.1)
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localmesh.external_pg", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start")
    p_start.add_argument("--data-dir", required=True, type=Path)
    p_start.add_argument("--port", type=int, default=None)
    p_stop = sub.add_parser("stop")
    p_stop.add_argument("--data-dir", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "start":
        url, _pid = start(args.data_dir, args.port)
        print(url)
    else:
        print("stopped" if stop(args.data_dir) else "not running")
    return 0


if __name__ == "__main__":
    sys.exit(main())
