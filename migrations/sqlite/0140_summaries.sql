-- The optional written summary above a recap (issue 21).
-- A team's opt-in: a row means a team admin turned summaries on (`settings summary on`); no row,
-- off. Nothing is sent to a model without it (and without the operator's summary.base_url).
CREATE TABLE summary_opt_ins (
    team_id     INTEGER PRIMARY KEY REFERENCES teams (id) ON DELETE CASCADE,
    turned_on_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    turned_on_at TEXT NOT NULL
);

-- Checked summaries, keyed by the hash of the request's inputs (the items sent, the language,
-- the model): asking again costs nothing until an answer changes.
CREATE TABLE summaries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id         INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    input_hash      TEXT NOT NULL,
    cites_anonymous INTEGER NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (team_id, input_hash)
);

-- The members whose answers a cached summary cites (by name, or the reader's own answers);
-- forget-me deletes every summary listed for the member, and a team's summaries that cite
-- anonymous answers (whose authors are not recorded).
CREATE TABLE summary_members (
    summary_id  INTEGER NOT NULL REFERENCES summaries (id) ON DELETE CASCADE,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (summary_id, member_id)
);
CREATE INDEX summary_members_member ON summary_members (member_id);
