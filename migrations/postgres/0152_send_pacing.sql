-- The global sending rate of one platform account, shared by every replica: each request a
-- sender makes books the next free slot (next_at moves on by the rate's interval), and a
-- platform's "slow down" (429) moves next_at past its back-off for every replica.
CREATE TABLE send_pacing (
    account TEXT PRIMARY KEY,
    next_at TIMESTAMPTZ NOT NULL
);
