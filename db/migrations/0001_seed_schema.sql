-- Seed 001 §3 schema (students, query history, responses, progress, message flow, exercises),
-- extended with seed 000's account fields. TIMESTAMPTZ instead of TIMESTAMP: every instant is UTC-unambiguous.

CREATE TABLE students (
    student_id VARCHAR(255) PRIMARY KEY,
    name VARCHAR(255) NOT NULL CHECK (LENGTH(TRIM(name)) >= 1),
    email VARCHAR(255) UNIQUE NOT NULL CHECK (email LIKE '%@%.%'),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    learning_style VARCHAR(50) DEFAULT 'step-by-step' CHECK (learning_style IN ('visual', 'auditory', 'kinesthetic', 'step-by-step', 'example-driven')),
    skill_level VARCHAR(50) DEFAULT 'beginner' CHECK (skill_level IN ('beginner', 'intermediate', 'advanced')),
    active BOOLEAN DEFAULT TRUE,
    -- seed 000 Student Profile
    first_name VARCHAR(255),
    last_name VARCHAR(255),
    role VARCHAR(20) NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'teacher')),
    preferences JSONB NOT NULL DEFAULT '{}',
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Password hashes live apart from the profile so no profile query can leak them.
CREATE TABLE account_credentials (
    student_id VARCHAR(255) PRIMARY KEY REFERENCES students(student_id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2%'),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE query_history (
    query_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    query_text TEXT NOT NULL CHECK (LENGTH(TRIM(query_text)) >= 1 AND LENGTH(query_text) <= 5000),
    query_vector tsvector,
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    detected_intent VARCHAR(50) CHECK (detected_intent IN ('concepts', 'code_review', 'debug', 'exercise', 'progress')),
    routed_to_agent VARCHAR(50) NOT NULL CHECK (routed_to_agent IN ('concepts', 'code-review', 'debug', 'exercise', 'progress')),
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    triage_confidence DECIMAL(3,2) CHECK (triage_confidence BETWEEN 0.0 AND 1.0),
    code_snippet TEXT CHECK (LENGTH(code_snippet) <= 10000),
    language VARCHAR(50) CHECK (language IN ('python', 'javascript', 'java', 'cpp', 'go', 'rust')),
    context JSONB,
    -- seed 000 Student Query
    session_id VARCHAR(255),
    processed_at TIMESTAMPTZ,
    -- seed 001 validation rules, enforced as the second line of defence
    CHECK (code_snippet IS NULL OR language IS NOT NULL),
    CHECK (status IN ('pending', 'failed') OR triage_confidence IS NOT NULL)
);

CREATE TABLE agent_responses (
    response_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    query_id UUID NOT NULL UNIQUE REFERENCES query_history(query_id) ON DELETE CASCADE,
    agent_type VARCHAR(50) NOT NULL CHECK (agent_type IN ('concepts', 'code-review', 'debug', 'exercise', 'progress')),
    response_text TEXT NOT NULL CHECK (LENGTH(TRIM(response_text)) >= 10),
    response_type VARCHAR(50) NOT NULL CHECK (response_type IN ('explanation', 'code_review', 'debug_solution', 'exercise', 'progress_report')),
    processing_time_ms INTEGER NOT NULL CHECK (processing_time_ms > 0),
    confidence_score DECIMAL(3,2) NOT NULL CHECK (confidence_score BETWEEN 0.0 AND 1.0),
    code_examples TEXT[],
    metadata JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    claude_model VARCHAR(100) NOT NULL,
    token_count INTEGER CHECK (token_count > 0),
    -- seed 000 Learning Response
    ai_provider VARCHAR(100),
    feedback_rating INTEGER CHECK (feedback_rating BETWEEN 1 AND 5),
    feedback_comment TEXT CHECK (LENGTH(feedback_comment) <= 2000)
);

CREATE TABLE student_progress (
    student_id VARCHAR(255) PRIMARY KEY REFERENCES students(student_id) ON DELETE CASCADE,
    python_mastery_levels JSONB NOT NULL DEFAULT '{}',
    completed_exercises INTEGER DEFAULT 0 CHECK (completed_exercises >= 0),
    topics_mastered TEXT[] DEFAULT '{}',
    topics_covered TEXT[] DEFAULT '{}',
    strengths TEXT[],
    weaknesses TEXT[],
    learning_velocity DECIMAL(5,2) CHECK (learning_velocity >= 0),
    total_queries INTEGER DEFAULT 0 CHECK (total_queries >= 0),
    queries_by_type JSONB DEFAULT '{}',
    last_activity TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    struggle_topics TEXT[],
    achievements TEXT[] DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    streak_days INTEGER NOT NULL DEFAULT 0 CHECK (streak_days >= 0)
);

CREATE TABLE message_flow (
    message_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    trace_id UUID NOT NULL,
    query_id UUID NOT NULL REFERENCES query_history(query_id) ON DELETE CASCADE,
    source_agent VARCHAR(50) NOT NULL,
    destination_agent VARCHAR(50) NOT NULL,
    message_content TEXT NOT NULL,
    message_type VARCHAR(50) NOT NULL CHECK (message_type IN ('routing_decision', 'request', 'response', 'collaboration')),
    timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    sequence_order INTEGER NOT NULL CHECK (sequence_order > 0),
    CHECK (source_agent <> destination_agent),
    CHECK (message_type <> 'routing_decision' OR source_agent = 'triage'),
    UNIQUE (trace_id, sequence_order)
);

CREATE TABLE exercises (
    exercise_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    topic VARCHAR(100) NOT NULL CHECK (topic ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    difficulty VARCHAR(20) NOT NULL CHECK (difficulty IN ('beginner', 'intermediate', 'advanced')),
    problem_text TEXT NOT NULL CHECK (LENGTH(TRIM(problem_text)) >= 1 AND LENGTH(problem_text) < 1000),
    solution_code TEXT NOT NULL,
    starter_code TEXT,
    test_cases JSONB NOT NULL CHECK (jsonb_typeof(test_cases) = 'array' AND jsonb_array_length(test_cases) >= 3),
    hints TEXT[],
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    created_by_agent VARCHAR(50) DEFAULT 'exercise',
    language VARCHAR(50) NOT NULL CHECK (language IN ('python', 'javascript', 'java')),
    tags TEXT[],
    -- seed 000 Exercise
    title VARCHAR(200) NOT NULL DEFAULT '',
    setup_code TEXT NOT NULL DEFAULT '',
    estimated_completion_time INTEGER CHECK (estimated_completion_time >= 0),
    created_by VARCHAR(255) REFERENCES students(student_id) ON DELETE SET NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    -- stable name of bank exercises, so re-seeding updates rather than duplicates
    slug VARCHAR(200) UNIQUE
);

CREATE UNIQUE INDEX idx_student_email ON students(email);
CREATE INDEX idx_student_active ON students(active, created_at DESC);

CREATE INDEX idx_student_queries ON query_history(student_id, timestamp DESC);
CREATE INDEX idx_query_status ON query_history(status, timestamp DESC);
CREATE INDEX idx_query_vector ON query_history USING GIN(query_vector);
CREATE INDEX idx_query_agent ON query_history(routed_to_agent, timestamp DESC);

CREATE INDEX idx_response_query ON agent_responses(query_id);
CREATE INDEX idx_response_agent ON agent_responses(agent_type, created_at DESC);
CREATE INDEX idx_response_time ON agent_responses(processing_time_ms);

CREATE INDEX idx_progress_updated ON student_progress(updated_at DESC);
CREATE INDEX idx_mastery_levels ON student_progress USING GIN(python_mastery_levels);
CREATE INDEX idx_topics_covered ON student_progress USING GIN(topics_covered);

CREATE INDEX idx_message_trace ON message_flow(trace_id, sequence_order);
CREATE INDEX idx_message_query ON message_flow(query_id, timestamp);
CREATE INDEX idx_message_agents ON message_flow(source_agent, destination_agent);

CREATE INDEX idx_exercise_topic ON exercises(topic, difficulty);
CREATE INDEX idx_exercise_tags ON exercises USING GIN(tags);

CREATE OR REPLACE FUNCTION update_query_vector() RETURNS TRIGGER AS $$
BEGIN
    NEW.query_vector := to_tsvector('english', NEW.query_text || ' ' || COALESCE(NEW.code_snippet, ''));
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER query_vector_update
    BEFORE INSERT OR UPDATE ON query_history
    FOR EACH ROW
    EXECUTE FUNCTION update_query_vector();

CREATE OR REPLACE FUNCTION update_progress_timestamp() RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at := NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER progress_timestamp_update
    BEFORE UPDATE ON student_progress
    FOR EACH ROW
    EXECUTE FUNCTION update_progress_timestamp();
