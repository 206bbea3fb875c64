//! The encrypted export bundle: the whole journal with its attachments and evidence chain,
//! sealed with a passphrase — her recovery path if the phone's key is lost, and the copy she
//! can hand to a lawyer.
//!
//! The format itself (age/scrypt around `HAVENJB1` + manifest + attachment bytes), the
//! manifest's types and the chain check live in the `haven-evidence` crate, which the CLI and
//! the offline web verifier use too: one implementation, so a verifier cannot drift from the
//! writer. This module only moves the journal between the database and that format.
//!
//! Export streams attachments straight from the database into the encryption, never whole in
//! memory and never in a file.

use crate::error::{Error, Result};
use crate::journal::chain::{hex, unhex, Hash, Snapshot};
use crate::journal::{self, AttachmentKind, ChainStatus, IncidentKind, RevisionAction};
use crate::text::{self, LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS};
use age::secrecy::SecretString;
use haven_evidence::container::{AttachmentCheck, CopyError};
use haven_evidence::manifest::{
    AttachmentRecord, EntryRecord, Manifest, RevisionRecord, SnapshotRecord, FORMAT,
};
use haven_evidence::{seal, BundleError};
use rusqlite::blob::ZeroBlob;
use rusqlite::{params, Connection, MAIN_DB};
use std::collections::HashMap;
use std::fmt;
use std::io::{Read, Write};
use zeroize::Zeroizing;

/// Largest bundle accepted for import (1 GiB).
pub use haven_evidence::MAX_BUNDLE_BYTES;
/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
const MAX_PASSPHRASE_CHARS: usize = 1024;

/// A passphrase for a bundle: at least 12 characters; never printed.
pub struct BundlePassphrase(SecretString);

impl BundlePassphrase {
    /// Checks the length and takes the passphrase into secret memory.
    pub fn new(passphrase: String) -> Result<BundlePassphrase> {
        let passphrase = Zeroizing::new(passphrase);
        let n = passphrase.chars().count();
        if n < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("must be at least {MIN_PASSPHRASE_CHARS} characters"),
            ));
        }
        if n > MAX_PASSPHRASE_CHARS {
            return Err(Error::invalid("passphrase", "is too long"));
        }
        Ok(BundlePassphrase(SecretString::from(passphrase.as_str())))
    }
}

impl fmt::Debug for BundlePassphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BundlePassphrase(..)")
    }
}

// ---- export ----------------------------------------------------------------------------------

/// Writes the whole journal as an age-encrypted bundle to `out`. The caller has checked the
/// PIN. Refuses a journal whose chain does not verify (it could not be imported).
pub(crate) fn export(
    conn: &Connection,
    passphrase: &BundlePassphrase,
    out: &mut dyn Write,
) -> Result<()> {
    let head = match journal::verify_in(conn)? {
        ChainStatus::Intact(h) => h.head,
        ChainStatus::Broken(_) => {
            return Err(Error::Corrupt {
                what: "evidence chain",
            })
        }
    };
    let (manifest, attachment_ids) = build_manifest(conn, head)?;
    let write_err = Error::io("write the bundle");
    let mut w = seal::seal(&passphrase.0, None, out).map_err(write_err)?;
    haven_evidence::write_header(&mut w, &manifest).map_err(Error::io("write the bundle"))?;
    for id in attachment_ids {
        journal::read_attachment_to(conn, id, &mut w)?;
    }
    w.finish().map_err(Error::io("write the bundle"))?;
    Ok(())
}

fn build_manifest(conn: &Connection, chain_head: String) -> Result<(Manifest, Vec<i64>)> {
    let mut uids: HashMap<i64, String> = HashMap::new();
    let mut entries = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT id, uid FROM journal_entries ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let uid = hex(&r.get::<_, Vec<u8>>(1)?);
            uids.insert(r.get(0)?, uid.clone());
            entries.push(EntryRecord { uid });
        }
    }
    let uid_of = |id: i64| {
        uids.get(&id)
            .cloned()
            .ok_or(Error::Corrupt { what: "journal" })
    };
    let mut attachments = Vec::new();
    let mut attachment_ids = Vec::new();
    let mut index_of: HashMap<i64, usize> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, entry_id, kind, file_name, mime_type, size, sha256, added_at
             FROM journal_attachments ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            index_of.insert(id, attachments.len());
            attachment_ids.push(id);
            attachments.push(AttachmentRecord {
                entry_uid: uid_of(r.get(1)?)?,
                kind: r.get(2)?,
                file_name: r.get(3)?,
                mime_type: r.get(4)?,
                size: r.get::<_, i64>(5)? as u64,
                sha256: hex(&r.get::<_, Vec<u8>>(6)?),
                added_at: r.get(7)?,
            });
        }
    }
    let mut revisions = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.entry_id, r.seq, r.action, r.recorded_at, r.narrative IS NOT NULL,
                r.prev_hash, r.hash, {}
         FROM journal_revisions r ORDER BY r.id",
        journal::SNAPSHOT_COLUMNS
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let revision_id: i64 = r.get(0)?;
        let has_snapshot: bool = r.get(5)?;
        let snapshot = if has_snapshot {
            Some(SnapshotRecord::from_snapshot(journal::snapshot_from_row(
                r, 8,
            )?))
        } else {
            None
        };
        let linked = journal::revision_attachments(conn, revision_id)?
            .into_iter()
            .map(|(id, _)| {
                index_of
                    .get(&id)
                    .copied()
                    .ok_or(Error::Corrupt { what: "journal" })
            })
            .collect::<Result<_>>()?;
        revisions.push(RevisionRecord {
            entry_uid: uid_of(r.get(1)?)?,
            seq: r.get::<_, i64>(2)? as u64,
            action: r.get(3)?,
            recorded_at: r.get(4)?,
            snapshot,
            attachments: linked,
            prev_hash: hex(&r.get::<_, Vec<u8>>(6)?),
            hash: hex(&r.get::<_, Vec<u8>>(7)?),
        });
    }
    Ok((
        Manifest {
            format: FORMAT.into(),
            chain_head,
            entries,
            attachments,
            revisions,
        },
        attachment_ids,
    ))
}

