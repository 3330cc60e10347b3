-- A team's own Mandalart: one grid per team and year, written by its admins (the grid is JSON,
-- as a member's is in an answer), and where each of its actions stands. Goes with the team; the
-- admin who last wrote it is forgotten with them (forget-me), the grid stays the team's.
CREATE TABLE team_mandalarts (
    team_id     BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    plan_year   BIGINT NOT NULL CHECK (plan_year BETWEEN 1970 AND 2200),
    grid        TEXT NOT NULL,
    written_by  BIGINT REFERENCES members (id) ON DELETE SET NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, plan_year)
);

CREATE TABLE team_mandalart_checks (
    team_id     BIGINT NOT NULL,
    plan_year   BIGINT NOT NULL,
    goal        INTEGER NOT NULL CHECK (goal BETWEEN 1 AND 8),
    action      INTEGER NOT NULL CHECK (action BETWEEN 1 AND 8),
    status      TEXT NOT NULL CHECK (status IN ('done', 'partial', 'not-yet')),
    checked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, plan_year, goal, action),
    FOREIGN KEY (team_id, plan_year) REFERENCES team_mandalarts (team_id, plan_year)
        ON DELETE CASCADE
);
