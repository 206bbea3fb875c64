//! The incident journal: what happened, when, and the evidence — append-only.
//!
//! Why append-only: a record made at the time is worth far more to a court than one that could
//! have been rewritten later. So an entry is never updated in place: an edit, an added
//! attachment, hiding and restoring each add a *revision* (a full snapshot of the entry) to a
//! SHA-256 chain ([`chain`]); the entry shows its newest revision. Hiding is itself a
//! revision. The one exception is deliberate: [`Session::erase_entry_permanently`] removes an
//! entry's content and attachments (her safety can matter more than the evidence) and leaves
//! an "erase" marker in the chain, which stays verifiable.
//!
//! Occurred-at is stored as a UTC instant plus the IANA time zone she was in, so the report can
//! show local time without guessing; recorded-at comes from the vault's clock. An incident in
//! the future (beyond [`FUTURE_SKEW`] of clock drift) is refused.

mod attachments;
// The canonical hash lives in the evidence crate, shared with the verifiers.
pub(crate) use haven_evidence::chain;
#[cfg(test)]
mod tamper_tests;
mod verify;

pub use attachments::{AttachmentDraft, AttachmentInfo, AttachmentKind, MAX_ATTACHMENT_BYTES};
pub use verify::{ChainBreak, ChainHead, ChainProblem, ChainStatus};

use crate::error::{Error, Result};
use crate::session::Session;
use crate::text::{self, LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS};
use chain::{hex, AttachmentMeta, Hash, RevisionBody, Snapshot, GENESIS};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::fmt;
use std::io::{Read, Write};

/// How far in the future an incident may be dated (clock drift between phone and reality).
pub const FUTURE_SKEW: Duration = Duration::minutes(5);

/// What kind of harm an incident involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum IncidentKind {
    /// Physical violence.
    Physical,
    /// Sexual violence.
    Sexual,
    /// Psychological abuse (insults, humiliation, isolation).
    Psychological,
    /// Threats.
    Threats,
    /// Economic abuse (money, documents, work).
    Economic,
    /// Stalking.
    Stalking,
    /// Digital abuse (phone checks, tracking, sharing images).
    Digital,
    /// Harm to children.
    HarmToChildren,
    /// Harm to pets.
    HarmToPets,
}

impl IncidentKind {
    /// Every kind.
    pub const ALL: [IncidentKind; 9] = [
        IncidentKind::Physical,
        IncidentKind::Sexual,
        IncidentKind::Psychological,
        IncidentKind::Threats,
        IncidentKind::Economic,
        IncidentKind::Stalking,
        IncidentKind::Digital,
        IncidentKind::HarmToChildren,
        IncidentKind::HarmToPets,
    ];

    /// The content id (`labels.json` "incident_kinds").
    pub fn id(self) -> &'static str {
        match self {
            IncidentKind::Physical => "physical",
            IncidentKind::Sexual => "sexual",
            IncidentKind::Psychological => "psychological",
            IncidentKind::Threats => "threats",
            IncidentKind::Economic => "economic",
            IncidentKind::Stalking => "stalking",
            IncidentKind::Digital => "digital",
            IncidentKind::HarmToChildren => "harm_to_children",
            IncidentKind::HarmToPets => "harm_to_pets",
        }
    }

    /// The kind with this content id.
    pub fn from_id(id: &str) -> Option<IncidentKind> {
        IncidentKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// What she writes for an entry (new, or a new revision of one).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EntryDraft {
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// The IANA time zone she was in, e.g. "Asia/Almaty".
    pub time_zone: String,
    /// What kinds of harm (may be empty).
    pub kinds: Vec<IncidentKind>,
    /// What happened (required).
    pub narrative: String,
    /// Injuries, if any.
    pub injuries: Option<String>,
    /// Witnesses, if any.
    pub witnesses: Option<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// Whether police were called or involved.
    pub police_involved: bool,
    /// Police reference number (КУИ, case number), if any.
    pub police_reference: Option<String>,
    /// Whether she got medical help.
    pub medical_involved: bool,
    /// Medical reference (certificate number), if any.
    pub medical_reference: Option<String>,
}

