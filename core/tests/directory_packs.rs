//! Directory packs through the public API on a real SQLCipher vault: the bundled pack, and
//! every way a pack can be refused — each refusal typed, and the installed pack untouched.
#![allow(clippy::unwrap_used)]

mod common;
mod dirpack;

use common::{pin, TestVault, DURESS_PIN, PIN};
use dirpack::{manifest, test_content, TestKey};
use haven_core::directory::hsds::Content;
use haven_core::directory::pack::{self, Manifest, MAX_PACK_BYTES};
use haven_core::directory::BUNDLED_PACK;
use haven_core::testing;
use haven_core::{
    DirectoryQuery, DuressBehaviour, DuressOptions, Error, Locale, Session, UnlockOutcome,
};

fn setup() -> (TestVault, Session) {
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    (tv, session)
}

fn reason(result: Result<haven_core::PackInfo, Error>) -> String {
    match result {
        Err(Error::PackRejected { reason }) => reason,
        other => panic!("expected a pack refusal, got {other:?}"),
    }
}

/// Ids of the services matching `text` (not the routing lines shown when nothing matches).
fn names(session: &Session, text: &str) -> Vec<String> {
    let q = DirectoryQuery {
        text: text.into(),
        locale: Some(Locale::En),
        ..Default::default()
    };
    session
        .search_directory(&q)
        .unwrap()
        .into_iter()
        .filter(|h| !h.fallback)
        .map(|h| h.id)
        .collect()
}

// ---- The bundled pack -------------------------------------------------------------------

#[test]
fn bundled_pack_verifies_against_the_compiled_in_keys() {
    let verified = pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS).unwrap();
    assert_eq!(verified.manifest.region, "KZ");
    assert!(verified.manifest.core_is_new_enough());
    Content::from_json(verified.content).unwrap();
}

#[test]
fn committed_pack_matches_a_fresh_build_of_the_committed_source() {
    let source = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/packs/kz/kz.hsds.json"
    ))
    .unwrap();
    let rebuilt = Content::from_json(&source).unwrap().to_canonical_json();
    let verified = pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS).unwrap();
    assert_eq!(
        pack::sha256_hex(&rebuilt),
        verified.manifest.content_sha256,
        "core/packs/kz/kz.havenpack is stale: run scripts/build-bundled-pack.sh"
    );
    assert_eq!(rebuilt, verified.content);
}

#[test]
fn every_bundled_entry_has_provenance_and_every_string_all_three_languages() {
    let content = Content::from_json(
        pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS)
            .unwrap()
            .content,
    )
    .unwrap();
    let dated = |source: &str, on: &str| {
        assert!(!source.trim().is_empty());
        assert!(
            chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d").is_ok(),
            "{on}"
        );
    };
    let mut texts = Vec::new();
    for o in &content.organizations {
        dated(&o.source, &o.verified_on);
        texts.push(&o.name);
        texts.extend(o.description.iter());
    }
    for s in &content.services {
        dated(&s.source, &s.verified_on);
        texts.push(&s.name);
        texts.extend(s.description.iter());
    }
    for l in &content.locations {
        dated(&l.source, &l.verified_on);
    }
    for p in &content.phones {
        dated(&p.source, &p.verified_on);
        texts.extend(p.description.iter());
    }
    for s in &content.schedules {
        dated(&s.source, &s.verified_on);
        texts.extend(s.description.iter());
    }
    assert!(texts.len() >= 14);
    for t in texts {
        assert!(t.missing().is_empty(), "{t:?} lacks {:?}", t.missing());
    }
}

#[test]
fn bundled_pack_holds_only_the_verified_national_numbers() {
    let content = Content::from_json(
        pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS)
            .unwrap()
            .content,
    )
    .unwrap();
    let mut numbers: Vec<&str> = content.phones.iter().map(|p| p.number.as_str()).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, ["101", "102", "103", "104", "111", "112", "150"]);
    assert!(content.phones.iter().all(|p| p.verified));
    // 150's hours are not verified: no schedule, so "hours unknown", never "open".
    assert!(content
        .schedules
        .iter()
        .all(|s| s.service_id.as_deref() != Some("kz-150")));
    // No street address or coordinates anywhere (no individual centre or shelter is verified):
    // the locations are the country's regions and cities, names only, for place words.
    assert!(content.locations.len() >= 20);
    for l in &content.locations {
        assert!(l.address_1.is_none() && l.latitude.is_none() && l.longitude.is_none());
        assert!(l.city.is_some() || l.region.is_some());
    }
    assert!(content.service_at_locations.is_empty());
}

