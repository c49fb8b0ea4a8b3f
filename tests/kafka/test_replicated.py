"""A replicated Kafka, here: 3 KRaft nodes (the jars bridge.broker runs), topics with replication 3 and
min.insync.replicas 2, the whole mesh on top. 500 asks go through Envoy; in the middle one broker is
SIGKILLed and later restarted. Every answer's event reaches the progress agent and none is applied twice:
the students' total_queries add up to exactly 500."""
from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from bridge.cluster import KafkaCluster
from bridge.relay_metrics import consumer_group_lag
from bridge.topics import ensure_topics
from tests.conftest import PASSWORD, new_email

ASKS = 500
STUDENTS = 5
QUESTIONS = ("What is a list comprehension?", "How do dictionaries work?", "Explain for loops",
             "What does return do in a function?", "What is a tuple?")

pytestmark = pytest.mark.timeout(900)


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.5)


def test_500_asks_survive_a_broker_killed_and_restarted(pg_url):
    from kafka import KafkaAdminClient
    from kafka.admin import ConfigResource, ConfigResourceType

    from cli.client import LearnFlowClient
    from localmesh.mesh import Mesh, MeshConfig

    run_dir = Path(tempfile.mkdtemp(prefix="lf-kafka3-"))
    cluster = KafkaCluster(3, run_dir / "kafka")
    mesh = None
    try:
        cluster.start()
        ensure_topics(cluster.bootstrap, replication=3)
        admin = KafkaAdminClient(bootstrap_servers=cluster.bootstrap)
        try:
            (described,) = [t for t in admin.describe_topics(["agent-responses"])]
            assert all(len(p["replica_nodes"]) == 3 for p in described["partitions"]), described
            configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "agent-responses",
                                                             configs=["min.insync.replicas"])])
            assert configs["topic"]["agent-responses"]["min.insync.replicas"]["value"] == "2", configs
        finally:
            admin.close()

        config = MeshConfig.on_free_ports(run_dir / "mesh", database_url=pg_url, kafka_bootstrap=cluster.bootstrap,
                                          extra_env={"LEARNFLOW_ASKS_PER_MINUTE": "100000",
                                                     "KAFKA_REPLICATION_FACTOR": "3"})
        config.agent_ports = {a: p for a, p in config.agent_ports.items()
                              if a in ("identity", "mesh", "triage", "concepts", "progress")}
        mesh = Mesh(config, log=lambda *_: None).start(timeout=180)

        clients, student_ids = [], []
        for i in range(STUDENTS):  # several students: the per-student ask limit stays realistic
            client = LearnFlowClient(mesh.envoy_address, timeout=60)
            student_ids.append(client.ensure_account(new_email("kafka3"), PASSWORD, f"Replicated {i}").student.student_id)
            clients.append(client)

        def ask(n: int) -> str:
            client = clients[n % STUDENTS]
            return client.ask(f"{QUESTIONS[n % len(QUESTIONS)]} (#{n})").query.status

        statuses = []
        with ThreadPoolExecutor(max_workers=STUDENTS) as pool:
            statuses += list(pool.map(ask, range(0, 200)))
            cluster.kill(1)                                   # a broker dies mid-run, without a clean shutdown
            statuses += list(pool.map(ask, range(200, 350)))
            cluster.restart(1)                                # and comes back, catching up from the others
            statuses += list(pool.map(ask, range(350, ASKS)))
        assert len(statuses) == ASKS
        for client in clients:
            client.close()

        with psycopg.connect(mesh.database_url, autocommit=True) as conn:
            def unsent() -> int:
                return conn.execute("SELECT count(*) FROM event_outbox WHERE sent_at IS NULL").fetchone()[0]

            def applied() -> int:
                return conn.execute("SELECT COALESCE(sum(total_queries), 0) FROM student_progress"
                                    " WHERE student_id = ANY(%s)", (student_ids,)).fetchone()[0]

            _wait(lambda: unsent() == 0, 180, "the relay to publish every outbox row")
            _wait(lambda: applied() >= ASKS, 180, f"{ASKS} answers applied by the progress agent")
            _wait(lambda: consumer_group_lag(cluster.bootstrap).get("progress-agent") == 0, 120,
                  "the progress consumer to reach the end of agent-responses")
            assert applied() == ASKS  # every event arrived, none applied twice
    finally:
        if mesh is not None:
            mesh.stop()
        cluster.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
