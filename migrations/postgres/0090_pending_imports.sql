-- Files a member sent to import from chat, kept (checked, with their dry-run summary shown)
-- until they press Confirm or the files expire. Deleted with the member (forget-me).
CREATE TABLE pending_imports (
    id          BIGSERIAL PRIMARY KEY,
    member_id   BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    files       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_imports_member ON pending_imports (member_id);
CREATE INDEX pending_imports_expiry ON pending_imports (expires_at);
