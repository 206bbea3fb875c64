//! Standard Open Referral HSDS 3.0 JSON in: what a crisis centre's existing HSDS tool exports,
//! turned into Haven's profile ([`super::hsds`]).
//!
//! Why a separate importer: standard HSDS is single-language, nests records (a service holds
//! its organization, phones, schedules and `service_at_locations[].location.addresses[]`),
//! carries many fields Haven does not use (email, fees, accreditations, …), and has no
//! provenance. Haven's profile needs kk/ru/en text, flat tables, and a source, a verified date
//! and a verification state on every record. So the importer:
//!
//! * puts every text into the **one locale** the maintainer names (the others stay empty and
//!   show the fallback language until translated);
//! * **ignores** standard fields Haven does not use, and counts them per field for a summary;
//! * maps **taxonomy terms** (`attributes[].taxonomy_term`) to Haven's service types where their
//!   code or name says so ([`service_type_of`]); unmapped terms are listed;
//! * takes **provenance from the caller** (command-line options or a side file), never invents
//!   it; a record without provenance is a problem, not a guess;
//! * withholds the street address and coordinates of any service typed `shelter` (HSDS has no
//!   confidentiality flag; a published shelter address can cost a life) and says so;
//! * normalizes phone numbers only by removing what is not a digit (spaces, dashes, brackets,
//!   quotes) after an optional leading "+"; a number that is still not dialable is a problem.
//!
//! Accepted shapes: one service object (`service_full.json`), an array of them, or a paginated
//! list `{"contents": [...]}`. The result still goes through the profile's validation.

use super::hsds::{
    Content, Language, Location, Organization, Phone, Problem, Schedule, Service,
    ServiceAtLocation, Text,
};
use super::taxonomy::ServiceType;
use crate::locale::Locale;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Where a record's information comes from, supplied by the maintainer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// What the import produced, and what it left out.
#[derive(Debug)]
pub struct Imported {
    pub content: Content,
    /// Standard fields Haven does not use: "service.email" → how many records had it.
    pub ignored: BTreeMap<String, usize>,
    /// Taxonomy terms that map to no Haven service type.
    pub unmapped_terms: BTreeSet<String>,
    /// Notes on what was changed for safety or skipped (shelter addresses, non-weekly hours).
    pub notes: Vec<String>,
}

/// Haven's service type for an HSDS taxonomy term's code or name, if it says one.
pub fn service_type_of(term: &str) -> Option<ServiceType> {
    let t = term.to_lowercase();
    if let Ok(exact) = t.trim().parse::<ServiceType>() {
        return Some(exact);
    }
    const WORDS: &[(&str, ServiceType)] = &[
        ("shelter", ServiceType::Shelter),
        ("refuge", ServiceType::Shelter),
        ("crisis cent", ServiceType::CrisisCentre),
        ("crisis intervention", ServiceType::CrisisCentre),
        ("hotline", ServiceType::Hotline),
        ("helpline", ServiceType::Hotline),
        ("crisis line", ServiceType::Hotline),
        ("police", ServiceType::Police),
        ("law enforcement", ServiceType::Police),
        ("legal", ServiceType::LegalAid),
        ("counsel", ServiceType::PsychologicalSupport),
        ("mental health", ServiceType::PsychologicalSupport),
        ("psycholog", ServiceType::PsychologicalSupport),
        ("medical", ServiceType::Medical),
        ("health care", ServiceType::Medical),
        ("hospital", ServiceType::Medical),
        ("child protection", ServiceType::ChildProtection),
        ("child abuse", ServiceType::ChildProtection),
        ("emergency", ServiceType::Emergency),
    ];
    WORDS.iter().find(|(w, _)| t.contains(w)).map(|(_, ty)| *ty)
}

struct Importer<'a> {
    locale: Locale,
    provenance: &'a dyn Fn(&str, &str) -> Option<Provenance>,
    out: Content,
    ignored: BTreeMap<String, usize>,
    unmapped: BTreeSet<String>,
    notes: Vec<String>,
    problems: Vec<Problem>,
    seen_orgs: BTreeSet<String>,
    seen_locations: BTreeSet<String>,
}

const FILE: &str = "HSDS JSON";