// ---- import ----------------------------------------------------------------------------------
//
// Import checks, in order: size cap, passphrase, magic, manifest size and shape, the whole
// chain recomputed from the manifest (all in `haven-evidence`), every field against the same
// validation as typed input, that the journal is empty (a bundle restores a journal; it does
// not merge into one), then — in one transaction — stores everything, checks each
// attachment's SHA-256 while streaming it in, refuses trailing bytes and re-verifies the
// chain in the database. Any failure rolls everything back with [`Error::ImportRejected`]
// and a reason.

fn rejected(reason: &str) -> Error {
    Error::ImportRejected {
        reason: reason.to_owned(),
    }
}

fn refused(e: BundleError) -> Error {
    rejected(&e.to_string())
}

/// Imports a bundle into an empty journal in one transaction. Returns the number of entries.
pub(crate) fn import(
    conn: &mut Connection,
    passphrase: &BundlePassphrase,
    input: &mut dyn Read,
) -> Result<u64> {
    let plain = seal::open(input, &passphrase.0, MAX_BUNDLE_BYTES).map_err(refused)?;
    let mut reader = haven_evidence::read_header(plain).map_err(refused)?;
    let head = reader.verify_chain().map_err(refused)?;
    let manifest = reader.manifest().clone();
    let checked = check_fields(&manifest)?;

    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM journal_entries)",
        [],
        |r| r.get(0),
    )?;
    if !empty {
        return Err(rejected(
            "the journal already has entries; a bundle can only be restored into an empty journal",
        ));
    }
    let tx = conn.transaction()?;
    store(&tx, &manifest, &checked, &mut reader)?;
    reader.finish().map_err(refused)?;
    match journal::verify_in(&tx)? {
        ChainStatus::Intact(h) if h.head == head.head => {}
        _ => return Err(rejected("the evidence chain does not verify after import")),
    }
    tx.commit()?;
    Ok(manifest.entries.len() as u64)
}

/// What the field check establishes for storing.
struct Checked {
    uids: Vec<[u8; 16]>,
    /// Per revision: the snapshot (with attachment metadata) it carries, if any.
    snapshots: Vec<Option<Snapshot>>,
    actions: Vec<RevisionAction>,
    hashes: Vec<(Hash, Hash)>,
    attachment_sha: Vec<Hash>,
}

/// Validates every field of a manifest whose chain verified, as typed input would be.
fn check_fields(m: &Manifest) -> Result<Checked> {
    let malformed = || rejected("the bundle's manifest is malformed");
    let invalid = |_| rejected("the bundle holds a value Haven does not accept");
    let uids = m
        .entries
        .iter()
        .map(|e| unhex::<16>(&e.uid).ok_or_else(malformed))
        .collect::<Result<Vec<_>>>()?;
    let mut attachment_sha = Vec::with_capacity(m.attachments.len());
    for a in &m.attachments {
        if AttachmentKind::from_id(&a.kind).is_none() {
            return Err(malformed());
        }
        crate::journal::check_attachment_fields(a.file_name.as_deref(), &a.mime_type, a.size)
            .map_err(invalid)?;
        attachment_sha.push(unhex::<32>(&a.sha256).ok_or_else(malformed)?);
    }
    let mut snapshots = Vec::with_capacity(m.revisions.len());
    let mut actions = Vec::with_capacity(m.revisions.len());
    let mut hashes = Vec::with_capacity(m.revisions.len());
    for r in &m.revisions {
        actions.push(RevisionAction::from_id(&r.action).ok_or_else(malformed)?);
        if let Some(s) = &r.snapshot {
            check_snapshot(s)?;
        }
        snapshots.push(m.snapshot_of(r).map_err(refused)?);
        match (unhex::<32>(&r.prev_hash), unhex::<32>(&r.hash)) {
            (Some(p), Some(h)) => hashes.push((p, h)),
            _ => return Err(malformed()),
        }
    }
    Ok(Checked {
        uids,
        snapshots,
        actions,
        hashes,
        attachment_sha,
    })
}

