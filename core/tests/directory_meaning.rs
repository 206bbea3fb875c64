//! Search by meaning, through the public API, in Kazakh, Russian and English: inflected forms,
//! place words, intent words, a one-letter typo, and the routing lines when nothing matches —
//! against a generated pack with a few hand-written entries, and against the bundled pack.
//! Also: stemming the text and the query alike never loses an exact-word match today's search
//! finds (property test), and a schema-v3 vault is migrated and re-indexed on open.
#![allow(clippy::unwrap_used)]

mod common;
mod dirpack;

use chrono::Utc;
use common::TestVault;
use dirpack::TestKey;
use haven_core::testing::directory::{install_pack, legacy_search, search};
use haven_core::{DirectoryHit, DirectoryQuery, Locale, ServiceType, Session};
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::path::Path;

fn prov() -> Value {
    json!({"source": "test fixture", "verified_on": "2026-01-15", "verified": true})
}

fn with_prov(mut v: Value) -> Value {
    for (k, val) in prov().as_object().unwrap() {
        v[k] = val.clone();
    }
    v
}

fn t(kk: &str, ru: &str, en: &str) -> Value {
    json!({"kk": kk, "ru": ru, "en": en})
}

/// The generated directory plus hand-written entries with inflected words, and the four
/// national routing lines (111, 150, 112, 102).
fn meaning_content() -> Value {
    let mut c = dirpack::generated_content(400);
    let push = |c: &mut Value, key: &str, v: Value| c[key].as_array_mut().unwrap().push(v);
    push(
        &mut c,
        "organizations",
        with_prov(json!({"id": "org-extra",
        "name": t("Қоғамдық қор", "Общественный фонд", "Public foundation")})),
    );
    let services = [
        (
            "family-centre",
            t(
                "Отбасы мен балаларды қолдау орталығы",
                "Центр поддержки семьи и детей",
                "Support centre for families",
            ),
            t(
                "Балаларға және әйелдерге көмек",
                "Помощь женщинам и детям",
                "Help for women and children",
            ),
            json!(["crisis_centre"]),
            Some("loc-family"),
            None,
        ),
        (
            "n-111",
            t(
                "111 — отбасы, әйелдер мен балалар құқықтарын қорғау",
                "111 — защита прав семьи, женщин и детей",
                "111 — protection of families, women and children",
            ),
            t("Тәулік бойы", "Круглосуточно", "Around the clock"),
            json!(["hotline", "child_protection"]),
            None,
            Some("111"),
        ),
        (
            "n-150",
            t(
                "150 — балалар мен жастарға арналған сенім телефоны",
                "150 — телефон доверия для детей и молодёжи",
                "150 — helpline for children and youth",
            ),
            t("", "", ""),
            json!(["hotline"]),
            None,
            Some("150"),
        ),
        (
            "n-112",
            t(
                "112 — шұғыл қызметтер",
                "112 — экстренные службы",
                "112 — emergency services",
            ),
            t("", "", ""),
            json!(["emergency"]),
            None,
            Some("112"),
        ),
        (
            "n-102",
            t("102 — полиция", "102 — полиция", "102 — police"),
            t("", "", ""),
            json!(["police", "emergency"]),
            None,
            Some("102"),
        ),
    ];
    for (id, name, description, types, loc, number) in services {
        let mut s = json!({"id": id, "organization_id": "org-extra", "name": name,
            "service_types": types, "status": "active"});
        if description["en"] != "" {
            s["description"] = description;
        }
        push(&mut c, "services", with_prov(s));
        if let Some(l) = loc {
            push(
                &mut c,
                "locations",
                with_prov(json!({"id": l, "country": "KZ",
                "city": t("Алматы", "Алматы", "Almaty"), "latitude": 43.25, "longitude": 76.9})),
            );
            push(
                &mut c,
                "service_at_locations",
                json!({"id": format!("sal-{id}"), "service_id": id, "location_id": l}),
            );
        }
        if let Some(n) = number {
            push(
                &mut c,
                "phones",
                with_prov(
                    json!({"id": format!("ph-{id}"), "service_id": id, "number": n, "type": "voice"}),
                ),
            );
        }
    }
    c
}

