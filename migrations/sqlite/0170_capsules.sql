-- Time capsules: letters sealed until a day. A member's own (sent back to them by DM) or the
-- team's (written by an admin, opened in `channel_id`). Sealed text is read only by the author's
-- export until the day comes; the sender claims a due letter with a lease, like a delivery, and
-- marks it delivered once the platform took it, so it is opened once across restarts. One made
-- from a year-end answer (`delivery_id`, `question_id`) is replaced when the answer is edited.
-- Goes with its author.
CREATE TABLE capsules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id       INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    author_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    team_wide     INTEGER NOT NULL CHECK (team_wide IN (0, 1)),
    channel_id    TEXT,
    written_on    TEXT NOT NULL,
    open_on       TEXT NOT NULL,
    opens_at      TEXT NOT NULL,
    text          TEXT NOT NULL CHECK (text <> '' AND length(text) <= 3000),
    delivery_id   INTEGER REFERENCES deliveries (id) ON DELETE CASCADE,
    question_id   TEXT,
    created_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    leased_by     TEXT,
    lease_until   TEXT,
    delivered_at  TEXT,
    CHECK (open_on > written_on),
    CHECK (team_wide = 0 OR channel_id IS NOT NULL),
    UNIQUE (delivery_id, question_id)
);
CREATE INDEX capsules_due ON capsules (opens_at) WHERE delivered_at IS NULL;
CREATE INDEX capsules_author ON capsules (author_id, open_on);
