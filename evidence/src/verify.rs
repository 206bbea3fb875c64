//! Recomputing the evidence chain from a manifest and naming the first broken link.
//!
//! Why here and not in the app's database code: the same walk must run wherever a bundle is
//! checked — importing into a phone, `haven bundle verify`, the offline web page — so they
//! all agree on what "intact" means. This checks the manifest's shape (uids, indexes, hex,
//! known actions and attachment kinds), then walks the revisions in chain order: each must
//! point at the previous hash, number its entry's revisions 1, 2, 3…, and hash (recomputed
//! with [`crate::chain::revision_hash`]) to what is stored. Erased content is taken as
//! stored, but only for an entry whose erasure is itself in the chain. The last hash must be
//! the manifest's `chain_head`.
//!
//! What it cannot see: the chain is unkeyed, so whoever holds a bundle's plaintext could
//! rebuild a consistent chain; and dropping the newest revisions leaves a shorter consistent
//! chain. Both show only against a head recorded earlier — which is why every export prints
//! it. The attachments' bytes are checked separately, as they stream
//! ([`crate::BundleReader`]).

use crate::chain::{hex, revision_hash, unhex, Hash, RevisionBody, GENESIS};
use crate::error::BundleError;
use crate::manifest::{Manifest, FORMAT};
use std::collections::HashMap;

/// Revision actions the app writes.
pub const ACTIONS: [&str; 6] = ["create", "edit", "attach", "hide", "restore", "erase"];
/// The action that erases an entry (it carries no snapshot).
pub const ERASE: &str = "erase";
/// Attachment kinds the app writes.
pub const ATTACHMENT_KINDS: [&str; 3] = ["photo", "audio", "document"];

/// The end of an intact chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainHead {
    /// The newest revision's hash (hex); 64 zeros for an empty journal.
    pub head: String,
    /// How many revisions the chain holds.
    pub revisions: u64,
}

/// The first place where the chain does not hold. Positions only: no content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainBreak {
    /// Index into [`Manifest::revisions`] (`None` when only the head disagrees).
    pub revision: Option<usize>,
    /// Index into [`Manifest::entries`] of the entry concerned.
    pub entry: Option<usize>,
    /// The revision's number within its entry, as stored.
    pub seq: Option<u64>,
    /// What failed.
    pub problem: Problem,
}

/// What failed at a break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The revision does not point at the previous revision's hash: one was removed, inserted
    /// or reordered, or a stored hash was changed.
    LinkBroken,
    /// The entry's revisions are not numbered 1, 2, 3… in chain order.
    SequenceBroken,
    /// The revision's content no longer matches its hash.
    RevisionAltered,
    /// Content is missing from a revision of an entry that was never erased.
    ContentMissing,
    /// The manifest's chain head is not the last revision's hash.
    HeadMismatch,
}

impl Problem {
    /// A stable id for scripts and for the labels (`problem_<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Problem::LinkBroken => "link_broken",
            Problem::SequenceBroken => "sequence_broken",
            Problem::RevisionAltered => "revision_altered",
            Problem::ContentMissing => "content_missing",
            Problem::HeadMismatch => "head_mismatch",
        }
    }
}

/// Checks the manifest's shape and recomputes the whole chain.
pub fn verify_manifest(m: &Manifest) -> Result<ChainHead, BundleError> {
    use BundleError::ManifestMalformed as Malformed;
    if m.format != FORMAT {
        return Err(BundleError::UnsupportedFormat);
    }
    let mut uids = Vec::with_capacity(m.entries.len());
    let mut uid_index: HashMap<&str, usize> = HashMap::new();
    for e in &m.entries {
        let uid = unhex::<16>(&e.uid).ok_or(Malformed)?;
        if uid_index.insert(e.uid.as_str(), uids.len()).is_some() {
            return Err(BundleError::EntryListedTwice);
        }
        uids.push(uid);
    }
    for a in &m.attachments {
        if !uid_index.contains_key(a.entry_uid.as_str())
            || !ATTACHMENT_KINDS.contains(&a.kind.as_str())
            || unhex::<32>(&a.sha256).is_none()
        {
            return Err(Malformed);
        }
    }
    let mut prev: Hash = GENESIS;
    let mut last_seq: HashMap<usize, u64> = HashMap::new();
    // Per entry with dropped content: whether its erase marker has been seen.
    let mut erased_entries: HashMap<usize, (bool, usize, u64)> = HashMap::new();
    for (i, r) in m.revisions.iter().enumerate() {
        let entry = *uid_index.get(r.entry_uid.as_str()).ok_or(Malformed)?;
        if !ACTIONS.contains(&r.action.as_str()) {
            return Err(Malformed);
        }
        let (Some(stored_prev), Some(stored)) = (unhex::<32>(&r.prev_hash), unhex::<32>(&r.hash))
        else {
            return Err(Malformed);
        };
        let snapshot = m.snapshot_of(r)?;
        let broken = |problem| {
            Err(BundleError::ChainBroken(ChainBreak {
                revision: Some(i),
                entry: Some(entry),
                seq: Some(r.seq),
                problem,
            }))
        };
        if stored_prev != prev {
            return broken(Problem::LinkBroken);
        }
        let seq = last_seq.entry(entry).or_insert(0);
        *seq += 1;
        if r.seq != *seq {
            return broken(Problem::SequenceBroken);
        }
        let is_erase = r.action == ERASE;
        if snapshot.is_none() && !is_erase {
            // Content may only be missing for an entry erased later in the chain.
            erased_entries.entry(entry).or_insert((false, i, r.seq));
        } else {
            let Some(recorded_at) = r.recorded_at else {
                return broken(Problem::RevisionAltered);
            };
            if snapshot.is_some() == is_erase {
                return broken(Problem::RevisionAltered);
            }
            let h = revision_hash(
                &prev,
                &RevisionBody {
                    entry_uid: &uids[entry],
                    seq: r.seq,
                    action: &r.action,
                    recorded_at,
                    snapshot: snapshot.as_ref(),
                },
            );
            if h != stored {
                return broken(Problem::RevisionAltered);
            }
            if is_erase {
                erased_entries.entry(entry).or_insert((true, i, r.seq)).0 = true;
            }
        }
        prev = stored;
    }
    let mut missing: Vec<_> = erased_entries
        .iter()
        .filter(|(_, (done, _, _))| !done)
        .map(|(entry, (_, at, seq))| (*at, *entry, *seq))
        .collect();
    missing.sort_unstable();
    if let Some((at, entry, seq)) = missing.first() {
        return Err(BundleError::ChainBroken(ChainBreak {
            revision: Some(*at),
            entry: Some(*entry),
            seq: Some(*seq),
            problem: Problem::ContentMissing,
        }));
    }
    if hex(&prev) != m.chain_head {
        return Err(BundleError::ChainBroken(ChainBreak {
            revision: None,
            entry: None,
            seq: None,
            problem: Problem::HeadMismatch,
        }));
    }
    if (0..m.entries.len()).any(|e| !last_seq.contains_key(&e)) {
        return Err(Malformed);
    }
    Ok(ChainHead {
        head: hex(&prev),
        revisions: m.revisions.len() as u64,
    })
}
