//! The encrypted export bundle: the whole journal with its attachments and evidence chain,
//! sealed with a passphrase — her recovery path if the phone's key is lost, and the copy she
//! can hand to a lawyer.
//!
//! Why age: a small, well-reviewed, documented format (age-encryption.org/v1) with a
//! passphrase mode (scrypt, work factor tuned to about a second) and authenticated streaming
//! encryption, so a changed or truncated byte is detected; anyone can open a bundle with the
//! `age`/`rage` tools given the passphrase.
//!
//! # Format (inside the age stream)
//!
//! ```text
//! "HAVENJB1"                       8 bytes, format and version
//! manifest length                  u64, big-endian (at most MAX_MANIFEST_BYTES)
//! manifest                         UTF-8 JSON (see `Manifest` below)
//! attachment bytes                 each attachment's bytes, in manifest order, back to back
//! ```
//!
//! No base64: the attachments' sizes are in the manifest, so they are streamed straight from
//! the database into the age writer and back into the database on import, never whole in
//! memory and never in a file. The manifest holds every entry (with its random uid), every
//! revision in chain order (with its stored `prev_hash` and `hash`; erased revisions without
//! content) and the chain head.
//!
//! Import checks, in order: size cap, passphrase, magic, manifest size and shape, every field
//! against the same validation as typed input, the whole chain recomputed from the manifest,
//! that the journal is empty (a bundle restores a journal; it does not merge into one), then —
//! in one transaction — stores everything, checks each attachment's SHA-256 while streaming it
//! in, re-verifies the chain in the database, and refuses trailing bytes. Any failure rolls
//! everything back with [`Error::ImportRejected`] and a reason.

use crate::error::{Error, Result};
use crate::journal::chain::{
    hex, revision_hash, unhex, AttachmentMeta, Hash, RevisionBody, Snapshot, GENESIS,
};
use crate::journal::{self, AttachmentKind, ChainStatus, IncidentKind, RevisionAction};
use crate::text::{self, LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS};
use age::secrecy::SecretString;
use rusqlite::blob::ZeroBlob;
use rusqlite::{params, Connection, MAIN_DB};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufReader, Read, Write};
use zeroize::Zeroizing;

/// The first bytes of the decrypted stream.
const MAGIC: &[u8; 8] = b"HAVENJB1";

/// Largest bundle accepted for import (1 GiB).
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest manifest accepted (the text of the journal).
const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;
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

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    chain_head: String,
    entries: Vec<BEntry>,
    attachments: Vec<BAttachment>,
    revisions: Vec<BRevision>,
}

#[derive(Serialize, Deserialize)]
struct BEntry {
    uid: String,
}

#[derive(Serialize, Deserialize)]
struct BAttachment {
    entry_uid: String,
    kind: String,
    file_name: Option<String>,
    mime_type: String,
    size: u64,
    sha256: String,
    added_at: i64,
}

#[derive(Serialize, Deserialize)]
struct BRevision {
    entry_uid: String,
    seq: u64,
    action: String,
    recorded_at: Option<i64>,
    /// `None` for an erase marker or erased content.
    snapshot: Option<BSnapshot>,
    /// Indexes into `attachments`.
    attachments: Vec<usize>,
    prev_hash: String,
    hash: String,
}

#[derive(Serialize, Deserialize)]
struct BSnapshot {
    occurred_at: i64,
    time_zone: String,
    kinds: Vec<String>,
    narrative: String,
    injuries: Option<String>,
    witnesses: Option<String>,
    place: Option<String>,
    police_involved: bool,
    police_reference: Option<String>,
    medical_involved: bool,
    medical_reference: Option<String>,
    hidden: bool,
}