fn setup(content: &Value) -> (TestVault, Session) {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    let key = TestKey::new();
    s.install_pack_trusting_test_key(&key.kz_pack(4, content), &key.public_b64)
        .unwrap();
    (tv, s)
}

fn bundled() -> (TestVault, Session) {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    (tv, s)
}

fn find(s: &Session, text: &str, locale: Locale) -> Vec<DirectoryHit> {
    s.search_directory(&DirectoryQuery {
        text: text.into(),
        locale: Some(locale),
        ..Default::default()
    })
    .unwrap()
}

fn ids(hits: &[DirectoryHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

/// The first hit, which must be a real match (not a routing line shown because nothing matched).
fn first(s: &Session, text: &str, locale: Locale) -> String {
    let hits = find(s, text, locale);
    assert!(
        hits.first().is_some_and(|h| !h.fallback),
        "{text:?}: {:?}",
        ids(&hits)
    );
    hits[0].id.clone()
}

/// Asserts `id` is among the real matches of `text`.
fn found(s: &Session, text: &str, locale: Locale, id: &str) {
    let hits = find(s, text, locale);
    assert!(
        hits.iter().any(|h| h.id == id) && hits.iter().all(|h| !h.fallback),
        "{text:?}: {:?}",
        ids(&hits)
    );
}

#[test]
fn inflected_forms_find_the_stored_form_in_every_locale() {
    let (_tv, s) = setup(&meaning_content());
    // The entry says "семьи", "детей", "балаларды", "families"; she types other forms.
    for (text, locale) in [
        ("семья", Locale::Ru),
        ("дети", Locale::Ru),
        ("семьям", Locale::Ru),
        ("поддержки семьи", Locale::Ru),
        ("балалар", Locale::Kk),
        ("отбасына", Locale::Kk),
        ("балаларға көмек", Locale::Kk),
        ("family", Locale::En),
        ("families", Locale::En),
    ] {
        found(&s, text, locale, "family-centre");
    }
    // Prefixes still work as before.
    assert_eq!(first(&s, "семь", Locale::Ru), "family-centre");
}

#[test]
fn place_words_filter_by_place_and_keep_national_lines() {
    let (_tv, s) = setup(&meaning_content());
    // No local police in the generated pack: the national police line answers in Almaty.
    for (text, locale) in [
        ("полиция алматы", Locale::Ru),
        ("полиция Алматы", Locale::Ru),
        ("Алматыдағы полиция", Locale::Kk),
        ("police almaty", Locale::En),
    ] {
        let hits = find(&s, text, locale);
        assert_eq!(ids(&hits), ["n-102"], "{text}");
        assert!(!hits[0].fallback);
    }
    // A place word alone lists that place's services first, then the national lines; never
    // another city's.
    let hits = find(&s, "Алматы", Locale::Kk);
    assert!(hits.len() >= 20);
    for h in &hits {
        assert!(
            h.places.is_empty() || h.places.iter().any(|p| p.city.as_deref() == Some("Алматы")),
            "{}",
            h.id
        );
    }
    // Place word and a service word: Astana's shelters, none elsewhere.
    let hits = find(&s, "shelter astana", Locale::En);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(
            h.service_types.contains(&ServiceType::Shelter)
                || h.service_types.contains(&ServiceType::CrisisCentre)
        );
        assert!(
            h.places.iter().all(|p| p.city.as_deref() == Some("Astana")),
            "{}",
            h.id
        );
    }
    // Half a city name is still a word of the text (prefix), not yet a place.
    assert!(!find(&s, "алм", Locale::Ru).is_empty());
}

#[test]
fn intent_words_find_the_kinds_of_help_they_name() {
    let (_tv, s) = setup(&meaning_content());
    use ServiceType::*;
    let table: &[(&str, Locale, &[ServiceType])] = &[
        ("убежище", Locale::Ru, &[Shelter, CrisisCentre]),
        ("кризисный центр", Locale::Ru, &[CrisisCentre]),
        (
            "домашнее насилие",
            Locale::Ru,
            &[CrisisCentre, Shelter, Hotline, Police, PsychologicalSupport],
        ),
        (
            "избил",
            Locale::Ru,
            &[CrisisCentre, Shelter, Hotline, Police, PsychologicalSupport],
        ),
        ("юрист", Locale::Ru, &[LegalAid]),
        ("баспана", Locale::Kk, &[Shelter, CrisisCentre]),
        (
            "ұрып-соқты",
            Locale::Kk,
            &[CrisisCentre, Shelter, Hotline, Police, PsychologicalSupport],
        ),
        ("заңгер", Locale::Kk, &[LegalAid]),
        ("shelter", Locale::En, &[Shelter, CrisisCentre]),
        ("lawyer", Locale::En, &[LegalAid]),
        (
            "domestic violence",
            Locale::En,
            &[CrisisCentre, Shelter, Hotline, Police, PsychologicalSupport],
        ),
    ];
    for (text, locale, kinds) in table {
        let hits = find(&s, text, *locale);
        assert!(hits.len() >= 5, "{text}: {:?}", ids(&hits));
        for h in &hits {
            assert!(!h.fallback, "{text}");
            assert!(
                h.service_types.iter().any(|t| kinds.contains(t)),
                "{text}: {} is {:?}",
                h.id,
                h.service_types
            );
        }
    }
    // With a place: a lawyer in Karaganda.
    let hits = find(&s, "юрист караганда", Locale::Ru);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(h.service_types.contains(&LegalAid));
        assert!(h
            .places
            .iter()
            .all(|p| p.city.as_deref() == Some("Караганда")));
    }
}

