-- Following a Mandalart through: where each of its actions stands (`mandalart check 3.5 done`).
-- One row per checked action of a grid; goes with its grid (so with its answer and its member).
CREATE TABLE mandalart_checks (
    answer_id   INTEGER NOT NULL REFERENCES mandalarts (answer_id) ON DELETE CASCADE,
    goal        INTEGER NOT NULL CHECK (goal BETWEEN 1 AND 8),
    action      INTEGER NOT NULL CHECK (action BETWEEN 1 AND 8),
    status      TEXT NOT NULL CHECK (status IN ('done', 'partial', 'not-yet')),
    checked_at  TEXT NOT NULL,
    PRIMARY KEY (answer_id, goal, action)
);
