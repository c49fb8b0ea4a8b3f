-- Infrastructure: the transactional outbox relayed to Kafka, consumer de-duplication,
-- and the key/value state store that replaces the seed's Dapr state store (same key patterns).

CREATE TABLE event_outbox (
    id BIGSERIAL PRIMARY KEY,
    message_id UUID NOT NULL UNIQUE,
    topic VARCHAR(100) NOT NULL,
    partition_key VARCHAR(255),
    event_type VARCHAR(100) NOT NULL,
    content_type VARCHAR(100) NOT NULL DEFAULT 'application/x-protobuf',
    payload BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at TIMESTAMPTZ,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX idx_outbox_unsent ON event_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX idx_outbox_sent_at ON event_outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE processed_messages (
    consumer VARCHAR(100) NOT NULL,
    message_id UUID NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Keys: progress:student:<id>, progress:query:<id> (90 d), concepts:cache:<hash> (7 d),
-- agents:health:<name>[:<instance>], triage:metrics. expires_at NULL = no expiry.
CREATE TABLE state_store (
    key VARCHAR(512) PRIMARY KEY,
    value JSONB NOT NULL,
    expires_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_state_expiry ON state_store (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE refresh_tokens (
    token_id UUID PRIMARY KEY,
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_refresh_student ON refresh_tokens (student_id);
