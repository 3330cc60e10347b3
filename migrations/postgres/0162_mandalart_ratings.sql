-- Following a Mandalart through: how each sub-goal is going (1–5), asked in the quarterly rounds
-- of the plan's year. One row per sub-goal and round; goes with its grid and with its round.
CREATE TABLE mandalart_ratings (
    answer_id   BIGINT NOT NULL REFERENCES mandalarts (answer_id) ON DELETE CASCADE,
    goal        INTEGER NOT NULL CHECK (goal BETWEEN 1 AND 8),
    round_id    BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (answer_id, goal, round_id)
);
