-- A sender's lease names its holder, so only the holder renews it or sends under it; a prompt
-- being sent is marked in flight (sending_at) before the request and cleared when its outcome is
-- recorded, so a sender taking over after a crash asks the platform about exactly those.
ALTER TABLE deliveries ADD COLUMN leased_by TEXT;
ALTER TABLE deliveries ADD COLUMN sending_at TEXT;
