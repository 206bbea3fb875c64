//! A small journal built with the crate's own chain (no database): three entries, edits, a
//! hidden one, an erased one, two attachments.
#![allow(dead_code, clippy::unwrap_used)]

use haven_evidence::chain::{hex, revision_hash, RevisionBody, GENESIS};
use haven_evidence::manifest::{
    AttachmentRecord, EntryRecord, Manifest, RevisionRecord, SnapshotRecord, FORMAT,
};
use haven_evidence::seal::{self, SecretString};
use sha2::{Digest, Sha256};
use std::io::Write;

pub const PASSPHRASE: &str = "correct horse battery";

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

fn snapshot(narrative: &str, hidden: bool) -> SnapshotRecord {
    SnapshotRecord {
        occurred_at: 1_770_000_000,
        time_zone: "Asia/Almaty".into(),
        kinds: vec!["economic".into(), "threats".into()],
        narrative: narrative.into(),
        injuries: None,
        witnesses: Some("Сосед".into()),
        place: Some("Дома".into()),
        police_involved: true,
        police_reference: Some("КУИ 4512".into()),
        medical_involved: false,
        medical_reference: None,
        hidden,
    }
}

/// The journal, its attachments' bytes, and the plaintext framing.
pub struct Fixture {
    pub manifest: Manifest,
    pub attachments: Vec<Vec<u8>>,
}

pub fn fixture(photo_len: usize) -> Fixture {
    let photo: Vec<u8> = (0..photo_len).map(|i| (i % 253) as u8).collect();
    let audio = b"ogg bytes".to_vec();
    let uid = |n: u8| [n; 16];
    let attachments = vec![
        AttachmentRecord {
            entry_uid: hex(&uid(1)),
            kind: "photo".into(),
            file_name: Some("door.jpg".into()),
            mime_type: "image/jpeg".into(),
            size: photo.len() as u64,
            sha256: hex(&Sha256::digest(&photo)),
            added_at: 1_770_000_100,
        },
        AttachmentRecord {
            entry_uid: hex(&uid(2)),
            kind: "audio".into(),
            file_name: None,
            mime_type: "audio/ogg".into(),
            size: audio.len() as u64,
            sha256: hex(&Sha256::digest(&audio)),
            added_at: 1_770_000_200,
        },
    ];
    // (entry, action, snapshot, attachment indexes, erased)
    let plan: Vec<(u8, &str, Option<SnapshotRecord>, Vec<usize>)> = vec![
        (
            1,
            "create",
            Some(snapshot("He took my passport", false)),
            vec![],
        ),
        (
            1,
            "attach",
            Some(snapshot("He took my passport", false)),
            vec![0],
        ),
        (3, "create", None, vec![]), // erased content
        (
            1,
            "edit",
            Some(snapshot("He took my passport and my ID card", false)),
            vec![0],
        ),
        (
            2,
            "create",
            Some(snapshot("Threats on the phone", false)),
            vec![1],
        ),
        (
            2,
            "hide",
            Some(snapshot("Threats on the phone", true)),
            vec![1],
        ),
        (3, "erase", None, vec![]),
    ];
    let mut m = Manifest {
        format: FORMAT.into(),
        chain_head: String::new(),
        entries: [1u8, 2, 3]
            .iter()
            .map(|n| EntryRecord { uid: hex(&uid(*n)) })
            .collect(),
        attachments,
        revisions: vec![],
    };
    let mut prev = GENESIS;
    let mut seqs = [0u64; 4];
    for (i, (entry, action, snap, atts)) in plan.into_iter().enumerate() {
        seqs[entry as usize] += 1;
        let seq = seqs[entry as usize];
        let erased = snap.is_none() && action != "erase";
        let mut r = RevisionRecord {
            entry_uid: hex(&uid(entry)),
            seq,
            action: action.into(),
            recorded_at: if erased {
                None
            } else {
                Some(1_770_000_000 + i as i64 * 60)
            },
            snapshot: snap,
            attachments: atts,
            prev_hash: hex(&prev),
            hash: String::new(),
        };
        let h = if erased {
            // Its content was dropped; its hash was computed on the phone. Any value will do.
            [0xEE; 32]
        } else {
            let s = m.snapshot_of(&r).unwrap();
            revision_hash(
                &prev,
                &RevisionBody {
                    entry_uid: &uid(entry),
                    seq,
                    action,
                    recorded_at: r.recorded_at.unwrap(),
                    snapshot: s.as_ref(),
                },
            )
        };
        r.hash = hex(&h);
        m.revisions.push(r);
        prev = h;
    }
    m.chain_head = hex(&prev);
    Fixture {
        manifest: m,
        attachments: vec![photo, audio],
    }
}

impl Fixture {
    /// The decrypted stream: magic, length, manifest, attachments.
    pub fn plain(&self) -> Vec<u8> {
        let mut out = Vec::new();
        haven_evidence::write_header(&mut out, &self.manifest).unwrap();
        for a in &self.attachments {
            out.extend_from_slice(a);
        }
        out
    }

    /// The encrypted bundle (scrypt work factor 2: fast for tests).
    pub fn sealed(&self, passphrase: &str) -> Vec<u8> {
        seal_plain(&self.plain(), passphrase)
    }
}

pub fn seal_plain(plain: &[u8], passphrase: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = seal::seal(&secret(passphrase), Some(2), &mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}
