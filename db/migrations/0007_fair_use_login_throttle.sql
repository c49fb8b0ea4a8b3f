-- Limits shared by every replica (issue 14): one row per student, bucket and fixed window, bumped by
-- an upsert; per-student overrides set by an operator; login failures per account and client address.
CREATE TABLE usage_windows (
    student_id VARCHAR(255) NOT NULL,
    bucket VARCHAR(32) NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
    PRIMARY KEY (student_id, bucket, window_start)
);
CREATE INDEX idx_usage_windows_start ON usage_windows (window_start);

CREATE TABLE usage_limits (
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    bucket VARCHAR(32) NOT NULL,
    per_window INTEGER NOT NULL CHECK (per_window >= 0),
    PRIMARY KEY (student_id, bucket)
);

CREATE TABLE login_failures (
    email VARCHAR(255) NOT NULL,
    client_address VARCHAR(64) NOT NULL,
    failures INTEGER NOT NULL CHECK (failures >= 0),
    last_failure_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (email, client_address)
);
CREATE INDEX idx_login_failures_last ON login_failures (last_failure_at);

-- Refresh-token families: a rotated token presented again revokes every token of its family.
ALTER TABLE refresh_tokens ADD COLUMN family_id UUID;
ALTER TABLE refresh_tokens ADD COLUMN replaced_by UUID;
UPDATE refresh_tokens SET family_id = token_id WHERE family_id IS NULL;
ALTER TABLE refresh_tokens ALTER COLUMN family_id SET NOT NULL;
CREATE INDEX idx_refresh_family ON refresh_tokens (family_id);
