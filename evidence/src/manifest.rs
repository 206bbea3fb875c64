//! The bundle's manifest: every entry (by its random uid), every attachment's metadata and
//! every revision in chain order with its stored `prev_hash` and `hash`, and the chain head.
//!
//! The JSON field names are the format (`haven-journal-bundle/1`): renaming one breaks every
//! bundle already handed over. Erased revisions keep their hashes and lose their content
//! (`snapshot: null`, `recorded_at` may be null).
//!
//! Unknown fields are refused, so a renamed key cannot silently turn a value into its default.
//! Not covered by the chain (version 1): an attachment's `added_at`, and `recorded_at` of
//! erased revisions — verifiers do not present them as verified.

use crate::chain::{unhex, AttachmentMeta, Snapshot};
use crate::error::BundleError;
use serde::{Deserialize, Serialize};

/// The value of [`Manifest::format`] this version writes and reads.
pub const FORMAT: &str = "haven-journal-bundle/1";

/// The manifest.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The newest revision's hash (hex); 64 zeros for an empty journal.
    pub chain_head: String,
    /// Every entry, in the order they were made.
    pub entries: Vec<EntryRecord>,
    /// Every attachment; their bytes follow the manifest in this order.
    pub attachments: Vec<AttachmentRecord>,
    /// Every revision, in chain order.
    pub revisions: Vec<RevisionRecord>,
}

/// An entry: only its uid (its content lives in its revisions).
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryRecord {
    /// 16 random bytes, hex.
    pub uid: String,
}

/// An attachment's metadata.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentRecord {
    /// The entry it belongs to.
    pub entry_uid: String,
    /// `photo`, `audio` or `document`.
    pub kind: String,
    /// The name it had on her phone, if any (untrusted: sanitise before using as a path).
    pub file_name: Option<String>,
    /// Its MIME type.
    pub mime_type: String,
    /// Its length in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// When it was added (Unix seconds).
    pub added_at: i64,
}

/// A revision of an entry.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionRecord {
    /// The entry it belongs to.
    pub entry_uid: String,
    /// 1, 2, 3… per entry.
    pub seq: u64,
    /// `create`, `edit`, `hide`, `unhide`, `attach`, `erase`…
    pub action: String,
    /// When it was recorded (Unix seconds); `None` only for erased content.
    pub recorded_at: Option<i64>,
    /// `None` for an erase marker or erased content.
    pub snapshot: Option<SnapshotRecord>,
    /// Indexes into [`Manifest::attachments`].
    pub attachments: Vec<usize>,
    /// The previous revision's hash, hex.
    pub prev_hash: String,
    /// This revision's hash, hex.
    pub hash: String,
}

/// The whole entry as of one revision.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotRecord {
    /// When it happened (Unix seconds).
    pub occurred_at: i64,
    /// The IANA time zone it was recorded in.
    pub time_zone: String,
    /// Incident kind ids, sorted.
    pub kinds: Vec<String>,
    /// What happened.
    pub narrative: String,
    /// Injuries.
    pub injuries: Option<String>,
    /// Witnesses.
    pub witnesses: Option<String>,
    /// Where.
    pub place: Option<String>,
    /// Whether the police were involved.
    pub police_involved: bool,
    /// Police reference number.
    pub police_reference: Option<String>,
    /// Whether a doctor was involved.
    pub medical_involved: bool,
    /// Medical reference.
    pub medical_reference: Option<String>,
    /// Whether she hid the entry in the app.
    pub hidden: bool,
}

crate::redacted_debug!(
    Manifest,
    EntryRecord,
    AttachmentRecord,
    RevisionRecord,
    SnapshotRecord
);

impl SnapshotRecord {
    /// From the chain's form (attachments are listed separately, by index).
    pub fn from_snapshot(s: Snapshot) -> SnapshotRecord {
        SnapshotRecord {
            occurred_at: s.occurred_at,
            time_zone: s.time_zone,
            kinds: s.kinds,
            narrative: s.narrative,
            injuries: s.injuries,
            witnesses: s.witnesses,
            place: s.place,
            police_involved: s.police_involved,
            police_reference: s.police_reference,
            medical_involved: s.medical_involved,
            medical_reference: s.medical_reference,
            hidden: s.hidden,
        }
    }
}

impl Manifest {
    /// A manifest's JSON, as written into a bundle.
    pub fn to_json(&self) -> Vec<u8> {
        // Serializing plain structs of strings and numbers cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parses a manifest's JSON.
    pub fn from_json(json: &[u8]) -> Result<Manifest, BundleError> {
        serde_json::from_slice(json).map_err(|_| BundleError::ManifestMalformed)
    }

    /// The chain's view of a revision's snapshot, with its attachments' metadata resolved.
    /// `None` when the revision carries no snapshot; an error if an index or hash is bad.
    pub fn snapshot_of(&self, revision: &RevisionRecord) -> Result<Option<Snapshot>, BundleError> {
        let Some(s) = &revision.snapshot else {
            return Ok(None);
        };
        let mut attachments = Vec::with_capacity(revision.attachments.len());
        for i in &revision.attachments {
            let a = self
                .attachments
                .get(*i)
                .ok_or(BundleError::ManifestMalformed)?;
            attachments.push(AttachmentMeta {
                sha256: unhex::<32>(&a.sha256).ok_or(BundleError::ManifestMalformed)?,
                size: a.size,
                kind: a.kind.clone(),
                mime_type: a.mime_type.clone(),
                file_name: a.file_name.clone(),
            });
        }
        Ok(Some(Snapshot {
            occurred_at: s.occurred_at,
            time_zone: s.time_zone.clone(),
            kinds: s.kinds.clone(),
            narrative: s.narrative.clone(),
            injuries: s.injuries.clone(),
            witnesses: s.witnesses.clone(),
            place: s.place.clone(),
            police_involved: s.police_involved,
            police_reference: s.police_reference.clone(),
            medical_involved: s.medical_involved,
            medical_reference: s.medical_reference.clone(),
            hidden: s.hidden,
            attachments,
        }))
    }
}
