-- When the director was told that every message of an announcement was delivered or given up.
ALTER TABLE broadcasts ADD COLUMN reported_at TEXT;
