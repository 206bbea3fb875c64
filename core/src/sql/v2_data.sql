-- v2: the survivor's data: safety plan, trusted contacts, incident journal with its evidence
-- chain, protection orders, danger-sign reflection. Every table is STRICT and foreign keys are
-- enforced (db::configure). Instants are Unix seconds (UTC); dates are 'YYYY-MM-DD' text.
-- Content (section titles, guidance, suggestions, labels) is NOT stored: only its ids, so the
-- app re-renders it in whatever language is chosen. Her own words are stored as she wrote them.

-- Safety plan ------------------------------------------------------------------------------

CREATE TABLE plan_sections (
    id          TEXT PRIMARY KEY NOT NULL,           -- content id, e.g. 'go_bag'
    position    INTEGER NOT NULL,
    review_date TEXT CHECK (review_date IS NULL OR review_date GLOB
                    '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
) STRICT;

CREATE TABLE plan_items (
    id            INTEGER PRIMARY KEY,
    section_id    TEXT NOT NULL REFERENCES plan_sections (id),
    suggestion_id TEXT UNIQUE,                        -- content id; NULL for her own items
    own_text      TEXT CHECK (own_text IS NULL OR length(own_text) BETWEEN 1 AND 1000),
    status        TEXT NOT NULL CHECK (status IN ('suggested', 'adopted', 'dismissed')),
    checked       INTEGER NOT NULL DEFAULT 0 CHECK (checked IN (0, 1)),
    position      INTEGER NOT NULL,
    -- An item is a suggestion from the content, or her own words (always part of her plan).
    CHECK (suggestion_id IS NOT NULL OR (own_text IS NOT NULL AND status = 'adopted'))
) STRICT;
CREATE INDEX plan_items_by_section ON plan_items (section_id, position);

-- Trusted contacts -------------------------------------------------------------------------

CREATE TABLE contacts (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    phone     TEXT NOT NULL CHECK (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 4 AND 16),
    relation  TEXT NOT NULL,                           -- content id (labels.json relations)
    code_word TEXT CHECK (code_word IS NULL OR length(code_word) BETWEEN 1 AND 200),
    emergency INTEGER NOT NULL CHECK (emergency IN (0, 1)),
    position  INTEGER NOT NULL
) STRICT;

CREATE TABLE contact_capabilities (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    capability TEXT NOT NULL,                          -- content id (labels.json)
    PRIMARY KEY (contact_id, capability)
) STRICT, WITHOUT ROWID;

-- Incident journal ---------------------------------------------------------------------------
-- Append-only: every change is a new row in journal_revisions (a full snapshot of the entry),
-- linked into one SHA-256 chain in id order. journal_entries holds only what listing needs,
-- copied from the newest revision (verify_chain checks that copy too).

CREATE TABLE journal_entries (
    id          INTEGER PRIMARY KEY,
    uid         BLOB NOT NULL UNIQUE CHECK (length(uid) = 16),   -- random; hashed, survives export
    state       TEXT NOT NULL CHECK (state IN ('visible', 'hidden', 'erased')),
    occurred_at INTEGER,
    CHECK ((state = 'erased') = (occurred_at IS NULL))
) STRICT;
CREATE INDEX journal_entries_by_time ON journal_entries (occurred_at) WHERE state <> 'erased';

CREATE TABLE journal_revisions (
    id                INTEGER PRIMARY KEY,            -- chain order
    entry_id          INTEGER NOT NULL REFERENCES journal_entries (id),
    seq               INTEGER NOT NULL CHECK (seq >= 1),
    action            TEXT NOT NULL
                      CHECK (action IN ('create', 'edit', 'attach', 'hide', 'restore', 'erase')),
    erased            INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1)),  -- content dropped
    recorded_at       INTEGER,
    occurred_at       INTEGER,
    time_zone         TEXT,
    kinds             TEXT,                           -- sorted content ids, comma-separated
    narrative         TEXT CHECK (narrative IS NULL OR length(narrative) BETWEEN 1 AND 100000),
    injuries          TEXT CHECK (injuries IS NULL OR length(injuries) BETWEEN 1 AND 100000),
    witnesses         TEXT CHECK (witnesses IS NULL OR length(witnesses) BETWEEN 1 AND 100000),
    place             TEXT CHECK (place IS NULL OR length(place) BETWEEN 1 AND 200),
    police_involved   INTEGER CHECK (police_involved IN (0, 1)),
    police_reference  TEXT CHECK (police_reference IS NULL OR length(police_reference) BETWEEN 1 AND 200),
    medical_involved  INTEGER CHECK (medical_involved IN (0, 1)),
    medical_reference TEXT CHECK (medical_reference IS NULL OR length(medical_reference) BETWEEN 1 AND 200),
    hidden            INTEGER CHECK (hidden IN (0, 1)),
    prev_hash         BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash              BLOB NOT NULL CHECK (length(hash) = 32),
    UNIQUE (entry_id, seq),
    -- A revision either carries a full snapshot, or none (an erase marker, or erased content).
    CHECK ((erased = 1 OR action = 'erase') OR (recorded_at IS NOT NULL AND occurred_at IS NOT NULL
           AND time_zone IS NOT NULL AND kinds IS NOT NULL AND narrative IS NOT NULL
           AND police_involved IS NOT NULL AND medical_involved IS NOT NULL AND hidden IS NOT NULL)),
    CHECK (erased = 0 OR (recorded_at IS NULL AND occurred_at IS NULL AND time_zone IS NULL
           AND kinds IS NULL AND narrative IS NULL AND injuries IS NULL AND witnesses IS NULL
           AND place IS NULL AND police_reference IS NULL AND medical_reference IS NULL))
) STRICT;

