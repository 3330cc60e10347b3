-- Summaries asked of the model, one row each, counted per team against
-- `summary.per_team_per_hour` by every replica alike (a cached summary is not asked, so not
-- counted). Rows older than an hour are deleted as the team asks again.
CREATE TABLE summary_requests (
    team_id  INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    asked_at TEXT NOT NULL
);
CREATE INDEX summary_requests_team ON summary_requests (team_id, asked_at);