/// An entry as it stands (its newest revision).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct JournalEntry {
    /// Row id.
    pub id: i64,
    /// Random identifier that survives export and import (hex).
    pub uid: String,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// The time zone she was in.
    pub time_zone: String,
    /// Kinds of harm.
    pub kinds: Vec<IncidentKind>,
    /// What happened.
    pub narrative: String,
    /// Injuries.
    pub injuries: Option<String>,
    /// Witnesses.
    pub witnesses: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Police involved.
    pub police_involved: bool,
    /// Police reference.
    pub police_reference: Option<String>,
    /// Medical help.
    pub medical_involved: bool,
    /// Medical reference.
    pub medical_reference: Option<String>,
    /// Hidden from the journal (still in the chain and in exports).
    pub hidden: bool,
    /// When she first recorded it.
    pub recorded_at: DateTime<Utc>,
    /// When the newest revision was recorded.
    pub updated_at: DateTime<Utc>,
    /// Number of revisions so far.
    pub revision_count: u32,
    /// Attachments, in the order added.
    pub attachments: Vec<AttachmentInfo>,
}

impl fmt::Debug for EntryDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryDraft").finish_non_exhaustive()
    }
}

impl fmt::Debug for JournalEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JournalEntry")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// What a revision did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RevisionAction {
    /// The entry was written.
    Create,
    /// Its text or details changed.
    Edit,
    /// An attachment was added.
    Attach,
    /// It was hidden.
    Hide,
    /// It was shown again.
    Restore,
    /// Its content was erased permanently (this revision is the marker).
    Erase,
}

impl RevisionAction {
    /// The stored and hashed name.
    pub fn id(self) -> &'static str {
        match self {
            RevisionAction::Create => "create",
            RevisionAction::Edit => "edit",
            RevisionAction::Attach => "attach",
            RevisionAction::Hide => "hide",
            RevisionAction::Restore => "restore",
            RevisionAction::Erase => "erase",
        }
    }

    pub(crate) fn from_id(id: &str) -> Option<RevisionAction> {
        [
            RevisionAction::Create,
            RevisionAction::Edit,
            RevisionAction::Attach,
            RevisionAction::Hide,
            RevisionAction::Restore,
            RevisionAction::Erase,
        ]
        .into_iter()
        .find(|a| a.id() == id)
    }
}

/// One link of an entry's history (no content).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RevisionInfo {
    /// Row id (its place in the chain).
    pub id: i64,
    /// 1 for the first revision of the entry.
    pub seq: u32,
    /// What it did.
    pub action: RevisionAction,
    /// When (absent once erased).
    pub recorded_at: Option<DateTime<Utc>>,
    /// Whether its content was erased.
    pub erased: bool,
    /// Previous link's hash (hex).
    pub prev_hash: String,
    /// This revision's hash (hex).
    pub hash: String,
}

// ---- validation ------------------------------------------------------------------------------

fn validate(d: &EntryDraft, now: DateTime<Utc>) -> Result<Snapshot> {
    if d.occurred_at > now + FUTURE_SKEW {
        return Err(Error::invalid("occurred_at", "must not be in the future"));
    }
    if d.time_zone.parse::<chrono_tz::Tz>().is_err() {
        return Err(Error::invalid("time_zone", "is not a known IANA time zone"));
    }
    text::required("narrative", &d.narrative, LONG_TEXT_MAX_CHARS)?;
    let mut kinds: Vec<String> = d.kinds.iter().map(|k| k.id().to_owned()).collect();
    kinds.sort();
    kinds.dedup();
    Ok(Snapshot {
        occurred_at: d.occurred_at.timestamp(),
        time_zone: d.time_zone.clone(),
        kinds,
        narrative: d.narrative.clone(),
        injuries: text::optional("injuries", d.injuries.as_deref(), LONG_TEXT_MAX_CHARS)?,
        witnesses: text::optional("witnesses", d.witnesses.as_deref(), LONG_TEXT_MAX_CHARS)?,
        place: text::optional("place", d.place.as_deref(), NAME_MAX_CHARS)?,
        police_involved: d.police_involved,
        police_reference: text::optional(
            "police_reference",
            d.police_reference.as_deref(),
            NAME_MAX_CHARS,
        )?,
        medical_involved: d.medical_involved,
        medical_reference: text::optional(
            "medical_reference",
            d.medical_reference.as_deref(),
            NAME_MAX_CHARS,
        )?,
        hidden: false,
        attachments: Vec::new(),
    })
}

