"""Prometheus metrics of the outbox relay: publish latency and outcome, the outbox backlog and the lag of
every Kafka consumer group (read at scrape time, so a stalled relay still reports a growing backlog).

Served on LEARNFLOW_RELAY_METRICS_LISTEN (default 127.0.0.1:51050; `off` disables it).
"""
from __future__ import annotations

import logging
import os

from prometheus_client import REGISTRY, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily

log = logging.getLogger("learnflow.relay")

DEFAULT_LISTEN = "127.0.0.1:51050"

PUBLISH_SECONDS = Histogram("learnflow_kafka_publish_seconds",
                            "Time to publish one outbox batch to Kafka and have it acknowledged (acks=all)",
                            buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
PUBLISHED = Counter("learnflow_outbox_published_total", "Outbox rows published to Kafka and marked sent")
FAILURES = Counter("learnflow_relay_failures_total", "Relay batches that failed (Kafka or PostgreSQL)")


def observe_publish(seconds: float, acked: int, ok: bool) -> None:
    PUBLISH_SECONDS.observe(seconds)
    PUBLISHED.inc(acked)
    if not ok:
        FAILURES.inc()


def consumer_group_lag(bootstrap: str) -> dict[str, int]:
    """Per consumer group: end offsets minus committed offsets over its partitions (blocking)."""
    from kafka import KafkaAdminClient, KafkaConsumer

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000, client_id="learnflow-lag")
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=3000, client_id="learnflow-lag")
    try:
        groups = [g["group_id"] for g in admin.list_groups()]
        out = {}
        for group, committed in (admin.list_group_offsets(groups).items() if groups else ()):
            committed = {tp: meta for tp, meta in committed.items() if meta.offset >= 0}
            if committed:
                ends = consumer.end_offsets(list(committed))
                out[group] = sum(max(0, ends[tp] - meta.offset) for tp, meta in committed.items())
        return out
    finally:
        consumer.close()
        admin.close()


class BacklogCollector:
    """Outbox backlog and consumer lag, computed when Prometheus scrapes."""

    def __init__(self, relay):
        self.relay = relay

    def collect(self):
        unsent = GaugeMetricFamily("learnflow_outbox_unsent", "Outbox rows not yet published to Kafka")
        age = GaugeMetricFamily("learnflow_outbox_oldest_unsent_age_seconds", "Age of the oldest unpublished row")
        leader = GaugeMetricFamily("learnflow_relay_leader", "1 when this relay holds the outbox leader lock")
        lag = GaugeMetricFamily("learnflow_kafka_consumer_lag", "Messages not yet consumed, per consumer group",
                                labels=["group"])
        leader.add_metric([], 1.0 if self.relay.is_leader else 0.0)
        try:
            backlog = self.relay.backlog()
            unsent.add_metric([], backlog.unsent)
            age.add_metric([], backlog.oldest_age_s)
        except Exception as exc:  # noqa: BLE001 - the database may be away; the scrape still answers
            log.warning("outbox backlog unavailable: %s", exc)
        try:
            for group, value in consumer_group_lag(self.relay.bootstrap).items():
                lag.add_metric([group], value)
        except Exception as exc:  # noqa: BLE001 - Kafka may be away
            log.warning("consumer lag unavailable: %s", exc)
        yield from (unsent, age, leader, lag)


def serve(relay) -> int | None:
    listen = os.environ.get("LEARNFLOW_RELAY_METRICS_LISTEN", DEFAULT_LISTEN)
    if listen.lower() == "off":
        return None
    REGISTRY.register(BacklogCollector(relay))
    host, _, port = listen.rpartition(":")
    try:
        server, _thread = start_http_server(int(port), addr=host or "0.0.0.0")
    except OSError as exc:
        log.warning("relay metrics endpoint not started on %s: %s", listen, exc)
        return None
    return server.server_port
