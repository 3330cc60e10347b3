-- The platform requests (a Discord interaction, a Slack view submission or block action) whose
-- state change has been committed, claimed by the request's id in the same transaction as the
-- change: a second replica, or a platform delivering the same request again, finds the id taken
-- and changes nothing. Rows older than a day are pruned (no platform delivers a request again
-- that late).
CREATE TABLE handled_requests (
    id TEXT PRIMARY KEY,
    handled_at TEXT NOT NULL
);
CREATE INDEX handled_requests_by_age ON handled_requests (handled_at);
