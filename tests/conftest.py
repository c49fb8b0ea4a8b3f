"""Shared fixtures: a real PostgreSQL (embedded, migrated), and one full mesh on free ports —
every agent as its own process behind a real Envoy, a real Kafka broker and the outbox relay."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PASSWORD = "correct-horse-42"


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory):
    """A migrated PostgreSQL for tests that need only the database: an external server when
    LEARNFLOW_TEST_DATABASE_URL or LEARNFLOW_DATABASE_URL is set (README: the suite against external PostgreSQL)."""
    external = os.environ.get("LEARNFLOW_TEST_DATABASE_URL") or os.environ.get("LEARNFLOW_DATABASE_URL")
    if external:
        from db.migrate import apply_migrations

        apply_migrations(external)
        yield external
        return
    from db.migrate import apply_migrations
    from localmesh.postgres import start_embedded

    data = Path(tempfile.mkdtemp(prefix="lf-pg-"))
    srv, url = start_embedded(data / "pgdata", keep_running=False)
    apply_migrations(url)
    yield url
    srv.cleanup()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def mesh(tmp_path_factory):
    """The whole mesh, started once per test session on free ports and stopped (by PID) at the end."""
    from localmesh.mesh import Mesh, MeshConfig

    run_dir = Path(tempfile.mkdtemp(prefix="lf-mesh-"))
    config = MeshConfig.on_free_ports(run_dir, extra_env={
        "LEARNFLOW_ASKS_PER_MINUTE": "100000", "LEARNFLOW_SUBMISSIONS_PER_MINUTE": "100000",
        "LEARNFLOW_HEARTBEAT_INTERVAL_S": "1"},
        kafka_bootstrap=os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or None,
        database_url=os.environ.get("LEARNFLOW_DATABASE_URL") or None)
    instance = Mesh(config, log=lambda *_: None)
    try:
        instance.start(timeout=180)
    except Exception:
        instance.stop()
        raise
    yield instance
    instance.stop()
    shutil.rmtree(run_dir, ignore_errors=True)


def new_email(prefix: str = "student") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.org"


@pytest.fixture
def make_client(mesh):
    """Factory: a LearnFlowClient through Envoy, logged in as a fresh account."""
    from cli.client import LearnFlowClient

    made = []

    def factory(role: str = "student", name: str = "Test Student", login: bool = True):
        client = LearnFlowClient(mesh.envoy_address)
        made.append(client)
        email = new_email(role)
        client.register(email, PASSWORD, name)  # Register makes students only
        if role != "student":  # teachers and admins are made by the operator's command, as in production
            from agents.identity.admin import grant_role

            grant_role(mesh.database_url, email, role)
        client.email = email
        if login:
            reply = client.login(email, PASSWORD)
            client.student_id = reply.student.student_id
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def db(mesh):
    """A sync connection to the mesh's database, for asserting what was (not) written."""
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(mesh.database_url, row_factory=dict_row, autocommit=True) as conn:
        yield conn


def spawn_agent(mesh, agent: str, **env_overrides):
    """One extra agent process next to the mesh (same database and secret, own settings), reached directly.
    Returns (channel, pid); the caller stops it by PID."""
    import subprocess
    import sys

    import grpc

    from localmesh import processes

    port = processes.free_port()
    env = mesh.env()
    env.update({k: str(v) for k, v in env_overrides.items()})
    proc = subprocess.Popen([sys.executable, "-m", "server", agent, "--listen", f"127.0.0.1:{port}"], env=env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    grpc.channel_ready_future(channel).result(timeout=60)
    return channel, proc.pid
