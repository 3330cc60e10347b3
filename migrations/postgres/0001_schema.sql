-- hoego's schema (PostgreSQL). The database enforces what it can: one round per
-- (schedule, occurrence), one delivery per (round, member), one answer per (delivery, question),
-- foreign keys, and CHECKs on every state word.

CREATE TABLE teams (
    id           BIGSERIAL PRIMARY KEY,
    platform     TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
    external_id  TEXT NOT NULL,
    name         TEXT NOT NULL,
    time_zone    TEXT NOT NULL DEFAULT 'UTC',
    language     TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE members (
    id             BIGSERIAL PRIMARY KEY,
    team_id        BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    time_zone      TEXT,
    language       TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
    delivery       TEXT NOT NULL DEFAULT 'dm' CHECK (delivery IN ('dm', 'thread')),
    paused_until   TIMESTAMPTZ,
    dm_channel_id  TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (team_id, user_id)
);

-- A stored version of a template (its TOML source); rounds point at the version they asked.
CREATE TABLE templates (
    id          BIGSERIAL PRIMARY KEY,
    team_id     BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    key         TEXT NOT NULL CHECK (key <> ''),
    source      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX templates_team_key ON templates (team_id, key, id DESC);

CREATE TABLE schedules (
    id                 BIGSERIAL PRIMARY KEY,
    team_id            BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name               TEXT NOT NULL CHECK (name <> ''),
    template_id        BIGINT NOT NULL REFERENCES templates (id),
    cron               TEXT NOT NULL,
    -- NULL means member-local: each member is asked at the cron time in their own zone.
    time_zone          TEXT,
    channel_id         TEXT,
    digest_channel_id  TEXT,
    window_secs        BIGINT NOT NULL CHECK (window_secs > 0),
    reminder_percent   SMALLINT NOT NULL DEFAULT 0 CHECK (reminder_percent BETWEEN 0 AND 99),
    grace_secs         BIGINT NOT NULL CHECK (grace_secs >= 0),
    state              TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused')),
    -- The next occurrence as local wall-clock time, and the instant the scheduler acts on it.
    next_local         TIMESTAMP,
    next_due_at        TIMESTAMPTZ,
    created_at         TIMESTAMPTZ NOT NULL,
    UNIQUE (team_id, name)
);
CREATE INDEX schedules_due ON schedules (next_due_at) WHERE state = 'active';

CREATE TABLE schedule_participants (
    schedule_id  BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    member_id    BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    added_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (schedule_id, member_id)
);

CREATE TABLE rounds (
    id                BIGSERIAL PRIMARY KEY,
    team_id           BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    -- NULL for a one-off round (run-now of a template no schedule uses).
    schedule_id       BIGINT REFERENCES schedules (id) ON DELETE CASCADE,
    template_id       BIGINT NOT NULL REFERENCES templates (id),
    occurrence_local  TIMESTAMP NOT NULL,
    due_at            TIMESTAMPTZ NOT NULL,
    closes_at         TIMESTAMPTZ NOT NULL CHECK (closes_at > due_at),
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'missed')),
    closed_at         TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (schedule_id, occurrence_local)
);
CREATE INDEX rounds_open_closing ON rounds (closes_at) WHERE status = 'open';
CREATE INDEX rounds_team_due ON rounds (team_id, due_at);

CREATE TABLE deliveries (
    id                   BIGSERIAL PRIMARY KEY,
    round_id             BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    member_id            BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status               TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'sent', 'answered', 'skipped', 'missed', 'failed', 'undeliverable')),
    due_at               TIMESTAMPTZ NOT NULL,
    closes_at            TIMESTAMPTZ NOT NULL,
    remind_at            TIMESTAMPTZ,
    reminded_at          TIMESTAMPTZ,
    attempts             INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at      TIMESTAMPTZ NOT NULL,
    lease_until          TIMESTAMPTZ,
    platform_channel_id  TEXT,
    platform_message_id  TEXT,
    last_error           TEXT,
    sent_at              TIMESTAMPTZ,
    finished_at          TIMESTAMPTZ,
    UNIQUE (round_id, member_id)
);
CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_remind ON deliveries (remind_at) WHERE status = 'sent' AND reminded_at IS NULL;
CREATE INDEX deliveries_member ON deliveries (member_id, round_id);

CREATE TABLE answers (
    id           BIGSERIAL PRIMARY KEY,
    delivery_id  BIGINT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    visibility   TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (delivery_id, question_id)
);

-- Earlier texts of an edited answer.
CREATE TABLE answer_history (
    id           BIGSERIAL PRIMARY KEY,
    answer_id    BIGINT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    visibility   TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    replaced_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX answer_history_answer ON answer_history (answer_id);

CREATE TABLE resolutions (
    id          BIGSERIAL PRIMARY KEY,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    answer_id   BIGINT REFERENCES answers (id) ON DELETE SET NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    text        TEXT NOT NULL CHECK (text <> ''),
    visibility  TEXT NOT NULL CHECK (visibility IN ('private', 'team', 'anonymous')),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'on_track', 'changed', 'done', 'dropped')),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX resolutions_member ON resolutions (member_id);

CREATE TABLE resolution_followups (
    id             BIGSERIAL PRIMARY KEY,
    resolution_id  BIGINT NOT NULL REFERENCES resolutions (id) ON DELETE CASCADE,
    round_id       BIGINT REFERENCES rounds (id) ON DELETE SET NULL,
    status         TEXT NOT NULL CHECK (status IN ('on_track', 'changed', 'done', 'dropped')),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX resolution_followups_resolution ON resolution_followups (resolution_id);
