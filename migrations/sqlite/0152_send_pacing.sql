-- The global sending rate of one platform account, shared by every replica on PostgreSQL. SQLite
-- serves one running hoego, which paces itself in memory: the table is here so that both
-- backends have the same tables, and stays empty.
CREATE TABLE send_pacing (
    account TEXT PRIMARY KEY,
    next_at TEXT NOT NULL
);
