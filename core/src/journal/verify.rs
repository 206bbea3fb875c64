//! Walking the evidence chain and saying where it breaks.
//!
//! Why a report rather than a yes/no: if something was altered, she (or her lawyer) needs to
//! know which entry and which revision, and whether it was the text, the order of revisions or
//! an attachment's bytes. The walk recomputes every revision hash in chain order, checks every
//! link and per-entry sequence number, hashes every attachment's stored bytes once, and then
//! checks that each entry's listing columns match its newest revision and that no attachment
//! sits outside the chain.
//!
//! Limit: deleting the *newest* revisions leaves a shorter chain that is still consistent.
//! That is only visible against a head recorded earlier — which is why every export prints
//! the head.

use super::attachments::hash_stored;
use super::chain::{hex, revision_hash, Hash, RevisionBody, GENESIS};
use super::{revision_attachments, snapshot_from_row, RevisionAction, SNAPSHOT_COLUMNS};
use crate::error::Result;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// The result of [`Session::verify_chain`](crate::Session::verify_chain).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChainStatus {
    /// Every link holds.
    Intact(ChainHead),
    /// The first place where it does not.
    Broken(ChainBreak),
}

/// The end of an intact chain.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChainHead {
    /// The newest revision's hash (hex); 64 zeros for an empty journal.
    pub head: String,
    /// How many revisions the chain holds.
    pub revisions: u64,
}

/// Where the chain breaks. Ids only: no content.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChainBreak {
    /// The entry concerned.
    pub entry_id: Option<i64>,
    /// The revision concerned.
    pub revision_id: Option<i64>,
    /// The attachment concerned.
    pub attachment_id: Option<i64>,
    /// What failed.
    pub problem: ChainProblem,
}

/// What failed at a break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChainProblem {
    /// The revision does not point at the hash of the revision before it (one was removed,
    /// inserted or reordered, or a stored hash was changed).
    LinkBroken,
    /// The revision's content (or its entry's uid, or its attachment list) no longer matches
    /// its hash.
    RevisionAltered,
    /// The entry's revision numbers are not 1, 2, 3… in chain order.
    SequenceBroken,
    /// An attachment's stored bytes no longer match the hash recorded for them.
    AttachmentAltered,
    /// An attachment is not part of any revision.
    AttachmentOutsideChain,
    /// The entry's listing data (state, date) does not match its newest revision.
    EntryAltered,
}

fn broken(
    entry_id: Option<i64>,
    revision_id: Option<i64>,
    attachment_id: Option<i64>,
    problem: ChainProblem,
) -> ChainStatus {
    ChainStatus::Broken(ChainBreak {
        entry_id,
        revision_id,
        attachment_id,
        problem,
    })
}

/// One revision row as read for verification.
struct Row {
    id: i64,
    entry_id: i64,
    uid: Option<Vec<u8>>,
    seq: i64,
    action: String,
    erased: bool,
    recorded_at: Option<i64>,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
    snapshot: Option<super::chain::Snapshot>,
}

