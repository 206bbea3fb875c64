//! The incident journal through the public session API: round trips, revisions, hiding,
//! attachments, erasing, bad input, and the evidence chain as seen from outside.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::TestVault;
use haven_core::{
    AttachmentDraft, AttachmentKind, ChainStatus, Clock, EntryDraft, Error, IncidentKind,
    RevisionAction, Session, MAX_ATTACHMENT_BYTES,
};

fn open() -> (TestVault, Session) {
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    (tv, session)
}

fn draft(narrative: &str) -> EntryDraft {
    EntryDraft {
        occurred_at: Utc.with_ymd_and_hms(2026, 2, 27, 18, 30, 0).unwrap(),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![
            IncidentKind::Threats,
            IncidentKind::Physical,
            IncidentKind::Threats,
        ],
        narrative: narrative.into(),
        injuries: Some("bruise on the left arm".into()),
        witnesses: Some("neighbour".into()),
        place: Some("kitchen".into()),
        police_involved: true,
        police_reference: Some("KUI 123".into()),
        medical_involved: false,
        medical_reference: Some("   ".into()),
    }
}

fn photo() -> AttachmentDraft {
    AttachmentDraft {
        kind: AttachmentKind::Photo,
        file_name: Some("arm.jpg".into()),
        mime_type: "image/jpeg".into(),
    }
}

fn head(session: &Session) -> String {
    match session.verify_chain().unwrap() {
        ChainStatus::Intact(h) => h.head,
        ChainStatus::Broken(b) => panic!("chain broken: {b:?}"),
    }
}

#[test]
fn an_entry_round_trips_with_every_field() {
    let (tv, session) = open();
    let e = session.add_journal_entry(&draft("he shouted")).unwrap();
    let back = session.journal_entry(e.id).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.narrative, "he shouted");
    assert_eq!(
        back.kinds,
        vec![IncidentKind::Physical, IncidentKind::Threats]
    );
    assert_eq!(back.injuries.as_deref(), Some("bruise on the left arm"));
    assert_eq!(back.witnesses.as_deref(), Some("neighbour"));
    assert_eq!(back.place.as_deref(), Some("kitchen"));
    assert!(back.police_involved);
    assert_eq!(back.police_reference.as_deref(), Some("KUI 123"));
    assert_eq!(
        back.medical_reference, None,
        "blank optional text is dropped"
    );
    assert_eq!(back.time_zone, "Asia/Almaty");
    assert_eq!(back.recorded_at, tv.clock.now());
    assert_eq!(back.revision_count, 1);
    assert!(!back.hidden);
    assert_eq!(back.uid.len(), 32);
}

#[test]
fn edits_add_revisions_and_the_newest_wins() {
    let (tv, session) = open();
    let e = session.add_journal_entry(&draft("first")).unwrap();
    tv.clock.advance(Duration::hours(1));
    let edited = session.edit_journal_entry(e.id, &draft("second")).unwrap();
    assert_eq!(edited.narrative, "second");
    assert_eq!(edited.revision_count, 2);
    assert_eq!(edited.recorded_at, e.recorded_at);
    assert_eq!(edited.updated_at, e.recorded_at + Duration::hours(1));
    let revs = session.journal_revisions(e.id).unwrap();
    let actions: Vec<_> = revs.iter().map(|r| r.action).collect();
    assert_eq!(actions, [RevisionAction::Create, RevisionAction::Edit]);
    assert_eq!(revs[1].prev_hash, revs[0].hash);
    assert_eq!(head(&session), revs[1].hash);
}

#[test]
fn hiding_is_a_revision_and_hidden_entries_leave_the_month_list() {
    let (_tv, session) = open();
    let e = session.add_journal_entry(&draft("x")).unwrap();
    let month = |hidden| {
        session
            .journal_month(2026, 2, "Asia/Almaty", hidden)
            .unwrap()
    };
    assert_eq!(month(false).len(), 1);
    session.hide_journal_entry(e.id).unwrap();
    assert!(month(false).is_empty());
    assert_eq!(month(true).len(), 1);
    assert!(session.journal_entry(e.id).unwrap().hidden);
    session.restore_journal_entry(e.id).unwrap();
    assert_eq!(month(false).len(), 1);
    let actions: Vec<_> = session
        .journal_revisions(e.id)
        .unwrap()
        .iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        actions,
        [
            RevisionAction::Create,
            RevisionAction::Hide,
            RevisionAction::Restore
        ]
    );
    head(&session);
}

