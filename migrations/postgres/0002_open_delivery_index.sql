-- Closing rounds looks for open deliveries whose window ended; keep that to the open ones.
CREATE INDEX deliveries_open_closing ON deliveries (closes_at) WHERE status IN ('pending', 'sent');
