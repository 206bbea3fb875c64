//! Directory search through the public API against a test pack signed with a key made here:
//! every script, case and prefix; Kazakh letters; filters; distance; open-now at its edges; and
//! input that must never become an FTS error.
#![allow(clippy::unwrap_used)]

mod common;
mod dirpack;

use chrono::{DateTime, TimeZone, Utc};
use common::TestVault;
use dirpack::{test_content, TestKey};
use haven_core::{DirectoryQuery, GeoPoint, Locale, OpenStatus, ServiceType, Session};

fn setup() -> (TestVault, Session) {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    let key = TestKey::new();
    s.install_pack_trusting_test_key(&key.kz_pack(4, &test_content()), &key.public_b64)
        .unwrap();
    (tv, s)
}

fn query(text: &str) -> DirectoryQuery {
    DirectoryQuery {
        text: text.into(),
        ..Default::default()
    }
}

fn ids(s: &Session, q: &DirectoryQuery) -> Vec<String> {
    s.search_directory(q)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// Sets the vault clock to a local time in Almaty (UTC+5).
fn set_almaty_time(tv: &TestVault, y: i32, m: u32, d: u32, hh: u32, mm: u32) {
    let target: DateTime<Utc> =
        Utc.with_ymd_and_hms(y, m, d, hh, mm, 0).unwrap() - chrono::Duration::hours(5);
    let now = haven_core::Clock::now(tv.clock.as_ref());
    tv.clock.advance(target - now);
}

#[test]
fn queries_in_every_script_case_and_prefix_find_the_expected_service_first() {
    let (_tv, s) = setup();
    let table: &[(&str, &str)] = &[
        // Cyrillic, Latin, mixed case, prefixes.
        ("Алматы", "almaty-crisis"),
        ("Almaty", "almaty-crisis"),
        ("almaty", "almaty-crisis"),
        ("АЛМАТЫ", "almaty-crisis"),
        ("aLmAtY", "almaty-crisis"),
        ("алм", "almaty-crisis"),
        ("ALM", "almaty-crisis"),
        // Kazakh-specific letters and their Latin spellings.
        ("Қарағанды", "karaganda-legal"),
        ("Qarağandy", "karaganda-legal"),
        ("karagandy", "karaganda-legal"),
        ("Караганда", "karaganda-legal"),
        ("қараға", "karaganda-legal"),
        ("Өскемен", "oskemen-medical"),
        ("Öskemen", "oskemen-medical"),
        ("oskem", "oskemen-medical"),
        ("Усть-Каменогорск", "oskemen-medical"),
        ("Шымкент", "shymkent-police"),
        ("Şymkent", "shymkent-police"),
        ("ұлттық", "national-hotline"),
        ("ulttyk", "national-hotline"),
        ("сенім", "national-hotline"),
        // Words in each language, service-type labels, numbers.
        ("кризис", "almaty-crisis"),
        ("kriz", "almaty-crisis"),
        ("crisis", "almaty-crisis"),
        ("дағдарыс", "almaty-crisis"),
        ("приют", "astana-shelter"),
        ("shelter", "astana-shelter"),
        ("баспана", "astana-shelter"),
        ("юридическая", "karaganda-legal"),
        ("legal aid", "karaganda-legal"),
        ("hotline", "national-hotline"),
        ("1150", "national-hotline"),
        ("police shymkent", "shymkent-police"),
        ("полиция", "shymkent-police"),
        ("насилия", "almaty-crisis"),
    ];
    for (text, expected) in table {
        let got = ids(&s, &query(text));
        assert_eq!(
            got.first().map(String::as_str),
            Some(*expected),
            "query {text:?} gave {got:?}"
        );
    }
    // Every word must match: Karaganda (a place) + shelter (shelters or crisis centres) is
    // nothing, though Karaganda has a legal aid service and Astana a shelter.
    assert!(ids(&s, &query("karaganda shelter")).is_empty());
    // A defunct service is never found.
    assert!(ids(&s, &query("defunct")).is_empty());
    assert!(ids(&s, &query("zzzz")).is_empty());
}

#[test]
fn hits_are_localized_and_carry_what_the_shell_needs() {
    let (_tv, s) = setup();
    let mut q = query("astana");
    q.locale = Some(Locale::Ru);
    let hit = s.search_directory(&q).unwrap().remove(0);
    assert_eq!(hit.name, "Приют «Астана»");
    assert_eq!(hit.organization, "Приют Астаны");
    assert!(hit.confidential);
    assert_eq!(hit.service_types, [ServiceType::Shelter]);
    assert_eq!(hit.phones[0].number, "+77000000002");
    assert_eq!(hit.phones[0].description.as_deref(), Some("Приём"));
    let place = &hit.places[0];
    assert!(place.confidential);
    assert_eq!(
        (
            place.address.as_deref(),
            place.latitude,
            place.city.as_deref()
        ),
        (None, None, Some("Астана"))
    );
    assert_eq!(
        (hit.verified, hit.verified_on.as_str(), hit.source.as_str()),
        (true, "2026-01-15", "test fixture")
    );
    assert_eq!(hit.languages, ["kk", "ru", "en"]);

    q.locale = Some(Locale::Kk);
    q.text = "almaty".into();
    let hit = s.search_directory(&q).unwrap().remove(0);
    assert_eq!(hit.name, "Алматы дағдарыс орталығы");
    assert_eq!(hit.places[0].address.as_deref(), Some("Абай даңғылы, 1"));
    assert_eq!(hit.opening_hours.len(), 1);
    assert_eq!(
        (
            hit.opening_hours[0].opens_at.as_str(),
            hit.opening_hours[0].closes_at.as_str()
        ),
        ("09:00", "18:00")
    );

    // Unverified entries say so, down to the phone.
    let hit = s
        .directory_service("oskemen-medical", Some(Locale::En))
        .unwrap();
    assert!(!hit.verified);
    let hotline = s
        .directory_service("national-hotline", Some(Locale::En))
        .unwrap();
    let kinds: Vec<(&str, &str, bool)> = hotline
        .phones
        .iter()
        .map(|p| (p.number.as_str(), p.kind.as_str(), p.verified))
        .collect();
    assert_eq!(
        kinds,
        [("1150", "voice", false), ("+77000000005", "text", true)]
    );
    // A phone attached to the location reaches the service at it.
    assert_eq!(
        s.directory_service("karaganda-legal", None).unwrap().phones[0].number,
        "+77000000003"
    );
    assert!(matches!(
        s.directory_service("no-such-id", None),
        Err(haven_core::Error::NotFound { .. })
    ));
}

#[test]
fn filters_by_type_place_and_language() {
    let (_tv, s) = setup();
    let mut q = DirectoryQuery {
        service_types: vec![ServiceType::LegalAid],
        ..Default::default()
    };
    assert_eq!(ids(&s, &q), ["karaganda-legal"]);
    q.service_types = vec![ServiceType::Shelter, ServiceType::Hotline];
    assert_eq!(ids(&s, &q), ["astana-shelter", "national-hotline"]);

    // A place in any script; national services without a place are included.
    for place in ["Алматы", "almaty", "ALMA"] {
        let q = DirectoryQuery {
            place: Some(place.into()),
            ..Default::default()
        };
        assert_eq!(
            ids(&s, &q),
            ["almaty-crisis", "national-hotline"],
            "{place}"
        );
    }
    let q = DirectoryQuery {
        text: "crisis".into(),
        place: Some("Karagandy".into()),
        ..Default::default()
    };
    assert!(ids(&s, &q).is_empty());

    let q = DirectoryQuery {
        language: Some("en".into()),
        ..Default::default()
    };
    assert_eq!(ids(&s, &q), ["astana-shelter"]);
    let q = DirectoryQuery {
        language: Some("ru".into()),
        service_types: vec![ServiceType::LegalAid, ServiceType::CrisisCentre],
        ..Default::default()
    };
    assert_eq!(ids(&s, &q), ["almaty-crisis", "karaganda-legal"]);
}

#[test]
fn ordering_by_distance_puts_the_nearest_first_and_places_without_points_last() {
    let (_tv, s) = setup();
    // A point in Karaganda.
    let q = DirectoryQuery {
        near: Some(GeoPoint {
            latitude: 49.80,
            longitude: 73.10,
        }),
        ..Default::default()
    };
    let hits = s.search_directory(&q).unwrap();
    let order: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "karaganda-legal",
            "oskemen-medical",
            "almaty-crisis",
            "shymkent-police",
            "astana-shelter",
            "national-hotline"
        ]
    );
    let d = hits[0].distance_km.unwrap();
    assert!(d < 2.0, "{d}");
    let almaty = hits[2].distance_km.unwrap();
    assert!((700.0..900.0).contains(&almaty), "{almaty}");
    assert_eq!(
        hits[4].distance_km, None,
        "a confidential shelter has no distance"
    );
    // With text, distance still orders the matches.
    let q = DirectoryQuery {
        text: "centre".into(),
        near: Some(GeoPoint {
            latitude: 43.24,
            longitude: 76.89,
        }),
        ..Default::default()
    };
    assert_eq!(ids(&s, &q), ["almaty-crisis", "oskemen-medical"]);
}

