//! Directory test support: a signing key made in the test, packs signed with it, a small
//! hand-written test directory and a generated one of any size. Shared by the directory tests
//! and the benchmark (`#[path]`-included there).
#![allow(dead_code, clippy::unwrap_used)]

use haven_core::directory::pack::{self, Manifest};
use serde_json::{json, Value};

/// A throwaway minisign key pair, generated per test run.
pub struct TestKey {
    pub public_b64: String,
    sk: minisign::SecretKey,
}

impl TestKey {
    pub fn new() -> TestKey {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        TestKey {
            public_b64: kp.pk.to_base64(),
            sk: kp.sk,
        }
    }

    /// Signs the signed part of a pack and appends the signature.
    pub fn sign(&self, signed: &[u8]) -> Vec<u8> {
        let sig = minisign::sign(None, &self.sk, std::io::Cursor::new(signed), None, None).unwrap();
        pack::attach_signature(signed, sig.into_string().as_bytes())
    }

    /// A complete, signed pack.
    pub fn pack(&self, manifest: &Manifest, content: &[u8]) -> Vec<u8> {
        self.sign(&pack::signed_part(manifest, content))
    }

    /// A signed KZ pack of `content` with `version`.
    pub fn kz_pack(&self, version: u64, content: &Value) -> Vec<u8> {
        let bytes = serde_json::to_vec(content).unwrap();
        self.pack(&manifest("KZ", version, &bytes), &bytes)
    }
}

pub fn manifest(region: &str, version: u64, content: &[u8]) -> Manifest {
    Manifest {
        format: pack::MANIFEST_FORMAT.into(),
        region: region.into(),
        version,
        created: "2026-01-01T00:00:00Z".into(),
        expires: "2027-01-01T00:00:00Z".into(),
        min_core_version: "0.1.0".into(),
        content_sha256: pack::sha256_hex(content),
    }
}

fn prov() -> Value {
    json!({"source": "test fixture", "verified_on": "2026-01-15", "verified": true})
}

fn with_prov(mut v: Value) -> Value {
    let p = prov();
    for (k, val) in p.as_object().unwrap() {
        v.as_object_mut()
            .unwrap()
            .entry(k.clone())
            .or_insert(val.clone());
    }
    v
}

fn t(kk: &str, ru: &str, en: &str) -> Value {
    json!({"kk": kk, "ru": ru, "en": en})
}