CREATE TABLE journal_attachments (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES journal_entries (id),
    kind      TEXT NOT NULL CHECK (kind IN ('photo', 'audio', 'document')),
    file_name TEXT CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 200),
    mime_type TEXT NOT NULL CHECK (length(mime_type) BETWEEN 1 AND 200),
    size      INTEGER NOT NULL CHECK (size BETWEEN 1 AND 52428800),  -- 50 MiB
    sha256    BLOB NOT NULL CHECK (length(sha256) = 32),
    added_at  INTEGER NOT NULL,
    data      BLOB NOT NULL
) STRICT;
CREATE INDEX journal_attachments_by_entry ON journal_attachments (entry_id);

-- Which attachments each revision's snapshot holds (hashed into the revision).
CREATE TABLE journal_revision_attachments (
    revision_id   INTEGER NOT NULL REFERENCES journal_revisions (id),
    attachment_id INTEGER NOT NULL REFERENCES journal_attachments (id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (revision_id, attachment_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX journal_revision_attachments_by_attachment
    ON journal_revision_attachments (attachment_id);

-- Protection orders --------------------------------------------------------------------------

CREATE TABLE protection_orders (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN
                     ('police_protective_order', 'court_special_requirements', 'criminal_no_approach')),
    issuing_body TEXT NOT NULL CHECK (length(issuing_body) BETWEEN 1 AND 200),
    reference    TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 200),
    issued_on    TEXT NOT NULL,
    expires_on   TEXT,                                  -- NULL: open-ended (criminal order only)
    conditions   TEXT CHECK (conditions IS NULL OR length(conditions) BETWEEN 1 AND 100000),
    CHECK (expires_on IS NULL OR expires_on >= issued_on)
) STRICT;

CREATE TABLE protection_order_entries (
    order_id INTEGER NOT NULL REFERENCES protection_orders (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    PRIMARY KEY (order_id, entry_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE protection_order_documents (
    order_id      INTEGER NOT NULL REFERENCES protection_orders (id) ON DELETE CASCADE,
    attachment_id INTEGER NOT NULL REFERENCES journal_attachments (id) ON DELETE CASCADE,
    PRIMARY KEY (order_id, attachment_id)
) STRICT, WITHOUT ROWID;

-- Danger-sign reflection: which signs she ticked. No score is computed or stored.

CREATE TABLE danger_sign_ticks (
    sign_id   TEXT PRIMARY KEY NOT NULL,               -- content id (danger_signs.json)
    ticked_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
