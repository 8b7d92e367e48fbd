-- When a director first saw a proposal's card. A proposal nobody has seen yet is re-solved
-- when a better assignment appears; one a director may be looking at stays put.

ALTER TABLE placements ADD COLUMN shown_at TEXT;
