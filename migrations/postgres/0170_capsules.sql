-- Time capsules: letters sealed until a day. A member's own (sent back to them by DM) or the
-- team's (written by an admin, opened in `channel_id`). Sealed text is read only by the author's
-- export until the day comes; the sender claims a due letter with a lease, like a delivery, and
-- marks it delivered once the platform took it, so it is opened once across restarts and
-- replicas. One made from a year-end answer (`delivery_id`, `question_id`) is replaced when the
-- answer is edited. Goes with its author.
CREATE TABLE capsules (
    id            BIGSERIAL PRIMARY KEY,
    team_id       BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    author_id     BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    team_wide     BOOLEAN NOT NULL,
    channel_id    TEXT,
    written_on    DATE NOT NULL,
    open_on       DATE NOT NULL,
    opens_at      TIMESTAMPTZ NOT NULL,
    text          TEXT NOT NULL CHECK (text <> '' AND char_length(text) <= 3000),
    delivery_id   BIGINT REFERENCES deliveries (id) ON DELETE CASCADE,
    question_id   TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    leased_by     TEXT,
    lease_until   TIMESTAMPTZ,
    delivered_at  TIMESTAMPTZ,
    CHECK (open_on > written_on),
    CHECK (NOT team_wide OR channel_id IS NOT NULL),
    UNIQUE (delivery_id, question_id)
);
CREATE INDEX capsules_due ON capsules (opens_at) WHERE delivered_at IS NULL;
CREATE INDEX capsules_author ON capsules (author_id, open_on);
