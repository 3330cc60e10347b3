-- Files a member sent to import from chat, kept (checked, with their dry-run summary shown)
-- until they press Confirm or the files expire. Deleted with the member (forget-me).
CREATE TABLE pending_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    files       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX pending_imports_member ON pending_imports (member_id);
CREATE INDEX pending_imports_expiry ON pending_imports (expires_at);
