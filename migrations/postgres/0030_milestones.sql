-- Milestones: dated turning points that recaps cut their periods at. A member's own
-- (private unless its author shares it with the team) or the whole team's (added by an admin,
-- seen by every member). One made from an answer goes when the answer goes.
CREATE TABLE milestones (
    id          BIGSERIAL PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    author_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    team_wide   BOOLEAN NOT NULL,
    on_date     DATE NOT NULL,
    text        TEXT NOT NULL CHECK (text <> '' AND char_length(text) <= 200),
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'team')),
    answer_id   BIGINT UNIQUE REFERENCES answers (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    CHECK (NOT team_wide OR visibility = 'team')
);
CREATE INDEX milestones_team_date ON milestones (team_id, on_date);
CREATE INDEX milestones_author ON milestones (author_id);
