-- People get an id of their own, and the accounts they write from (a Telegram user today) point
-- at it: a second channel adds an account kind, not a new key. Every existing person keeps their
-- Telegram id as their person id, so every stored reference (outbox recipients, audit actors,
-- decided_by, broadcasts' director, invites' creators) still names the same person. RENAME keeps
-- the foreign keys and the triggers of 0004/0008 pointing at the renamed table and columns.

ALTER TABLE users RENAME TO people;
ALTER TABLE people RENAME COLUMN telegram_id TO id;
ALTER TABLE workers RENAME COLUMN telegram_id TO person_id;
ALTER TABLE ngos RENAME COLUMN director_telegram_id TO director_person_id;
ALTER TABLE drafts RENAME COLUMN telegram_id TO person_id;
ALTER TABLE deletion_requests RENAME COLUMN telegram_id TO person_id;

CREATE TABLE accounts (
    channel      TEXT    NOT NULL CHECK (channel IN ('telegram')),
    external_id  INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (channel, external_id)
);
CREATE INDEX accounts_by_person ON accounts (person_id, channel);
INSERT INTO accounts (channel, external_id, person_id) SELECT 'telegram', id, id FROM people;

-- New person ids come from here, never reused: a person who deleted their data may still be named
-- by an audit row, and a newcomer must not inherit it.
CREATE TABLE person_ids (id INTEGER PRIMARY KEY AUTOINCREMENT);
INSERT INTO person_ids (id) SELECT max(id) FROM people HAVING max(id) IS NOT NULL;
DELETE FROM person_ids;
