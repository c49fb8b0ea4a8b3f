"""The Kafka side of LearnFlow.

- `bridge.broker`: starts/stops a real single-node KRaft Apache Kafka broker (official jars, Java 17).
- `bridge.topics`: the seed's topic table and an idempotent `ensure_topics`.
- `bridge.relay`: the transactional-outbox relay (PostgreSQL `event_outbox` -> Kafka).
- `bridge.dedupe`: consumer-side de-duplication by the `message-id` header.
"""