#[test]
fn open_now_at_the_edges() {
    let (tv, s) = setup();
    let status = |id: &str| s.directory_service(id, None).unwrap().open_now;
    // 2026-03-02 is a Monday. Almaty crisis centre: weekdays 09:00–18:00.
    set_almaty_time(&tv, 2026, 3, 2, 8, 59);
    assert_eq!(status("almaty-crisis"), OpenStatus::Closed);
    set_almaty_time(&tv, 2026, 3, 2, 9, 0);
    assert_eq!(status("almaty-crisis"), OpenStatus::Open);
    set_almaty_time(&tv, 2026, 3, 2, 17, 59);
    assert_eq!(status("almaty-crisis"), OpenStatus::Open);
    set_almaty_time(&tv, 2026, 3, 2, 18, 0);
    assert_eq!(
        status("almaty-crisis"),
        OpenStatus::Closed,
        "the closing minute is closed"
    );

    // Karaganda legal aid: weekdays 22:00 until 06:00 the next day.
    set_almaty_time(&tv, 2026, 3, 2, 21, 59);
    assert_eq!(status("karaganda-legal"), OpenStatus::Closed);
    set_almaty_time(&tv, 2026, 3, 2, 23, 30);
    assert_eq!(status("karaganda-legal"), OpenStatus::Open);
    set_almaty_time(&tv, 2026, 3, 3, 0, 0);
    assert_eq!(
        status("karaganda-legal"),
        OpenStatus::Open,
        "past midnight, into Tuesday"
    );
    set_almaty_time(&tv, 2026, 3, 3, 5, 59);
    assert_eq!(status("karaganda-legal"), OpenStatus::Open);
    set_almaty_time(&tv, 2026, 3, 3, 6, 0);
    assert_eq!(status("karaganda-legal"), OpenStatus::Closed);
    set_almaty_time(&tv, 2026, 3, 7, 5, 0);
    assert_eq!(
        status("karaganda-legal"),
        OpenStatus::Open,
        "Friday night into Saturday"
    );
    set_almaty_time(&tv, 2026, 3, 8, 5, 0);
    assert_eq!(
        status("karaganda-legal"),
        OpenStatus::Closed,
        "no Saturday night"
    );
    set_almaty_time(&tv, 2026, 3, 2, 3, 0);
    assert_eq!(
        status("karaganda-legal"),
        OpenStatus::Closed,
        "no Sunday night"
    );

    // Day change in Almaty is not day change in UTC: Saturday 00:30 local is Friday in UTC.
    set_almaty_time(&tv, 2026, 3, 7, 10, 0);
    assert_eq!(
        status("oskemen-medical"),
        OpenStatus::Open,
        "Saturday 10:00"
    );
    set_almaty_time(&tv, 2026, 3, 6, 23, 59);
    assert_eq!(status("oskemen-medical"), OpenStatus::Closed, "Friday");
    set_almaty_time(&tv, 2026, 3, 8, 13, 59);
    assert_eq!(status("oskemen-medical"), OpenStatus::Open, "Sunday");
    set_almaty_time(&tv, 2026, 3, 8, 14, 0);
    assert_eq!(status("oskemen-medical"), OpenStatus::Closed);

    // 24/7 (a service's own schedule, and one on its location) and unknown hours.
    for (d, hh, mm) in [(2, 0, 0), (4, 12, 0), (8, 23, 59)] {
        set_almaty_time(&tv, 2026, 3, d, hh, mm);
        assert_eq!(status("astana-shelter"), OpenStatus::Open);
        assert_eq!(status("shymkent-police"), OpenStatus::Open);
        assert_eq!(status("national-hotline"), OpenStatus::Unknown);
    }
}