#[test]
fn a_one_letter_typo_still_finds_the_word() {
    let (_tv, s) = setup(&meaning_content());
    assert_eq!(first(&s, "полицыя", Locale::Ru), "n-102");
    assert_eq!(first(&s, "полицыя алматы", Locale::Ru), "n-102");
    assert_eq!(first(&s, "polise", Locale::En), "n-102");
    let hits = find(&s, "дағдарс", Locale::Kk); // "дағдарыс" without its ы
    assert!(!hits.is_empty() && hits.iter().all(|h| !h.fallback));
    assert!(hits[0].service_types.contains(&ServiceType::CrisisCentre));
    // Short words are not corrected (too many neighbours): "полицыя" has 7 letters, "кызм" 4.
    assert!(find(&s, "qwer", Locale::Ru).iter().all(|h| h.fallback));
}

#[test]
fn nothing_matching_gives_the_routing_lines_labelled_as_such() {
    let (_tv, s) = setup(&meaning_content());
    for (text, locale) in [
        ("жылқы", Locale::Kk),
        ("лошадь", Locale::Ru),
        ("zebra crossing", Locale::En),
    ] {
        let hits = find(&s, text, locale);
        assert_eq!(ids(&hits), ["n-111", "n-150", "n-112", "n-102"], "{text}");
        assert!(hits.iter().all(|h| h.fallback));
    }
    // A filter that matches nothing falls back too; an empty query does not search.
    let q = DirectoryQuery {
        text: "".into(),
        language: Some("de".into()),
        ..Default::default()
    };
    assert!(s.search_directory(&q).unwrap().iter().all(|h| h.fallback));
    assert!(find(&s, "", Locale::Ru).is_empty());
    assert!(find(&s, " ,.!", Locale::Ru).is_empty());
    // Real matches are never labelled.
    assert!(find(&s, "кризис", Locale::Ru).iter().all(|h| !h.fallback));
}

#[test]
fn the_bundled_pack_answers_what_she_would_type() {
    let (_tv, s) = bundled();
    // Inflected: the 111 line is "по вопросам защиты прав семьи, женщин и детей".
    for (text, locale) in [
        ("семья", Locale::Ru),
        ("дети", Locale::Ru),
        ("отбасы", Locale::Kk),
        ("family", Locale::En),
    ] {
        found(&s, text, locale, "kz-111");
    }
    // Place words: the police line answers in Almaty.
    for (text, locale) in [
        ("полиция алматы", Locale::Ru),
        ("Алматы полициясы", Locale::Kk),
        ("police almaty", Locale::En),
    ] {
        let hits = find(&s, text, locale);
        assert!(ids(&hits).contains(&"kz-102"), "{text}: {:?}", ids(&hits));
        assert!(hits.iter().all(|h| !h.fallback), "{text}");
    }
    // Intents.
    for (text, locale) in [
        ("домашнее насилие", Locale::Ru),
        ("ұрып-соқты", Locale::Kk),
        ("domestic violence", Locale::En),
    ] {
        let hits = find(&s, text, locale);
        assert!(ids(&hits).contains(&"kz-111"), "{text}: {:?}", ids(&hits));
        assert!(hits.iter().all(|h| !h.fallback), "{text}");
    }
    // A typo.
    assert_eq!(first(&s, "полицыя", Locale::Ru), "kz-102");
    assert_eq!(first(&s, "polise", Locale::En), "kz-102");
    // Nothing matching: the routing lines, in order.
    for (text, locale) in [
        ("жылқы", Locale::Kk),
        ("лошадь", Locale::Ru),
        ("zebra", Locale::En),
    ] {
        let hits = find(&s, text, locale);
        assert_eq!(
            ids(&hits),
            ["kz-111", "kz-150", "kz-112", "kz-102"],
            "{text}"
        );
        assert!(hits.iter().all(|h| h.fallback));
    }
}