/// A small directory exercising every feature. Numbers are fictitious (+7 700 000 00xx).
pub fn test_content() -> Value {
    let weekdays = "MO,TU,WE,TH,FR";
    let all_days = "MO,TU,WE,TH,FR,SA,SU";
    json!({
        "profile": "haven-hsds-3.0/1",
        "default_timezone": "Asia/Almaty",
        "organizations": [
            with_prov(json!({"id": "org-almaty", "name": t("Алматы дағдарыс орталығы", "Алматинский кризисный центр", "Almaty Crisis Centre")})),
            with_prov(json!({"id": "org-astana", "name": t("Астана баспанасы", "Приют Астаны", "Astana Shelter Foundation")})),
            with_prov(json!({"id": "org-legal", "name": t("Қарағанды заңгерлері", "Юристы Караганды", "Karaganda Lawyers")})),
            with_prov(json!({"id": "org-national", "name": t("Ұлттық желі", "Национальная линия", "National Line")})),
            with_prov(json!({"id": "org-oskemen", "name": t("Өскемен ауруханасы", "Больница Усть-Каменогорска", "Oskemen Hospital")})),
            with_prov(json!({"id": "org-shymkent", "name": t("Шымкент полиция департаменті", "Департамент полиции Шымкента", "Shymkent Police Department")}))
        ],
        "services": [
            with_prov(json!({"id": "almaty-crisis", "organization_id": "org-almaty",
                "name": t("Алматы дағдарыс орталығы", "Кризисный центр Алматы", "Almaty crisis centre"),
                "description": t("Зорлық-зомбылықтан зардап шеккен әйелдерге көмек.", "Помощь женщинам, пострадавшим от насилия.", "Help for women who suffered violence."),
                "service_types": ["crisis_centre", "psychological_support"], "status": "active"})),
            with_prov(json!({"id": "astana-shelter", "organization_id": "org-astana",
                "name": t("Астана уақытша баспанасы", "Приют «Астана»", "Astana shelter"),
                "description": t("Қабылдау тек телефон арқылы.", "Приём только по телефону.", "Intake by phone only."),
                "service_types": ["shelter"], "status": "active", "confidential": true})),
            with_prov(json!({"id": "karaganda-legal", "organization_id": "org-legal",
                "name": t("Қарағанды заң көмегі", "Юридическая помощь Караганда", "Karaganda legal aid"),
                "service_types": ["legal_aid"], "status": "active"})),
            with_prov(json!({"id": "national-hotline", "organization_id": "org-national",
                "name": t("Ұлттық сенім телефоны", "Национальный телефон доверия", "National hotline"),
                "service_types": ["hotline"], "status": "active"})),
            with_prov(json!({"id": "oskemen-medical", "organization_id": "org-oskemen",
                "name": t("Өскемен медициналық орталығы", "Медицинский центр Усть-Каменогорска", "Oskemen medical centre"),
                "service_types": ["medical"], "status": "active", "verified": false})),
            with_prov(json!({"id": "shymkent-police", "organization_id": "org-shymkent",
                "name": t("Шымкент полициясы", "Полиция Шымкента", "Shymkent police"),
                "service_types": ["police", "emergency"], "status": "active"})),
            with_prov(json!({"id": "closed-service", "organization_id": "org-almaty",
                "name": t("Жабылған орталық", "Закрытый центр", "Defunct centre Almaty"),
                "service_types": ["crisis_centre"], "status": "defunct"}))
        ],
        "locations": [
            with_prov(json!({"id": "loc-almaty", "organization_id": "org-almaty", "country": "KZ",
                "address_1": t("Абай даңғылы, 1", "проспект Абая, 1", "1 Abai Avenue"),
                "city": t("Алматы", "Алматы", "Almaty"), "latitude": 43.2389, "longitude": 76.8897})),
            with_prov(json!({"id": "loc-astana", "organization_id": "org-astana", "country": "KZ", "confidential": true,
                "city": t("Астана", "Астана", "Astana")})),
            with_prov(json!({"id": "loc-karaganda", "organization_id": "org-legal", "country": "KZ",
                "address_1": t("Бұқар жырау даңғылы, 2", "проспект Бухар-Жырау, 2", "2 Bukhar Zhyrau Avenue"),
                "city": t("Қарағанды", "Караганда", "Karaganda"), "latitude": 49.8047, "longitude": 73.1094})),
            with_prov(json!({"id": "loc-oskemen", "organization_id": "org-oskemen", "country": "KZ",
                "city": t("Өскемен", "Усть-Каменогорск", "Oskemen"), "latitude": 49.9483, "longitude": 82.6286,
                "timezone": "Asia/Almaty"})),
            with_prov(json!({"id": "loc-shymkent", "organization_id": "org-shymkent", "country": "KZ",
                "city": t("Шымкент", "Шымкент", "Shymkent"), "latitude": 42.3417, "longitude": 69.5901}))
        ],
        "service_at_locations": [
            {"id": "sal-1", "service_id": "almaty-crisis", "location_id": "loc-almaty"},
            {"id": "sal-2", "service_id": "astana-shelter", "location_id": "loc-astana"},
            {"id": "sal-3", "service_id": "karaganda-legal", "location_id": "loc-karaganda"},
            {"id": "sal-4", "service_id": "oskemen-medical", "location_id": "loc-oskemen"},
            {"id": "sal-5", "service_id": "shymkent-police", "location_id": "loc-shymkent"}
        ],
        "phones": [
            with_prov(json!({"id": "ph-1", "service_id": "almaty-crisis", "number": "+77000000001", "type": "voice"})),
            with_prov(json!({"id": "ph-2", "service_id": "astana-shelter", "number": "+77000000002", "type": "voice",
                "description": t("Қабылдау", "Приём", "Intake")})),
            with_prov(json!({"id": "ph-3", "location_id": "loc-karaganda", "number": "+77000000003", "type": "voice"})),
            with_prov(json!({"id": "ph-4", "service_id": "national-hotline", "number": "1150", "type": "voice", "verified": false})),
            with_prov(json!({"id": "ph-5", "service_id": "national-hotline", "number": "+77000000005", "type": "text"}))
        ],
        "schedules": [
            with_prov(json!({"id": "sch-1", "service_id": "almaty-crisis", "freq": "WEEKLY", "byday": weekdays, "opens_at": "09:00", "closes_at": "18:00"})),
            with_prov(json!({"id": "sch-2", "service_id": "astana-shelter", "freq": "WEEKLY", "byday": all_days, "opens_at": "00:00", "closes_at": "00:00", "closes_next_day": true})),
            with_prov(json!({"id": "sch-3", "service_id": "karaganda-legal", "freq": "WEEKLY", "byday": weekdays, "opens_at": "22:00", "closes_at": "06:00", "closes_next_day": true})),
            with_prov(json!({"id": "sch-4", "location_id": "loc-shymkent", "freq": "WEEKLY", "byday": all_days, "opens_at": "00:00", "closes_at": "00:00", "closes_next_day": true})),
            with_prov(json!({"id": "sch-5", "service_id": "oskemen-medical", "freq": "WEEKLY", "byday": "SA,SU", "opens_at": "10:00", "closes_at": "14:00"}))
        ],
        "languages": [
            {"id": "lang-1", "service_id": "almaty-crisis", "code": "kk"},
            {"id": "lang-2", "service_id": "almaty-crisis", "code": "ru"},
            {"id": "lang-3", "service_id": "astana-shelter", "code": "kk"},
            {"id": "lang-4", "service_id": "astana-shelter", "code": "ru"},
            {"id": "lang-5", "service_id": "astana-shelter", "code": "en"},
            {"id": "lang-6", "service_id": "karaganda-legal", "code": "ru"}
        ]
    })
}

