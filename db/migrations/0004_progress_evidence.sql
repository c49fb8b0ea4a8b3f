-- Evidence the progress agent derives mastery and struggle from: one row per consumed event and topic.
CREATE TABLE progress_evidence (
    id BIGSERIAL PRIMARY KEY,
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    topic VARCHAR(100) NOT NULL CHECK (topic ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    kind VARCHAR(20) NOT NULL CHECK (kind IN ('query', 'submission')),
    intent VARCHAR(50),
    error_type VARCHAR(100),
    score DECIMAL(5,2) CHECK (score BETWEEN 0 AND 1),
    message_id UUID NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_evidence_student_topic ON progress_evidence (student_id, topic, at DESC);
