//! Migration from the previous schema version's fixture (see `fixtures/README.md`): the v1
//! data survives, the survivor-data tables exist, and the plan and the bundled directory are
//! seeded on open.
#![allow(clippy::unwrap_used)]

use haven_core::testing::open_with_raw_key;
use haven_core::SCHEMA_VERSION;
use std::path::Path;

const KEY: [u8; 32] = {
    let mut k = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        k[i] = i as u8;
        i += 1;
    }
    k
};

fn copy_of_fixture(dir: &Path) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db");
    let to = dir.join("a.db");
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn a_v1_database_migrates_to_the_current_schema_with_its_data() {
    let tmp = tempfile::tempdir().unwrap();
    let path = copy_of_fixture(tmp.path());
    let conn = open_with_raw_key(&path, KEY).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let settings: Vec<(String, String)> = conn
        .prepare("SELECT key, value FROM settings ORDER BY key")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        settings,
        [
            ("auto_lock_seconds".to_string(), "60".to_string()),
            ("directory_region".to_string(), "KZ".to_string()),
            ("locale".to_string(), "kk".to_string())
        ]
    );
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM plan_sections"),
        15,
        "plan seeded on open"
    );
    assert!(count("SELECT count(*) FROM plan_items WHERE status = 'suggested'") > 15);
    assert!(
        count("SELECT count(*) FROM dir_service") >= 7,
        "the bundled directory installed on open"
    );
    for table in [
        "contacts",
        "journal_entries",
        "journal_revisions",
        "journal_attachments",
        "protection_orders",
        "danger_sign_ticks",
    ] {
        assert_eq!(
            count(&format!("SELECT count(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    let fk: Vec<(String, i64, String, String)> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(fk.is_empty());
    drop(conn);
    // Opening again migrates nothing and seeds nothing twice.
    let conn = open_with_raw_key(&path, KEY).unwrap();
    let items: i64 = conn
        .query_row("SELECT count(*) FROM plan_items", [], |r| r.get(0))
        .unwrap();
    let again = open_with_raw_key(&path, KEY);
    drop(conn);
    let again = again.unwrap();
    let items_again: i64 = again
        .query_row("SELECT count(*) FROM plan_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(items, items_again);
}

#[test]
fn the_fixture_is_useless_without_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    let path = copy_of_fixture(tmp.path());
    let mut wrong = KEY;
    wrong[0] ^= 1;
    assert!(open_with_raw_key(&path, wrong).is_err());
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.windows(15).any(|w| w == b"SQLite format 3"));
}
