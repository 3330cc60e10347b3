-- Rounds opened with run-now are marked, so the per-team run-now quota is counted from the
-- database (shared by every process and kept across restarts), not in one process's memory.
ALTER TABLE rounds ADD COLUMN run_now BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX rounds_run_now ON rounds (team_id, created_at) WHERE run_now;
