//! Property tests: plan ordering stays a permutation under any moves; any history of edits,
//! hides, restores and attachments keeps a verifiable chain in which the newest revision wins.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::TestVault;
use haven_core::{
    AttachmentDraft, AttachmentKind, ChainStatus, EntryDraft, IncidentKind, RevisionAction,
};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_moves_keeps_a_permutation(
        extra in 0usize..5,
        moves in prop::collection::vec((0usize..16, 0u32..20), 0..25),
    ) {
        let tv = TestVault::new();
        let s = tv.vault.setup(TestVault::setup_options()).unwrap();
        for i in 0..extra {
            s.add_plan_item("children", &format!("own {i}")).unwrap();
        }
        let ids = |s: &haven_core::Session| -> Vec<i64> {
            s.plan_section("children").unwrap().items.iter().map(|i| i.id).collect()
        };
        let start = ids(&s);
        let mut model = start.clone();
        for (pick, to) in moves {
            let id = model[pick % model.len()];
            s.move_plan_item(id, to).unwrap();
            model.retain(|x| *x != id);
            let at = (to as usize).min(model.len());
            model.insert(at, id);
            prop_assert_eq!(ids(&s), model.clone());
        }
        let mut sorted = ids(&s);
        sorted.sort_unstable();
        let mut expected = start;
        expected.sort_unstable();
        prop_assert_eq!(sorted, expected);
    }

    #[test]
    fn any_history_keeps_a_verifiable_chain_and_the_newest_revision_wins(
        ops in prop::collection::vec((0usize..2, 0u8..4, "[a-zA-Zа-я ]{1,12}"), 1..20),
    ) {
        let tv = TestVault::new();
        let s = tv.vault.setup(TestVault::setup_options()).unwrap();
        let draft = |n: &str| EntryDraft {
            occurred_at: Utc.with_ymd_and_hms(2026, 2, 1, 8, 0, 0).unwrap(),
            time_zone: "Asia/Almaty".into(),
            kinds: vec![IncidentKind::Psychological],
            narrative: n.into(),
            injuries: None,
            witnesses: None,
            place: None,
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        };
        let ids = [
            s.add_journal_entry(&draft("first")).unwrap().id,
            s.add_journal_entry(&draft("second")).unwrap().id,
        ];
        // Model: (narrative, hidden, attachments, revisions) per entry.
        let mut model = [("first".to_string(), false, 0usize, 1u32), ("second".to_string(), false, 0, 1)];
        for (which, op, text) in ops {
            let (id, m) = (ids[which], &mut model[which]);
            if text.trim().is_empty() {
                continue;
            }
            match op {
                0 => {
                    s.edit_journal_entry(id, &draft(&text)).unwrap();
                    m.0 = text;
                    m.3 += 1;
                }
                1 => {
                    s.hide_journal_entry(id).unwrap();
                    if !m.1 { m.1 = true; m.3 += 1; }
                }
                2 => {
                    s.restore_journal_entry(id).unwrap();
                    if m.1 { m.1 = false; m.3 += 1; }
                }
                _ => {
                    let d = AttachmentDraft {
                        kind: AttachmentKind::Photo,
                        file_name: None,
                        mime_type: "image/png".into(),
                    };
                    s.add_attachment_bytes(id, &d, text.as_bytes()).unwrap();
                    m.2 += 1;
                    m.3 += 1;
                }
            }
        }
        let ChainStatus::Intact(head) = s.verify_chain().unwrap() else {
            return Err(TestCaseError::fail("chain broken"));
        };
        prop_assert_eq!(head.revisions, u64::from(model[0].3 + model[1].3));
        for (id, m) in ids.iter().zip(&model) {
            let e = s.journal_entry(*id).unwrap();
            prop_assert_eq!(&e.narrative, &m.0);
            prop_assert_eq!(e.hidden, m.1);
            prop_assert_eq!(e.attachments.len(), m.2);
            prop_assert_eq!(e.revision_count, m.3);
            let revs = s.journal_revisions(*id).unwrap();
            prop_assert_eq!(revs[0].action, RevisionAction::Create);
            prop_assert!(revs.windows(2).all(|w| w[1].seq == w[0].seq + 1));
        }
    }
}
