//! Tampering with the database directly (as someone with the key and a SQLite shell could) and
//! checking that `verify_chain` names the right place. Lives in the crate so it can reach the
//! connection through `Session::with_conn`, with no test-only door in the public API.
#![allow(clippy::unwrap_used)]

use super::{ChainBreak, ChainProblem, ChainStatus};
use crate::journal::{AttachmentDraft, AttachmentKind, EntryDraft, IncidentKind};
use crate::{
    InsecureSoftwareProtector, Locale, ManualClock, Pin, Session, SetupOptions, Vault, VaultOptions,
};
use chrono::{TimeZone, Utc};
use std::sync::Arc;

struct Fixture {
    _tmp: tempfile::TempDir,
    session: Session,
    /// Entry ids: a (edited, with an attachment), b (hidden), c.
    ids: [i64; 3],
    attachment: i64,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
    ));
    let vault = Vault::with_options(
        tmp.path().join("data"),
        Arc::new(InsecureSoftwareProtector::new(tmp.path().join("protector"))),
        VaultOptions::insecure_fast_kdf_for_tests(clock),
    )
    .unwrap();
    let session = vault
        .setup(SetupOptions {
            pin: Pin::new("246810".into(), "pin").unwrap(),
            duress: None,
            locale: Locale::En,
            wipe_after_failures: None,
        })
        .unwrap();
    let draft = |n: &str| EntryDraft {
        occurred_at: Utc.with_ymd_and_hms(2026, 2, 20, 12, 0, 0).unwrap(),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Physical],
        narrative: n.into(),
        injuries: None,
        witnesses: None,
        place: None,
        police_involved: false,
        police_reference: None,
        medical_involved: false,
        medical_reference: None,
    };
    let a = session.add_journal_entry(&draft("a1")).unwrap().id;
    let attachment = session
        .add_attachment_bytes(
            a,
            &AttachmentDraft {
                kind: AttachmentKind::Photo,
                file_name: None,
                mime_type: "image/png".into(),
            },
            &[42u8; 100_000],
        )
        .unwrap()
        .id;
    let b = session.add_journal_entry(&draft("b1")).unwrap().id;
    session.edit_journal_entry(a, &draft("a2")).unwrap();
    session.hide_journal_entry(b).unwrap();
    let c = session.add_journal_entry(&draft("c1")).unwrap().id;
    assert!(matches!(
        session.verify_chain().unwrap(),
        ChainStatus::Intact(_)
    ));
    Fixture {
        _tmp: tmp,
        session,
        ids: [a, b, c],
        attachment,
    }
}

fn tamper(f: &Fixture, sql: &str) {
    f.session
        .with_conn(|c| {
            c.execute_batch(sql)?;
            Ok(())
        })
        .unwrap();
}