/// Imports standard HSDS 3.0 JSON. `provenance(table, id)` gives each record's source, date and
/// state (`table` is "organization", "service", "location", "phone" or "schedule").
pub fn import_json(
    bytes: &[u8],
    locale: Locale,
    default_timezone: &str,
    provenance: &dyn Fn(&str, &str) -> Option<Provenance>,
) -> Result<Imported, Vec<Problem>> {
    let problem = |reason: String| Problem {
        file: FILE.into(),
        record: 0,
        field: String::new(),
        reason,
    };
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| vec![problem(format!("not JSON: {e}"))])?;
    let services: Vec<&Value> = match &v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(m) => match m.get("contents") {
            Some(Value::Array(a)) => a.iter().collect(),
            _ => vec![&v],
        },
        _ => {
            return Err(vec![problem(
                "expected a service, a list or {\"contents\": [...]}".into(),
            )])
        }
    };
    let mut im = Importer {
        locale,
        provenance,
        out: Content {
            profile: super::hsds::PROFILE.into(),
            default_timezone: default_timezone.into(),
            organizations: Vec::new(),
            services: Vec::new(),
            locations: Vec::new(),
            service_at_locations: Vec::new(),
            phones: Vec::new(),
            schedules: Vec::new(),
            languages: Vec::new(),
        },
        ignored: BTreeMap::new(),
        unmapped: BTreeSet::new(),
        notes: Vec::new(),
        problems: Vec::new(),
        seen_orgs: BTreeSet::new(),
        seen_locations: BTreeSet::new(),
    };
    for (i, s) in services.into_iter().enumerate() {
        match s.as_object() {
            Some(s) => im.service(i + 1, s),
            None => im.problem(i + 1, "", "a service must be a JSON object"),
        }
    }
    let mut problems = im.problems;
    problems.extend(im.out.validate(&|_, i| (FILE.to_string(), i + 1)));
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Imported {
        content: im.out,
        ignored: im.ignored,
        unmapped_terms: im.unmapped,
        notes: im.notes,
    })
}

