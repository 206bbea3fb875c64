//! Exports: the printable report and the encrypted bundle (round trip into a fresh vault,
//! wrong passphrase, tampered bytes, tampered content, PIN asked again).
#![allow(clippy::unwrap_used)]

mod common;

use age::secrecy::SecretString;
use chrono::{Duration, TimeZone, Utc};
use common::{pin, TestVault, PIN, WRONG_PIN};
use haven_core::{
    AttachmentDraft, AttachmentKind, BundlePassphrase, ChainStatus, EntryDraft, Error,
    IncidentKind, Locale, ReportRequest, ReportSelection, Session,
};
use std::io::{Read, Write};

const PASSPHRASE: &str = "correct horse battery";

fn open() -> (TestVault, Session) {
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    (tv, session)
}

fn passphrase(s: &str) -> BundlePassphrase {
    BundlePassphrase::new(s.into()).unwrap()
}

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

/// A journal with edits, a hidden entry, an erased one and two attachments.
fn populate(tv: &TestVault, s: &Session) -> Vec<i64> {
    let a = s
        .add_journal_entry(&draft("He took my passport", 10))
        .unwrap();
    let photo: Vec<u8> = (0..150_000u32).map(|i| (i % 253) as u8).collect();
    s.add_attachment_bytes(
        a.id,
        &AttachmentDraft {
            kind: AttachmentKind::Photo,
            file_name: Some("door.jpg".into()),
            mime_type: "image/jpeg".into(),
        },
        &photo,
    )
    .unwrap();
    tv.clock.advance(Duration::minutes(3));
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
    vec![a.id, b.id]
}

fn head(s: &Session) -> String {
    match s.verify_chain().unwrap() {
        ChainStatus::Intact(h) => h.head,
        ChainStatus::Broken(b) => panic!("{b:?}"),
    }
}

fn rejection(result: haven_core::Result<u64>) -> String {
    match result {
        Err(Error::ImportRejected { reason }) => reason,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn the_report_lists_entries_hashes_and_head_escaped_in_the_chosen_language() {
    let (tv, s) = open();
    let ids = populate(&tv, &s);
    let hostile = s
        .add_journal_entry(&draft("<script>alert('x')</script> & more", 11))
        .unwrap();
    let request = ReportRequest {
        selection: ReportSelection::Between {
            from: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
            to: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        },
        locale: Locale::Ru,
        include_hidden: false,
        embed_photos: false,
    };
    let html = s.export_report(&pin(PIN), &request).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("lang=\"ru\""));
    assert!(html.contains("Последний хеш цепочки"), "Russian labels");
    assert!(html.contains(&head(&s)));
    assert!(html.contains("He took my passport and my ID card"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(
        !html.contains("Threats on the phone"),
        "hidden entries are left out"
    );
    assert!(!html.contains("to be erased"));
    for rev in s.journal_revisions(ids[0]).unwrap() {
        assert!(html.contains(&rev.hash));
    }
    let photo = &s.journal_entry(ids[0]).unwrap().attachments[0];
    assert!(html.contains(&photo.sha256));
    assert!(html.contains("150000"));
    assert!(
        html.contains("2026-02-10 20:00 Asia/Almaty"),
        "local time of the entry"
    );
    assert!(!html.contains("http"), "self-contained");

    let chosen = ReportRequest {
        selection: ReportSelection::Entries(vec![ids[1], hostile.id, 999]),
        locale: Locale::Kk,
        include_hidden: true,
        embed_photos: false,
    };
    let html = s.export_report(&pin(PIN), &chosen).unwrap();
    assert!(html.contains("Threats on the phone"));
    assert!(!html.contains("He took my passport"));
    assert!(html.contains("lang=\"kk\""));
}

#[test]
fn exports_ask_for_the_pin_again() {
    let (tv, s) = open();
    populate(&tv, &s);
    let request = ReportRequest {
        selection: ReportSelection::Entries(vec![1]),
        locale: Locale::En,
        include_hidden: false,
        embed_photos: false,
    };
    assert!(matches!(
        s.export_report(&pin(WRONG_PIN), &request),
        Err(Error::InvalidInput { field: "pin", .. })
    ));
    assert!(matches!(
        s.export_bundle(&pin(WRONG_PIN), &passphrase(PASSPHRASE)),
        Err(Error::InvalidInput { field: "pin", .. })
    ));
    assert!(matches!(
        BundlePassphrase::new("eleven char".into()),
        Err(Error::InvalidInput {
            field: "passphrase",
            ..
        })
    ));
}

#[test]
fn a_bundle_round_trips_into_a_fresh_vault_with_the_same_chain() {
    let (tv, s) = open();
    let ids = populate(&tv, &s);
    let bundle = s.export_bundle(&pin(PIN), &passphrase(PASSPHRASE)).unwrap();

    let (_tv2, fresh) = open();
    assert_eq!(
        fresh
            .import_bundle(&passphrase(PASSPHRASE), &bundle)
            .unwrap(),
        3
    );
    assert_eq!(head(&fresh), head(&s));
    let all = |x: &Session| {
        x.journal_between(
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 4, 1, 0, 0, 0).unwrap(),
            true,
        )
        .unwrap()
    };
    let (before, after) = (all(&s), all(&fresh));
    assert_eq!(after.len(), 2);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.uid, b.uid);
        assert_eq!(a.narrative, b.narrative);
        assert_eq!(a.hidden, b.hidden);
        assert_eq!(a.recorded_at, b.recorded_at);
        assert_eq!(a.revision_count, b.revision_count);
        assert_eq!(a.attachments.len(), b.attachments.len());
        for (x, y) in a.attachments.iter().zip(&b.attachments) {
            assert_eq!(x.sha256, y.sha256);
            assert_eq!(
                fresh.attachment_bytes(x.id).unwrap(),
                s.attachment_bytes(y.id).unwrap()
            );
        }
        let hashes = |x: &Session, id| -> Vec<String> {
            x.journal_revisions(id)
                .unwrap()
                .into_iter()
                .map(|r| r.hash)
                .collect()
        };
        assert_eq!(hashes(&fresh, a.id), hashes(&s, b.id));
    }
    assert!(ids.len() == 2);
    // The imported journal keeps growing on the same chain.
    fresh.add_journal_entry(&draft("after import", 20)).unwrap();
    head(&fresh);
    // A second import would merge two journals: refused.
    let reason = rejection(fresh.import_bundle(&passphrase(PASSPHRASE), &bundle));
    assert!(reason.contains("empty journal"), "{reason}");
}