#[test]
fn setup_installs_the_bundled_pack_in_the_real_vault_only() {
    let tv = TestVault::new();
    let mut options = TestVault::setup_options();
    options.duress = Some(DuressOptions {
        pin: pin(DURESS_PIN),
        behaviour: DuressBehaviour::OpenDecoy,
        shred_real: false,
    });
    let real = tv.vault.setup(options).unwrap();
    let info = real.directory_info().unwrap();
    assert_eq!(
        (info.region.as_str(), info.version, info.services),
        ("KZ", bundled_version(), 7)
    );
    assert!(!info.out_of_date);
    assert_eq!(names(&real, "112"), ["kz-112"]);
    tv.vault.lock();
    let UnlockOutcome::Opened(decoy) = tv.vault.unlock(&pin(DURESS_PIN)).unwrap() else {
        panic!("decoy did not open");
    };
    // The decoy is a plain notes space: no directory of DV services to give the app away.
    assert!(matches!(
        decoy.directory_info(),
        Err(haven_core::Error::WrongSpace)
    ));
}

#[test]
fn bundled_150_shows_unknown_hours_and_111_is_open_around_the_clock() {
    let (_tv, s) = setup();
    let hit = s.directory_service("kz-150", Some(Locale::Ru)).unwrap();
    assert_eq!(hit.open_now, haven_core::OpenStatus::Unknown);
    assert!(hit.opening_hours.is_empty());
    assert_eq!(hit.languages, ["kk", "ru"]);
    assert!(hit.name.contains("телефон доверия"));
    let hit = s.directory_service("kz-111", Some(Locale::Kk)).unwrap();
    assert_eq!(hit.open_now, haven_core::OpenStatus::Open);
    assert_eq!(hit.phones[0].number, "111");
    assert!(hit.verified && hit.phones[0].verified);
    let ucc = s.directory_service("kz-150", None).unwrap();
    assert_eq!(ucc.organization, "Union of Crisis Centres of Kazakhstan");
}

// ---- Updates ----------------------------------------------------------------------------

#[test]
fn a_newer_pack_replaces_the_installed_one() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let info = s
        .install_pack_trusting_test_key(&key.kz_pack(4, &test_content()), &key.public_b64)
        .unwrap();
    assert_eq!(
        (info.version, info.services),
        (4, 6),
        "the defunct service is not installed"
    );
    assert!(names(&s, "112").is_empty(), "the old pack is gone");
    assert_eq!(names(&s, "abai"), ["almaty-crisis"]);
    assert_eq!(s.directory_info().unwrap(), info);
}

#[test]
fn the_same_version_again_is_a_no_op_and_different_content_under_it_is_refused() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let content = test_content();
    let first = s
        .install_pack_trusting_test_key(&key.kz_pack(4, &content), &key.public_b64)
        .unwrap();
    let again = s
        .install_pack_trusting_test_key(&key.kz_pack(4, &content), &key.public_b64)
        .unwrap();
    assert_eq!(first, again);
    let mut changed = content.clone();
    changed["services"][0]["name"]["en"] = "Renamed".into();
    let r = reason(s.install_pack_trusting_test_key(&key.kz_pack(4, &changed), &key.public_b64));
    assert_eq!(
        r,
        "pack has the installed version number but different content"
    );
    // And the bundled pack (an older version) re-offered at any time is a rollback now.
    assert_eq!(
        reason(s.install_pack(BUNDLED_PACK)),
        "pack is older than the installed one"
    );
}

#[test]
fn an_expired_pack_still_works_and_is_reported_out_of_date() {
    let (tv, s) = setup();
    let key = TestKey::new();
    let bytes = serde_json::to_vec(&test_content()).unwrap();
    let mut m = manifest("KZ", 5, &bytes);
    m.created = "2020-01-01T00:00:00Z".into();
    m.expires = "2021-01-01T00:00:00Z".into();
    let info = s
        .install_pack_trusting_test_key(&key.pack(&m, &bytes), &key.public_b64)
        .unwrap();
    assert!(info.out_of_date);
    assert_eq!(names(&s, "abai"), ["almaty-crisis"]);
    // The bundled pack goes out of date with time, too.
    let (_tv2, s2) = setup();
    assert!(!s2.directory_info().unwrap().out_of_date);
    tv.clock.advance(chrono::Duration::days(3650));
    assert!(s.directory_info().unwrap().out_of_date);
}

