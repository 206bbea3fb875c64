//! HSDS import and validation: JSON and tabular CSV packages, with every problem located by
//! file, record and field.
#![allow(clippy::unwrap_used)]

mod dirpack;

use haven_core::directory::hsds::{self, Content, Problem};
use std::collections::HashMap;

fn problems_of(content: &serde_json::Value) -> Vec<Problem> {
    Content::from_json(&serde_json::to_vec(content).unwrap()).unwrap_err()
}

fn has(problems: &[Problem], file: &str, record: usize, field: &str) -> bool {
    problems
        .iter()
        .any(|p| p.file == file && p.record == record && p.field == field)
}

#[test]
fn the_test_content_is_valid_and_roundtrips() {
    let bytes = serde_json::to_vec(&dirpack::test_content()).unwrap();
    let c = Content::from_json(&bytes).unwrap();
    let again = Content::from_json(&c.to_pretty_json()).unwrap();
    assert_eq!(c, again);
    assert_eq!(c.to_canonical_json(), again.to_canonical_json());
}

#[test]
fn json_problems_name_the_table_record_and_field() {
    let mut c = dirpack::test_content();
    c["services"][2]["service_types"] = serde_json::json!(["legal_aid", "shleter"]);
    c["services"][3]["organization_id"] = "missing-org".into();
    c["phones"][1]["number"] = "+7 700 000 00 02".into();
    c["phones"][2]["number"] = "1".into();
    c["phones"][3]["type"] = "pager".into();
    c["schedules"][0]["opens_at"] = "25:00".into();
    c["schedules"][2]["closes_next_day"] = false.into();
    c["schedules"][4]["byday"] = "MO,FUNDAY".into();
    c["locations"][1]["address_1"] = serde_json::json!({"ru": "ул. Тайная, 5"});
    c["locations"][1]["latitude"] = 51.1.into();
    c["locations"][1]["longitude"] = 71.4.into();
    c["organizations"][0]["verified_on"] = "2026-02-30".into();
    c["services"][0]["source"] = " ".into();
    c["languages"][0]["code"] = "Kazakh".into();
    c["service_at_locations"][0]["id"] = "sal-2".into();
    let p = problems_of(&c);
    for (table, record, field) in [
        ("services", 3, "service_types"),
        ("services", 4, "organization_id"),
        ("phones", 2, "number"),
        ("phones", 3, "number"),
        ("phones", 4, "type"),
        ("schedules", 1, "opens_at"),
        ("schedules", 3, "closes_at"),
        ("schedules", 5, "byday"),
        ("locations", 2, "address_1"),
        ("locations", 2, "latitude"),
        ("organizations", 1, "verified_on"),
        ("services", 1, "source"),
        ("languages", 1, "code"),
        ("service_at_locations", 2, "id"),
    ] {
        assert!(
            has(&p, &format!("content.json: {table}"), record, field),
            "{table} {record} {field}: {p:#?}"
        );
    }
    assert_eq!(p.len(), 14, "{p:#?}");
    // Messages are fixed texts: they never quote the bad value.
    for problem in &p {
        let text = problem.to_string();
        assert!(
            !text.contains("shleter") && !text.contains("Тайная") && !text.contains("FUNDAY"),
            "{text}"
        );
    }
}

#[test]
fn missing_required_fields_and_unknown_fields_are_reported_not_ignored() {
    let mut c = dirpack::test_content();
    c["services"][0]
        .as_object_mut()
        .unwrap()
        .remove("verified_on");
    let p = problems_of(&c);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].reason, "has a missing, unknown or mistyped field");
    let mut c = dirpack::test_content();
    c["locations"][1]["confidental"] = true.into();
    assert_eq!(
        problems_of(&c)[0].reason,
        "has a missing, unknown or mistyped field"
    );
    assert_eq!(
        Content::from_json(b"{").unwrap_err()[0].reason,
        "ends too early"
    );
    assert_eq!(
        Content::from_json(b"[1,2]").unwrap_err()[0].reason,
        "has a missing, unknown or mistyped field"
    );
}

#[test]
fn a_confidential_service_cannot_sit_at_a_public_address() {
    let mut c = dirpack::test_content();
    c["services"][0]["confidential"] = true.into();
    let p = problems_of(&c);
    assert!(
        has(&p, "content.json: service_at_locations", 1, "location_id"),
        "{p:#?}"
    );
}

#[test]
fn phone_numbers_are_dialable_forms_only() {
    for good in ["112", "1414", "+77010000000", "+123456789012345"] {
        assert!(hsds::valid_phone_number(good), "{good}");
    }
    for bad in [
        "",
        "1",
        "+",
        "+7",
        "8 727 000",
        "1234567",
        "+1234567890123456",
        "11a",
        "+7-701",
        "١١٢",
    ] {
        assert!(!hsds::valid_phone_number(bad), "{bad}");
    }
}

fn csv_package(files: &[(&str, &str)]) -> Result<Content, Vec<Problem>> {
    let map: HashMap<String, Vec<u8>> = files
        .iter()
        .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
        .collect();
    hsds::import_csv(&mut |name| map.get(name).cloned(), "Asia/Almaty")
}

const ORGS: &str = "id,name_kk,name_ru,name_en,source,verified_on,verified\n\
    o1,Дағдарыс орталығы,Кризисный центр,Crisis centre,csv fixture,2026-01-10,true\n";
const SERVICES: &str = "id,organization_id,name_kk,name_ru,name_en,service_types,status,confidential,source,verified_on,verified\n\
    s1,o1,Баспана,Приют,Shelter,shelter;crisis_centre,active,true,csv fixture,2026-01-10,true\n";