fn rev_id(f: &Fixture, entry: i64, seq: i64) -> i64 {
    f.session
        .with_conn(|c| {
            Ok(c.query_row(
                "SELECT id FROM journal_revisions WHERE entry_id = ?1 AND seq = ?2",
                [entry, seq],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

fn broken(f: &Fixture) -> ChainBreak {
    match f.session.verify_chain().unwrap() {
        ChainStatus::Broken(b) => b,
        ChainStatus::Intact(_) => panic!("tampering went unnoticed"),
    }
}

#[test]
fn a_changed_narrative_breaks_that_revision() {
    let f = fixture();
    let [a, ..] = f.ids;
    let rev = rev_id(&f, a, 1);
    tamper(
        &f,
        &format!("UPDATE journal_revisions SET narrative = 'A1' WHERE id = {rev}"),
    );
    let b = broken(&f);
    assert_eq!(
        (b.entry_id, b.revision_id, b.problem),
        (Some(a), Some(rev), ChainProblem::RevisionAltered)
    );
}

#[test]
fn a_changed_date_or_flag_in_a_later_revision_is_found_there() {
    let f = fixture();
    let [_, b_entry, _] = f.ids;
    let rev = rev_id(&f, b_entry, 2);
    tamper(
        &f,
        &format!("UPDATE journal_revisions SET occurred_at = occurred_at - 86400 WHERE id = {rev}"),
    );
    let b = broken(&f);
    assert_eq!(
        (b.revision_id, b.problem),
        (Some(rev), ChainProblem::RevisionAltered)
    );
}

#[test]
fn one_changed_attachment_byte_is_found_in_that_attachment() {
    let f = fixture();
    let [a, ..] = f.ids;
    f.session
        .with_conn(|c| {
            let mut blob = c.blob_open(
                rusqlite::MAIN_DB,
                c"journal_attachments",
                c"data",
                f.attachment,
                false,
            )?;
            blob.write_at(&[43], 99_999)?;
            Ok(())
        })
        .unwrap();
    let b = broken(&f);
    assert_eq!(
        (b.entry_id, b.revision_id, b.attachment_id, b.problem),
        (
            Some(a),
            Some(rev_id(&f, a, 2)),
            Some(f.attachment),
            ChainProblem::AttachmentAltered
        )
    );
}

#[test]
fn a_changed_attachment_detail_breaks_the_revision_that_lists_it() {
    let f = fixture();
    tamper(
        &f,
        &format!(
            "UPDATE journal_attachments SET mime_type = 'image/jpeg' WHERE id = {}",
            f.attachment
        ),
    );
    let b = broken(&f);
    assert_eq!(b.problem, ChainProblem::RevisionAltered);
    assert_eq!(b.revision_id, Some(rev_id(&f, f.ids[0], 2)));
}

#[test]
fn a_deleted_revision_breaks_the_next_link() {
    let f = fixture();
    let [a, b_entry, _] = f.ids;
    let gone = rev_id(&f, b_entry, 1);
    tamper(
        &f,
        &format!("DELETE FROM journal_revisions WHERE id = {gone}"),
    );
    let b = broken(&f);
    assert_eq!(b.problem, ChainProblem::LinkBroken);
    assert_eq!(
        b.revision_id,
        Some(rev_id(&f, a, 3)),
        "the revision after the gap"
    );
}

#[test]
fn a_changed_stored_hash_breaks_that_revision() {
    let f = fixture();
    let [_, _, c] = f.ids;
    let rev = rev_id(&f, c, 1);
    tamper(
        &f,
        &format!("UPDATE journal_revisions SET hash = zeroblob(32) WHERE id = {rev}"),
    );
    assert_eq!(broken(&f).revision_id, Some(rev));
}

#[test]
fn an_entry_row_out_of_step_with_its_revisions_is_named() {
    let f = fixture();
    let [_, b_entry, _] = f.ids;
    tamper(
        &f,
        &format!("UPDATE journal_entries SET state = 'visible' WHERE id = {b_entry}"),
    );
    let b = broken(&f);
    assert_eq!(
        (b.entry_id, b.problem),
        (Some(b_entry), ChainProblem::EntryAltered)
    );
}

#[test]
fn a_changed_entry_uid_breaks_its_first_revision() {
    let f = fixture();
    let [_, _, c] = f.ids;
    tamper(
        &f,
        &format!("UPDATE journal_entries SET uid = randomblob(16) WHERE id = {c}"),
    );
    let b = broken(&f);
    assert_eq!(
        (b.revision_id, b.problem),
        (Some(rev_id(&f, c, 1)), ChainProblem::RevisionAltered)
    );
}

#[test]
fn content_dropped_without_an_erase_is_not_accepted_as_erased() {
    let f = fixture();
    let [_, _, c] = f.ids;
    let rev = rev_id(&f, c, 1);
    tamper(
        &f,
        &format!(
            "UPDATE journal_revisions SET erased = 1, recorded_at = NULL, occurred_at = NULL,
                 time_zone = NULL, kinds = NULL, narrative = NULL, police_involved = NULL,
                 medical_involved = NULL, hidden = NULL WHERE id = {rev}"
        ),
    );
    assert_eq!(broken(&f).revision_id, Some(rev));
}

#[test]
fn a_smuggled_attachment_is_outside_the_chain() {
    let f = fixture();
    let [_, _, c] = f.ids;
    tamper(
        &f,
        &format!(
            "INSERT INTO journal_attachments (entry_id, kind, mime_type, size, sha256, added_at, data)
             VALUES ({c}, 'photo', 'image/png', 1, zeroblob(32), 0, x'00')"
        ),
    );
    let b = broken(&f);
    assert_eq!(
        (b.entry_id, b.problem),
        (Some(c), ChainProblem::AttachmentOutsideChain)
    );
}
