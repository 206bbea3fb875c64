//! MASVS STORAGE-1 for the survivor's data: unique canary strings written through every field
//! of every record (and inside an attachment) never appear in any file of the data directory —
//! while the vault is open, nor after it is locked — nor in an export bundle.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{canary_hits, pin, TestVault, PIN};
use haven_core::{
    AttachmentDraft, AttachmentKind, BundlePassphrase, ContactDraft, EntryDraft, IncidentKind,
    OrderDraft, OrderKind,
};

#[test]
fn no_field_and_no_attachment_leaks_into_any_file_or_the_bundle() {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    let c = |field: &str| format!("CANARY7f3a-{field}");
    let fields = [
        "plan-item",
        "plan-edit",
        "contact-name",
        "contact-code",
        "narrative",
        "injuries",
        "witnesses",
        "place",
        "police-ref",
        "medical-ref",
        "file-name",
        "attachment-bytes",
        "issuing-body",
        "order-ref",
        "conditions",
        "narrative-edit",
    ];
    let phone = "+77019876543";

    let item = s.add_plan_item("go_bag", &c("plan-item")).unwrap();
    let suggestion = s.plan_section("money").unwrap().items[0].id;
    s.edit_plan_item(suggestion, &c("plan-edit")).unwrap();
    s.set_plan_item_checked(item.id, true).unwrap();
    s.set_plan_review_date(Some(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()))
        .unwrap();
    s.add_contact(&ContactDraft {
        name: c("contact-name"),
        phone: "8 701 987 65 43".into(),
        relation: "friend".into(),
        code_word: Some(c("contact-code")),
        capabilities: vec!["call_police".into()],
        emergency: true,
    })
    .unwrap();
    let mut draft = EntryDraft {
        occurred_at: Utc.with_ymd_and_hms(2026, 2, 20, 12, 0, 0).unwrap(),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Physical, IncidentKind::Stalking],
        narrative: c("narrative"),
        injuries: Some(c("injuries")),
        witnesses: Some(c("witnesses")),
        place: Some(c("place")),
        police_involved: true,
        police_reference: Some(c("police-ref")),
        medical_involved: true,
        medical_reference: Some(c("medical-ref")),
    };
    let entry = s.add_journal_entry(&draft).unwrap();
    let mut bytes = vec![0u8; 300_000];
    bytes.extend_from_slice(c("attachment-bytes").as_bytes());
    bytes.extend_from_slice(&[0u8; 300_000]);
    let attachment = s
        .add_attachment_bytes(
            entry.id,
            &AttachmentDraft {
                kind: AttachmentKind::Document,
                file_name: Some(c("file-name")),
                mime_type: "application/pdf".into(),
            },
            &bytes,
        )
        .unwrap();
    draft.narrative = c("narrative-edit");
    s.edit_journal_entry(entry.id, &draft).unwrap();
    s.add_protection_order(&OrderDraft {
        kind: OrderKind::PoliceProtectiveOrder,
        issuing_body: c("issuing-body"),
        reference: Some(c("order-ref")),
        issued_on: NaiveDate::from_ymd_opt(2026, 2, 21).unwrap(),
        expires_on: None,
        conditions: Some(c("conditions")),
        linked_entries: vec![entry.id],
        linked_documents: vec![attachment.id],
    })
    .unwrap();
    s.set_danger_sign_ticked("weapons", true).unwrap();

    let canaries: Vec<String> = fields.iter().map(|f| c(f)).collect();
    let mut needles: Vec<&str> = canaries.iter().map(String::as_str).collect();
    needles.push(phone);
    // The canaries really are stored (so a clean scan means encrypted, not missing).
    assert_eq!(
        s.journal_entry(entry.id).unwrap().narrative,
        c("narrative-edit")
    );
    assert_eq!(s.attachment_bytes(attachment.id).unwrap(), bytes);
    assert_eq!(s.contacts().unwrap()[0].phone, phone);

    assert_eq!(canary_hits(&tv.data_dir(), &needles), Vec::<String>::new());
    let bundle = s
        .export_bundle(
            &pin(PIN),
            &BundlePassphrase::new("a long passphrase".into()).unwrap(),
        )
        .unwrap();
    let bundle_dir = tempfile::tempdir().unwrap();
    std::fs::write(bundle_dir.path().join("bundle.age"), &bundle).unwrap();
    assert_eq!(
        canary_hits(bundle_dir.path(), &needles),
        Vec::<String>::new()
    );

    tv.vault.lock();
    assert!(s.journal_entry(entry.id).is_err(), "locked");
    assert_eq!(canary_hits(&tv.data_dir(), &needles), Vec::<String>::new());
}

#[test]
fn debug_output_of_every_record_holds_no_survivor_text() {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    let secret = "CANARY-debug";
    let item = s.add_plan_item("pets", secret).unwrap();
    let contact = s
        .add_contact(&ContactDraft {
            name: secret.into(),
            phone: "87011234567".into(),
            relation: "family".into(),
            code_word: Some(secret.into()),
            capabilities: vec![],
            emergency: false,
        })
        .unwrap();
    let entry = s
        .add_journal_entry(&EntryDraft {
            occurred_at: Utc.with_ymd_and_hms(2026, 2, 20, 12, 0, 0).unwrap(),
            time_zone: "UTC".into(),
            kinds: vec![],
            narrative: secret.into(),
            injuries: Some(secret.into()),
            witnesses: None,
            place: Some(secret.into()),
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        })
        .unwrap();
    let attachment = s
        .add_attachment_bytes(
            entry.id,
            &AttachmentDraft {
                kind: AttachmentKind::Photo,
                file_name: Some(secret.into()),
                mime_type: "image/png".into(),
            },
            b"x",
        )
        .unwrap();
    let order = s
        .add_protection_order(&OrderDraft {
            kind: OrderKind::CriminalNoApproach,
            issuing_body: secret.into(),
            reference: None,
            issued_on: NaiveDate::from_ymd_opt(2026, 2, 21).unwrap(),
            expires_on: None,
            conditions: Some(secret.into()),
            linked_entries: vec![],
            linked_documents: vec![],
        })
        .unwrap();
    let entry = s.journal_entry(entry.id).unwrap();
    let shown = format!(
        "{item:?} {contact:?} {entry:?} {attachment:?} {order:?} {:?} {:?}",
        s.plan_section("pets").unwrap(),
        s.journal_revisions(entry.id).unwrap()
    );
    assert!(!shown.contains("CANARY"), "{shown}");
}