#[test]
fn the_open_now_filter_never_includes_closed_or_unknown_hours() {
    let (tv, s) = setup();
    let q = DirectoryQuery {
        open_now: true,
        ..Default::default()
    };
    set_almaty_time(&tv, 2026, 3, 2, 12, 0); // Monday noon
    assert_eq!(
        ids(&s, &q),
        ["almaty-crisis", "astana-shelter", "shymkent-police"]
    );
    set_almaty_time(&tv, 2026, 3, 2, 23, 0); // Monday night
    assert_eq!(
        ids(&s, &q),
        ["astana-shelter", "karaganda-legal", "shymkent-police"]
    );
    let q = DirectoryQuery {
        text: "hotline".into(),
        open_now: true,
        ..Default::default()
    };
    assert!(ids(&s, &q).is_empty(), "unknown hours are never open");
    let q = DirectoryQuery {
        open_now: true,
        near: Some(GeoPoint {
            latitude: 42.3,
            longitude: 69.6,
        }),
        ..Default::default()
    };
    assert_eq!(
        ids(&s, &q),
        ["shymkent-police", "karaganda-legal", "astana-shelter"]
    );
}

#[test]
fn hostile_and_empty_queries_give_typed_results_never_errors() {
    let (_tv, s) = setup();
    let empty_ones = [
        "",
        " ",
        "\"",
        "\"\"",
        "*",
        "^",
        ":",
        "()",
        "\")(*",
        "-",
        "+",
        "'",
        ";",
        "!!!",
        "\u{0}",
        "— … «»",
        "\u{200b}",
        "%",
        "_",
        "\\",
    ];
    for text in empty_ones {
        assert!(ids(&s, &query(text)).is_empty(), "{text:?}");
    }
    let fine = [
        "NEAR(almaty crisis)",
        "almaty AND crisis",
        "almaty OR nothing",
        "NOT almaty",
        "almaty*",
        "^almaty",
        "name:almaty",
        "\"almaty\"",
        "almaty\"",
        "al\"ma\"ty",
        "{almaty}",
        "almaty -crisis",
        "almaty NEAR/3 crisis",
    ];
    for text in fine {
        // Must not error; the operator words are plain words (all required).
        s.search_directory(&query(text)).unwrap();
    }
    assert_eq!(ids(&s, &query("^abai")), ["almaty-crisis"]);
    assert_eq!(
        ids(&s, &query("name:almaty")),
        Vec::<String>::new(),
        "\"name\" is a word, not a column filter"
    );
    assert_eq!(ids(&s, &query("\"abai\"")), ["almaty-crisis"]);
    // Huge queries are cut, not refused.
    let huge = "almaty ".repeat(200_000);
    assert_eq!(ids(&s, &query(&huge)), ["almaty-crisis"]);
    let junk: String = (0..100_000u32).filter_map(char::from_u32).collect();
    s.search_directory(&query(&junk)).unwrap();
    // Limits: 0 means the default; larger ones are capped.
    let mut q = DirectoryQuery {
        service_types: ServiceType::ALL.to_vec(),
        limit: 2,
        ..Default::default()
    };
    assert_eq!(ids(&s, &q).len(), 2);
    q.limit = u32::MAX;
    assert_eq!(ids(&s, &q).len(), 6);
    // A bad language code is ignored rather than matched.
    let q = DirectoryQuery {
        text: "abai".into(),
        language: Some("\"' OR 1=1 --".into()),
        ..Default::default()
    };
    assert_eq!(ids(&s, &q), ["almaty-crisis"]);
}

