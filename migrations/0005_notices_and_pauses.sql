-- A pause may carry the date a member takes offers again; the dispatcher ends it on that day.
-- Announcements (/notice) to many members are rows of their own, their messages outbox rows
-- whose payload names the announcement; the audit log learns the new kind of row.

ALTER TABLE workers ADD COLUMN paused_until TEXT;
ALTER TABLE ngos ADD COLUMN paused_until TEXT;

CREATE TABLE broadcasts (
    id          INTEGER PRIMARY KEY,
    director    INTEGER NOT NULL,
    audience    TEXT    NOT NULL CHECK (audience IN ('workers', 'ngos', 'district')),
    district    TEXT,
    text_zh     TEXT    NOT NULL,
    text_en     TEXT,
    status      TEXT    NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'sent', 'cancelled')),
    recipients  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL,
    sent_at     TEXT,
    CHECK (audience <> 'district' OR district IS NOT NULL)
);
CREATE INDEX broadcasts_by_status ON broadcasts (status, id);
CREATE INDEX followups_by_broadcast ON followups (json_extract(payload, '$.broadcast'))
    WHERE json_extract(payload, '$.broadcast') IS NOT NULL;

CREATE TABLE audit_log_new (
    id         INTEGER PRIMARY KEY,
    actor      INTEGER,
    action     TEXT    NOT NULL,
    entity     TEXT    NOT NULL CHECK (entity IN ('user', 'worker', 'ngo', 'request', 'placement',
                                                  'followup', 'invite', 'broadcast')),
    entity_id  INTEGER NOT NULL,
    old_state  TEXT,
    new_state  TEXT,
    detail     TEXT,
    at         TEXT    NOT NULL
);
INSERT INTO audit_log_new (id, actor, action, entity, entity_id, old_state, new_state, detail, at)
    SELECT id, actor, action, entity, entity_id, old_state, new_state, detail, at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
