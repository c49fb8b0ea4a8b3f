"""Fixtures for the Kafka bridge tests: a real KRaft broker, fresh migrated databases, and helpers.

`kafka_broker` is session-scoped: one broker on a free port in a temporary directory (or the cluster named by
KAFKA_BOOTSTRAP_SERVERS), stopped by PID at the end. Tests that stop Kafka on purpose start their own broker.
Databases: each test gets its own database on the session's PostgreSQL (`pg_url` from tests/conftest.py), so
relays in different tests never compete for the same outbox.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from bridge.broker import KafkaBroker
from kafka_helpers import create_topic


@dataclass
class BrokerHandle:
    bootstrap: str
    broker: KafkaBroker | None  # None when an external cluster is used


@pytest.fixture(scope="session")
def kafka_broker():
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield BrokerHandle(os.environ["KAFKA_BOOTSTRAP_SERVERS"], None)
        return
    data = Path(tempfile.mkdtemp(prefix="lf-kafka-test-"))
    broker = KafkaBroker(data_dir=data)
    try:
        broker.start(timeout=120)
        yield BrokerHandle(broker.bootstrap, broker)
    finally:
        broker.stop()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def own_broker(tmp_path):
    """A broker this test may stop and restart (same port, same data)."""
    broker = KafkaBroker(data_dir=tmp_path / "kafka")
    try:
        yield broker.start(timeout=120)
    finally:
        broker.stop()


def _with_dbname(url: str, dbname: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = dbname
    return psycopg.conninfo.make_conninfo(**params)


@pytest.fixture
def outbox_db(pg_url):
    """A fresh, migrated database (event_outbox, processed_messages, ...) dropped after the test."""
    from db.migrate import apply_migrations

    name = f"lf_kafka_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = _with_dbname(pg_url, name)
    apply_migrations(url)
    yield url
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def topic(kafka_broker):
    """A fresh 6-partition topic, so per-key order is tested across several partitions."""
    return create_topic(kafka_broker.bootstrap, partitions=6)