#[test]
fn searches_leave_no_trace_of_the_query_in_the_data_directory() {
    let (tv, s) = setup();
    let canaries = ["Жасырынсөз7Q", "zqxcanary"];
    for c in canaries {
        s.search_directory(&query(c)).unwrap();
        s.search_directory(&DirectoryQuery {
            place: Some(c.into()),
            language: Some(c.into()),
            ..query(c)
        })
        .unwrap();
    }
    let folded = haven_core::directory::fold(canaries[0]);
    tv.vault.lock();
    let hits = common::canary_hits(&tv.data_dir(), &[canaries[0], canaries[1], &folded]);
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn emergency_lines_stay_visible_under_the_open_now_filter() {
    // The bundled pack publishes no hours for 112 and 101–104 (no citable source states them),
    // yet a reader who taps "open now" must still be offered them; 150's hours are unknown
    // and it is not an emergency line, so it is left out.
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    set_almaty_time(&tv, 2026, 3, 2, 3, 0); // Monday, 3 a.m.
    let open = ids(
        &s,
        &DirectoryQuery {
            open_now: true,
            ..Default::default()
        },
    );
    for id in ["kz-112", "kz-101", "kz-102", "kz-103", "kz-104", "kz-111"] {
        assert!(open.contains(&id.to_string()), "{id} missing from {open:?}");
    }
    assert!(!open.contains(&"kz-150".to_string()));
    let hit = s.directory_service("kz-112", None).unwrap();
    assert_eq!(
        hit.open_now,
        OpenStatus::Unknown,
        "its own status stays honest"
    );
}
