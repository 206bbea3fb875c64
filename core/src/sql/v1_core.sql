-- v1: the vault's own settings. Values are text; the code owns their meaning.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