// ---- storage ---------------------------------------------------------------------------------

/// Columns of a revision's snapshot, in [`snapshot_from_row`] order.
pub(crate) const SNAPSHOT_COLUMNS: &str = "r.occurred_at, r.time_zone, r.kinds, r.narrative, \
     r.injuries, r.witnesses, r.place, r.police_involved, r.police_reference, \
     r.medical_involved, r.medical_reference, r.hidden";

/// Reads [`SNAPSHOT_COLUMNS`] starting at column `at` (attachments are filled in separately).
pub(crate) fn snapshot_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Snapshot> {
    let kinds: String = r.get(at + 2)?;
    Ok(Snapshot {
        occurred_at: r.get(at)?,
        time_zone: r.get(at + 1)?,
        kinds: split_kinds(&kinds),
        narrative: r.get(at + 3)?,
        injuries: r.get(at + 4)?,
        witnesses: r.get(at + 5)?,
        place: r.get(at + 6)?,
        police_involved: r.get(at + 7)?,
        police_reference: r.get(at + 8)?,
        medical_involved: r.get(at + 9)?,
        medical_reference: r.get(at + 10)?,
        hidden: r.get(at + 11)?,
        attachments: Vec::new(),
    })
}

fn split_kinds(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The attachments a revision holds, with their row ids, in order.
pub(crate) fn revision_attachments(
    conn: &Connection,
    revision_id: i64,
) -> Result<Vec<(i64, AttachmentMeta)>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.sha256, a.size, a.kind, a.mime_type, a.file_name
         FROM journal_revision_attachments ra
         JOIN journal_attachments a ON a.id = ra.attachment_id
         WHERE ra.revision_id = ?1 ORDER BY ra.position",
    )?;
    let rows = stmt
        .query_map([revision_id], |r| {
            let sha: Vec<u8> = r.get(1)?;
            Ok((
                r.get(0)?,
                AttachmentMeta {
                    sha256: sha.try_into().map_err(|_| bad_column("sha256"))?,
                    size: r
                        .get::<_, i64>(2)?
                        .try_into()
                        .map_err(|_| bad_column("size"))?,
                    kind: r.get(3)?,
                    mime_type: r.get(4)?,
                    file_name: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Appends a revision to the chain and brings the entry's listing columns up to date.
/// `attachment_ids` must match `snapshot.attachments`.
pub(crate) fn append_revision(
    conn: &Connection,
    entry_id: i64,
    uid: &[u8; 16],
    action: RevisionAction,
    recorded_at: i64,
    snapshot: Option<&Snapshot>,
    attachment_ids: &[i64],
) -> Result<i64> {
    let prev: Hash = conn
        .query_row(
            "SELECT hash FROM journal_revisions ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get::<_, Vec<u8>>(0),
        )
        .optional()?
        .map(|h| h.try_into().map_err(|_| Error::Corrupt { what: "journal" }))
        .transpose()?
        .unwrap_or(GENESIS);
    let seq: i64 = conn.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM journal_revisions WHERE entry_id = ?1",
        [entry_id],
        |r| r.get(0),
    )?;
    let hash = chain::revision_hash(
        &prev,
        &RevisionBody {
            entry_uid: uid,
            seq: seq as u64,
            action: action.id(),
            recorded_at,
            snapshot,
        },
    );
    insert_revision(
        conn,
        entry_id,
        seq,
        action,
        Some(recorded_at),
        snapshot,
        &prev,
        &hash,
    )?;
    let revision_id = conn.last_insert_rowid();
    link_attachments(conn, revision_id, attachment_ids)?;
    sync_entry(conn, entry_id, snapshot)?;
    Ok(revision_id)
}

/// Inserts one revision row as given (import uses this with the bundle's hashes).
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_revision(
    conn: &Connection,
    entry_id: i64,
    seq: i64,
    action: RevisionAction,
    recorded_at: Option<i64>,
    snapshot: Option<&Snapshot>,
    prev: &Hash,
    hash: &Hash,
) -> Result<()> {
    let erased = snapshot.is_none() && action != RevisionAction::Erase;
    let s = snapshot;
    conn.execute(
        "INSERT INTO journal_revisions (entry_id, seq, action, erased, recorded_at,
             occurred_at, time_zone, kinds, narrative, injuries, witnesses, place,
             police_involved, police_reference, medical_involved, medical_reference, hidden,
             prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19)",
        params![
            entry_id,
            seq,
            action.id(),
            erased,
            recorded_at,
            s.map(|s| s.occurred_at),
            s.map(|s| s.time_zone.as_str()),
            s.map(|s| s.kinds.join(",")),
            s.map(|s| s.narrative.as_str()),
            s.and_then(|s| s.injuries.as_deref()),
            s.and_then(|s| s.witnesses.as_deref()),
            s.and_then(|s| s.place.as_deref()),
            s.map(|s| s.police_involved),
            s.and_then(|s| s.police_reference.as_deref()),
            s.map(|s| s.medical_involved),
            s.and_then(|s| s.medical_reference.as_deref()),
            s.map(|s| s.hidden),
            prev.as_slice(),
            hash.as_slice(),
        ],
    )?;
    Ok(())
}

pub(crate) fn link_attachments(conn: &Connection, revision_id: i64, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO journal_revision_attachments (revision_id, attachment_id, position)
         VALUES (?1, ?2, ?3)",
    )?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![revision_id, id, position as i64])?;
    }
    Ok(())
}

