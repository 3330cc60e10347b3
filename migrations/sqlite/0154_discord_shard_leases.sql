-- Replicas on one PostgreSQL share Discord's gateway shards through these leases. SQLite serves
-- one running hoego, which runs every shard without them; the tables keep both schemas alike.
CREATE TABLE discord_shard_leases (
    shard_id INTEGER PRIMARY KEY,
    shard_count INTEGER NOT NULL,
    holder TEXT,
    expires_at TEXT NOT NULL
);

CREATE TABLE discord_replicas (
    holder TEXT PRIMARY KEY,
    seen_until TEXT NOT NULL
);
