//! The notes space: what the decoy is.
//!
//! Why a decoy is a notes app: the abuser who forced a PIN out of her and opens the app must see
//! something ordinary and barely interesting — a few private notes — and nothing that says what
//! the app really is (no plan, journal, orders, directory, no word about violence in any
//! language). She fills it with ordinary notes herself, from the real vault
//! ([`Session::decoy_notes`]) or from the decoy. Notes are stored like everything else: in the
//! SQLCipher database, her words as she wrote them.

use crate::error::{Error, Result};
use crate::session::Session;
use crate::text;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::fmt;

/// Longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 10_000;

/// Which kind of space a session opened: the shells render one or the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SpaceKind {
    /// The real vault: plan, contacts, journal, orders, directory, settings.
    Full,
    /// A plain private-notes space (the decoy): notes only.
    Notes,
}

/// A note.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Note {
    /// Row id.
    pub id: i64,
    /// Her text.
    pub text: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Note")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Note> {
    let time = |i| -> rusqlite::Result<DateTime<Utc>> {
        Ok(DateTime::from_timestamp(row.get(i)?, 0).unwrap_or_default())
    };
    Ok(Note {
        id: row.get(0)?,
        text: row.get(1)?,
        created_at: time(2)?,
        updated_at: time(3)?,
    })
}

const SELECT: &str = "SELECT id, text, created_at, updated_at FROM notes";

fn get(conn: &Connection, id: i64) -> Result<Note> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "note" })
}

impl Session {
    /// Every note, the most recently changed first.
    pub fn list_notes(&self) -> Result<Vec<Note>> {
        self.with_notes_conn(|c| {
            let mut stmt = c.prepare(&format!("{SELECT} ORDER BY updated_at DESC, id DESC"))?;
            let notes = stmt
                .query_map([], from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(notes)
        })
    }

    /// Adds a note (1 to [`NOTE_MAX_CHARS`] characters, not blank).
    pub fn add_note(&self, text: &str) -> Result<Note> {
        text::required("text", text, NOTE_MAX_CHARS)?;
        let now = self.now().timestamp();
        self.with_notes_conn(|c| {
            c.execute(
                "INSERT INTO notes (text, created_at, updated_at) VALUES (?1, ?2, ?2)",
                params![text, now],
            )?;
            get(c, c.last_insert_rowid())
        })
    }

    /// Replaces a note's text.
    pub fn update_note(&self, id: i64, text: &str) -> Result<Note> {
        text::required("text", text, NOTE_MAX_CHARS)?;
        let now = self.now().timestamp();
        self.with_notes_conn(|c| {
            let changed = c.execute(
                "UPDATE notes SET text = ?1, updated_at = ?2 WHERE id = ?3",
                params![text, now, id],
            )?;
            if changed == 0 {
                return Err(Error::NotFound { what: "note" });
            }
            get(c, id)
        })
    }

    /// Deletes a note (its text is overwritten on disk: `secure_delete`).
    pub fn delete_note(&self, id: i64) -> Result<()> {
        self.with_notes_conn(
            |c| match c.execute("DELETE FROM notes WHERE id = ?1", [id])? {
                0 => Err(Error::NotFound { what: "note" }),
                _ => Ok(()),
            },
        )
    }
}
