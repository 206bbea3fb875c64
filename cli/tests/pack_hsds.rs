//! Standard Open Referral HSDS 3.0 JSON in (`haven pack build --hsds-locale`), on a fixture the
//! project wrote (`fixtures/hsds3_service_list.json`): single-language text in the chosen
//! locale, unused standard fields ignored with a summary, taxonomy terms mapped, provenance only
//! from the options or the side file, a shelter's address withheld; and the round trip — the
//! profile JSON it emits builds to the same content.
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

fn fixture() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hsds3_service_list.json"
    )
    .to_string()
}

fn p(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn build_std(d: &Path, extra: &[&str]) -> Output {
    let fixture = fixture();
    let (pack, json) = (p(d, "std.pack"), p(d, "std.json"));
    let mut args = vec![
        "build",
        "--input",
        &fixture,
        "--output",
        &pack,
        "--region",
        "KZ",
        "--version",
        "3",
        "--hsds-locale",
        "en",
        "--emit-json",
        &json,
    ];
    args.extend_from_slice(extra);
    haven(&args)
}

#[test]
fn standard_hsds_json_builds_with_the_provenance_given_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = build_std(
        d,
        &[
            "--source",
            "Riverside export, 2026-12-01",
            "--verified-on",
            "2026-12-01",
        ],
    );
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let text = out(&o);
    // Unused standard fields are listed, not refused.
    for line in [
        "ignored (not used by Haven): service.email in 1 record(s)",
        "ignored (not used by Haven): service.fees_description in 1 record(s)",
        "ignored (not used by Haven): organization.year_incorporated in 1 record(s)",
        "ignored (not used by Haven): location.accessibility in 1 record(s)",
        "taxonomy term with no Haven service type: \"food-pantry\"",
        "note: schedule sch-riverside-once: MONTHLY rules are not supported, skipped",
        "note: location loc-safe-house: a shelter's location",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }

    let c: Value = serde_json::from_slice(&std::fs::read(d.join("std.json")).unwrap()).unwrap();
    let service = |id: &str| {
        c["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap()
            .clone()
    };
    let crisis = service("svc-riverside-crisis");
    // Text in the locale given, and only there.
    assert_eq!(crisis["name"], json!({"en": "Riverside Crisis Centre"}));
    // Taxonomy terms mapped to Haven's types.
    assert_eq!(
        crisis["service_types"],
        json!(["crisis_centre", "legal_aid"])
    );
    // Provenance as given, never invented: unverified unless --verified.
    for table in [
        "organizations",
        "services",
        "locations",
        "phones",
        "schedules",
    ] {
        for r in c[table].as_array().unwrap() {
            assert_eq!(r["source"], "Riverside export, 2026-12-01", "{table}");
            assert_eq!(r["verified_on"], "2026-12-01");
            assert_eq!(r["verified"], false);
        }
    }
    // Numbers: formatting removed, digits untouched.
    let numbers: Vec<&str> = c["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["+77000000021", "+77000000022"]);
    // The shelter: confidential, no street, postal code or coordinates.
    let shelter = service("svc-safe-house");
    assert_eq!(shelter["service_types"], json!(["shelter"]));
    assert_eq!(shelter["confidential"], true);
    let loc = c["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "loc-safe-house")
        .unwrap();
    assert_eq!(loc["confidential"], true);
    assert!(loc.get("address_1").is_none() && loc.get("latitude").is_none());
    assert_eq!(loc["city"], json!({"en": "Almaty"}));
    // The open office keeps its address; hours as HH:MM.
    assert_eq!(c["schedules"][0]["opens_at"], "09:00");

    // Round trip: the emitted profile JSON builds to the same content.
    let again = p(d, "again.pack");
    let json_path = p(d, "std.json");
    let b = haven(&[
        "build",
        "--input",
        &json_path,
        "--output",
        &again,
        "--region",
        "KZ",
        "--version",
        "3",
    ]);
    assert!(b.status.success(), "{}", err(&b));
    let o = haven(&["diff", &p(d, "std.pack"), &again]);
    assert!(
        out(&o).contains("0 added, 0 removed, 0 changed"),
        "{}",
        out(&o)
    );
}

#[test]
fn standard_hsds_needs_provenance_and_a_side_file_can_give_it_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Nothing given: refused, nothing written.
    let o = build_std(d, &[]);
    assert!(!o.status.success());
    assert!(err(&o).contains("no provenance"), "{}", err(&o));
    assert!(!d.join("std.pack").exists());
    // Bad locale.
    let fixture = fixture();
    let o = haven(&[
        "build",
        "--input",
        &fixture,
        "--output",
        &p(d, "x"),
        "--region",
        "KZ",
        "--version",
        "3",
        "--hsds-locale",
        "de",
        "--source",
        "s",
        "--verified-on",
        "2026-12-01",
    ]);
    assert!(!o.status.success() && err(&o).contains("use kk, ru or en"));

    // A side file: a default, and one phone confirmed by a call.
    let side = json!({
        "default": {"source": "Riverside directory export", "verified_on": "2026-11-30", "verified": false},
        "records": {"phone:ph-riverside-main": {"source": "called 2026-12-02, duty psychologist answered", "verified_on": "2026-12-02", "verified": true}}
    });
    let side_path = d.join("prov.json");
    std::fs::write(&side_path, side.to_string()).unwrap();
    let o = build_std(d, &["--provenance", &side_path.to_string_lossy()]);
    assert!(o.status.success(), "{}", err(&o));
    let c: Value = serde_json::from_slice(&std::fs::read(d.join("std.json")).unwrap()).unwrap();
    let phone = |id: &str| {
        c["phones"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(phone("ph-riverside-main")["verified"], true);
    assert_eq!(phone("ph-riverside-main")["verified_on"], "2026-12-02");
    assert_eq!(phone("ph-safe-house")["verified"], false);
    assert_eq!(
        phone("ph-safe-house")["source"],
        "Riverside directory export"
    );

    // An undialable number is refused with the record named, not repaired.
    let mut v: Value = serde_json::from_slice(&std::fs::read(fixture).unwrap()).unwrap();
    v["contents"][0]["phones"][0]["number"] = json!("ask at reception");
    let bad = d.join("bad.json");
    std::fs::write(&bad, v.to_string()).unwrap();
    let o = haven(&[
        "build",
        "--input",
        &bad.to_string_lossy(),
        "--output",
        &p(d, "bad.pack"),
        "--region",
        "KZ",
        "--version",
        "3",
        "--hsds-locale",
        "en",
        "--source",
        "s",
        "--verified-on",
        "2026-12-01",
    ]);
    assert!(!o.status.success());
    assert!(err(&o).contains("ph-riverside-main"), "{}", err(&o));
}

#[test]
fn a_standard_hsds_csv_package_imports_the_same_as_its_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = build_std(d, &["--source", "export", "--verified-on", "2026-12-01"]);
    assert!(o.status.success(), "{}", err(&o));
    let csv_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hsds3_csv");
    let csv_pack = p(d, "csv.pack");
    let o = haven(&[
        "build",
        "--input",
        csv_dir,
        "--output",
        &csv_pack,
        "--region",
        "KZ",
        "--version",
        "3",
        "--hsds-locale",
        "en",
        "--source",
        "export",
        "--verified-on",
        "2026-12-01",
    ]);
    assert!(o.status.success(), "{}{}", out(&o), err(&o));
    let text = out(&o);
    // Standard columns Haven does not use are summarized; link columns are not "ignored".
    assert!(
        text.contains("ignored (not used by Haven): service.email in 1 record(s)"),
        "{text}"
    );
    assert!(
        !text.contains(".service_id") && !text.contains(".link_id"),
        "{text}"
    );
    // The two readers agree record for record.
    let o = haven(&["diff", &p(d, "std.pack"), &csv_pack]);
    assert!(
        out(&o).contains("0 added, 0 removed, 0 changed"),
        "{}",
        out(&o)
    );
}
