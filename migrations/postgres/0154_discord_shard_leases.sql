-- Replicas on one PostgreSQL share Discord's gateway shards: each shard has one lease, held by
-- the replica that runs it and renewed while it runs; a shard whose lease ran out (its holder
-- stopped) is taken by another replica. A replica renews its own row while it is alive, so the
-- others know how many share the shards.
CREATE TABLE discord_shard_leases (
    shard_id INTEGER PRIMARY KEY,
    shard_count INTEGER NOT NULL,
    holder TEXT,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE discord_replicas (
    holder TEXT PRIMARY KEY,
    seen_until TIMESTAMPTZ NOT NULL
);
