"""External PostgreSQL: a separate PostgreSQL server (its own process, TCP + password, like a managed
database), migrations run as their own step (`python -m db.migrate`), then a mesh slice — an Ask through
Envoy — whose rows land in that server, reached only through LEARNFLOW_DATABASE_URL."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from learnflow.v1 import enums_pb2

from localmesh import external_pg, processes
from tests.conftest import PASSWORD, new_email

ROOT = Path(__file__).resolve().parent.parent


def test_migrations_as_a_step_and_an_ask_against_a_separate_server():
    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig

    run_dir = Path(tempfile.mkdtemp(prefix="lf-extpg-"))
    run_dir.chmod(0o755)  # as root the server runs as an unprivileged user, which must reach its data dir
    mesh = None
    pid = None
    try:
        url, pid = external_pg.start(run_dir / "postgres")
        assert "127.0.0.1" in url and "host=" not in url  # TCP with a password, no unix socket
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEARNFLOW_")}
        env["LEARNFLOW_DATABASE_URL"] = url
        migrate = subprocess.run([sys.executable, "-m", "db.migrate"], env=env, cwd=ROOT, capture_output=True,
                                 text=True, timeout=120)
        assert migrate.returncode == 0, migrate.stderr
        again = subprocess.run([sys.executable, "-m", "db.migrate"], env=env, cwd=ROOT, capture_output=True,
                               text=True, timeout=120)
        assert again.returncode == 0 and "up to date" in again.stdout

        config = MeshConfig.on_free_ports(run_dir / "mesh", database_url=url, start_kafka=False)
        config.agent_ports = {a: p for a, p in config.agent_ports.items()
                              if a in ("identity", "mesh", "triage", "concepts")}
        mesh = Mesh(config, log=lambda *_: None).start(timeout=120)
        with LearnFlowClient(mesh.envoy_address) as client:
            student = client.ensure_account(new_email("extpg"), PASSWORD, "External").student.student_id
            reply = client.ask("What is a list comprehension?")
        assert reply.query.status == enums_pb2.QUERY_STATUS_COMPLETED
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT student_id::text, status FROM query_history WHERE query_id = %s",
                               (reply.query.query_id,)).fetchone()
            server_pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        assert row == (student, "completed")
        # The server is its own process tree (the postmaster we started), not part of any LearnFlow process.
        assert processes.alive(pid) and server_pid != pid
    finally:
        if mesh is not None:
            mesh.stop()
        external_pg.stop(run_dir / "postgres")
        shutil.rmtree(run_dir, ignore_errors=True)