const CITIES: [(&str, &str, &str, f64, f64); 8] = [
    ("Алматы", "Алматы", "Almaty", 43.2389, 76.8897),
    ("Астана", "Астана", "Astana", 51.1605, 71.4704),
    ("Шымкент", "Шымкент", "Shymkent", 42.3417, 69.5901),
    ("Қарағанды", "Караганда", "Karaganda", 49.8047, 73.1094),
    ("Ақтөбе", "Актобе", "Aktobe", 50.2839, 57.1670),
    ("Павлодар", "Павлодар", "Pavlodar", 52.2873, 76.9674),
    ("Өскемен", "Усть-Каменогорск", "Oskemen", 49.9483, 82.6286),
    ("Атырау", "Атырау", "Atyrau", 47.0945, 51.9238),
];

const KINDS: [(&str, &str, &str, &str); 6] = [
    (
        "crisis_centre",
        "дағдарыс орталығы",
        "кризисный центр",
        "crisis centre",
    ),
    ("shelter", "уақытша баспана", "приют", "shelter"),
    (
        "legal_aid",
        "заң кеңесі",
        "юридическая консультация",
        "legal advice",
    ),
    (
        "psychological_support",
        "психолог кабинеті",
        "кабинет психолога",
        "counselling room",
    ),
    ("medical", "емхана", "поликлиника", "clinic"),
    ("hotline", "сенім телефоны", "телефон доверия", "helpline"),
];

/// A generated directory of `n` services spread over eight cities, each with a location, a
/// phone, hours and a language (for benchmarks and the kill -9 test).
pub fn generated_content(n: usize) -> Value {
    let mut orgs = Vec::new();
    let mut services = Vec::new();
    let mut locations = Vec::new();
    let mut sals = Vec::new();
    let mut phones = Vec::new();
    let mut schedules = Vec::new();
    let mut languages = Vec::new();
    for (c, (ck, cr, ce, _, _)) in CITIES.iter().enumerate() {
        for (k, (_, kk, ru, en)) in KINDS.iter().enumerate() {
            orgs.push(with_prov(json!({"id": format!("o{c}-{k}"),
                "name": t(&format!("{ck} {kk}"), &format!("{ru} ({cr})"), &format!("{ce} {en}"))})));
        }
    }
    for i in 0..n {
        let (ck, cr, ce, lat, lon) = CITIES[i % CITIES.len()];
        let kind = (i / CITIES.len()) % KINDS.len();
        let (code, kk, ru, en) = KINDS[kind];
        let org = format!("o{}-{kind}", i % CITIES.len());
        let confidential = code == "shelter";
        services.push(with_prov(json!({"id": format!("s{i}"), "organization_id": org,
            "name": t(&format!("{ck} {kk} {i}"), &format!("{ru} {cr} {i}"), &format!("{ce} {en} {i}")),
            "description": t(&format!("{ck} қаласындағы көмек, {kk}"), &format!("Помощь в городе {cr}: {ru}"), &format!("Help in {ce}: {en}")),
            "service_types": [code], "status": "active", "confidential": confidential})));
        let mut loc = json!({"id": format!("l{i}"), "country": "KZ",
            "city": t(ck, cr, ce), "confidential": confidential});
        if !confidential {
            let jitter = (i as f64 * 0.37).sin() * 0.05;
            loc["latitude"] = json!(lat + jitter);
            loc["longitude"] = json!(lon - jitter);
            loc["address_1"] = t(
                &format!("{i} көше"),
                &format!("улица {i}"),
                &format!("{i} Street"),
            );
        }
        locations.push(with_prov(loc));
        sals.push(json!({"id": format!("sal{i}"), "service_id": format!("s{i}"), "location_id": format!("l{i}")}));
        phones.push(with_prov(
            json!({"id": format!("p{i}"), "service_id": format!("s{i}"),
            "number": format!("+7700{:07}", i), "type": "voice"}),
        ));
        let (opens, closes, next) = match i % 3 {
            0 => ("09:00", "18:00", false),
            1 => ("20:00", "08:00", true),
            _ => ("00:00", "00:00", true),
        };
        schedules.push(with_prov(json!({"id": format!("h{i}"), "service_id": format!("s{i}"), "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR", "opens_at": opens, "closes_at": closes, "closes_next_day": next})));
        let code = ["kk", "ru", "en"][i % 3];
        languages.push(json!({"id": format!("g{i}"), "service_id": format!("s{i}"), "code": code}));
    }
    json!({
        "profile": "haven-hsds-3.0/1",
        "default_timezone": "Asia/Almaty",
        "organizations": orgs, "services": services, "locations": locations,
        "service_at_locations": sals, "phones": phones, "schedules": schedules, "languages": languages
    })
}