fn text_of(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Importer<'_> {
    fn problem(&mut self, record: usize, field: &str, reason: &str) {
        self.problems.push(Problem {
            file: FILE.into(),
            record,
            field: field.into(),
            reason: reason.into(),
        });
    }

    fn text(&self, s: String) -> Text {
        let mut t = Text::default();
        match self.locale {
            Locale::Kk => t.kk = Some(s),
            Locale::Ru => t.ru = Some(s),
            Locale::En => t.en = Some(s),
        }
        t
    }

    /// Counts the fields of `m` not in `used` as ignored under `table`.
    fn ignore_rest(&mut self, table: &str, m: &Map<String, Value>, used: &[&str]) {
        for (k, v) in m {
            if !used.contains(&k.as_str()) && !v.is_null() {
                *self.ignored.entry(format!("{table}.{k}")).or_default() += 1;
            }
        }
    }

    fn prov(&mut self, record: usize, table: &str, id: &str) -> Option<Provenance> {
        let p = (self.provenance)(table, id);
        if p.is_none() {
            self.problem(
                record,
                "source",
                &format!("{table} {id}: no source, verified date and state given (use the options or the side file)"),
            );
        }
        p
    }

    fn service(&mut self, record: usize, s: &Map<String, Value>) {
        let Some(id) = text_of(s, "id") else {
            return self.problem(record, "id", "a service needs an id");
        };
        let org_id = match s.get("organization").and_then(Value::as_object) {
            Some(org) => self.organization(record, org),
            None => text_of(s, "organization_id"),
        };
        let Some(org_id) = org_id else {
            return self.problem(record, "organization", "a service needs its organization");
        };
        // Taxonomy terms: service.attributes[].taxonomy_term.{code,name,term}.
        let mut types: Vec<ServiceType> = Vec::new();
        for a in s
            .get("attributes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let term = a.get("taxonomy_term").and_then(Value::as_object);
            let labels: Vec<String> = term
                .into_iter()
                .flat_map(|t| ["code", "name", "term"].map(|k| text_of(t, k)))
                .flatten()
                .collect();
            match labels.iter().find_map(|l| service_type_of(l)) {
                Some(t) if !types.contains(&t) => types.push(t),
                Some(_) => {}
                None => {
                    if let Some(l) = labels.first() {
                        self.unmapped.insert(l.clone());
                    }
                }
            }
        }
        let Some(p) = self.prov(record, "service", &id) else {
            return;
        };
        let shelter = types.contains(&ServiceType::Shelter);
        self.out.services.push(Service {
            id: id.clone(),
            organization_id: org_id,
            name: self.text(text_of(s, "name").unwrap_or_default()),
            description: text_of(s, "description").map(|d| self.text(d)),
            service_types: types.iter().map(|t| t.code().to_string()).collect(),
            status: text_of(s, "status").unwrap_or_else(|| "active".into()),
            confidential: shelter,
            source: p.source,
            verified_on: p.verified_on,
            verified: p.verified,
        });
        for ph in s
            .get("phones")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(ph) = ph.as_object() {
                self.phone(record, ph, Some(&id), None);
            }
        }
        for sc in s
            .get("schedules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(sc) = sc.as_object() {
                self.schedule(record, sc, Some(&id), None);
            }
        }
        for l in s
            .get("languages")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(code) = l.as_object().and_then(|l| text_of(l, "code")) {
                let n = self.out.languages.len() + 1;
                self.out.languages.push(Language {
                    id: format!("{id}-lang-{n}"),
                    service_id: id.clone(),
                    code: code.to_ascii_lowercase(),
                });
            }
        }
        for sal in s
            .get("service_at_locations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(sal) = sal.as_object() else { continue };
            let Some(loc) = sal.get("location").and_then(Value::as_object) else {
                continue;
            };
            if let Some(loc_id) = self.location(record, loc, shelter) {
                let n = self.out.service_at_locations.len() + 1;
                self.out.service_at_locations.push(ServiceAtLocation {
                    id: text_of(sal, "id").unwrap_or_else(|| format!("{id}-at-{n}")),
                    service_id: id.clone(),
                    location_id: loc_id,
                });
            }
            self.ignore_rest("service_at_location", sal, &["id", "location"]);
        }
        self.ignore_rest(
            "service",
            s,
            &[
                "id",
                "name",
                "description",
                "status",
                "organization",
                "organization_id",
                "attributes",
                "phones",
                "schedules",
                "languages",
                "service_at_locations",
            ],
        );
    }

    fn organization(&mut self, record: usize, o: &Map<String, Value>) -> Option<String> {
        let id = text_of(o, "id")?;
        if self.seen_orgs.insert(id.clone()) {
            let p = self.prov(record, "organization", &id)?;
            self.out.organizations.push(Organization {
                id: id.clone(),
                name: self.text(text_of(o, "name").unwrap_or_default()),
                description: text_of(o, "description").map(|d| self.text(d)),
                website: text_of(o, "website"),
                source: p.source,
                verified_on: p.verified_on,
                verified: p.verified,
            });
            self.ignore_rest("organization", o, &["id", "name", "description", "website"]);
        }
        Some(id)
    }

    fn location(&mut self, record: usize, l: &Map<String, Value>, shelter: bool) -> Option<String> {
        let id = text_of(l, "id")?;
        if text_of(l, "location_type").is_some_and(|t| t == "virtual") {
            self.notes.push(format!("location {id}: virtual, skipped"));
            return None;
        }
        if !self.seen_locations.insert(id.clone()) {
            return Some(id);
        }
        let p = self.prov(record, "location", &id)?;
        let addresses: Vec<&Map<String, Value>> = l
            .get("addresses")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect();
        let address = addresses
            .iter()
            .find(|a| text_of(a, "address_type").as_deref() == Some("physical"))
            .or(addresses.first())
            .copied();
        let get = |k: &str| address.and_then(|a| text_of(a, k));
        if shelter
            && (get("address_1").is_some() || l.get("latitude").is_some_and(|v| !v.is_null()))
        {
            self.notes.push(format!(
                "location {id}: a shelter's location — street address, postal code and coordinates withheld (confidential)"
            ));
        }
        let number = |k: &str| l.get(k).and_then(Value::as_f64);
        self.out.locations.push(Location {
            id: id.clone(),
            organization_id: None,
            name: text_of(l, "name").map(|n| self.text(n)),
            confidential: shelter,
            address_1: if shelter {
                None
            } else {
                get("address_1").map(|a| self.text(a))
            },
            city: get("city").map(|c| self.text(c)),
            region: get("region")
                .or_else(|| get("state_province"))
                .map(|r| self.text(r)),
            postal_code: if shelter { None } else { get("postal_code") },
            country: get("country").unwrap_or_default().to_ascii_uppercase(),
            latitude: if shelter { None } else { number("latitude") },
            longitude: if shelter { None } else { number("longitude") },
            timezone: None,
            source: p.source,
            verified_on: p.verified_on,
            verified: p.verified,
        });
        for ph in l
            .get("phones")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(ph) = ph.as_object() {
                self.phone(record, ph, None, Some(&id));
            }
        }
        for sc in l
            .get("schedules")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(sc) = sc.as_object() {
                self.schedule(record, sc, None, Some(&id));
            }
        }
        self.ignore_rest(
            "location",
            l,
            &[
                "id",
                "name",
                "location_type",
                "addresses",
                "latitude",
                "longitude",
                "phones",
                "schedules",
            ],
        );
        Some(id)
    }

    fn phone(
        &mut self,
        record: usize,
        ph: &Map<String, Value>,
        service_id: Option<&str>,
        location_id: Option<&str>,
    ) {
        let Some(id) = text_of(ph, "id") else { return };
        if self.out.phones.iter().any(|p| p.id == id) {
            return; // the same phone nested again (service, location, contact)
        }
        let raw = text_of(ph, "number").unwrap_or_default();
        let plus = raw
            .trim_matches(|c: char| !c.is_ascii_digit() && c != '+')
            .starts_with('+');
        let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
        let number = if plus { format!("+{digits}") } else { digits };
        if !super::hsds::valid_phone_number(&number) {
            return self.problem(
                record,
                "number",
                &format!("phone {id}: {raw:?} is not a dialable number (2–6 digits, or + and 8–15 digits); fix it at the source"),
            );
        }
        let Some(p) = self.prov(record, "phone", &id) else {
            return;
        };
        let extension = match ph.get("extension") {
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        };
        self.out.phones.push(Phone {
            id,
            service_id: service_id.map(str::to_string),
            location_id: location_id.map(str::to_string),
            number,
            extension,
            kind: text_of(ph, "type").unwrap_or_else(|| "voice".into()),
            description: text_of(ph, "description").map(|d| self.text(d)),
            source: p.source,
            verified_on: p.verified_on,
            verified: p.verified,
        });
        self.ignore_rest(
            "phone",
            ph,
            &["id", "number", "extension", "type", "description"],
        );
    }

    fn schedule(
        &mut self,
        record: usize,
        sc: &Map<String, Value>,
        service_id: Option<&str>,
        location_id: Option<&str>,
    ) {
        let Some(id) = text_of(sc, "id") else { return };
        if self.out.schedules.iter().any(|s| s.id == id) {
            return;
        }
        let (freq, byday, opens, closes) = (
            text_of(sc, "freq"),
            text_of(sc, "byday"),
            text_of(sc, "opens_at"),
            text_of(sc, "closes_at"),
        );
        let (Some(freq), Some(byday), Some(opens), Some(closes)) = (freq, byday, opens, closes)
        else {
            self.notes.push(format!(
                "schedule {id}: not a weekly rule with days and times, skipped"
            ));
            return;
        };
        if freq != "WEEKLY" {
            self.notes.push(format!(
                "schedule {id}: {freq} rules are not supported, skipped"
            ));
            return;
        }
        let Some(p) = self.prov(record, "schedule", &id) else {
            return;
        };
        let hhmm = |t: &str| t.get(..5).unwrap_or(t).to_string();
        let (opens, closes) = (hhmm(&opens), hhmm(&closes));
        self.out.schedules.push(Schedule {
            id,
            service_id: service_id.map(str::to_string),
            location_id: location_id.map(str::to_string),
            freq,
            byday,
            closes_next_day: closes <= opens,
            opens_at: opens,
            closes_at: closes,
            description: text_of(sc, "description").map(|d| self.text(d)),
            source: p.source,
            verified_on: p.verified_on,
            verified: p.verified,
        });
        self.ignore_rest(
            "schedule",
            sc,
            &[
                "id",
                "freq",
                "byday",
                "opens_at",
                "closes_at",
                "description",
            ],
        );
    }
}

