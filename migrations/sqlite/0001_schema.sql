-- Timestamps are RFC 3339 text in UTC written by hoego (never by SQL functions), so they
-- compare in time order; local wall-clock times are ISO 8601 text without an offset.
-- hoego's schema (SQLite). The database enforces what it can: one round per
-- (schedule, occurrence), one delivery per (round, member), one answer per (delivery, question),
-- foreign keys, and CHECKs on every state word.

CREATE TABLE teams (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    platform     TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
    external_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    time_zone    TEXT NOT NULL DEFAULT 'UTC',
    language     TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
    created_at   TEXT NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE members (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id        INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    time_zone      TEXT,
    language       TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
    delivery       TEXT NOT NULL DEFAULT 'dm' CHECK (delivery IN ('dm', 'thread')),
    paused_until   TEXT,
    dm_channel_id  TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (team_id, user_id)
);

-- A stored version of a template (its TOML source); rounds point at the version they asked.
CREATE TABLE templates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    key         TEXT NOT NULL CHECK (key <> ''),
    source      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX templates_team_key ON templates (team_id, key, id DESC);

CREATE TABLE schedules (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id            INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name               TEXT NOT NULL CHECK (name <> ''),
    template_id        INTEGER NOT NULL REFERENCES templates (id),
    cron               TEXT NOT NULL,
    -- NULL means member-local: each member is asked at the cron time in their own zone.
    time_zone          TEXT,
    channel_id         TEXT,
    digest_channel_id  TEXT,
    window_secs        INTEGER NOT NULL CHECK (window_secs > 0),
    reminder_percent   INTEGER NOT NULL DEFAULT 0 CHECK (reminder_percent BETWEEN 0 AND 99),
    grace_secs         INTEGER NOT NULL CHECK (grace_secs >= 0),
    state              TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
    -- The next occurrence as local wall-clock time, and the instant the scheduler acts on it.
    next_local         TEXT,
    next_due_at        TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (team_id, name)
);
CREATE INDEX schedules_due ON schedules (next_due_at) WHERE state = 'active';

CREATE TABLE schedule_participants (
    schedule_id  INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    added_at     TEXT NOT NULL,
    PRIMARY KEY (schedule_id, member_id)
);

CREATE TABLE rounds (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id           INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- NULL for a one-off round (run-now of a template no schedule uses).
    schedule_id       INTEGER REFERENCES schedules (id) ON DELETE CASCADE,
    template_id       INTEGER NOT NULL REFERENCES templates (id),
    occurrence_local  TEXT NOT NULL,
    due_at            TEXT NOT NULL,
    closes_at         TEXT NOT NULL CHECK (closes_at > due_at),
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'missed')),
    closed_at         TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (schedule_id, occurrence_local)
);
CREATE INDEX rounds_open_closing ON rounds (closes_at) WHERE status = 'open';
CREATE INDEX rounds_team_due ON rounds (team_id, due_at);

CREATE TABLE deliveries (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id             INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    member_id            INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status               TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'sent', 'answered', 'skipped', 'missed', 'failed', 'undeliverable')),
    due_at               TEXT NOT NULL,
    closes_at            TEXT NOT NULL,
    remind_at            TEXT,
    reminded_at          TEXT,
    attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at      TEXT NOT NULL,
    lease_until          TEXT,
    platform_channel_id  TEXT,
    platform_message_id  TEXT,
    last_error           TEXT,
    sent_at              TEXT,
    finished_at          TEXT,
    UNIQUE (round_id, member_id)
);
CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_remind ON deliveries (remind_at) WHERE status = 'sent' AND reminded_at IS NULL;
CREATE INDEX deliveries_member ON deliveries (member_id, round_id);

CREATE TABLE answers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id  INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    visibility   TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (delivery_id, question_id)
);

-- Earlier texts of an edited answer.
CREATE TABLE answer_history (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id    INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    visibility   TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    replaced_at  TEXT NOT NULL
);
CREATE INDEX answer_history_answer ON answer_history (answer_id);

CREATE TABLE resolutions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    answer_id   INTEGER REFERENCES answers (id) ON DELETE SET NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    text        TEXT NOT NULL CHECK (text <> ''),
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'on_track', 'changed', 'done', 'dropped')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX resolutions_member ON resolutions (member_id);

CREATE TABLE resolution_followups (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    resolution_id  INTEGER NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    round_id       INTEGER REFERENCES rounds (id) ON DELETE SET NULL,
    status         TEXT NOT NULL CHECK (status IN ('on_track', 'changed', 'done', 'dropped')),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX resolution_followups_resolution ON resolution_followups (resolution_id);