// ---- Refusals ---------------------------------------------------------------------------

/// Installs `bytes` and expects `expected`; then checks the bundled pack is intact.
fn refused(s: &Session, key: &TestKey, bytes: &[u8], expected: &str) {
    let r = reason(s.install_pack_trusting_test_key(bytes, &key.public_b64));
    assert_eq!(r, expected);
    let info = s.directory_info().unwrap();
    assert_eq!(
        (info.version, info.services),
        (bundled_version(), 7),
        "old pack intact after: {expected}"
    );
    assert_eq!(names(s, "112"), ["kz-112"]);
    assert!(names(s, "abai").is_empty());
}

#[test]
fn truncated_packs_are_refused_at_every_cut() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let good = key.kz_pack(4, &test_content());
    for cut in [
        0,
        3,
        8,
        10,
        13,
        200,
        good.len() / 2,
        good.len() - 50,
        good.len() - 1,
    ] {
        let r = reason(s.install_pack_trusting_test_key(&good[..cut], &key.public_b64));
        assert!(
            ["pack is truncated", "not a Haven directory pack"].contains(&r.as_str()),
            "cut {cut}: {r}"
        );
    }
    refused(&s, &key, &good[..good.len() - 1], "pack is truncated");
}

#[test]
fn oversized_packs_are_refused_before_anything_is_read() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let mut huge = vec![0u8; MAX_PACK_BYTES + 1];
    huge[..8].copy_from_slice(pack::MAGIC);
    refused(&s, &key, &huge, "pack is larger than the size limit");
}

#[test]
fn unsigned_and_wrongly_signed_packs_are_refused() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let other = TestKey::new();
    let bytes = serde_json::to_vec(&test_content()).unwrap();
    let signed = pack::signed_part(&manifest("KZ", 4, &bytes), &bytes);
    refused(
        &s,
        &key,
        &pack::attach_signature(&signed, b""),
        "pack is not signed",
    );
    refused(
        &s,
        &key,
        &other.sign(&signed),
        "pack is signed with a key this app does not trust",
    );
    refused(
        &s,
        &key,
        &pack::attach_signature(&signed, b"untrusted comment: x\nnot base64\n"),
        "pack signature is malformed",
    );
    // The trusted key's signature over different bytes: a tampered pack.
    let good = key.sign(&signed);
    let mut tampered = good.clone();
    let at = signed.len() - 10;
    tampered[at] ^= 0x01;
    refused(&s, &key, &tampered, "pack signature does not verify");
    // Without the test key trusted, even the good pack is untrusted.
    assert_eq!(
        reason(s.install_pack(&good)),
        "pack is signed with a key this app does not trust"
    );
}

#[test]
fn rolled_back_wrong_region_and_too_new_packs_are_refused() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    s.install_pack_trusting_test_key(&key.kz_pack(5, &dirpack::test_content()), &key.public_b64)
        .unwrap();
    let r =
        reason(s.install_pack_trusting_test_key(&key.kz_pack(4, &test_content()), &key.public_b64));
    assert_eq!(r, "pack is older than the installed one");
    assert_eq!(s.directory_info().unwrap().version, 5);

    let (_tv, s) = setup();
    let bytes = serde_json::to_vec(&test_content()).unwrap();
    refused(
        &s,
        &key,
        &key.pack(&manifest("UZ", 9, &bytes), &bytes),
        "pack is for another region",
    );
    let mut m = manifest("KZ", 9, &bytes);
    m.min_core_version = "99.0.0".into();
    refused(
        &s,
        &key,
        &key.pack(&m, &bytes),
        "pack needs a newer version of Haven",
    );
}

