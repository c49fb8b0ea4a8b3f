"""The seed's Kafka topic table (seed 001 §5.1) as data, and an idempotent `ensure_topics`.

The seed asks for replication 3 (2 for the alert/log topics) on a production cluster. A local single-node
broker can only hold one replica, so the replication actually requested is min(seed, configured), where
configured is the `replication` argument, else env KAFKA_REPLICATION_FACTOR, else 1. min.insync.replicas
follows it (RF-1, at least 1) so acks=all keeps meaning "on more than one broker" when there are several.

Run `python -m bridge.topics [BOOTSTRAP]` to create the topics (KAFKA_BOOTSTRAP_SERVERS by default).
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

log = logging.getLogger("learnflow.topics")

HOUR_MS = 3600 * 1000
DAY_MS = 24 * HOUR_MS


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    replication: int      # what the seed asks for on a real cluster
    retention_ms: int
    purpose: str


SEED_TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("student-queries", 12, 3, 7 * DAY_MS, "Student query submissions"),
    TopicSpec("triage-routing", 12, 3, DAY_MS, "Triage routing decisions"),
    TopicSpec("concepts-requests", 6, 3, DAY_MS, "Requests to Concepts Agent"),
    TopicSpec("code-review-requests", 6, 3, DAY_MS, "Requests to Code Review Agent"),
    TopicSpec("debug-requests", 6, 3, DAY_MS, "Requests to Debug Agent"),
    TopicSpec("exercise-requests", 6, 3, DAY_MS, "Requests to Exercise Generator"),
    TopicSpec("progress-requests", 6, 3, DAY_MS, "Requests to Progress Tracker"),
    TopicSpec("agent-responses", 12, 3, 7 * DAY_MS, "All agent responses"),
    TopicSpec("agent-logs", 6, 2, DAY_MS, "Real-time agent activity logs"),
    TopicSpec("student-struggle", 6, 2, DAY_MS, "Struggle detection alerts"),
    TopicSpec("mastery-level-updated", 6, 2, DAY_MS, "Mastery level changes"),
)
TOPICS_BY_NAME = {spec.name: spec for spec in SEED_TOPICS}


def configured_replication(replication: int | None = None) -> int:
    """The replication factor this deployment can honour: argument, else KAFKA_REPLICATION_FACTOR, else 1."""
    if replication is None:
        replication = int(os.environ.get("KAFKA_REPLICATION_FACTOR", "1"))
    if replication < 1:
        raise ValueError(f"replication factor must be >= 1, got {replication}")
    return replication


def topic_settings(spec: TopicSpec, replication: int) -> dict:
    """The CreateTopics options for one seed topic on a cluster that can hold `replication` replicas."""
    rf = min(spec.replication, replication)
    return {
        "num_partitions": spec.partitions,
        "replication_factor": rf,
        "configs": {
            "retention.ms": str(spec.retention_ms),
            "min.insync.replicas": str(max(1, rf - 1)),
        },
    }


def ensure_topics(bootstrap: str, replication: int | None = None,
                  specs: tuple[TopicSpec, ...] = SEED_TOPICS, timeout: float = 30.0) -> dict[str, list[str]]:
    """Creates the missing topics and leaves existing ones untouched (even if configured differently).

    Safe to call from several processes at once: a topic created concurrently counts as existing.
    Returns {"created": [...], "existing": [...]} and waits until created topics have leaders.
    """
    from kafka import KafkaAdminClient
    from kafka.errors import TopicAlreadyExistsError, for_code

    rf = configured_replication(replication)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="learnflow-topics",
                             request_timeout_ms=int(timeout * 1000))
    try:
        present = set(admin.list_topics())
        missing = [spec for spec in specs if spec.name not in present]
        created: list[str] = []
        if missing:
            result = admin.create_topics({spec.name: topic_settings(spec, rf) for spec in missing},
                                         timeout_ms=int(timeout * 1000), raise_errors=False)
            for topic in result["topics"]:
                error = for_code(topic["error_code"])
                if topic["error_code"] == 0:
                    created.append(topic["name"])
                elif error is not TopicAlreadyExistsError:
                    raise error(f"creating topic {topic['name']}: {topic.get('error_message')}")
            if created:
                admin.wait_for_topics(created, timeout_ms=int(timeout * 1000))
        existing = [spec.name for spec in specs if spec.name not in created]
        if created:
            log.info("created Kafka topics (replication %d max): %s", rf, ", ".join(created))
        return {"created": created, "existing": existing}
    finally:
        admin.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    bootstrap = argv[0] if argv else os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    result = ensure_topics(bootstrap)
    print(f"created: {', '.join(result['created']) or '-'}; already present: {', '.join(result['existing']) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
