-- Invite links for social workers imported from the association's roster, and the pending
-- "delete my data" confirmations. Only a SHA-256 of each invite code is kept: a copied database
-- or backup holds no link that still works.

CREATE TABLE invites (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    created_by  INTEGER,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    used_at     TEXT,
    used_by     INTEGER,
    revoked_at  TEXT,
    CHECK (used_at IS NULL OR used_by IS NOT NULL)
);
CREATE INDEX invites_by_worker ON invites (worker_id);

-- A person who sent /deleteme and has not pressed "Yes, delete" yet. The button carries the
-- nonce, so only the newest confirmation message works, and only for a while.
CREATE TABLE deletion_requests (
    telegram_id  INTEGER PRIMARY KEY REFERENCES users (telegram_id) ON DELETE CASCADE,
    nonce        TEXT    NOT NULL,
    asked_at     TEXT    NOT NULL
);