/// Standard HSDS 3.0 tabular files read by [`import_csv`]; other files of the package are
/// ignored (listed in the summary when present).
const CSV_FILES: [&str; 10] = [
    "services.csv",
    "organizations.csv",
    "locations.csv",
    "addresses.csv",
    "phones.csv",
    "schedules.csv",
    "service_at_locations.csv",
    "languages.csv",
    "attributes.csv",
    "taxonomy_terms.csv",
];

type Rows = Vec<Map<String, Value>>;

fn read_rows(file: &str, bytes: &[u8]) -> Result<Rows, Problem> {
    let problem = |record: usize, reason: String| Problem {
        file: file.into(),
        record,
        field: String::new(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| problem(0, format!("unreadable header: {e}")))?
        .clone();
    let mut rows = Vec::new();
    for (i, r) in reader.records().enumerate() {
        let r = r.map_err(|e| problem(i + 1, format!("unreadable row: {e}")))?;
        let mut m = Map::new();
        for (h, v) in headers.iter().zip(r.iter()) {
            if !v.trim().is_empty() {
                m.insert(h.trim().to_string(), Value::String(v.trim().to_string()));
            }
        }
        rows.push(m);
    }
    Ok(rows)
}

fn rows_where<'a>(rows: &'a Rows, key: &str, id: &str) -> Vec<&'a Map<String, Value>> {
    rows.iter()
        .filter(|r| r.get(key).and_then(Value::as_str) == Some(id))
        .collect()
}

