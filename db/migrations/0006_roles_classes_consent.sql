-- Roles by authority and classes by consent (issue 14).
-- 'admin' may grant roles; nobody gets a role other than 'student' from Register.
ALTER TABLE students DROP CONSTRAINT IF EXISTS students_role_check;
ALTER TABLE students ADD CONSTRAINT students_role_check CHECK (role IN ('student', 'teacher', 'admin'));

-- Every class has an unguessable join code; students join with it (or accept an invitation).
ALTER TABLE classes ADD COLUMN join_code VARCHAR(32);
UPDATE classes SET join_code = upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)) WHERE join_code IS NULL;
ALTER TABLE classes ALTER COLUMN join_code SET NOT NULL;
ALTER TABLE classes ADD CONSTRAINT classes_join_code_key UNIQUE (join_code);

-- Invitations are by e-mail whether or not an account exists (the teacher learns nothing from them).
CREATE TABLE class_invitations (
    class_id UUID NOT NULL REFERENCES classes(class_id) ON DELETE CASCADE,
    email VARCHAR(255) NOT NULL CHECK (email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    invited_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (class_id, email)
);
CREATE INDEX idx_class_invitations_email ON class_invitations (email);

-- Members added before consent existed did not agree: they become invitations they may accept.
INSERT INTO class_invitations (class_id, email)
    SELECT m.class_id, s.email FROM class_members m JOIN students s USING (student_id)
    ON CONFLICT DO NOTHING;
DELETE FROM class_members;