/// Copies what listing needs from the newest revision onto the entry row.
pub(crate) fn sync_entry(
    conn: &Connection,
    entry_id: i64,
    snapshot: Option<&Snapshot>,
) -> Result<()> {
    let (state, occurred_at) = match snapshot {
        None => ("erased", None),
        Some(s) if s.hidden => ("hidden", Some(s.occurred_at)),
        Some(s) => ("visible", Some(s.occurred_at)),
    };
    conn.execute(
        "UPDATE journal_entries SET state = ?2, occurred_at = ?3 WHERE id = ?1",
        params![entry_id, state, occurred_at],
    )?;
    Ok(())
}

pub(crate) fn new_entry_row(conn: &Connection, uid: &[u8; 16], occurred_at: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO journal_entries (uid, state, occurred_at) VALUES (?1, 'visible', ?2)",
        params![uid.as_slice(), occurred_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The newest snapshot of a live (not erased) entry, its uid and its attachment ids.
fn current(conn: &Connection, entry_id: i64) -> Result<([u8; 16], Snapshot, Vec<i64>)> {
    let found = conn
        .query_row(
            &format!(
                "SELECT e.uid, r.id, {SNAPSHOT_COLUMNS}
                 FROM journal_entries e
                 JOIN journal_revisions r ON r.id =
                     (SELECT max(id) FROM journal_revisions WHERE entry_id = e.id)
                 WHERE e.id = ?1 AND e.state <> 'erased'"
            ),
            [entry_id],
            |r| {
                let uid: Vec<u8> = r.get(0)?;
                Ok((uid, r.get::<_, i64>(1)?, snapshot_from_row(r, 2)?))
            },
        )
        .optional()?;
    let (uid, revision_id, mut snapshot) = found.ok_or(Error::NotFound { what: "entry" })?;
    let uid: [u8; 16] = uid
        .try_into()
        .map_err(|_| Error::Corrupt { what: "journal" })?;
    let attachments = revision_attachments(conn, revision_id)?;
    let ids = attachments.iter().map(|(id, _)| *id).collect();
    snapshot.attachments = attachments.into_iter().map(|(_, m)| m).collect();
    Ok((uid, snapshot, ids))
}

pub(crate) fn add_entry(conn: &Connection, now: DateTime<Utc>, draft: &EntryDraft) -> Result<i64> {
    let snapshot = validate(draft, now)?;
    let uid = *crate::kdf::random_bytes::<16>();
    let id = new_entry_row(conn, &uid, snapshot.occurred_at)?;
    append_revision(
        conn,
        id,
        &uid,
        RevisionAction::Create,
        now.timestamp(),
        Some(&snapshot),
        &[],
    )?;
    Ok(id)
}

pub(crate) fn edit_entry(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    draft: &EntryDraft,
) -> Result<()> {
    let (uid, old, attachment_ids) = current(conn, id)?;
    let mut snapshot = validate(draft, now)?;
    snapshot.hidden = old.hidden;
    snapshot.attachments = old.attachments;
    append_revision(
        conn,
        id,
        &uid,
        RevisionAction::Edit,
        now.timestamp(),
        Some(&snapshot),
        &attachment_ids,
    )?;
    Ok(())
}

pub(crate) fn set_hidden(
    conn: &Connection,
    now: DateTime<Utc>,
    id: i64,
    hidden: bool,
) -> Result<()> {
    let (uid, mut snapshot, attachment_ids) = current(conn, id)?;
    if snapshot.hidden == hidden {
        return Ok(());
    }
    snapshot.hidden = hidden;
    let action = if hidden {
        RevisionAction::Hide
    } else {
        RevisionAction::Restore
    };
    append_revision(
        conn,
        id,
        &uid,
        action,
        now.timestamp(),
        Some(&snapshot),
        &attachment_ids,
    )?;
    Ok(())
}

pub(crate) fn add_attachment(
    conn: &Connection,
    now: DateTime<Utc>,
    entry_id: i64,
    draft: &AttachmentDraft,
    size: u64,
    reader: &mut dyn Read,
) -> Result<AttachmentInfo> {
    // Checked before touching the entry, so an oversized file fails fast and reads nothing.
    attachments::check_size(size)?;
    attachments::validate_draft(draft)?;
    let (uid, mut snapshot, mut ids) = current(conn, entry_id)?;
    let (attachment_id, _) = attachments::store(conn, entry_id, draft, size, reader, now)?;
    let info = attachments::info(conn, attachment_id)?;
    snapshot.attachments.push(AttachmentMeta {
        sha256: chain::unhex(&info.sha256).ok_or(Error::Corrupt { what: "journal" })?,
        size: info.size,
        kind: info.kind.id().to_owned(),
        mime_type: info.mime_type.clone(),
        file_name: info.file_name.clone(),
    });
    ids.push(attachment_id);
    append_revision(
        conn,
        entry_id,
        &uid,
        RevisionAction::Attach,
        now.timestamp(),
        Some(&snapshot),
        &ids,
    )?;
    Ok(info)
}

pub(crate) fn erase(conn: &Connection, now: DateTime<Utc>, id: i64) -> Result<()> {
    let (uid, _, _) = current(conn, id)?;
    conn.execute(
        "DELETE FROM protection_order_entries WHERE entry_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM protection_order_documents WHERE attachment_id IN
             (SELECT id FROM journal_attachments WHERE entry_id = ?1)",
        [id],
    )?;
    conn.execute(
        "DELETE FROM journal_revision_attachments WHERE revision_id IN
             (SELECT id FROM journal_revisions WHERE entry_id = ?1)",
        [id],
    )?;
    conn.execute("DELETE FROM journal_attachments WHERE entry_id = ?1", [id])?;
    conn.execute(
        "UPDATE journal_revisions SET erased = 1, recorded_at = NULL, occurred_at = NULL,
             time_zone = NULL, kinds = NULL, narrative = NULL, injuries = NULL,
             witnesses = NULL, place = NULL, police_involved = NULL, police_reference = NULL,
             medical_involved = NULL, medical_reference = NULL, hidden = NULL
         WHERE entry_id = ?1",
        [id],
    )?;
    append_revision(
        conn,
        id,
        &uid,
        RevisionAction::Erase,
        now.timestamp(),
        None,
        &[],
    )?;
    Ok(())
}

// ---- reading ---------------------------------------------------------------------------------

const SELECT_ENTRY: &str = "SELECT e.id, e.uid, r.id, r.seq, r.recorded_at,
        (SELECT f.recorded_at FROM journal_revisions f WHERE f.entry_id = e.id AND f.seq = 1),";

fn entry_query(filter: &str) -> String {
    format!(
        "{SELECT_ENTRY} {SNAPSHOT_COLUMNS}
         FROM journal_entries e
         JOIN journal_revisions r ON r.id =
             (SELECT max(id) FROM journal_revisions WHERE entry_id = e.id)
         WHERE e.state <> 'erased' {filter}"
    )
}

fn instant(secs: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| bad_column("time"))
}

fn bad_column(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
}

/// An entry row without its attachments, plus its head revision id.
fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(JournalEntry, i64)> {
    let s = snapshot_from_row(r, 6)?;
    let kinds = s
        .kinds
        .iter()
        .map(|k| IncidentKind::from_id(k).ok_or_else(|| bad_column("incident kind")))
        .collect::<rusqlite::Result<_>>()?;
    let uid: Vec<u8> = r.get(1)?;
    let updated: Option<i64> = r.get(4)?;
    let created: Option<i64> = r.get(5)?;
    Ok((
        JournalEntry {
            id: r.get(0)?,
            uid: hex(&uid),
            occurred_at: instant(s.occurred_at)?,
            time_zone: s.time_zone,
            kinds,
            narrative: s.narrative,
            injuries: s.injuries,
            witnesses: s.witnesses,
            place: s.place,
            police_involved: s.police_involved,
            police_reference: s.police_reference,
            medical_involved: s.medical_involved,
            medical_reference: s.medical_reference,
            hidden: s.hidden,
            recorded_at: instant(created.unwrap_or_default())?,
            updated_at: instant(updated.unwrap_or_default())?,
            revision_count: r.get(3)?,
            attachments: Vec::new(),
        },
        r.get(2)?,
    ))
}

fn with_attachments(conn: &Connection, (mut e, head): (JournalEntry, i64)) -> Result<JournalEntry> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.kind, a.file_name, a.mime_type, a.size, a.sha256, a.added_at
         FROM journal_revision_attachments ra
         JOIN journal_attachments a ON a.id = ra.attachment_id
         WHERE ra.revision_id = ?1 ORDER BY ra.position",
    )?;
    e.attachments = stmt
        .query_map([head], attachments::info_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(e)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<JournalEntry> {
    let row = conn
        .query_row(&entry_query("AND e.id = ?1"), [id], entry_from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "entry" })?;
    with_attachments(conn, row)
}

