-- Search by meaning (core/src/directory/index.rs, search.rs): the full-text index stores each
-- word's stems beside its folded form and a column of service-type codes (for intent words);
-- services are numbered verified first; the national lines that route her when nothing matches
-- carry their order; the pack's place names and its word list for
-- typo tolerance get tables of their own.
--
-- The index cannot be rebuilt in SQL (stemming is Rust): this drops it and marks the installed
-- pack's index as version 1, and the next open re-indexes the stored cards
-- (directory::refresh_bundled → index::reindex_if_stale), in one transaction.

DROP TABLE dir_fts;
CREATE VIRTUAL TABLE dir_fts USING fts5 (
    name,
    body,
    types,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

-- Position among the region's routing lines (111, 150, 112, 102 in KZ); NULL for the rest.
ALTER TABLE dir_service ADD COLUMN routing INTEGER;
CREATE INDEX dir_service_routing ON dir_service (routing) WHERE routing IS NOT NULL;

-- City and region names of the pack's locations, every locale: the folded name the place
-- filter uses ('almaty', 'ust kamenogorsk') and its words' forms for matching query words
-- ('almaty|almat', space between words, '|' between a word's folded form and its stems).
CREATE TABLE dir_place (
    name  TEXT PRIMARY KEY,
    forms TEXT NOT NULL
) WITHOUT ROWID, STRICT;

-- Typo tolerance: every word of the index (folded, 4+ letters) under itself and each of its
-- one-letter deletions, so a word one edit away is found with a few index lookups.
CREATE TABLE dir_typo (
    key  TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (key, term)
) WITHOUT ROWID, STRICT;

-- The index format the installed pack was indexed with (see index::INDEX_VERSION).
ALTER TABLE dir_pack ADD COLUMN index_version INTEGER NOT NULL DEFAULT 1;
-- Verified first: services are numbered verified first (sid 1..verified_services), so ranking
-- needs only the rowid, never the service row (whose card is large).
ALTER TABLE dir_pack ADD COLUMN verified_services INTEGER NOT NULL DEFAULT 0;
