//! Attachments (photos, audio recordings, documents) stored as BLOBs inside the encrypted database.
//!
//! Why inside the database: a file beside it would be plaintext on disk (or need a second
//! encryption scheme, key and wipe path); SQLCipher already encrypts every page. Bytes move
//! through SQLite's incremental blob I/O in 64 KiB chunks, from any `Read` and to any `Write`,
//! so a 50 MiB recording is never held whole in memory and never touches a temporary file; the
//! chunk buffer is zeroized after use. The SHA-256 is computed while streaming and goes into
//! the evidence chain.

use super::chain::{hex, Hash};
use crate::error::{Error, Result};
use crate::text::{self, NAME_MAX_CHARS};
use chrono::{DateTime, Utc};
use rusqlite::blob::ZeroBlob;
use rusqlite::{params, Connection, MAIN_DB};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::{Read, Write};
use zeroize::Zeroizing;

/// Largest attachment accepted, in bytes (50 MiB).
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// Bytes moved per blob read or write.
const CHUNK: usize = 64 * 1024;

const FIELD: &str = "attachment";

/// What an attachment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AttachmentKind {
    /// A photo (injuries, damage, messages).
    Photo,
    /// A sound recording.
    Audio,
    /// A document (medical certificate, police paper, order).
    Document,
}

impl AttachmentKind {
    /// Every kind.
    pub const ALL: [AttachmentKind; 3] = [
        AttachmentKind::Photo,
        AttachmentKind::Audio,
        AttachmentKind::Document,
    ];

    /// The content id (`labels.json` "attachment_kinds").
    pub fn id(self) -> &'static str {
        match self {
            AttachmentKind::Photo => "photo",
            AttachmentKind::Audio => "audio",
            AttachmentKind::Document => "document",
        }
    }

    pub(crate) fn from_id(id: &str) -> Option<AttachmentKind> {
        AttachmentKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// What the shell says about a file it hands over.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AttachmentDraft {
    /// Kind of file.
    pub kind: AttachmentKind,
    /// Her name for it, if any.
    pub file_name: Option<String>,
    /// MIME type, e.g. "image/jpeg".
    pub mime_type: String,
}

/// A stored attachment (without its bytes).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AttachmentInfo {
    /// Row id.
    pub id: i64,
    /// Kind of file.
    pub kind: AttachmentKind,
    /// Her name for it.
    pub file_name: Option<String>,
    /// MIME type.
    pub mime_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// When it was added.
    pub added_at: DateTime<Utc>,
}

impl fmt::Debug for AttachmentDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentDraft")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for AttachmentInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttachmentInfo")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// Checks a draft's text fields; returns the cleaned file name.
pub(crate) fn validate_draft(d: &AttachmentDraft) -> Result<Option<String>> {
    let file_name = text::optional("file_name", d.file_name.as_deref(), NAME_MAX_CHARS)?;
    text::required("mime_type", &d.mime_type, NAME_MAX_CHARS)?;
    let well_formed = d.mime_type.split_once('/').is_some_and(|(t, s)| {
        let token = |x: &str| {
            !x.is_empty()
                && x.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
        };
        token(t) && token(s)
    });
    if !well_formed {
        return Err(Error::invalid("mime_type", "must look like type/subtype"));
    }
    Ok(file_name)
}

/// Checks a declared size against the limits, before any byte is read.
pub(crate) fn check_size(size: u64) -> Result<()> {
    if size == 0 {
        return Err(Error::invalid(FIELD, "is empty"));
    }
    if size > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid(FIELD, "is larger than 50 MiB"));
    }
    Ok(())
}

