-- Pages of a form asked in several modals (Discord's five inputs), kept until the last page
-- submits the whole form or they expire, so a restart between pages loses nothing.
CREATE TABLE form_drafts (
    delivery_id  BIGINT PRIMARY KEY REFERENCES deliveries (id) ON DELETE CASCADE,
    answers      TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