// ---- Stemming never loses an exact-word match ---------------------------------------------

/// A fresh SQLCipher database with the app's pragmas and schema (as the benchmark does).
fn open_db(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    haven_core::testing::apply_raw_key(&conn, [7u8; 32]).unwrap();
    haven_core::testing::configure(&conn).unwrap();
    let mut conn = conn;
    haven_core::testing::migrate(&mut conn).unwrap();
    conn
}

const POOL: &[&str] = &[
    "семьи",
    "семья",
    "детей",
    "дети",
    "помощь",
    "помощи",
    "женщинам",
    "насилия",
    "полиция",
    "приют",
    "убежище",
    "юридическая",
    "консультация",
    "кризисный",
    "центр",
    "центра",
    "балалар",
    "балаларға",
    "отбасы",
    "отбасына",
    "әйелдерге",
    "көмек",
    "көмегі",
    "баспанасы",
    "орталығы",
    "дағдарыс",
    "заңгер",
    "полициясы",
    "shelter",
    "shelters",
    "families",
    "family",
    "children",
    "lawyer",
    "legal",
    "aid",
    "help",
    "crisis",
    "centre",
    "violence",
    "112",
    "150",
    "1414",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(POOL).prop_map(str::to_string),
        1 => "[а-яёәғқңөұүһі]{2,9}",
        1 => "[a-z]{2,9}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any word of a service's text, typed exactly, finds the service with the new search
    /// whenever today's search (kept for this and the benchmark) finds it.
    #[test]
    fn stemming_never_loses_an_exact_word_match(
        texts in proptest::collection::vec(proptest::collection::vec(word(), 1..6), 1..8),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open_db(&dir.path().join("p.db"));
        let key = TestKey::new();
        let services: Vec<Value> = texts.iter().enumerate().map(|(i, words)| with_prov(json!({
            "id": format!("s{i}"), "organization_id": "o",
            "name": {"ru": words.join(" ")}, "service_types": ["hotline"], "status": "active"})))
            .collect();
        let content = json!({
            "profile": "haven-hsds-3.0/1", "default_timezone": "Asia/Almaty",
            "organizations": [with_prov(json!({"id": "o", "name": {"ru": "о"}}))],
            "services": services,
        });
        install_pack(&mut conn, &key.kz_pack(1, &content), &[key.public_b64.as_str()], Utc::now()).unwrap();
        for (i, words) in texts.iter().enumerate() {
            for w in words {
                let q = DirectoryQuery { text: w.clone(), limit: 200, ..Default::default() };
                let id = format!("s{i}");
                let today = legacy_search(&conn, &q, Locale::Ru, Utc::now()).unwrap();
                let now = search(&conn, &q, Locale::Ru, Utc::now()).unwrap();
                if today.iter().any(|h| h.id == id) {
                    prop_assert!(
                        now.iter().any(|h| h.id == id && !h.fallback),
                        "{w:?} found {id} before, not now: {:?}",
                        now.iter().map(|h| &h.id).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

// ---- Migration: a v3 vault is re-indexed on open ------------------------------------------

#[test]
fn a_schema_v3_directory_is_reindexed_with_stems_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    let key = [9u8; 32];
    {
        let mut conn = Connection::open(&path).unwrap();
        haven_core::testing::apply_raw_key(&conn, key).unwrap();
        haven_core::testing::configure(&conn).unwrap();
        haven_core::testing::migrate_to(&mut conn, 3).unwrap();
        // What a v3 core installed: a newer pack than the bundled one (so it stays), its
        // card, and a folded index without stems.
        let card = json!({
            "id": "family-centre",
            "organization": {"ru": "Фонд"},
            "name": {"ru": "Центр поддержки семьи и детей"},
            "description": null,
            "types": ["crisis_centre"], "confidential": false, "languages": [],
            "phones": [{"number": "+77000000009", "extension": null, "kind": "voice",
                "description": null, "verified": true, "verified_on": "2026-01-15", "source": "test"}],
            "places": [{"name": null, "address": null, "city": {"ru": "Алматы"}, "region": null,
                "postal_code": null, "confidential": false, "latitude": null, "longitude": null,
                "verified": true, "verified_on": "2026-01-15", "source": "test"}],
            "hours": [], "verified": true, "verified_on": "2026-01-15", "source": "test"
        });
        conn.execute_batch(&format!(
            "INSERT INTO settings (key, value) VALUES ('locale', 'ru'), ('directory_region', 'KZ');
             INSERT INTO dir_pack VALUES (1, 'KZ', 999, '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', 'x', 'Asia/Almaty');
             INSERT INTO dir_service (sid, id, types, languages, places, hours, card)
               VALUES (1, 'family-centre', ' crisis_centre ', '  ', ' almaty', '[]', '{}');
             INSERT INTO dir_fts (rowid, name, body) VALUES (1, 'tsentr podderjki semi i detei', 'fond almaty');
             PRAGMA journal_mode = DELETE;",
            card.to_string().replace('\'', "''")
        ))
        .unwrap();
    }
    // Opening as the vault does migrates to the current schema and re-indexes the cards.
    let conn = haven_core::testing::open_with_raw_key(&path, key).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, haven_core::SCHEMA_VERSION);
    let index_version: i64 = conn
        .query_row("SELECT index_version FROM dir_pack", [], |r| r.get(0))
        .unwrap();
    assert!(index_version >= 2);
    for text in ["семья", "дети", "центр поддержки", "алматы"] {
        let q = DirectoryQuery {
            text: text.into(),
            ..Default::default()
        };
        let hits = search(&conn, &q, Locale::Ru, Utc::now()).unwrap();
        assert_eq!(ids(&hits), ["family-centre"], "{text}");
        assert!(!hits[0].fallback);
    }
    drop(conn);
    // Opening again does not re-index (nothing stale).
    let mut conn = haven_core::testing::open_with_raw_key(&path, key).unwrap();
    assert!(!haven_core::testing::directory::reindex_if_stale(&mut conn).unwrap());
}

// ---- The bundled pack's provenance ---------------------------------------------------------

#[test]
fn every_bundled_entry_has_a_source_a_date_and_a_verification_state() {
    use haven_core::directory::hsds::Content;
    use haven_core::directory::pack;
    let verified = pack::verify(haven_core::directory::BUNDLED_PACK, pack::TRUSTED_KEYS).unwrap();
    let content = Content::from_json(verified.content).unwrap();
    // The raw JSON too: `verified` must be written, not defaulted.
    let raw: Value = serde_json::from_slice(verified.content).unwrap();
    let mut checked = 0;
    for table in [
        "organizations",
        "services",
        "locations",
        "phones",
        "schedules",
    ] {
        for r in raw[table].as_array().into_iter().flatten() {
            let id = r["id"].as_str().unwrap();
            assert!(
                r["source"].as_str().is_some_and(|s| s.trim().len() >= 5),
                "{table} {id}: source"
            );
            let on = r["verified_on"].as_str().unwrap_or_default();
            let date = chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d");
            assert!(
                date.is_ok_and(|d| d <= Utc::now().date_naive()),
                "{table} {id}: verified_on {on:?}"
            );
            assert!(r["verified"].is_boolean(), "{table} {id}: verified");
            checked += 1;
        }
    }
    assert!(checked >= content.services.len() + content.phones.len());
    // Every number is one a source gave: the national lines, and any other only unverified
    // until someone has called it.
    for p in &content.phones {
        if !["111", "150", "112", "101", "102", "103", "104"].contains(&p.number.as_str()) {
            assert!(
                !p.verified,
                "phone {} is new: verified only after a call",
                p.id
            );
        }
    }
}