/// Entries that occurred in `[from, to)`, oldest first.
pub(crate) fn list_between(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    include_hidden: bool,
) -> Result<Vec<JournalEntry>> {
    let hidden = if include_hidden {
        ""
    } else {
        "AND e.state = 'visible'"
    };
    let sql = entry_query(&format!(
        "{hidden} AND e.occurred_at >= ?1 AND e.occurred_at < ?2 ORDER BY e.occurred_at, e.id"
    ));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params![from.timestamp(), to.timestamp()], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|row| with_attachments(conn, row))
        .collect()
}

/// Entries with the given ids (erased or unknown ids are skipped), oldest first.
pub(crate) fn list_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<JournalEntry>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match get(conn, *id) {
            Ok(e) => out.push(e),
            Err(Error::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    out.sort_by_key(|e| (e.occurred_at, e.id));
    out.dedup_by_key(|e| e.id);
    Ok(out)
}

/// Verifies the chain on a connection (used inside export transactions).
pub(crate) fn verify_in(conn: &Connection) -> Result<ChainStatus> {
    verify::verify(conn)
}

/// Streams an attachment's bytes to `out`.
pub(crate) fn read_attachment_to(conn: &Connection, id: i64, out: &mut dyn Write) -> Result<u64> {
    attachments::read_to(conn, id, out)
}

/// Checks an attachment's metadata as if it had been typed in (import uses this).
pub(crate) fn check_attachment_fields(
    file_name: Option<&str>,
    mime_type: &str,
    size: u64,
) -> Result<()> {
    if let Some(name) = file_name {
        text::required("file_name", name, NAME_MAX_CHARS)?;
    }
    attachments::validate_draft(&AttachmentDraft {
        kind: AttachmentKind::Document,
        file_name: None,
        mime_type: mime_type.to_owned(),
    })?;
    attachments::check_size(size)
}

/// The first and one-past-last instants of a calendar month in `time_zone`.
pub(crate) fn month_bounds(
    year: i32,
    month: u32,
    time_zone: &str,
) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| Error::invalid("time_zone", "is not a known IANA time zone"))?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| Error::invalid("month", "is not a valid month"))?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or_else(|| Error::invalid("month", "is not a valid month"))?;
    let start = |d: NaiveDate| -> Result<DateTime<Utc>> {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        tz.from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| Error::invalid("month", "has no start in this time zone"))
    };
    Ok((start(first)?, start(next)?))
}

