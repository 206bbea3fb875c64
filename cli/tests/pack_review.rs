//! `haven pack diff` and `haven pack check` on fixtures made from the bundled pack's source: a
//! changed number, an added and a removed record, packs and sources alike; stale entries by
//! months.
#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn haven(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("pack")
        .args(args)
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn source() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/packs/kz/kz.hsds.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// The source with 150's number changed, a new unverified hotline added and 104 removed.
fn edited() -> Value {
    let mut v = source();
    for p in v["phones"].as_array_mut().unwrap() {
        if p["service_id"] == "kz-150" {
            p["number"] = json!("1500");
        }
    }
    let services = v["services"].as_array_mut().unwrap();
    services.retain(|s| s["id"] != "kz-104");
    services.push(
        json!({"id": "kz-test-line", "organization_id": "kz-org-emergency",
        "name": {"kk": "Сынақ желісі", "ru": "Тестовая линия", "en": "Test line"},
        "service_types": ["hotline"], "status": "active",
        "source": "fixture", "verified_on": "2026-12-01", "verified": false}),
    );
    v["phones"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["service_id"] != "kz-104");
    v
}

#[test]
fn diff_shows_added_removed_and_changed_records_and_flags_a_new_number() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = write(d, "old.json", &source());
    let new = write(d, "new.json", &edited());
    let o = haven(&["diff", &old, &new]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("+ service kz-test-line"), "{text}");
    assert!(text.contains("- service kz-104"), "{text}");
    assert!(
        text.contains("- phone kz-104-phone") || text.contains("- phone"),
        "{text}"
    );
    let changed = text
        .lines()
        .find(|l| l.starts_with("~ phone") && l.contains("number"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(changed.contains("\"150\" -> \"1500\""), "{changed}");
    assert!(changed.contains("PHONE NUMBER CHANGED"), "{changed}");
    assert!(text.contains("1 added, 2 removed, 1 changed"), "{text}");

    // Same content: nothing changed.
    let o = haven(&["diff", &old, &old]);
    assert!(out(&o).contains("0 added, 0 removed, 0 changed"));

    // A built pack on one side compares the same as its source.
    let pack = d.join("old.havenpack").to_string_lossy().into_owned();
    let b = haven(&[
        "build",
        "--input",
        &old,
        "--output",
        &pack,
        "--region",
        "KZ",
        "--version",
        "9",
    ]);
    assert!(b.status.success(), "{}", err(&b));
    let o = haven(&["diff", &pack, &new]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("1 added, 2 removed, 1 changed"),
        "{}",
        out(&o)
    );

    // Invalid input is refused with the reason.
    let bad = write(d, "bad.json", &json!({"profile": "nope"}));
    let o = haven(&["diff", &old, &bad]);
    assert!(!o.status.success());
}

#[test]
fn check_lists_entries_not_checked_for_n_months() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut v = source();
    // One phone last checked long ago.
    v["phones"][0]["verified_on"] = json!("2025-01-10");
    let old_id = v["phones"][0]["id"].as_str().unwrap().to_string();
    let input = write(d, "kz.json", &v);

    let o = haven(&[
        "check",
        "--input",
        &input,
        "--older-than",
        "6",
        "--today",
        "2026-12-10",
    ]);
    assert!(!o.status.success(), "a stale entry fails the check");
    let text = out(&o);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains(&format!(
        "phone {old_id}: verified, last checked 2025-01-10"
    )));
    assert!(err(&o).contains("1 entries were last checked more than 6 months ago"));

    // Everything current: passes.
    let fresh = write(d, "fresh.json", &source());
    let o = haven(&[
        "check",
        "--input",
        &fresh,
        "--older-than",
        "6",
        "--today",
        "2026-12-10",
    ]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));

    // Two years on, every entry with provenance is listed.
    let o = haven(&[
        "check",
        "--input",
        &fresh,
        "--older-than",
        "6",
        "--today",
        "2028-12-10",
    ]);
    assert!(!o.status.success());
    let listed = out(&o).lines().count();
    let s = source();
    let with_provenance: usize = [
        "organizations",
        "services",
        "locations",
        "phones",
        "schedules",
    ]
    .iter()
    .map(|t| s[*t].as_array().map_or(0, Vec::len))
    .sum();
    assert_eq!(listed, with_provenance);

    // A bad date is refused.
    let o = haven(&[
        "check",
        "--input",
        &fresh,
        "--older-than",
        "6",
        "--today",
        "soon",
    ]);
    assert!(!o.status.success() && err(&o).contains("not a date"));
}
