-- Wake the relay as soon as events are committed (it LISTENs on this channel) instead of waiting for its
-- next poll: commit -> Kafka p50 drops from ~130 ms (0.2 s polling) to a few ms. Polling stays as the fallback.
CREATE OR REPLACE FUNCTION notify_event_outbox() RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('event_outbox', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER event_outbox_notify
    AFTER INSERT ON event_outbox
    FOR EACH STATEMENT
    EXECUTE FUNCTION notify_event_outbox();