fn check_snapshot(s: &SnapshotRecord) -> Result<()> {
    let invalid = |_| rejected("the bundle holds a value Haven does not accept");
    if s.time_zone.parse::<chrono_tz::Tz>().is_err()
        || s.kinds.iter().any(|k| IncidentKind::from_id(k).is_none())
        || s.kinds.windows(2).any(|w| w[0] >= w[1])
    {
        return Err(rejected("the bundle holds a value Haven does not accept"));
    }
    text::required("narrative", &s.narrative, LONG_TEXT_MAX_CHARS).map_err(invalid)?;
    for (field, value, max) in [
        ("injuries", &s.injuries, LONG_TEXT_MAX_CHARS),
        ("witnesses", &s.witnesses, LONG_TEXT_MAX_CHARS),
        ("place", &s.place, NAME_MAX_CHARS),
        ("police_reference", &s.police_reference, NAME_MAX_CHARS),
        ("medical_reference", &s.medical_reference, NAME_MAX_CHARS),
    ] {
        if let Some(v) = value {
            text::required(field, v, max).map_err(invalid)?;
        }
    }
    Ok(())
}

/// Stores a checked manifest and streams the attachments in, checking their hashes.
fn store<R: Read>(
    conn: &Connection,
    m: &Manifest,
    c: &Checked,
    reader: &mut haven_evidence::BundleReader<R>,
) -> Result<()> {
    let mut entry_ids: HashMap<&str, i64> = HashMap::new();
    for (e, uid) in m.entries.iter().zip(&c.uids) {
        conn.execute(
            "INSERT INTO journal_entries (uid, state, occurred_at) VALUES (?1, 'erased', NULL)",
            [uid.as_slice()],
        )?;
        entry_ids.insert(e.uid.as_str(), conn.last_insert_rowid());
    }
    let mut attachment_ids = Vec::with_capacity(m.attachments.len());
    for (a, sha) in m.attachments.iter().zip(&c.attachment_sha) {
        let entry_id = entry_ids[a.entry_uid.as_str()];
        conn.execute(
            "INSERT INTO journal_attachments
                 (entry_id, kind, file_name, mime_type, size, sha256, added_at, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                entry_id,
                a.kind,
                a.file_name,
                a.mime_type,
                a.size as i64,
                sha.as_slice(),
                a.added_at,
                ZeroBlob(a.size)
            ],
        )?;
        let id = conn.last_insert_rowid();
        let mut blob = conn.blob_open(MAIN_DB, c"journal_attachments", c"data", id, false)?;
        match reader.copy_attachment(&mut blob) {
            Ok(Some(AttachmentCheck { matches: true, .. })) => {}
            Ok(Some(AttachmentCheck { index, .. })) => {
                return Err(refused(BundleError::AttachmentAltered(index)))
            }
            Ok(None) => return Err(refused(BundleError::ManifestMalformed)),
            Err(CopyError::Bundle(e)) => return Err(refused(e)),
            Err(CopyError::Sink(e)) => return Err(Error::io("write the attachment")(e)),
        }
        attachment_ids.push(id);
    }
    for (i, r) in m.revisions.iter().enumerate() {
        let entry_id = entry_ids[r.entry_uid.as_str()];
        let (prev, hash) = &c.hashes[i];
        let snapshot = c.snapshots[i].as_ref();
        journal::insert_revision(
            conn,
            entry_id,
            r.seq as i64,
            c.actions[i],
            if snapshot.is_some() || c.actions[i] == RevisionAction::Erase {
                r.recorded_at
            } else {
                None
            },
            snapshot,
            prev,
            hash,
        )?;
        let revision_id = conn.last_insert_rowid();
        let ids: Vec<i64> = r.attachments.iter().map(|i| attachment_ids[*i]).collect();
        journal::link_attachments(conn, revision_id, &ids)?;
        journal::sync_entry(conn, entry_id, snapshot)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evidence_crate_knows_every_action_and_attachment_kind() {
        for a in haven_evidence::verify::ACTIONS {
            assert!(RevisionAction::from_id(a).is_some(), "{a}");
        }
        assert_eq!(
            haven_evidence::verify::ATTACHMENT_KINDS.len(),
            AttachmentKind::ALL.len()
        );
        for k in AttachmentKind::ALL {
            assert!(haven_evidence::verify::ATTACHMENT_KINDS.contains(&k.id()));
        }
    }

    #[test]
    fn passphrases_are_checked_and_never_printed() {
        assert!(BundlePassphrase::new("short pass".into()).is_err());
        let p = BundlePassphrase::new("CANARY passphrase".into());
        let Ok(p) = p else {
            panic!("a 17-character passphrase is accepted");
        };
        assert_eq!(format!("{p:?}"), "BundlePassphrase(..)");
    }
}