#[test]
fn months_are_cut_in_the_time_zone_asked_for() {
    let (_tv, session) = open();
    // 2026-02-28 20:00 UTC is already 1 March in Almaty (UTC+5).
    let mut d = draft("late evening");
    d.occurred_at = Utc.with_ymd_and_hms(2026, 2, 28, 20, 0, 0).unwrap();
    session.add_journal_entry(&d).unwrap();
    assert_eq!(
        session
            .journal_month(2026, 3, "Asia/Almaty", false)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        session.journal_month(2026, 2, "UTC", false).unwrap().len(),
        1
    );
    assert!(session
        .journal_month(2026, 2, "Asia/Almaty", false)
        .unwrap()
        .is_empty());
}

#[test]
fn attachments_stream_in_and_out_with_their_hash() {
    let (_tv, session) = open();
    let e = session.add_journal_entry(&draft("x")).unwrap();
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let info = session
        .add_attachment_bytes(e.id, &photo(), &bytes)
        .unwrap();
    assert_eq!(info.size, bytes.len() as u64);
    use sha2::Digest;
    let expected: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(info.sha256, expected);
    assert_eq!(session.attachment_bytes(info.id).unwrap(), bytes);
    let entry = session.journal_entry(e.id).unwrap();
    assert_eq!(entry.attachments, vec![info.clone()]);
    assert_eq!(entry.revision_count, 2);
    // An edit keeps the attachment.
    let edited = session.edit_journal_entry(e.id, &draft("y")).unwrap();
    assert_eq!(edited.attachments, vec![info]);
    head(&session);
}

#[test]
fn bad_attachments_are_refused_and_nothing_is_saved() {
    let (_tv, session) = open();
    let e = session.add_journal_entry(&draft("x")).unwrap();
    let err = session
        .add_attachment_bytes(e.id, &photo(), &[])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "attachment",
                ..
            }
        ),
        "{err}"
    );
    // Oversized: refused from the declared size, before reading a byte.
    let mut never_read = std::io::repeat(0).take(0);
    let err = session
        .add_attachment(e.id, &photo(), MAX_ATTACHMENT_BYTES + 1, &mut never_read)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "attachment",
                ..
            }
        ),
        "{err}"
    );
    // A reader that gives less than it declared rolls the whole attachment back.
    let short = vec![1u8; 10];
    let err = session
        .add_attachment(e.id, &photo(), 11, &mut short.as_slice())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "attachment",
                ..
            }
        ),
        "{err}"
    );
    let long = vec![1u8; 12];
    assert!(session
        .add_attachment(e.id, &photo(), 11, &mut long.as_slice())
        .is_err());
    let entry = session.journal_entry(e.id).unwrap();
    assert!(entry.attachments.is_empty());
    assert_eq!(entry.revision_count, 1);
    head(&session);
}

use std::io::Read as _;

#[test]
fn bad_entries_are_refused_naming_the_field() {
    let (tv, session) = open();
    let cases: Vec<(&str, EntryDraft)> = vec![
        ("narrative", draft("  ")),
        ("narrative", draft(&"a".repeat(100_001))),
        ("occurred_at", {
            let mut d = draft("x");
            d.occurred_at = tv.clock.now() + Duration::minutes(6);
            d
        }),
        ("time_zone", {
            let mut d = draft("x");
            d.time_zone = "Almaty".into();
            d
        }),
        ("place", {
            let mut d = draft("x");
            d.place = Some("p".repeat(201));
            d
        }),
    ];
    for (field, d) in cases {
        match session.add_journal_entry(&d) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    // A little clock skew is allowed.
    let mut d = draft("x");
    d.occurred_at = tv.clock.now() + Duration::minutes(4);
    session.add_journal_entry(&d).unwrap();
    assert_eq!(
        session.journal_month(2026, 3, "UTC", true).unwrap().len(),
        1
    );
}

#[test]
fn erasing_removes_content_and_keeps_the_chain_verifiable() {
    let (_tv, session) = open();
    let keep = session.add_journal_entry(&draft("keep")).unwrap();
    let gone = session.add_journal_entry(&draft("gone")).unwrap();
    session
        .add_attachment_bytes(gone.id, &photo(), b"photo bytes")
        .unwrap();
    session
        .edit_journal_entry(keep.id, &draft("keep 2"))
        .unwrap();
    session.erase_entry_permanently(gone.id).unwrap();
    assert!(matches!(
        session.journal_entry(gone.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        session.erase_entry_permanently(gone.id),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(
        session.journal_month(2026, 2, "UTC", true).unwrap().len(),
        1
    );
    match session.verify_chain().unwrap() {
        ChainStatus::Intact(h) => assert_eq!(h.revisions, 5),
        ChainStatus::Broken(b) => panic!("{b:?}"),
    }
}
