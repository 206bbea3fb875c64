//! Safety plan, trusted contacts, protection orders and the danger-sign reflection through the
//! public session API: round trips, locale switches, ordering and bad input.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use common::TestVault;
use haven_core::{
    ContactDraft, EntryDraft, Error, Locale, OrderDraft, OrderKind, OrderStatus, PlanItemStatus,
    Session, REVIEW_SECTION,
};

fn open() -> (TestVault, Session) {
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    (tv, session)
}

fn field_of(err: Error) -> &'static str {
    match err {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

// ---- safety plan -------------------------------------------------------------------------

#[test]
fn the_plan_is_seeded_with_every_section_and_suggestion() {
    let (_tv, session) = open();
    let plan = session.plan().unwrap();
    assert_eq!(plan.len(), 15);
    assert_eq!(plan[0].id, "warning_signs");
    for s in &plan {
        assert!(!s.title.is_empty() && !s.guidance.is_empty(), "{}", s.id);
        assert!(!s.items.is_empty(), "{}", s.id);
        assert!(s
            .items
            .iter()
            .all(|i| i.status == PlanItemStatus::Suggested));
        assert_eq!((s.checked, s.total), (0, 0));
    }
}

#[test]
fn her_items_survive_a_locale_switch_and_suggestions_follow_it() {
    let (_tv, session) = open();
    let go_bag = session.plan_section("go_bag").unwrap();
    let suggestion = go_bag.items[0].clone();
    session.adopt_plan_suggestion(suggestion.id).unwrap();
    let own = session
        .add_plan_item("go_bag", "Мамамның паспорты — у Айгуль")
        .unwrap();
    assert!(own.is_own_text);
    session.set_plan_item_checked(own.id, true).unwrap();

    session.set_locale(Locale::Ru).unwrap();
    let ru = session.plan_section("go_bag").unwrap();
    session.set_locale(Locale::Kk).unwrap();
    let kk = session.plan_section("go_bag").unwrap();
    assert_ne!(ru.title, kk.title);
    assert_ne!(ru.guidance, kk.guidance);
    let find =
        |s: &haven_core::PlanSection, id| s.items.iter().find(|i| i.id == id).cloned().unwrap();
    assert_ne!(find(&ru, suggestion.id).text, find(&kk, suggestion.id).text);
    assert_eq!(find(&ru, own.id).text, "Мамамның паспорты — у Айгуль");
    assert_eq!(find(&kk, own.id).text, "Мамамның паспорты — у Айгуль");
    assert!(find(&kk, own.id).checked);
    assert_eq!((kk.checked, kk.total), (1, 2));
}

#[test]
fn suggestions_can_be_adopted_dismissed_edited_and_taken_back() {
    let (_tv, session) = open();
    let s = session.plan_section("money").unwrap();
    let (a, b) = (s.items[0].id, s.items[1].id);
    session.dismiss_plan_suggestion(a).unwrap();
    let s = session.plan_section("money").unwrap();
    assert_eq!(s.dismissed.len(), 1);
    assert!(s.items.iter().all(|i| i.id != a));
    session.adopt_plan_suggestion(a).unwrap();
    let s = session.plan_section("money").unwrap();
    assert!(s.dismissed.is_empty());
    assert_eq!(s.items.last().unwrap().id, a, "taken back at the end");
    let edited = session.edit_plan_item(b, "my own wording").unwrap();
    assert!(edited.is_own_text);
    assert_eq!(edited.status, PlanItemStatus::Adopted);
    // Removing a suggestion dismisses it; removing her own item deletes it.
    session.remove_plan_item(b).unwrap();
    assert_eq!(session.plan_section("money").unwrap().dismissed.len(), 1);
    let own = session.add_plan_item("money", "cash in the shoe").unwrap();
    session.remove_plan_item(own.id).unwrap();
    assert!(session
        .plan_section("money")
        .unwrap()
        .items
        .iter()
        .all(|i| i.id != own.id));
    let mine = session.add_plan_item("money", "savings book").unwrap();
    assert_eq!(
        field_of(session.dismiss_plan_suggestion(mine.id).unwrap_err()),
        "item_id"
    );
}

#[test]
fn items_move_within_their_section() {
    let (_tv, session) = open();
    let own = session.add_plan_item("pets", "vet's number").unwrap();
    let ids = |s: &Session| -> Vec<i64> {
        s.plan_section("pets")
            .unwrap()
            .items
            .iter()
            .map(|i| i.id)
            .collect()
    };
    let before = ids(&session);
    assert_eq!(*before.last().unwrap(), own.id);
    session.move_plan_item(own.id, 0).unwrap();
    let after = ids(&session);
    assert_eq!(after[0], own.id);
    assert_eq!(after[1..], before[..before.len() - 1]);
    session.move_plan_item(own.id, 999).unwrap();
    assert_eq!(ids(&session), before);
}

#[test]
fn review_date_is_stored_on_its_section() {
    let (_tv, session) = open();
    let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    session.set_plan_review_date(Some(date)).unwrap();
    assert_eq!(
        session.plan_section(REVIEW_SECTION).unwrap().review_date,
        Some(date)
    );
    session.set_plan_review_date(None).unwrap();
    assert_eq!(
        session.plan_section(REVIEW_SECTION).unwrap().review_date,
        None
    );
}

#[test]
fn bad_plan_input_is_refused() {
    let (_tv, session) = open();
    assert_eq!(
        field_of(session.add_plan_item("go_bag", " ").unwrap_err()),
        "text"
    );
    assert_eq!(
        field_of(
            session
                .add_plan_item("go_bag", &"x".repeat(1001))
                .unwrap_err()
        ),
        "text"
    );
    assert_eq!(
        field_of(session.add_plan_item("nope", "x").unwrap_err()),
        "section_id"
    );
    assert!(matches!(
        session.plan_section("nope"),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        session.move_plan_item(99_999, 0),
        Err(Error::NotFound { .. })
    ));
}

// ---- contacts ----------------------------------------------------------------------------

fn contact(name: &str, phone: &str) -> ContactDraft {
    ContactDraft {
        name: name.into(),
        phone: phone.into(),
        relation: "friend".into(),
        code_word: Some("blue umbrella".into()),
        capabilities: vec!["keep_go_bag".into(), "call_police".into()],
        emergency: true,
    }
}

#[test]
fn contacts_round_trip_normalized_and_ordered() {
    let (_tv, session) = open();
    let a = session
        .add_contact(&contact("Айгуль", "8 701 123 45 67"))
        .unwrap();
    assert_eq!(a.phone, "+77011234567");
    assert_eq!(a.capabilities, ["call_police", "keep_go_bag"]);
    assert_eq!(a.code_word.as_deref(), Some("blue umbrella"));
    let b = session
        .add_contact(&contact("Sister", "+44 20 7946 0958"))
        .unwrap();
    assert_eq!(session.contact(a.id).unwrap(), a);
    session.move_contact(b.id, 0).unwrap();
    let names: Vec<_> = session
        .contacts()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Sister", "Айгуль"]);
    let mut changed = contact("Айгуль А.", "+7 701 765 43 21");
    changed.capabilities = vec![];
    changed.code_word = None;
    changed.emergency = false;
    let updated = session.update_contact(a.id, &changed).unwrap();
    assert_eq!(updated.phone, "+77017654321");
    assert!(updated.capabilities.is_empty() && !updated.emergency);
    assert_eq!(updated.position, 1);
    session.remove_contact(b.id).unwrap();
    assert_eq!(
        session.contacts().unwrap(),
        vec![Contact {
            position: 0,
            ..updated
        }]
    );
}

use haven_core::Contact;

#[test]
fn bad_contacts_are_refused_and_nothing_is_saved() {
    let (_tv, session) = open();
    let mut bad_relation = contact("A", "87011234567");
    bad_relation.relation = "stranger".into();
    let mut bad_capability = contact("A", "87011234567");
    bad_capability.capabilities.push("fly".into());
    for (field, d) in [
        ("name", contact("", "87011234567")),
        ("name", contact(&"n".repeat(201), "87011234567")),
        ("phone", contact("A", "12345")),
        ("phone", contact("A", "+7 701 123")),
        ("relation", bad_relation),
        ("capabilities", bad_capability),
    ] {
        assert_eq!(field_of(session.add_contact(&d).unwrap_err()), field);
    }
    assert!(session.contacts().unwrap().is_empty());
}

// ---- protection orders -------------------------------------------------------------------

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn order(kind: OrderKind, issued: NaiveDate, expires: Option<NaiveDate>) -> OrderDraft {
    OrderDraft {
        kind,
        issuing_body: "Police department, Almaty".into(),
        reference: Some("No. 77".into()),
        issued_on: issued,
        expires_on: expires,
        conditions: Some("no contact, no approach within 100 m".into()),
        linked_entries: vec![],
        linked_documents: vec![],
    }
}

#[test]
fn orders_round_trip_with_defaults_links_and_status() {
    let (tv, session) = open();
    // The test clock stands at 2026-03-01 09:00 UTC = 14:00 in Almaty.
    let entry = session
        .add_journal_entry(&EntryDraft {
            occurred_at: Utc.with_ymd_and_hms(2026, 2, 20, 10, 0, 0).unwrap(),
            time_zone: "Asia/Almaty".into(),
            kinds: vec![],
            narrative: "order served".into(),
            injuries: None,
            witnesses: None,
            place: None,
            police_involved: true,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        })
        .unwrap();
    let doc = session
        .add_attachment_bytes(
            entry.id,
            &haven_core::AttachmentDraft {
                kind: haven_core::AttachmentKind::Document,
                file_name: None,
                mime_type: "image/jpeg".into(),
            },
            b"scan",
        )
        .unwrap();
    let mut d = order(OrderKind::PoliceProtectiveOrder, date(2026, 2, 20), None);
    d.linked_entries = vec![entry.id];
    d.linked_documents = vec![doc.id];
    let o = session.add_protection_order(&d).unwrap();
    assert_eq!(o.expires_on, Some(date(2026, 3, 22)));
    assert_eq!(o.linked_entries, [entry.id]);
    assert_eq!(o.linked_documents, [doc.id]);
    assert_eq!(session.protection_order(o.id).unwrap(), o);
    let st = session.protection_order_standing(o.id, 7).unwrap();
    assert_eq!(st.status, OrderStatus::Active);
    assert_eq!(st.days_left, Some(21));
    tv.clock.advance(Duration::days(16));
    assert_eq!(
        session.protection_order_standing(o.id, 7).unwrap().status,
        OrderStatus::ExpiringSoon
    );
    tv.clock.advance(Duration::days(6));
    assert_eq!(
        session.protection_order_standing(o.id, 7).unwrap().status,
        OrderStatus::Expired
    );

    let criminal = session
        .add_protection_order(&order(
            OrderKind::CriminalNoApproach,
            date(2026, 1, 5),
            None,
        ))
        .unwrap();
    assert_eq!(criminal.expires_on, None);
    let court = session
        .add_protection_order(&order(
            OrderKind::CourtSpecialRequirements,
            date(2026, 1, 5),
            None,
        ))
        .unwrap();
    assert_eq!(court.expires_on, Some(date(2026, 4, 5)));
    assert_eq!(session.protection_orders().unwrap().len(), 3);

    // Erasing the journal entry drops the links, not the order.
    session.erase_entry_permanently(entry.id).unwrap();
    let o = session.protection_order(o.id).unwrap();
    assert!(o.linked_entries.is_empty() && o.linked_documents.is_empty());
    session.remove_protection_order(o.id).unwrap();
    assert_eq!(session.protection_orders().unwrap().len(), 2);
}

#[test]
fn bad_orders_are_refused() {
    let (_tv, session) = open();
    let issued = date(2026, 3, 1);
    let cases = [
        (
            "expires_on",
            order(
                OrderKind::PoliceProtectiveOrder,
                issued,
                Some(date(2026, 2, 28)),
            ),
        ),
        (
            "expires_on",
            order(
                OrderKind::PoliceProtectiveOrder,
                issued,
                Some(date(2026, 4, 1)),
            ),
        ),
        (
            "expires_on",
            order(
                OrderKind::CourtSpecialRequirements,
                issued,
                Some(date(2026, 4, 1)),
            ),
        ),
        (
            "expires_on",
            order(
                OrderKind::CriminalNoApproach,
                issued,
                Some(date(2026, 1, 1)),
            ),
        ),
        (
            "issuing_body",
            OrderDraft {
                issuing_body: " ".into(),
                ..order(OrderKind::CriminalNoApproach, issued, None)
            },
        ),
        (
            "linked_entries",
            OrderDraft {
                linked_entries: vec![42],
                ..order(OrderKind::CriminalNoApproach, issued, None)
            },
        ),
        (
            "linked_documents",
            OrderDraft {
                linked_documents: vec![42],
                ..order(OrderKind::CriminalNoApproach, issued, None)
            },
        ),
    ];
    for (field, d) in cases {
        assert_eq!(
            field_of(session.add_protection_order(&d).unwrap_err()),
            field
        );
    }
    assert!(session.protection_orders().unwrap().is_empty());
}

// ---- content views -----------------------------------------------------------------------

#[test]
fn danger_signs_and_rights_follow_the_locale_and_ticks_are_kept() {
    let (_tv, session) = open();
    let en = session.danger_signs().unwrap();
    assert!(en.signs.len() >= 9);
    session
        .set_danger_sign_ticked(&en.signs[1].id, true)
        .unwrap();
    session
        .set_danger_sign_ticked(&en.signs[0].id, true)
        .unwrap();
    session
        .set_danger_sign_ticked(&en.signs[0].id, true)
        .unwrap();
    assert_eq!(
        session.ticked_danger_signs().unwrap(),
        [en.signs[0].id.clone(), en.signs[1].id.clone()]
    );
    session
        .set_danger_sign_ticked(&en.signs[0].id, false)
        .unwrap();
    assert_eq!(
        session.ticked_danger_signs().unwrap(),
        [en.signs[1].id.clone()]
    );
    assert_eq!(
        field_of(session.set_danger_sign_ticked("nope", true).unwrap_err()),
        "sign_id"
    );

    session.set_locale(Locale::Ru).unwrap();
    let ru = session.danger_signs().unwrap();
    assert_ne!(ru.signs[0].text, en.signs[0].text);
    let rights = session.rights().unwrap();
    assert!(!rights.is_empty());
    assert!(rights.iter().all(|r| !r.sources.is_empty()));
}

#[test]
fn choice_lists_are_localized() {
    use haven_core::content::{choices, ChoiceList};
    let en = choices(ChoiceList::IncidentKinds, Locale::En).unwrap();
    let kk = choices(ChoiceList::IncidentKinds, Locale::Kk).unwrap();
    assert_eq!(en.len(), 9);
    assert_eq!(
        en.iter().map(|c| &c.id).collect::<Vec<_>>(),
        kk.iter().map(|c| &c.id).collect::<Vec<_>>()
    );
    assert_ne!(en[0].label, kk[0].label);
    let police = haven_core::order_kind_info(OrderKind::PoliceProtectiveOrder, Locale::Ru).unwrap();
    assert_eq!(police.max_days, Some(30));
    assert!(!police.description.is_empty() && !police.sources.is_empty());
    let required = haven_core::content::validation_text("required", Locale::Kk).unwrap();
    assert!(required.is_some_and(|t| !t.is_empty()));
    assert_eq!(
        haven_core::content::validation_text("nope", Locale::En).unwrap(),
        None
    );
}
