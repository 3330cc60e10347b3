-- Rounds opened with run-now are marked, so the per-team run-now quota is counted from the
-- database (kept across restarts), not in one process's memory.
ALTER TABLE rounds ADD COLUMN run_now INTEGER NOT NULL DEFAULT 0 CHECK (run_now IN (0, 1));
CREATE INDEX rounds_run_now ON rounds (team_id, created_at) WHERE run_now = 1;