/// Inserts an attachment row for `entry_id` and streams exactly `size` bytes from `reader`
/// into it. Returns the new row id and the SHA-256. The caller's transaction makes a failure
/// leave nothing behind.
pub(crate) fn store(
    conn: &Connection,
    entry_id: i64,
    draft: &AttachmentDraft,
    size: u64,
    reader: &mut dyn Read,
    now: DateTime<Utc>,
) -> Result<(i64, Hash)> {
    let file_name = validate_draft(draft)?;
    check_size(size)?;
    conn.execute(
        "INSERT INTO journal_attachments
             (entry_id, kind, file_name, mime_type, size, sha256, added_at, data)
         VALUES (?1, ?2, ?3, ?4, ?5, zeroblob(32), ?6, ?7)",
        params![
            entry_id,
            draft.kind.id(),
            file_name,
            draft.mime_type,
            size as i64,
            now.timestamp(),
            ZeroBlob(size)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let sha = write_blob(conn, id, size, reader)?;
    conn.execute(
        "UPDATE journal_attachments SET sha256 = ?2 WHERE id = ?1",
        params![id, sha.as_slice()],
    )?;
    Ok((id, sha))
}

fn write_blob(conn: &Connection, id: i64, size: u64, reader: &mut dyn Read) -> Result<Hash> {
    let mut blob = conn.blob_open(MAIN_DB, c"journal_attachments", c"data", id, false)?;
    let mut buf = Zeroizing::new(vec![0u8; CHUNK]);
    let mut hasher = Sha256::new();
    let mut written: u64 = 0;
    loop {
        let n = match reader.read(&mut buf[..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io("read the attachment")(e)),
        };
        if written + n as u64 > size {
            return Err(Error::invalid(FIELD, "is longer than its declared size"));
        }
        blob.write_all(&buf[..n])
            .map_err(Error::io("write the attachment"))?;
        hasher.update(&buf[..n]);
        written += n as u64;
    }
    if written != size {
        return Err(Error::invalid(FIELD, "is shorter than its declared size"));
    }
    Ok(hasher.finalize().into())
}

/// Streams an attachment's bytes to `out`; returns how many were written.
pub(crate) fn read_to(conn: &Connection, id: i64, out: &mut dyn Write) -> Result<u64> {
    info(conn, id)?;
    stream(conn, id, |chunk| {
        out.write_all(chunk)
            .map_err(Error::io("write the attachment out"))
    })
}

/// SHA-256 and length of an attachment's stored bytes.
pub(crate) fn hash_stored(conn: &Connection, id: i64) -> Result<(Hash, u64)> {
    let mut hasher = Sha256::new();
    let n = stream(conn, id, |chunk| {
        hasher.update(chunk);
        Ok(())
    })?;
    Ok((hasher.finalize().into(), n))
}

fn stream(conn: &Connection, id: i64, mut sink: impl FnMut(&[u8]) -> Result<()>) -> Result<u64> {
    let mut blob = conn.blob_open(MAIN_DB, c"journal_attachments", c"data", id, true)?;
    let mut buf = Zeroizing::new(vec![0u8; CHUNK]);
    let mut total: u64 = 0;
    loop {
        let n = blob
            .read(&mut buf[..])
            .map_err(Error::io("read the attachment"))?;
        if n == 0 {
            return Ok(total);
        }
        sink(&buf[..n])?;
        total += n as u64;
    }
}

/// Metadata of one attachment.
pub(crate) fn info(conn: &Connection, id: i64) -> Result<AttachmentInfo> {
    use rusqlite::OptionalExtension;
    conn.query_row(&format!("{SELECT_INFO} WHERE id = ?1"), [id], info_from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "attachment" })
}

pub(crate) const SELECT_INFO: &str =
    "SELECT id, kind, file_name, mime_type, size, sha256, added_at FROM journal_attachments";

pub(crate) fn info_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentInfo> {
    let bad = |what: &str| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
    };
    let kind: String = r.get(1)?;
    let sha: Vec<u8> = r.get(5)?;
    Ok(AttachmentInfo {
        id: r.get(0)?,
        kind: AttachmentKind::from_id(&kind).ok_or_else(|| bad("attachment kind"))?,
        file_name: r.get(2)?,
        mime_type: r.get(3)?,
        size: r.get::<_, i64>(4)?.try_into().map_err(|_| bad("size"))?,
        sha256: hex(&sha),
        added_at: DateTime::from_timestamp(r.get(6)?, 0).ok_or_else(|| bad("time"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_the_content_labels() {
        let labels = &crate::content::content().map(|c| &c.labels);
        let Ok(labels) = labels else {
            panic!("content must parse");
        };
        for k in AttachmentKind::ALL {
            assert!(labels.attachment_kinds.contains_key(k.id()), "{}", k.id());
        }
        assert_eq!(labels.attachment_kinds.len(), AttachmentKind::ALL.len());
    }

    #[test]
    fn sizes_are_checked_before_reading() {
        assert!(check_size(0).is_err());
        assert!(check_size(1).is_ok());
        assert!(check_size(MAX_ATTACHMENT_BYTES).is_ok());
        assert!(check_size(MAX_ATTACHMENT_BYTES + 1).is_err());
    }

    #[test]
    fn debug_shows_no_file_name() {
        let a = AttachmentDraft {
            kind: AttachmentKind::Photo,
            file_name: Some("CANARY-FILE".into()),
            mime_type: "image/jpeg".into(),
        };
        assert!(!format!("{a:?}").contains("CANARY"));
    }

    #[test]
    fn mime_types_must_look_like_mime_types() {
        let d = |m: &str| AttachmentDraft {
            kind: AttachmentKind::Document,
            file_name: None,
            mime_type: m.into(),
        };
        assert!(validate_draft(&d("application/pdf")).is_ok());
        assert!(validate_draft(&d("image/svg+xml")).is_ok());
        for bad in ["", "pdf", "image/", "/jpeg", "image/jp eg", "<b>/x"] {
            assert!(validate_draft(&d(bad)).is_err(), "{bad}");
        }
    }
}
