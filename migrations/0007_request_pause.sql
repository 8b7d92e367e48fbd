-- An association director may pause matching for a request (the NGO is reorganising, a start
-- date is uncertain) without closing it: a paused request gets no proposals until resumed.

ALTER TABLE requests ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1));
