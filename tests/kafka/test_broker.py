"""The real KRaft broker: round trip, the seed's topics, idempotent topic creation, clean stop, the CLI."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import ConfigResource, ConfigResourceType

from bridge.broker import KafkaBroker, free_port, pid_alive
from bridge.topics import DAY_MS, SEED_TOPICS, TOPICS_BY_NAME, ensure_topics, topic_settings
from kafka_helpers import create_topic

ROOT = Path(__file__).resolve().parents[2]


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_produce_consume_round_trip(kafka_broker):
    topic = create_topic(kafka_broker.bootstrap, partitions=3)
    producer = KafkaProducer(bootstrap_servers=kafka_broker.bootstrap, acks="all")
    sent = [(f"student-{i % 4}".encode(), f"event {i}".encode()) for i in range(40)]
    for key, value in sent:
        producer.send(topic, key=key, value=value, headers=[("message-id", str(uuid.uuid4()).encode())])
    producer.flush(timeout=30)
    producer.close()

    consumer = KafkaConsumer(topic, bootstrap_servers=kafka_broker.bootstrap, auto_offset_reset="earliest",
                             group_id=f"g-{uuid.uuid4().hex[:6]}", consumer_timeout_ms=10_000)
    got = []
    for record in consumer:
        got.append(record)
        if len(got) == len(sent):
            break
    consumer.close()
    assert sorted((r.key, r.value) for r in got) == sorted(sent)
    # Same key -> same partition, in send order.
    by_key: dict[bytes, list] = {}
    for r in sorted(got, key=lambda r: (r.partition, r.offset)):
        by_key.setdefault(r.key, []).append(r)
    for key, records in by_key.items():
        assert len({r.partition for r in records}) == 1
        assert [r.value for r in records] == [v for k, v in sent if k == key]
        assert all(dict(r.headers)["message-id"] for r in records)


def test_seed_topics_created_with_partitions_and_retention(kafka_broker):
    ensure_topics(kafka_broker.bootstrap)
    admin = KafkaAdminClient(bootstrap_servers=kafka_broker.bootstrap)
    try:
        described = {t["name"]: t for t in admin.describe_topics([s.name for s in SEED_TOPICS])}
        for spec in SEED_TOPICS:
            assert described[spec.name]["error_code"] == 0, spec.name
            assert len(described[spec.name]["partitions"]) == spec.partitions, spec.name
            assert all(len(p["replica_nodes"]) == 1 for p in described[spec.name]["partitions"])
        configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, spec.name)
                                          for spec in SEED_TOPICS])["topic"]
        for spec in SEED_TOPICS:
            assert configs[spec.name]["retention.ms"]["value"] == str(spec.retention_ms), spec.name
        assert configs["student-queries"]["retention.ms"]["value"] == str(7 * DAY_MS)
        assert configs["triage-routing"]["retention.ms"]["value"] == str(DAY_MS)
    finally:
        admin.close()
    assert TOPICS_BY_NAME["student-queries"].partitions == 12
    assert TOPICS_BY_NAME["mastery-level-updated"].partitions == 6


def test_ensure_topics_is_idempotent_and_leaves_existing_alone(kafka_broker):
    first = ensure_topics(kafka_broker.bootstrap)
    again = ensure_topics(kafka_broker.bootstrap)
    assert again["created"] == []
    assert sorted(again["existing"]) == sorted(s.name for s in SEED_TOPICS)
    assert set(first["created"]) | set(first["existing"]) == {s.name for s in SEED_TOPICS}

    # A topic that already exists with another layout is left as it is.
    from bridge.topics import TopicSpec

    odd = create_topic(kafka_broker.bootstrap, partitions=2)
    result = ensure_topics(kafka_broker.bootstrap, specs=(TopicSpec(odd, 9, 1, DAY_MS, "test"),))
    assert result == {"created": [], "existing": [odd]}
    admin = KafkaAdminClient(bootstrap_servers=kafka_broker.bootstrap)
    try:
        assert len(admin.describe_topics([odd])[0]["partitions"]) == 2
    finally:
        admin.close()


def test_replication_is_capped_by_configuration(monkeypatch):
    spec = TOPICS_BY_NAME["agent-logs"]  # the seed asks for 2
    monkeypatch.delenv("KAFKA_REPLICATION_FACTOR", raising=False)
    assert topic_settings(spec, 1)["replication_factor"] == 1
    assert topic_settings(spec, 3)["replication_factor"] == 2
    assert topic_settings(TOPICS_BY_NAME["student-queries"], 3)["configs"]["min.insync.replicas"] == "2"
    from bridge.topics import configured_replication

    monkeypatch.setenv("KAFKA_REPLICATION_FACTOR", "3")
    assert configured_replication() == 3
    assert configured_replication(1) == 1
    with pytest.raises(ValueError):
        configured_replication(0)


def test_stop_leaves_no_process_and_restart_keeps_data(tmp_path):
    broker = KafkaBroker(data_dir=tmp_path / "k")
    broker.start(timeout=120)
    try:
        pid, port = broker.pid, broker.port
        topic = create_topic(broker.bootstrap, partitions=1)
        producer = KafkaProducer(bootstrap_servers=broker.bootstrap, acks="all")
        producer.send(topic, b"kept across restart").get(timeout=30)
        producer.close()
        broker.stop()
        assert not pid_alive(pid)
        assert not _port_open(port)
        assert broker.pid is None and not broker.running()

        broker.start(timeout=120)  # same port, same formatted log dir
        assert broker.port == port
        consumer = KafkaConsumer(topic, bootstrap_servers=broker.bootstrap, auto_offset_reset="earliest",
                                 group_id=None, consumer_timeout_ms=10_000)
        values = [r.value for r in consumer]
        consumer.close()
        assert values == [b"kept across restart"]
    finally:
        pid = broker.pid
        broker.stop()
        assert pid is None or not pid_alive(pid)


def test_cli_start_detaches_and_stop_by_pidfile(tmp_path):
    port = free_port()
    pidfile = tmp_path / "kafka.pid"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = subprocess.run([sys.executable, "-m", "bridge.broker", "start", "--port", str(port),
                              "--data-dir", str(tmp_path / "data"), "--pidfile", str(pidfile)],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    pid = int(pidfile.read_text()) if pidfile.exists() else None
    try:
        assert started.returncode == 0, started.stderr
        assert started.stdout.strip() == f"127.0.0.1:{port}"
        assert pid and pid_alive(pid)
        assert _port_open(port)
        assert (tmp_path / "data" / "broker.log").stat().st_size > 0
        admin = KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{port}")
        assert admin.describe_cluster()["brokers"]
        admin.close()
    finally:
        stopped = subprocess.run([sys.executable, "-m", "bridge.broker", "stop", "--pidfile", str(pidfile)],
                                 cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        if pid and pid_alive(pid):  # the CLI failed: do not leak the JVM
            os.kill(pid, 9)
    assert stopped.returncode == 0, stopped.stderr
    assert not pid_alive(pid)
    assert not pidfile.exists()
