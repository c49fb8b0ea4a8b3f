-- Seed 000 entities that seed 001 lacks: routing information, session context, interaction history,
-- exercise submissions, per-topic progress; plus classes for teacher access.

CREATE TABLE service_routing (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    query_id UUID NOT NULL REFERENCES query_history(query_id) ON DELETE CASCADE,
    response_id UUID REFERENCES agent_responses(response_id) ON DELETE SET NULL,
    original_service VARCHAR(50) NOT NULL,
    target_service VARCHAR(50) NOT NULL CHECK (target_service IN ('concepts', 'code-review', 'debug', 'exercise', 'progress')),
    routing_reason TEXT,
    routing_timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    message_id VARCHAR(100),
    confidence DECIMAL(3,2) CHECK (confidence BETWEEN 0.0 AND 1.0),
    CHECK (original_service <> target_service)
);
CREATE INDEX idx_routing_query ON service_routing(query_id);

CREATE TABLE session_context (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    query_id UUID NOT NULL UNIQUE REFERENCES query_history(query_id) ON DELETE CASCADE,
    session_id VARCHAR(255),
    session_data JSONB NOT NULL DEFAULT '{}',
    current_module VARCHAR(100),
    current_difficulty VARCHAR(20) CHECK (current_difficulty IN ('beginner', 'intermediate', 'advanced')),
    learning_path TEXT[],
    session_started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_activity_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    session_duration INTEGER CHECK (session_duration >= 0)
);
CREATE INDEX idx_session_context_session ON session_context(session_id);

CREATE TABLE exercise_submissions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    exercise_id UUID NOT NULL REFERENCES exercises(exercise_id) ON DELETE CASCADE,
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    submission_code TEXT NOT NULL CHECK (LENGTH(TRIM(submission_code)) >= 1 AND LENGTH(submission_code) <= 10000),
    submission_time TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    grade DECIMAL(5,2) NOT NULL CHECK (grade BETWEEN 0 AND 100),
    status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'grading', 'graded', 'manual_review')),
    feedback TEXT,
    automated_tests_passed INTEGER NOT NULL CHECK (automated_tests_passed >= 0),
    total_tests INTEGER NOT NULL CHECK (total_tests >= 0),
    execution_time_ms INTEGER CHECK (execution_time_ms >= 0),
    memory_usage_kb INTEGER CHECK (memory_usage_kb >= 0),
    grader VARCHAR(20) NOT NULL CHECK (grader IN ('ai', 'teacher', 'system')),
    graded_at TIMESTAMPTZ,
    results JSONB NOT NULL DEFAULT '[]',
    CHECK (automated_tests_passed <= total_tests)
);
CREATE INDEX idx_submissions_student ON exercise_submissions(student_id, submission_time DESC);
CREATE INDEX idx_submissions_exercise ON exercise_submissions(exercise_id, student_id);

CREATE TABLE interaction_history (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    query_id UUID REFERENCES query_history(query_id) ON DELETE CASCADE,
    response_id UUID REFERENCES agent_responses(response_id) ON DELETE CASCADE,
    submission_id UUID REFERENCES exercise_submissions(id) ON DELETE CASCADE,
    interaction_type VARCHAR(30) NOT NULL CHECK (interaction_type IN ('query', 'exercise_submission', 'progress_update')),
    summary TEXT,
    engagement_time INTEGER CHECK (engagement_time >= 0),
    success_indicators JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CHECK (interaction_type <> 'query' OR (query_id IS NOT NULL AND response_id IS NOT NULL)),
    CHECK (interaction_type <> 'exercise_submission' OR submission_id IS NOT NULL)
);
CREATE INDEX idx_interactions_student ON interaction_history(student_id, created_at DESC);

CREATE TABLE topic_progress (
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    module_name VARCHAR(100) NOT NULL CHECK (module_name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    mastery_percentage DECIMAL(5,2) NOT NULL DEFAULT 0 CHECK (mastery_percentage BETWEEN 0 AND 100),
    attempts_count INTEGER NOT NULL DEFAULT 0 CHECK (attempts_count >= 0),
    success_count INTEGER NOT NULL DEFAULT 0 CHECK (success_count >= 0),
    query_count INTEGER NOT NULL DEFAULT 0 CHECK (query_count >= 0),
    last_practiced_at TIMESTAMPTZ,
    streak_days INTEGER NOT NULL DEFAULT 0 CHECK (streak_days >= 0),
    total_learning_time INTEGER CHECK (total_learning_time >= 0),
    completed_exercises INTEGER NOT NULL DEFAULT 0 CHECK (completed_exercises >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (student_id, module_name),
    CHECK (success_count <= attempts_count)
);

CREATE TABLE classes (
    class_id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR(200) NOT NULL CHECK (LENGTH(TRIM(name)) >= 1),
    teacher_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE TABLE class_members (
    class_id UUID NOT NULL REFERENCES classes(class_id) ON DELETE CASCADE,
    student_id VARCHAR(255) NOT NULL REFERENCES students(student_id) ON DELETE CASCADE,
    added_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (class_id, student_id)
);
CREATE INDEX idx_class_members_student ON class_members(student_id);
