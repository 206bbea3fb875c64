//! Makes a sample encrypted journal bundle with the real core (a throwaway vault, the
//! software protector): the fixture the `haven bundle` tests and the web verifier's browser
//! test open. Invented content only.
//!
//! `cargo run -p haven-cli --example sample_bundle -- OUT [--tampered OUT2] [--large N BYTES]`
//! reads the passphrase from stdin's first line. `--tampered` also writes a copy altered
//! inside the encryption; `--large` makes N entries and BYTES of attachments (in 100 files)
//! for the benchmarks instead.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use haven_core::{
    AttachmentDraft, AttachmentKind, BundlePassphrase, EntryDraft, IncidentKind,
    InsecureSoftwareProtector, Locale, Pin, SetupOptions, Vault,
};
use std::sync::Arc;

/// A small PNG (48×32 stripes), so the page has a photo to render.
pub const PHOTO: &[u8] = include_bytes!("door.png");
pub const PIN: &str = "482916";

fn draft(narrative: &str, day: u32) -> EntryDraft {
    EntryDraft {
        occurred_at: Utc.with_ymd_and_hms(2026, 2, day, 15, 0, 0).unwrap(),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Threats, IncidentKind::Economic],
        narrative: narrative.into(),
        injuries: None,
        witnesses: Some("Сосед".into()),
        place: Some("Дома".into()),
        police_involved: true,
        police_reference: Some("КУИ 4512".into()),
        medical_involved: false,
        medical_reference: None,
    }
}

/// Three entries: one edited with a photo, one hidden with audio, one erased.
/// `large`: (entries, total attachment bytes) for the benchmark bundle instead.
pub fn make(passphrase: &str, large: Option<(usize, usize)>) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let vault = Vault::new(
        tmp.path().join("data"),
        Arc::new(InsecureSoftwareProtector::new(tmp.path().join("devkey"))),
    )
    .unwrap();
    let pin = || Pin::new(PIN.into(), "pin").unwrap();
    let s = vault
        .setup(SetupOptions {
            pin: pin(),
            duress: None,
            locale: Locale::En,
            wipe_after_failures: None,
        })
        .unwrap();
    if let Some((entries, bytes)) = large {
        let per = bytes / 100;
        for i in 0..entries {
            let e = s
                .add_journal_entry(&draft(
                    &format!("Entry {i}: he shouted and broke the door"),
                    1 + (i % 27) as u32,
                ))
                .unwrap();
            if i % (entries / 100).max(1) == 0 && i / (entries / 100).max(1) < 100 {
                let data: Vec<u8> = (0..per).map(|j| (j * 31 + i) as u8).collect();
                s.add_attachment_bytes(
                    e.id,
                    &AttachmentDraft {
                        kind: AttachmentKind::Document,
                        file_name: Some(format!("scan-{i}.bin")),
                        mime_type: "application/octet-stream".into(),
                    },
                    &data,
                )
                .unwrap();
            }
        }
    } else {
        let a = s
            .add_journal_entry(&draft("He took my passport", 10))
            .unwrap();
        s.add_attachment_bytes(
            a.id,
            &AttachmentDraft {
                kind: AttachmentKind::Photo,
                file_name: Some("../door photo.png".into()),
                mime_type: "image/png".into(),
            },
            PHOTO,
        )
        .unwrap();
        s.edit_journal_entry(a.id, &draft("He took my passport and my ID card", 10))
            .unwrap();
        let b = s
            .add_journal_entry(&draft("Threats on the phone", 12))
            .unwrap();
        s.add_attachment_bytes(
            b.id,
            &AttachmentDraft {
                kind: AttachmentKind::Audio,
                file_name: None,
                mime_type: "audio/ogg".into(),
            },
            b"ogg bytes",
        )
        .unwrap();
        s.hide_journal_entry(b.id).unwrap();
        let c = s.add_journal_entry(&draft("to be erased", 14)).unwrap();
        s.erase_entry_permanently(c.id).unwrap();
    }
    s.export_bundle(&pin(), &BundlePassphrase::new(passphrase.into()).unwrap())
        .unwrap()
}

/// The same bundle with one word of the edited narrative changed inside the encryption and
/// re-encrypted with the same passphrase: only the evidence chain can tell.
pub fn tampered(bundle: &[u8], passphrase: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let secret = || age::secrecy::SecretString::from(passphrase.to_owned());
    let identity = age::scrypt::Identity::new(secret());
    let mut plain = Vec::new();
    age::Decryptor::new(bundle)
        .unwrap()
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    let (from, to) = (b"my ID card", b"my IX card");
    let at = plain.windows(from.len()).position(|w| w == from).unwrap();
    plain[at..at + from.len()].copy_from_slice(to);
    let mut out = Vec::new();
    let mut w = haven_evidence::seal::seal(&secret(), Some(10), &mut out).unwrap();
    w.write_all(&plain).unwrap();
    w.finish().unwrap();
    out
}

/// `OUT [--tampered OUT2] [--large ENTRIES BYTES]`, passphrase on stdin.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let passphrase = line.trim_end_matches(['\r', '\n']);
    let flag = |name: &str| args.iter().position(|a| a == name);
    let large =
        flag("--large").map(|i| (args[i + 1].parse().unwrap(), args[i + 2].parse().unwrap()));
    let bundle = make(passphrase, large);
    std::fs::write(&args[0], &bundle).unwrap();
    if let Some(i) = flag("--tampered") {
        std::fs::write(&args[i + 1], tampered(&bundle, passphrase)).unwrap();
    }
}
