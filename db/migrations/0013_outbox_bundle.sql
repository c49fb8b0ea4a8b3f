-- issue 13d: the events one transaction writes may share one outbox row. `bundle` carries the events after
-- the row's own (topic, partition_key, event_type, message_id, payload each; bridge/bundle.py encodes them);
-- the relay publishes the row's event and then the bundled ones, in that order, in the same producer batch,
-- and marks the row sent only when Kafka acknowledged all of them. Fewer rows per Ask: fewer inserts, index
-- entries, sent-at updates and relay rows for PostgreSQL; Kafka still receives one record per event, on its
-- own topic, with its own message-id header (consumers dedupe per event as before).
ALTER TABLE event_outbox ADD COLUMN bundle BYTEA;