#[test]
fn a_wrong_passphrase_is_refused_with_a_reason() {
    let (tv, s) = open();
    populate(&tv, &s);
    let bundle = s.export_bundle(&pin(PIN), &passphrase(PASSPHRASE)).unwrap();
    let (_tv2, fresh) = open();
    let reason = rejection(fresh.import_bundle(&passphrase("incorrect horse battery"), &bundle));
    assert!(reason.contains("passphrase"), "{reason}");
    assert!(all_empty(&fresh));
}

fn all_empty(s: &Session) -> bool {
    matches!(s.verify_chain().unwrap(), ChainStatus::Intact(h) if h.revisions == 0)
}

#[test]
fn a_bundle_with_any_changed_byte_is_refused_and_nothing_is_imported() {
    let (tv, s) = open();
    populate(&tv, &s);
    let bundle = s.export_bundle(&pin(PIN), &passphrase(PASSPHRASE)).unwrap();
    let (_tv2, fresh) = open();
    for at in [bundle.len() / 3, bundle.len() / 2, bundle.len() - 5] {
        let mut bad = bundle.clone();
        bad[at] ^= 0x01;
        let reason = rejection(fresh.import_bundle(&passphrase(PASSPHRASE), &bad));
        assert!(!reason.is_empty());
        assert!(all_empty(&fresh), "nothing half-imported (byte {at})");
    }
    let truncated = &bundle[..bundle.len() - 100];
    rejection(fresh.import_bundle(&passphrase(PASSPHRASE), truncated));
    rejection(fresh.import_bundle(&passphrase(PASSPHRASE), b"not a bundle at all"));
    assert!(all_empty(&fresh));
}

/// Re-encrypts a bundle after changing its plaintext: the passphrase is right, so only the
/// evidence chain can tell.
fn reencrypt(bundle: &[u8], change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let secret = || SecretString::from(PASSPHRASE.to_owned());
    let decryptor = age::Decryptor::new(bundle).unwrap();
    let identity = age::scrypt::Identity::new(secret());
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    change(&mut plain);
    let mut out = Vec::new();
    let mut recipient = age::scrypt::Recipient::new(secret());
    recipient.set_work_factor(10);
    let mut w = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .unwrap()
        .wrap_output(&mut out)
        .unwrap();
    w.write_all(&plain).unwrap();
    w.finish().unwrap();
    out
}

fn replace_once(haystack: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(
        from.len(),
        to.len(),
        "keep lengths so the framing stays valid"
    );
    let at = haystack
        .windows(from.len())
        .position(|w| w == from)
        .unwrap();
    haystack[at..at + from.len()].copy_from_slice(to);
}

#[test]
fn a_bundle_altered_inside_the_encryption_is_refused_by_the_chain() {
    let (tv, s) = open();
    populate(&tv, &s);
    let bundle = s.export_bundle(&pin(PIN), &passphrase(PASSPHRASE)).unwrap();
    let (_tv2, fresh) = open();

    let untouched = reencrypt(&bundle, |_| {});
    let text = reencrypt(&bundle, |p| replace_once(p, b"my ID card", b"my IX card"));
    let attachment = reencrypt(&bundle, |p| {
        let last = p.len() - 1;
        p[last] ^= 0x01; // the last byte of the last attachment
    });
    let reason = rejection(fresh.import_bundle(&passphrase(PASSPHRASE), &text));
    assert!(reason.contains("chain"), "{reason}");
    let reason = rejection(fresh.import_bundle(&passphrase(PASSPHRASE), &attachment));
    assert!(reason.contains("attachment"), "{reason}");
    assert!(all_empty(&fresh));
    // The same re-encryption without a change imports: the refusals above came from the chain.
    assert_eq!(
        fresh
            .import_bundle(&passphrase(PASSPHRASE), &untouched)
            .unwrap(),
        3
    );
}
