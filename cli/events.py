"""`python -m cli.events TOPIC [--bootstrap HOST:PORT] [--json] [--from-beginning] [--max N]`

The project's own consumer tool: prints envelopes from a LearnFlow topic, decoded from protobuf
(proto3 JSON mapping with --json, a one-line summary otherwise). kcat works too; this one decodes."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


from google.protobuf.json_format import MessageToDict
from learnflow.v1 import events_pb2


def decode(value: bytes) -> events_pb2.EventEnvelope:
    envelope = events_pb2.EventEnvelope()
    envelope.ParseFromString(value)
    return envelope


def to_json(envelope: events_pb2.EventEnvelope) -> dict:
    return MessageToDict(envelope, preserving_proto_field_name=True)


def default_bootstrap() -> str:
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        return os.environ["KAFKA_BOOTSTRAP_SERVERS"]
    saved = Path(__file__).resolve().parent.parent / ".run" / "kafka_bootstrap"
    return saved.read_text().strip() if saved.exists() else "127.0.0.1:9092"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.events")
    parser.add_argument("topic")
    parser.add_argument("--bootstrap", default=default_bootstrap())
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--from-beginning", action="store_true")
    parser.add_argument("--max", type=int, default=0, help="stop after N messages")
    parser.add_argument("--idle-ms", type=int, default=5000, help="stop after this long without messages")
    args = parser.parse_args(argv)
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(args.topic, bootstrap_servers=args.bootstrap, group_id=None,
                             auto_offset_reset="earliest" if args.from_beginning else "latest",
                             consumer_timeout_ms=args.idle_ms, enable_auto_commit=False)
    seen = 0
    try:
        for record in consumer:
            env = decode(record.value)
            if args.json:
                print(json.dumps({"partition": record.partition, "offset": record.offset,
                                  "key": record.key.decode() if record.key else None, "envelope": to_json(env)}))
            else:
                print(f"{record.partition}:{record.offset} {env.timestamp.ToJsonString()} {env.event_type:<28} "
                      f"student={env.student_id or '-'} trace={env.trace_id} id={env.message_id}")
            seen += 1
            if args.max and seen >= args.max:
                break
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
