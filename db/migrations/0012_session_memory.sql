-- Conversation memory: triage reads a student's recent turns of one session on every Ask that names a
-- session (agents/triage/ledger.py recent_turns), newest first.
CREATE INDEX IF NOT EXISTS idx_query_history_session
    ON query_history (student_id, session_id, timestamp DESC) WHERE session_id IS NOT NULL;
