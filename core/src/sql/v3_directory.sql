-- The directory of services, installed from a signed pack (see core/src/directory/).
-- Everything here is replaced as a whole, in one transaction, when a newer pack is installed.

-- The installed pack: at most one row.
CREATE TABLE dir_pack (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    region           TEXT NOT NULL,
    version          INTEGER NOT NULL,
    created          TEXT NOT NULL,
    expires          TEXT NOT NULL,
    content_sha256   TEXT NOT NULL,
    default_timezone TEXT NOT NULL
) STRICT;

-- One row per active service, in pack order (sid), with what filters and display need.
CREATE TABLE dir_service (
    sid       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    types     TEXT NOT NULL,  -- ' hotline emergency ' (codes between spaces)
    languages TEXT NOT NULL,  -- ' kk ru '
    places    TEXT NOT NULL,  -- ' almaty almatinskaya oblast ' (folded); '' = no physical place
    hours     TEXT NOT NULL,  -- JSON list of {tz, rules}; '[]' = hours unknown
    card      TEXT NOT NULL   -- JSON: everything a search hit shows, in every locale
) STRICT;

-- Coordinates of non-confidential locations, for ordering by distance.
CREATE TABLE dir_point (
    sid INTEGER NOT NULL REFERENCES dir_service (sid) ON DELETE CASCADE,
    lat REAL NOT NULL,
    lon REAL NOT NULL
) STRICT;
CREATE INDEX dir_point_sid ON dir_point (sid);

-- Full-text index over folded text (see normalize.rs): the service's name, then everything
-- else searchable (descriptions, organization, service types, places, numbers).
CREATE VIRTUAL TABLE dir_fts USING fts5 (
    name,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