#[test]
fn malformed_manifests_and_content_are_refused() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let bytes = serde_json::to_vec(&test_content()).unwrap();

    // Content hash mismatch (signed, so only a signer's mistake or a forged manifest).
    let mut m = manifest("KZ", 4, &bytes);
    m.content_sha256 = pack::sha256_hex(b"something else");
    refused(
        &s,
        &key,
        &key.pack(&m, &bytes),
        "pack content does not match its manifest hash",
    );

    // Manifest not JSON / wrong format / expires before created.
    let raw = |manifest_bytes: &[u8]| {
        let mut out = pack::MAGIC.to_vec();
        out.extend_from_slice(&pack::CONTAINER_VERSION.to_le_bytes());
        for part in [manifest_bytes, bytes.as_slice()] {
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(part);
        }
        key.sign(&out)
    };
    refused(&s, &key, &raw(b"{not json"), "pack manifest is malformed");
    let mut m = manifest("KZ", 4, &bytes);
    m.format = "haven-pack/99".into();
    refused(
        &s,
        &key,
        &key.pack(&m, &bytes),
        "pack format is not supported",
    );
    let mut m = manifest("KZ", 4, &bytes);
    m.expires = "2019-01-01T00:00:00Z".into();
    refused(
        &s,
        &key,
        &key.pack(&m, &bytes),
        "pack manifest is malformed",
    );
    let mut m = manifest("KZ", 4, &bytes);
    m.region = "kz".into();
    refused(
        &s,
        &key,
        &key.pack(&m, &bytes),
        "pack manifest is malformed",
    );

    // Not a pack at all; another container version.
    refused(
        &s,
        &key,
        b"PK\x03\x04 a zip file",
        "not a Haven directory pack",
    );
    let mut v2 = key.kz_pack(4, &test_content());
    v2[8] = 2;
    refused(&s, &key, &v2, "pack container version is not supported");

    // Content that is not JSON, or not the profile.
    let junk = b"\xff\xfe not json";
    refused(
        &s,
        &key,
        &key.pack(&manifest("KZ", 4, junk), junk),
        "pack content is malformed",
    );
    let mut typo = test_content();
    typo["services"][1]["confidental"] = true.into();
    refused(
        &s,
        &key,
        &key.kz_pack(4, &typo),
        "pack content is malformed",
    );
}

#[test]
fn content_that_fails_validation_is_refused() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "street address on a confidential location",
            Box::new(|c| {
                c["locations"][1]["address_1"] = serde_json::json!({"en": "5 Secret Street"})
            }),
        ),
        (
            "bad phone number",
            Box::new(|c| c["phones"][0]["number"] = "8 (727) 000-00-01".into()),
        ),
        (
            "unknown taxonomy term",
            Box::new(|c| c["services"][0]["service_types"] = serde_json::json!(["shleter"])),
        ),
        (
            "hour 25",
            Box::new(|c| c["schedules"][0]["opens_at"] = "25:00".into()),
        ),
        (
            "closes before it opens",
            Box::new(|c| c["schedules"][0]["closes_at"] = "08:00".into()),
        ),
        (
            "missing name",
            Box::new(|c| c["services"][0]["name"] = serde_json::json!({})),
        ),
        (
            "empty source",
            Box::new(|c| c["services"][0]["source"] = "".into()),
        ),
        (
            "dangling reference",
            Box::new(|c| c["phones"][0]["service_id"] = "nope".into()),
        ),
    ];
    for (what, edit) in cases {
        let mut content = test_content();
        edit(&mut content);
        let r =
            reason(s.install_pack_trusting_test_key(&key.kz_pack(4, &content), &key.public_b64));
        assert_eq!(r, "pack content failed validation", "{what}");
    }
    refused(
        &s,
        &key,
        &{
            let mut c = test_content();
            c["phones"][0]["number"] = "call us".into();
            key.kz_pack(4, &c)
        },
        "pack content failed validation",
    );
}

#[test]
fn refusals_never_quote_the_pack() {
    let (_tv, s) = setup();
    let key = TestKey::new();
    let mut c = test_content();
    c["services"][0]["name"]["en"] = "CANARY-Z9X8".into();
    c["phones"][0]["number"] = "CANARY-Q7W6".into();
    let err = s
        .install_pack_trusting_test_key(&key.kz_pack(4, &c), &key.public_b64)
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("CANARY"), "{text}");
}

#[test]
fn a_locked_session_installs_and_searches_nothing() {
    let (tv, s) = setup();
    tv.vault.lock();
    assert!(matches!(s.install_pack(BUNDLED_PACK), Err(Error::Locked)));
    assert!(matches!(s.directory_info(), Err(Error::Locked)));
    assert!(matches!(
        s.search_directory(&DirectoryQuery {
            text: "112".into(),
            ..Default::default()
        }),
        Err(Error::Locked)
    ));
    let UnlockOutcome::Opened(s) = tv.vault.unlock(&pin(PIN)).unwrap() else {
        panic!()
    };
    assert_eq!(s.directory_info().unwrap().version, bundled_version());
}

