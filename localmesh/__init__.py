"""Starts the whole mesh locally as plain processes: PostgreSQL, Kafka, the agents, the relay, Envoy.

Used by `make up` / `make down` and by the tests (which start their own copy on free ports)."""
