-- The data model of the placement cycle. Timestamps are UTC ISO-8601 text ("2026-11-28T09:00:00Z");
-- lists (skills, fields, languages, reasons) are JSON arrays checked with json_valid().
-- PRAGMA foreign_keys is set on the connection by the store: it is ignored inside a transaction.

CREATE TABLE users (
    telegram_id   INTEGER PRIMARY KEY,
    display_name  TEXT    NOT NULL DEFAULT '',
    username      TEXT,
    language      TEXT    NOT NULL DEFAULT 'zh' CHECK (language IN ('en', 'zh')),
    role          TEXT             CHECK (role IN ('worker', 'ngo')),
    reachable     INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE workers (
    id                INTEGER PRIMARY KEY,
    telegram_id       INTEGER UNIQUE REFERENCES users (telegram_id) ON DELETE SET NULL,
    name              TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    phone             TEXT    NOT NULL,
    district          TEXT    NOT NULL,
    skills_text       TEXT    NOT NULL DEFAULT '',
    skills            TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
    fields            TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(fields) AND json_type(fields) = 'array'),
    languages         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    certification     TEXT    NOT NULL DEFAULT 'none'
                              CHECK (certification IN ('none', 'assistant', 'social_worker', 'senior')),
    years_experience  INTEGER NOT NULL DEFAULT 0 CHECK (years_experience BETWEEN 0 AND 60),
    hours_per_week    REAL    NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
    max_placements    INTEGER NOT NULL DEFAULT 1 CHECK (max_placements BETWEEN 1 AND 5),
    remote_ok         INTEGER NOT NULL DEFAULT 0 CHECK (remote_ok IN (0, 1)),
    introduction      TEXT    NOT NULL DEFAULT '',
    status            TEXT    NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'verified', 'rejected', 'paused')),
    status_reason     TEXT,
    roster_key        TEXT    UNIQUE,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX workers_by_status ON workers (status);

CREATE TABLE ngos (
    id                    INTEGER PRIMARY KEY,
    director_telegram_id  INTEGER UNIQUE REFERENCES users (telegram_id) ON DELETE SET NULL,
    name                  TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    registration          TEXT    NOT NULL CHECK (registration IN ('registered', 'in_process', 'not_yet')),
    registration_number   TEXT,
    fields                TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(fields) AND json_type(fields) = 'array'),
    district              TEXT    NOT NULL,
    incubated             INTEGER NOT NULL DEFAULT 0 CHECK (incubated IN (0, 1)),
    director_name         TEXT    NOT NULL,
    director_phone        TEXT    NOT NULL,
    status                TEXT    NOT NULL DEFAULT 'pending'
                                  CHECK (status IN ('pending', 'verified', 'rejected', 'paused')),
    status_reason         TEXT,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    CHECK (registration <> 'registered' OR registration_number IS NOT NULL)
);
CREATE INDEX ngos_by_status ON ngos (status);

CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY,
    ngo_id             INTEGER NOT NULL REFERENCES ngos (id) ON DELETE CASCADE,
    title              TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description        TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    skills_text        TEXT    NOT NULL DEFAULT '',
    skills             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(skills) AND json_type(skills) = 'array'),
    field              TEXT    NOT NULL,
    district           TEXT    NOT NULL,
    remote_ok          INTEGER NOT NULL DEFAULT 0 CHECK (remote_ok IN (0, 1)),
    hours_per_week     REAL    NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
    headcount          INTEGER NOT NULL CHECK (headcount BETWEEN 1 AND 20),
    min_certification  TEXT    NOT NULL DEFAULT 'none'
                               CHECK (min_certification IN ('none', 'assistant', 'social_worker', 'senior')),
    languages          TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    start_date         TEXT    NOT NULL,
    duration_weeks     INTEGER NOT NULL CHECK (duration_weeks BETWEEN 1 AND 104),
    status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX requests_by_ngo ON requests (ngo_id, status);
CREATE INDEX requests_by_status ON requests (status);

-- One row per (request, worker) proposal and its whole life.
CREATE TABLE placements (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    worker_id      INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    status         TEXT    NOT NULL DEFAULT 'proposed'
                           CHECK (status IN ('proposed', 'approved', 'offered', 'active', 'completed',
                                             'cancelled', 'rejected', 'declined', 'expired', 'withdrawn')),
    score          REAL    NOT NULL CHECK (score BETWEEN 0 AND 1),
    reasons        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
    worker_answer  TEXT             CHECK (worker_answer IN ('accepted', 'declined')),
    ngo_answer     TEXT             CHECK (ngo_answer IN ('accepted', 'declined')),
    decided_by     INTEGER,
    decided_at     TEXT,
    reject_reason  TEXT             CHECK (reject_reason IN ('skills', 'experience', 'availability', 'location', 'other')),
    reject_note    TEXT,
    offered_at     TEXT,
    started_at     TEXT,
    ended_at       TEXT,
    end_reason     TEXT,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
-- At most one live row per pair: a pair may be proposed again only after the last one ended.
CREATE UNIQUE INDEX placements_one_live_per_pair ON placements (request_id, worker_id)
    WHERE status IN ('proposed', 'approved', 'offered', 'active');
CREATE INDEX placements_by_status ON placements (status);
CREATE INDEX placements_by_worker ON placements (worker_id, status);
CREATE INDEX placements_by_request ON placements (request_id, status);

-- The outbox of scheduled messages: rows are claimed, sent, then marked sent.
CREATE TABLE followups (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL
                              CHECK (kind IN ('checkin', 'offer_reminder', 'offer_expiry', 'digest',
                                              'request_nudge', 'alert', 'notice')),
    recipient         INTEGER NOT NULL,
    placement_id      INTEGER REFERENCES placements (id) ON DELETE CASCADE,
    request_id        INTEGER REFERENCES requests (id) ON DELETE CASCADE,
    payload           TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    due_at            TEXT    NOT NULL,
    urgent            INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    status            TEXT    NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'sending', 'sent', 'answered', 'parked',
                                                'cancelled', 'failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    unknown_outcomes  INTEGER NOT NULL DEFAULT 0,
    claimed_at        TEXT,
    sent_at           TEXT,
    answered_at       TEXT,
    answer            TEXT,
    last_error        TEXT,
    created_at        TEXT    NOT NULL
);
CREATE INDEX followups_due ON followups (status, due_at);
CREATE INDEX followups_by_placement ON followups (placement_id);
CREATE INDEX followups_by_recipient ON followups (recipient, status);

-- A form in progress: the answers so far, written before the bot replies. The newest draft of a
-- person is the form they are in. ``revision`` grows with every change: a button carries the
-- revision it was drawn for, so a press on an older message is recognised and refused.
CREATE TABLE drafts (
    telegram_id  INTEGER NOT NULL REFERENCES users (telegram_id) ON DELETE CASCADE,
    form         TEXT    NOT NULL,
    target_id    INTEGER,
    answers      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(answers) AND json_type(answers) = 'object'),
    state        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(state) AND json_type(state) = 'object'),
    revision     INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT    NOT NULL,
    PRIMARY KEY (telegram_id, form)
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor      INTEGER,
    action     TEXT    NOT NULL,
    entity     TEXT    NOT NULL CHECK (entity IN ('user', 'worker', 'ngo', 'request', 'placement',
                                                  'followup', 'invite')),
    entity_id  INTEGER NOT NULL,
    old_state  TEXT,
    new_state  TEXT,
    detail     TEXT,
    at         TEXT    NOT NULL
);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
