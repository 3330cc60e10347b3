-- How a schedule's round digest is grouped: by question (as before) or by member.
ALTER TABLE schedules
    ADD COLUMN digest_group TEXT NOT NULL DEFAULT 'question'
        CHECK (digest_group IN ('question', 'member'));
