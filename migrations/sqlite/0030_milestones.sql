-- Milestones: dated turning points that recaps cut their periods at. A member's own
-- (private unless its author shares it with the team) or the whole team's (added by an admin,
-- seen by every member). One made from an answer goes when the answer goes.
CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    team_wide   INTEGER NOT NULL CHECK (team_wide IN (0, 1)),
    on_date     TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (text <> '' AND length(text) <= 200),
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'team')),
    answer_id   INTEGER UNIQUE REFERENCES answers (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    CHECK (team_wide = 0 OR visibility = 'team')
);
CREATE INDEX milestones_team_date ON milestones (team_id, on_date);
CREATE INDEX milestones_author ON milestones (author_id);