#[test]
fn manifest_roundtrip_in_pack_is_what_was_signed() {
    let key = TestKey::new();
    let bytes = serde_json::to_vec(&test_content()).unwrap();
    let m: Manifest = manifest("KZ", 7, &bytes);
    let signed = key.pack(&m, &bytes);
    let verified = pack::verify(&signed, &[key.public_b64.as_str()]).unwrap();
    assert_eq!(verified.manifest, m);
    assert_eq!(verified.content, bytes.as_slice());
}

// ---- The bundled pack of a newer app ----------------------------------------------------

const RAW_KEY: [u8; 32] = [7; 32];

fn bundled_version() -> u64 {
    pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS)
        .unwrap()
        .manifest
        .version
}

/// A database keyed and migrated as a vault's, holding `pack` or no directory at all — what an
/// earlier app version left behind.
fn earlier_vault_db(dir: &std::path::Path, pack: Option<(&[u8], &TestKey)>) -> std::path::PathBuf {
    let path = dir.join("a.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    testing::apply_raw_key(&conn, RAW_KEY).unwrap();
    testing::migrate(&mut conn).unwrap();
    if let Some((bytes, key)) = pack {
        testing::directory::install_pack(&mut conn, bytes, &[&key.public_b64], chrono::Utc::now())
            .unwrap();
    }
    path
}

/// Region, version and number of services installed, read after opening as the vault does.
fn installed_after_open(path: &std::path::Path) -> (String, u64, i64) {
    let conn = testing::open_with_raw_key(path, RAW_KEY).unwrap();
    conn.query_row(
        "SELECT region, version, (SELECT count(*) FROM dir_service) FROM dir_pack",
        [],
        |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?)),
    )
    .unwrap()
}

#[test]
fn opening_a_vault_with_an_older_pack_installs_the_bundled_one() {
    assert!(bundled_version() >= 1, "a version-0 pack must be older");
    let tmp = tempfile::tempdir().unwrap();
    let key = TestKey::new();
    let old = key.kz_pack(0, &test_content());
    let path = earlier_vault_db(tmp.path(), Some((&old, &key)));
    let bundled_services =
        installed_after_open(&earlier_vault_db(tempfile::tempdir().unwrap().path(), None)).2;
    assert_eq!(
        installed_after_open(&path),
        ("KZ".to_string(), bundled_version(), bundled_services)
    );
}

#[test]
fn opening_a_vault_without_a_directory_installs_the_bundled_one() {
    let tmp = tempfile::tempdir().unwrap();
    let path = earlier_vault_db(tmp.path(), None);
    let (region, version, services) = installed_after_open(&path);
    assert_eq!((region.as_str(), version), ("KZ", bundled_version()));
    assert!(services >= 7, "{services}");
}

#[test]
fn opening_keeps_a_newer_pack_and_a_pack_of_another_region() {
    let key = TestKey::new();
    let newer = key.kz_pack(bundled_version() + 4, &test_content());
    let tmp = tempfile::tempdir().unwrap();
    let path = earlier_vault_db(tmp.path(), Some((&newer, &key)));
    assert_eq!(
        installed_after_open(&path),
        ("KZ".to_string(), bundled_version() + 4, 6)
    );

    let bytes = serde_json::to_vec(&test_content()).unwrap();
    let other = key.pack(&manifest("UZ", 0, &bytes), &bytes);
    let tmp = tempfile::tempdir().unwrap();
    let path = earlier_vault_db(tmp.path(), Some((&other, &key)));
    assert_eq!(installed_after_open(&path), ("UZ".to_string(), 0, 6));
}

#[test]
fn an_installed_update_survives_lock_and_unlock() {
    let (tv, s) = setup();
    let key = TestKey::new();
    s.install_pack_trusting_test_key(&key.kz_pack(4, &test_content()), &key.public_b64)
        .unwrap();
    tv.vault.lock();
    let UnlockOutcome::Opened(s) = tv.vault.unlock(&pin(PIN)).unwrap() else {
        panic!("the real PIN opens the vault");
    };
    assert_eq!(s.directory_info().unwrap().version, 4);
    assert_eq!(names(&s, "abai"), ["almaty-crisis"]);
}