const LOCATIONS: &str = "id,organization_id,confidential,city_kk,city_ru,city_en,country,timezone,source,verified_on,verified\n\
    l1,o1,true,Алматы,Алматы,Almaty,KZ,Asia/Almaty,csv fixture,2026-01-10,false\n";
const SALS: &str = "id,service_id,location_id\nx1,s1,l1\n";
const PHONES: &str = "id,service_id,number,type,description_en,source,verified_on,verified\n\
    p1,s1,+77000000009,voice,Intake,csv fixture,2026-01-10,true\n";
const SCHEDULES: &str =
    "id,service_id,freq,byday,opens_at,closes_at,closes_next_day,source,verified_on,verified\n\
    h1,s1,WEEKLY,\"MO,TU,WE,TH,FR\",20:00,08:00,true,csv fixture,2026-01-10,true\n";
const LANGUAGES: &str = "id,service_id,code\ng1,s1,kk\ng2,s1,ru\n";

#[test]
fn a_csv_package_imports_to_the_same_model() {
    let c = csv_package(&[
        ("organizations.csv", ORGS),
        ("services.csv", SERVICES),
        ("locations.csv", LOCATIONS),
        ("service_at_locations.csv", SALS),
        ("phones.csv", PHONES),
        ("schedules.csv", SCHEDULES),
        ("languages.csv", LANGUAGES),
    ])
    .unwrap();
    assert_eq!(c.services[0].service_types, ["shelter", "crisis_centre"]);
    assert!(c.services[0].confidential && c.locations[0].confidential);
    assert!(!c.locations[0].verified);
    assert_eq!(
        c.locations[0]
            .city
            .as_ref()
            .unwrap()
            .get(haven_core::Locale::Kk),
        Some("Алматы")
    );
    assert!(c.schedules[0].closes_next_day);
    assert_eq!(c.languages.len(), 2);
    // The imported model is a valid JSON pack source too.
    Content::from_json(&c.to_pretty_json()).unwrap();
}

#[test]
fn csv_problems_name_the_file_line_and_column() {
    let services =
        "id,organization_id,name_en,service_types,status,source,verified_on,verified,confidental\n\
        s1,o1,Shelter,shelter,active,x,2026-01-10,true,true\n";
    let p = csv_package(&[("organizations.csv", ORGS), ("services.csv", services)]).unwrap_err();
    assert!(has(&p, "services.csv", 1, "confidental"), "{p:#?}");
    assert_eq!(p[0].reason, "unknown column");

    let services = "id,organization_id,name_en,service_types,status,source,verified_on,verified\n\
        s1,o1,Shelter,shelter,active,x,2026-01-10,true\n\
        s2,o1,,shleter,active,,2026-13-01,maybe\n\
        s3,o9,Helpline,hotline,active,x,2026-01-10,true\n";
    let phones = "id,service_id,number,type,source,verified_on,verified\n\
        p1,s1,+7 (700) 000,voice,x,2026-01-10,true\n\
        p2,,112,voice,x,2026-01-10,true\n";
    let schedules = "id,service_id,freq,byday,opens_at,closes_at,source,verified_on,verified\n\
        h1,s1,WEEKLY,MO,18:00,09:00,x,2026-01-10,true\n\
        h2,s1,WEEKLY,MO,25:00,26:00,x,2026-01-10,true\n\
        h3,s1,DAILY,MO,09:00,10:00,x,2026-01-10,true\n";
    let p = csv_package(&[
        ("organizations.csv", ORGS),
        ("services.csv", services),
        ("phones.csv", phones),
        ("schedules.csv", schedules),
    ])
    .unwrap_err();
    for (file, line, field) in [
        ("services.csv", 3, "name"),
        ("services.csv", 3, "service_types"),
        ("services.csv", 3, "source"),
        ("services.csv", 3, "verified_on"),
        ("services.csv", 3, "verified"),
        ("services.csv", 4, "organization_id"),
        ("phones.csv", 2, "number"),
        ("phones.csv", 3, "service_id"),
        ("schedules.csv", 2, "closes_at"),
        ("schedules.csv", 3, "opens_at"),
        ("schedules.csv", 3, "closes_at"),
        ("schedules.csv", 4, "freq"),
    ] {
        assert!(has(&p, file, line, field), "{file}:{line} {field}: {p:#?}");
    }
}

#[test]
fn broken_csv_files_are_problems_not_panics() {
    let p = csv_package(&[]).unwrap_err();
    assert!(has(&p, "organizations.csv", 0, "-") && has(&p, "services.csv", 0, "-"));
    let p = csv_package(&[
        ("organizations.csv", "id\n"),
        ("services.csv", "id,organization_id\ns1\n"),
    ])
    .unwrap_err();
    assert!(
        p.iter().any(|x| x.reason == "required column is missing"),
        "{p:#?}"
    );
    let bad_utf8 = String::from_utf8_lossy(
        b"id,name_en,source,verified_on,verified\no1,\xff,x,2026-01-01,true\n",
    )
    .into_owned();
    csv_package(&[("organizations.csv", &bad_utf8), ("services.csv", "")]).unwrap_err();
    let ragged = "id,name_en,source,verified_on,verified\no1,a,b\n";
    let p = csv_package(&[("organizations.csv", ragged), ("services.csv", SERVICES)]).unwrap_err();
    assert!(
        p.iter()
            .any(|x| x.file == "organizations.csv" && x.record == 2),
        "{p:#?}"
    );
}