pub(crate) fn verify(conn: &Connection) -> Result<ChainStatus> {
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.entry_id, e.uid, r.seq, r.action, r.erased, r.recorded_at,
                r.prev_hash, r.hash, r.narrative IS NOT NULL, e.state, {SNAPSHOT_COLUMNS}
         FROM journal_revisions r LEFT JOIN journal_entries e ON e.id = r.entry_id
         ORDER BY r.id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut prev: Hash = GENESIS;
    let mut count: u64 = 0;
    let mut last_seq: HashMap<i64, i64> = HashMap::new();
    let mut checked_attachments: HashSet<i64> = HashSet::new();
    while let Some(r) = rows.next()? {
        let has_snapshot: bool = r.get(9)?;
        let entry_state: Option<String> = r.get(10)?;
        let row = Row {
            id: r.get(0)?,
            entry_id: r.get(1)?,
            uid: r.get(2)?,
            seq: r.get(3)?,
            action: r.get(4)?,
            erased: r.get(5)?,
            recorded_at: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
            snapshot: if has_snapshot {
                Some(snapshot_from_row(r, 11)?)
            } else {
                None
            },
        };
        let (entry, rev) = (Some(row.entry_id), Some(row.id));
        if row.prev_hash != prev {
            return Ok(broken(entry, rev, None, ChainProblem::LinkBroken));
        }
        let expected_seq = last_seq.get(&row.entry_id).copied().unwrap_or(0) + 1;
        if row.seq != expected_seq {
            return Ok(broken(entry, rev, None, ChainProblem::SequenceBroken));
        }
        last_seq.insert(row.entry_id, row.seq);
        let Ok(stored): std::result::Result<Hash, _> = row.hash.clone().try_into() else {
            return Ok(broken(entry, rev, None, ChainProblem::RevisionAltered));
        };
        if row.erased {
            // Content may only be dropped from an entry that was erased permanently.
            if entry_state.as_deref() != Some("erased") {
                return Ok(broken(entry, rev, None, ChainProblem::RevisionAltered));
            }
        } else {
            match recompute(conn, &row, &mut checked_attachments)? {
                Recomputed::Hash(h) if h == stored => {}
                Recomputed::Hash(_) => {
                    return Ok(broken(entry, rev, None, ChainProblem::RevisionAltered))
                }
                Recomputed::AttachmentAltered(a) => {
                    return Ok(broken(entry, rev, Some(a), ChainProblem::AttachmentAltered))
                }
            }
        }
        prev = stored;
        count += 1;
    }
    drop(rows);

    if let Some(entry_id) = first_entry_out_of_step(conn)? {
        return Ok(broken(
            Some(entry_id),
            None,
            None,
            ChainProblem::EntryAltered,
        ));
    }
    let orphan: Option<(i64, i64)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT a.id, a.entry_id FROM journal_attachments a
         WHERE NOT EXISTS (SELECT 1 FROM journal_revision_attachments ra
                           WHERE ra.attachment_id = a.id)
         ORDER BY a.id LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    if let Some((attachment, entry)) = orphan {
        return Ok(broken(
            Some(entry),
            None,
            Some(attachment),
            ChainProblem::AttachmentOutsideChain,
        ));
    }
    Ok(ChainStatus::Intact(ChainHead {
        head: hex(&prev),
        revisions: count,
    }))
}

enum Recomputed {
    Hash(Hash),
    AttachmentAltered(i64),
}

/// Recomputes a revision's hash from its stored content (checking new attachments' bytes).
fn recompute(conn: &Connection, row: &Row, checked: &mut HashSet<i64>) -> Result<Recomputed> {
    let bad = Recomputed::Hash(GENESIS);
    let Some(Ok(uid)) = row.uid.clone().map(<[u8; 16]>::try_from) else {
        return Ok(bad);
    };
    let (Some(action), Some(recorded_at)) = (RevisionAction::from_id(&row.action), row.recorded_at)
    else {
        return Ok(bad);
    };
    let mut snapshot = row.snapshot.clone();
    if let Some(s) = snapshot.as_mut() {
        for (attachment_id, meta) in revision_attachments(conn, row.id)? {
            if checked.insert(attachment_id) {
                let owner: i64 = conn.query_row(
                    "SELECT entry_id FROM journal_attachments WHERE id = ?1",
                    [attachment_id],
                    |r| r.get(0),
                )?;
                let (sha, len) = hash_stored(conn, attachment_id)?;
                if sha != meta.sha256 || len != meta.size || owner != row.entry_id {
                    return Ok(Recomputed::AttachmentAltered(attachment_id));
                }
            }
            s.attachments.push(meta);
        }
    }
    if snapshot.is_some() == (action == RevisionAction::Erase) {
        // An erase marker carries no snapshot; every other live revision carries one.
        return Ok(bad);
    }
    let prev: Hash = row.prev_hash.clone().try_into().unwrap_or(GENESIS);
    Ok(Recomputed::Hash(revision_hash(
        &prev,
        &RevisionBody {
            entry_uid: &uid,
            seq: row.seq as u64,
            action: action.id(),
            recorded_at,
            snapshot: snapshot.as_ref(),
        },
    )))
}

/// The first entry whose state or date disagrees with its newest revision (or that has none).
fn first_entry_out_of_step(conn: &Connection) -> Result<Option<i64>> {
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT e.id FROM journal_entries e
         LEFT JOIN journal_revisions r ON r.id =
             (SELECT max(id) FROM journal_revisions WHERE entry_id = e.id)
         WHERE r.id IS NULL
            OR (r.action = 'erase' AND (e.state <> 'erased' OR e.occurred_at IS NOT NULL))
            OR (r.action <> 'erase' AND (r.erased = 1
                OR e.state <> CASE r.hidden WHEN 1 THEN 'hidden' ELSE 'visible' END
                OR e.occurred_at IS NOT r.occurred_at))
         ORDER BY e.id LIMIT 1",
        [],
        |r| r.get(0),
    ))?)
}
