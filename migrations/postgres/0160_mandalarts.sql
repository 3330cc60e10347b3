-- Mandalarts: which answer holds a member's plan for a year (the grid itself is the answer's
-- text, as JSON). Goes with its answer and with its member.
CREATE TABLE mandalarts (
    answer_id   BIGINT PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    plan_year   BIGINT NOT NULL CHECK (plan_year BETWEEN 1970 AND 2200)
);
CREATE INDEX mandalarts_member_year ON mandalarts (member_id, plan_year);
