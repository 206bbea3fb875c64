-- v4: the notes space. A decoy vault is a plain private-notes space (nothing of Haven in it);
-- its notes live here. The table exists in every database so that both have the same schema.
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX notes_by_update ON notes (updated_at DESC, id DESC);