const FORMAT: &str = "haven-journal-bundle/1";

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
    let json = Zeroizing::new(
        serde_json::to_vec(&manifest).map_err(|_| Error::Corrupt { what: "journal" })?,
    );
    let encryptor = age::Encryptor::with_user_passphrase(passphrase.0.clone());
    let write_err = |e: io::Error| Error::io("write the bundle")(e);
    let mut w = encryptor.wrap_output(out).map_err(write_err)?;
    w.write_all(MAGIC).map_err(write_err)?;
    w.write_all(&(json.len() as u64).to_be_bytes())
        .map_err(write_err)?;
    w.write_all(&json).map_err(write_err)?;
    for id in attachment_ids {
        journal::read_attachment_to(conn, id, &mut w)?;
    }
    w.finish().map_err(write_err)?;
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
            entries.push(BEntry { uid });
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
            attachments.push(BAttachment {
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
            Some(to_bundle(journal::snapshot_from_row(r, 8)?))
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
        revisions.push(BRevision {
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

fn to_bundle(s: Snapshot) -> BSnapshot {
    BSnapshot {
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

// ---- import ----------------------------------------------------------------------------------

fn rejected(reason: &str) -> Error {
    Error::ImportRejected {
        reason: reason.to_owned(),
    }
}

/// A reader that fails once more than `left` bytes have been read.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self
            .left
            .checked_sub(n as u64)
            .ok_or_else(|| io::Error::other("bundle larger than the limit"))?;
        Ok(n)
    }
}

/// Imports a bundle into an empty journal in one transaction. Returns the number of entries.
pub(crate) fn import(
    conn: &mut Connection,
    passphrase: &BundlePassphrase,
    input: &mut dyn Read,
) -> Result<u64> {
    let capped = BufReader::new(Capped {
        inner: input,
        left: MAX_BUNDLE_BYTES,
    });
    let decryptor = age::Decryptor::new_buffered(capped)
        .map_err(|_| rejected("not an encrypted Haven bundle, or too large"))?;
    if !decryptor.is_scrypt() {
        return Err(rejected("not a passphrase-protected bundle"));
    }
    let identity = age::scrypt::Identity::new(passphrase.0.clone());
    let mut plain = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { .. } => {
                rejected("the bundle asks for too much work to open")
            }
            _ => rejected("wrong passphrase, or the bundle is damaged"),
        })?;
    let damaged = |_| rejected("the bundle is damaged, was altered or is too large");
    let mut magic = [0u8; 8];
    plain.read_exact(&mut magic).map_err(damaged)?;
    if &magic != MAGIC {
        return Err(rejected("not a Haven journal bundle"));
    }
    let mut len = [0u8; 8];
    plain.read_exact(&mut len).map_err(damaged)?;
    let len = u64::from_be_bytes(len);
    if len > MAX_MANIFEST_BYTES {
        return Err(rejected("the bundle's manifest is too large"));
    }
    let mut json = Zeroizing::new(vec![0u8; len as usize]);
    plain.read_exact(&mut json).map_err(damaged)?;
    let manifest: Manifest = serde_json::from_slice(&json)
        .map_err(|_| rejected("the bundle's manifest is malformed"))?;
    drop(json);
    let checked = check_manifest(&manifest)?;

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
    store(&tx, &manifest, &checked, &mut plain)?;
    let mut rest = [0u8; 1];
    match plain.read(&mut rest) {
        Ok(0) => {}
        Ok(_) => return Err(rejected("the bundle has unexpected trailing data")),
        Err(_) => {
            return Err(rejected(
                "the bundle is damaged, was altered or is too large",
            ))
        }
    }
    match journal::verify_in(&tx)? {
        ChainStatus::Intact(h) if h.head == manifest.chain_head => {}
        _ => return Err(rejected("the evidence chain does not verify after import")),
    }
    tx.commit()?;
    Ok(manifest.entries.len() as u64)
}

/// What the manifest check establishes for storing.
struct Checked {
    uids: Vec<[u8; 16]>,
    /// Per revision: the snapshot (with attachment metadata) it carries, if any.
    snapshots: Vec<Option<Snapshot>>,
    actions: Vec<RevisionAction>,
    hashes: Vec<(Hash, Hash)>,
    attachment_sha: Vec<Hash>,
}

/// Validates every field and recomputes the whole chain, before anything is stored.
fn check_manifest(m: &Manifest) -> Result<Checked> {
    if m.format != FORMAT {
        return Err(rejected("unsupported bundle format"));
    }
    let invalid = |_| rejected("the bundle holds a value Haven does not accept");
    let mut uids = Vec::with_capacity(m.entries.len());
    let mut uid_index: HashMap<&str, usize> = HashMap::new();
    for e in &m.entries {
        let uid =
            unhex::<16>(&e.uid).ok_or_else(|| rejected("the bundle's manifest is malformed"))?;
        if uid_index.insert(e.uid.as_str(), uids.len()).is_some() {
            return Err(rejected("the bundle lists an entry twice"));
        }
        uids.push(uid);
    }
    let mut attachment_sha = Vec::with_capacity(m.attachments.len());
    for a in &m.attachments {
        if !uid_index.contains_key(a.entry_uid.as_str())
            || AttachmentKind::from_id(&a.kind).is_none()
        {
            return Err(rejected("the bundle's manifest is malformed"));
        }
        crate::journal::check_attachment_fields(a.file_name.as_deref(), &a.mime_type, a.size)
            .map_err(invalid)?;
        attachment_sha.push(
            unhex::<32>(&a.sha256).ok_or_else(|| rejected("the bundle's manifest is malformed"))?,
        );
    }
    let mut prev: Hash = GENESIS;
    let mut last_seq: HashMap<&str, u64> = HashMap::new();
    let mut erased_entries: HashMap<&str, bool> = HashMap::new();
    let mut snapshots = Vec::with_capacity(m.revisions.len());
    let mut actions = Vec::with_capacity(m.revisions.len());
    let mut hashes = Vec::with_capacity(m.revisions.len());
    let chain_broken = || rejected("the evidence chain does not verify: the bundle was altered");
    for r in &m.revisions {
        let entry = *uid_index
            .get(r.entry_uid.as_str())
            .ok_or_else(|| rejected("the bundle's manifest is malformed"))?;
        let action = RevisionAction::from_id(&r.action)
            .ok_or_else(|| rejected("the bundle's manifest is malformed"))?;
        let (stored_prev, stored) = match (unhex::<32>(&r.prev_hash), unhex::<32>(&r.hash)) {
            (Some(p), Some(h)) => (p, h),
            _ => return Err(rejected("the bundle's manifest is malformed")),
        };
        if stored_prev != prev {
            return Err(chain_broken());
        }
        let seq = last_seq.entry(r.entry_uid.as_str()).or_insert(0);
        *seq += 1;
        if r.seq != *seq {
            return Err(chain_broken());
        }
        let snapshot = match &r.snapshot {
            Some(s) => Some(snapshot_from_bundle(s, &r.attachments, m)?),
            None => None,
        };
        let erased = snapshot.is_none() && action != RevisionAction::Erase;
        if erased {
            // Content may only be missing for an entry erased later in the chain (checked below).
            erased_entries.entry(r.entry_uid.as_str()).or_insert(false);
        } else {
            let recorded_at = r.recorded_at.ok_or_else(chain_broken)?;
            if snapshot.is_some() == (action == RevisionAction::Erase) {
                return Err(chain_broken());
            }
            let h = revision_hash(
                &prev,
                &RevisionBody {
                    entry_uid: &uids[entry],
                    seq: r.seq,
                    action: action.id(),
                    recorded_at,
                    snapshot: snapshot.as_ref(),
                },
            );
            if h != stored {
                return Err(chain_broken());
            }
            if action == RevisionAction::Erase {
                erased_entries.insert(r.entry_uid.as_str(), true);
            }
        }
        prev = stored;
        snapshots.push(snapshot);
        actions.push(action);
        hashes.push((stored_prev, stored));
    }
    if erased_entries.values().any(|done| !done) {
        return Err(chain_broken());
    }
    if hex(&prev) != m.chain_head {
        return Err(chain_broken());
    }
    if m.entries
        .iter()
        .any(|e| !last_seq.contains_key(e.uid.as_str()))
    {
        return Err(rejected("the bundle's manifest is malformed"));
    }
    Ok(Checked {
        uids,
        snapshots,
        actions,
        hashes,
        attachment_sha,
    })
}

fn snapshot_from_bundle(
    s: &BSnapshot,
    attachment_indexes: &[usize],
    m: &Manifest,
) -> Result<Snapshot> {
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
    let mut attachments = Vec::with_capacity(attachment_indexes.len());
    for i in attachment_indexes {
        let a = m
            .attachments
            .get(*i)
            .ok_or_else(|| rejected("the bundle's manifest is malformed"))?;
        attachments.push(AttachmentMeta {
            sha256: unhex::<32>(&a.sha256)
                .ok_or_else(|| rejected("the bundle's manifest is malformed"))?,
            size: a.size,
            kind: a.kind.clone(),
            mime_type: a.mime_type.clone(),
            file_name: a.file_name.clone(),
        });
    }
    Ok(Snapshot {
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
    })
}

/// Stores a checked manifest and streams the attachments in, checking their hashes.
fn store(conn: &Connection, m: &Manifest, c: &Checked, plain: &mut dyn Read) -> Result<()> {
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
        let got = stream_into_blob(conn, id, a.size, plain)?;
        if &got != sha {
            return Err(rejected(
                "an attachment does not match its hash: the bundle was altered",
            ));
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

fn stream_into_blob(conn: &Connection, id: i64, size: u64, plain: &mut dyn Read) -> Result<Hash> {
    let mut blob = conn.blob_open(MAIN_DB, c"journal_attachments", c"data", id, false)?;
    let mut buf = Zeroizing::new(vec![0u8; 64 * 1024]);
    let mut hasher = Sha256::new();
    let mut left = size;
    while left > 0 {
        let want = (buf.len() as u64).min(left) as usize;
        plain
            .read_exact(&mut buf[..want])
            .map_err(|_| rejected("the bundle is damaged, was altered or is too large"))?;
        blob.write_all(&buf[..want])
            .map_err(Error::io("write the attachment"))?;
        hasher.update(&buf[..want]);
        left -= want as u64;
    }
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

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