/// Imports a standard HSDS 3.0 tabular package (one CSV per table, as published) by joining
/// its tables into the nested shape [`import_json`] reads. `read(name)` returns a file's bytes
/// if the package has it.
pub fn import_csv(
    read: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    locale: Locale,
    default_timezone: &str,
    provenance: &dyn Fn(&str, &str) -> Option<Provenance>,
) -> Result<Imported, Vec<Problem>> {
    let mut t: BTreeMap<&str, Rows> = BTreeMap::new();
    for f in CSV_FILES {
        let rows = match read(f) {
            Some(bytes) => read_rows(f, &bytes).map_err(|p| vec![p])?,
            None => Vec::new(),
        };
        t.insert(f, rows);
    }
    if t["services.csv"].is_empty() {
        return Err(vec![Problem {
            file: "services.csv".into(),
            record: 0,
            field: String::new(),
            reason: "a standard HSDS package needs services.csv with at least one service".into(),
        }]);
    }
    let number = |m: &mut Map<String, Value>, k: &str| {
        if let Some(v) = m
            .get(k)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<f64>().ok())
        {
            m.insert(k.into(), Value::from(v));
        }
    };
    let with_phones_and_hours = |m: &mut Map<String, Value>, key: &str, id: &str| {
        let phones: Vec<Value> = rows_where(&t["phones.csv"], key, id)
            .into_iter()
            .map(|r| Value::Object(r.clone()))
            .collect();
        let hours: Vec<Value> = rows_where(&t["schedules.csv"], key, id)
            .into_iter()
            .map(|r| Value::Object(r.clone()))
            .collect();
        m.insert("phones".into(), Value::Array(phones));
        m.insert("schedules".into(), Value::Array(hours));
    };
    let mut services = Vec::new();
    for s in &t["services.csv"] {
        let mut s = s.clone();
        let id = s
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if let Some(org_id) = s.get("organization_id").and_then(Value::as_str) {
            if let Some(org) = rows_where(&t["organizations.csv"], "id", org_id).first() {
                s.insert("organization".into(), Value::Object((*org).clone()));
                s.remove("organization_id");
            }
        }
        with_phones_and_hours(&mut s, "service_id", &id);
        let languages: Vec<Value> = rows_where(&t["languages.csv"], "service_id", &id)
            .into_iter()
            .map(|r| Value::Object(r.clone()))
            .collect();
        s.insert("languages".into(), Value::Array(languages));
        let mut attributes = Vec::new();
        for a in rows_where(&t["attributes.csv"], "link_id", &id) {
            let term_id = a
                .get("taxonomy_term_id")
                .and_then(Value::as_str)
                .unwrap_or("");
            if let Some(term) = rows_where(&t["taxonomy_terms.csv"], "id", term_id).first() {
                let mut a = a.clone();
                a.insert("taxonomy_term".into(), Value::Object((*term).clone()));
                attributes.push(Value::Object(a));
            }
        }
        s.insert("attributes".into(), Value::Array(attributes));
        let mut sals = Vec::new();
        for sal in rows_where(&t["service_at_locations.csv"], "service_id", &id) {
            let loc_id = sal.get("location_id").and_then(Value::as_str).unwrap_or("");
            let Some(loc) = rows_where(&t["locations.csv"], "id", loc_id)
                .first()
                .copied()
            else {
                continue;
            };
            let mut loc = loc.clone();
            number(&mut loc, "latitude");
            number(&mut loc, "longitude");
            let addresses: Vec<Value> = rows_where(&t["addresses.csv"], "location_id", loc_id)
                .into_iter()
                .map(|r| Value::Object(r.clone()))
                .collect();
            loc.insert("addresses".into(), Value::Array(addresses));
            with_phones_and_hours(&mut loc, "location_id", loc_id);
            let mut sal = sal.clone();
            sal.remove("service_id");
            sal.remove("location_id");
            sal.insert("location".into(), Value::Object(loc));
            sals.push(Value::Object(sal));
        }
        s.insert("service_at_locations".into(), Value::Array(sals));
        services.push(Value::Object(s));
    }
    // Link columns (service_id, location_id, …) are structure, not ignored data.
    let json = serde_json::to_vec(&Value::Array(services)).unwrap_or_default();
    let mut imported = import_json(&json, locale, default_timezone, provenance)?;
    imported.ignored.retain(|k, _| {
        ![
            "service_id",
            "location_id",
            "organization_id",
            "link_id",
            "link_type",
            "taxonomy_term_id",
        ]
        .iter()
        .any(|link| k.ends_with(&format!(".{link}")))
    });
    Ok(imported)
}