pub(crate) fn revisions(conn: &Connection, entry_id: i64) -> Result<Vec<RevisionInfo>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.seq, r.action, r.recorded_at, r.erased, r.prev_hash, r.hash
         FROM journal_revisions r JOIN journal_entries e ON e.id = r.entry_id
         WHERE r.entry_id = ?1 AND e.state <> 'erased' ORDER BY r.seq",
    )?;
    let revs = stmt
        .query_map([entry_id], |r| {
            let action: String = r.get(2)?;
            let recorded: Option<i64> = r.get(3)?;
            Ok(RevisionInfo {
                id: r.get(0)?,
                seq: r.get(1)?,
                action: RevisionAction::from_id(&action).ok_or_else(|| bad_column("action"))?,
                recorded_at: recorded.map(instant).transpose()?,
                erased: r.get(4)?,
                prev_hash: hex(&r.get::<_, Vec<u8>>(5)?),
                hash: hex(&r.get::<_, Vec<u8>>(6)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if revs.is_empty() {
        return Err(Error::NotFound { what: "entry" });
    }
    Ok(revs)
}

/// The incident journal.
impl Session {
    /// Writes a new entry; returns it.
    pub fn add_journal_entry(&self, draft: &EntryDraft) -> Result<JournalEntry> {
        let now = self.now();
        self.with_tx(|tx| {
            let id = add_entry(tx, now, draft)?;
            get(tx, id)
        })
    }

    /// Records a new revision of an entry with these details (attachments and hidden state
    /// are kept).
    pub fn edit_journal_entry(&self, id: i64, draft: &EntryDraft) -> Result<JournalEntry> {
        let now = self.now();
        self.with_tx(|tx| {
            edit_entry(tx, now, id, draft)?;
            get(tx, id)
        })
    }

    /// Hides an entry from the journal (a revision; it stays in the chain and in exports).
    pub fn hide_journal_entry(&self, id: i64) -> Result<()> {
        let now = self.now();
        self.with_tx(|tx| set_hidden(tx, now, id, true))
    }

    /// Shows a hidden entry again (a revision).
    pub fn restore_journal_entry(&self, id: i64) -> Result<()> {
        let now = self.now();
        self.with_tx(|tx| set_hidden(tx, now, id, false))
    }

    /// Removes an entry's content and attachments for good, for her safety, leaving an
    /// "erase" marker in the chain. Cannot be undone; the shell should confirm first.
    pub fn erase_entry_permanently(&self, id: i64) -> Result<()> {
        let now = self.now();
        self.with_tx(|tx| erase(tx, now, id))?;
        // Move the change out of the write-ahead log into the database file, where
        // secure_delete has already zeroed the freed pages.
        self.with_conn(|c| {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })
    }

    /// One entry as it stands.
    pub fn journal_entry(&self, id: i64) -> Result<JournalEntry> {
        self.with_conn(|c| get(c, id))
    }

    /// Entries that occurred in a calendar month of `time_zone`, oldest first.
    pub fn journal_month(
        &self,
        year: i32,
        month: u32,
        time_zone: &str,
        include_hidden: bool,
    ) -> Result<Vec<JournalEntry>> {
        let (from, to) = month_bounds(year, month, time_zone)?;
        self.with_conn(|c| list_between(c, from, to, include_hidden))
    }

    /// Entries that occurred in `[from, to)`, oldest first.
    pub fn journal_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        include_hidden: bool,
    ) -> Result<Vec<JournalEntry>> {
        self.with_conn(|c| list_between(c, from, to, include_hidden))
    }

    /// An entry's revisions, oldest first, without content.
    pub fn journal_revisions(&self, id: i64) -> Result<Vec<RevisionInfo>> {
        self.with_conn(|c| revisions(c, id))
    }

    /// Adds an attachment to an entry, streaming exactly `size` bytes from `reader` into the
    /// database (a revision). `size` is checked against [`MAX_ATTACHMENT_BYTES`] before any
    /// byte is read.
    pub fn add_attachment(
        &self,
        entry_id: i64,
        draft: &AttachmentDraft,
        size: u64,
        reader: &mut dyn Read,
    ) -> Result<AttachmentInfo> {
        let now = self.now();
        let mut reader = self.stop_on_lock(reader);
        self.with_tx(|tx| add_attachment(tx, now, entry_id, draft, size, &mut reader))
    }

    /// [`Session::add_attachment`] from bytes in memory (for the FFI).
    pub fn add_attachment_bytes(
        &self,
        entry_id: i64,
        draft: &AttachmentDraft,
        bytes: &[u8],
    ) -> Result<AttachmentInfo> {
        let mut reader = bytes;
        self.add_attachment(entry_id, draft, bytes.len() as u64, &mut reader)
    }

    /// Streams an attachment's bytes to `out`; returns the number written.
    pub fn read_attachment(&self, attachment_id: i64, out: &mut dyn Write) -> Result<u64> {
        self.with_conn(|c| attachments::read_to(c, attachment_id, out))
    }

    /// An attachment's bytes in memory (for the FFI; at most [`MAX_ATTACHMENT_BYTES`]).
    pub fn attachment_bytes(&self, attachment_id: i64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.read_attachment(attachment_id, &mut out)?;
        Ok(out)
    }

    /// Walks the whole evidence chain: every link, every revision's content and every
    /// attachment's bytes. Returns the head, or the first broken link.
    pub fn verify_chain(&self) -> Result<ChainStatus> {
        self.with_conn(|c| verify::verify(c))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kinds_match_the_content_labels() {
        let labels = &crate::content::content().unwrap().labels;
        for k in IncidentKind::ALL {
            assert!(labels.incident_kinds.contains_key(k.id()), "{}", k.id());
        }
        assert_eq!(labels.incident_kinds.len(), IncidentKind::ALL.len());
    }

    #[test]
    fn debug_shows_no_survivor_text() {
        let e = JournalEntry {
            id: 3,
            uid: "00".into(),
            occurred_at: Utc::now(),
            time_zone: "Asia/Almaty".into(),
            kinds: vec![IncidentKind::Threats],
            narrative: "CANARY-NARRATIVE".into(),
            injuries: Some("CANARY-INJURY".into()),
            witnesses: None,
            place: Some("CANARY-PLACE".into()),
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
            hidden: false,
            recorded_at: Utc::now(),
            updated_at: Utc::now(),
            revision_count: 1,
            attachments: vec![],
        };
        assert_eq!(format!("{e:?}"), "JournalEntry { id: 3, .. }");
        let d = EntryDraft {
            occurred_at: Utc::now(),
            time_zone: "UTC".into(),
            kinds: vec![],
            narrative: "CANARY-NARRATIVE".into(),
            injuries: None,
            witnesses: None,
            place: None,
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        };
        assert!(!format!("{d:?}").contains("CANARY"));
    }

    #[test]
    fn months_are_cut_in_the_given_zone() {
        let (from, to) = month_bounds(2026, 3, "Asia/Almaty").unwrap();
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 2, 28, 19, 0, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2026, 3, 31, 19, 0, 0).unwrap());
        assert!(month_bounds(2026, 13, "UTC").is_err());
        assert!(month_bounds(2026, 1, "Mars/Olympus").is_err());
    }
}
