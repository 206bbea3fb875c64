//! The content of a directory pack: a profile of Open Referral HSDS 3.0, its validation, and
//! import from HSDS JSON or an HSDS tabular (CSV) package.
//!
//! Why a profile: HSDS describes services well (organization, service, location, phone,
//! schedule, service_at_location, language) but has no per-field translations, no notion of a
//! confidential shelter address, and no per-entry provenance. In a safety app a stale or
//! invented number can cost a life, so every entry here carries `source`, `verified_on` and
//! `verified`, and validation refuses anything it cannot vouch for the shape of: unknown
//! fields (a misspelt `confidential` must not silently drop the flag), unknown service types,
//! malformed phone numbers, impossible hours, and a street address on a confidential location.
//!
//! The same [`Content`] is what a pack carries (compact JSON, [`Content::to_canonical_json`]) and
//! what maintainers write by hand (pretty JSON), so a committed source file and a signed pack can
//! be compared byte for byte after a rebuild. Validation reports every problem with its file,
//! record and field; the core never echoes a pack's text in its own errors.

use super::schedule;
use super::taxonomy::ServiceType;
use crate::locale::Locale;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The profile identifier every content document carries.
pub const PROFILE: &str = "haven-hsds-3.0/1";
/// Most records (of all kinds together) a pack may hold.
pub const MAX_RECORDS: usize = 200_000;
/// Longest text field, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// A text in every locale the pack provides. Missing locales fall back at display time.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Kazakh (Cyrillic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kk: Option<String>,
    /// Russian.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in `locale`, if the pack has it.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        match locale {
            Locale::Kk => self.kk.as_deref(),
            Locale::Ru => self.ru.as_deref(),
            Locale::En => self.en.as_deref(),
        }
        .filter(|s| !s.is_empty())
    }

    /// The text in `locale`, else English, Russian, Kazakh — whichever exists first.
    pub fn best(&self, locale: Locale) -> &str {
        [locale, Locale::En, Locale::Ru, Locale::Kk]
            .into_iter()
            .find_map(|l| self.get(l))
            .unwrap_or("")
    }

    /// Every locale's text, for the search index.
    pub(crate) fn all(&self) -> impl Iterator<Item = &str> {
        Locale::ALL.into_iter().filter_map(|l| self.get(l))
    }

    /// Locales this text is missing.
    pub fn missing(&self) -> Vec<Locale> {
        Locale::ALL
            .into_iter()
            .filter(|l| self.get(*l).is_none())
            .collect()
    }
}

/// Everything in a pack.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Must be [`PROFILE`].
    pub profile: String,
    /// IANA time zone for hours of services without a location of their own.
    pub default_timezone: String,
    #[serde(default)]
    pub organizations: Vec<Organization>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub locations: Vec<Location>,
    #[serde(default)]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub languages: Vec<Language>,
}

/// HSDS `organization`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// HSDS `service`, with `service_types` (taxonomy codes) and `confidential`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub organization_id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub service_types: Vec<String>,
    /// HSDS status: active, inactive, defunct, temporarily closed. Only active ones are shown.
    pub status: String,
    /// Intake by phone only; no location of it may carry a street address.
    #[serde(default)]
    pub confidential: bool,
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// HSDS `location` with its (single, physical) `address` folded in.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// A shelter's location: city and region only; no street, postal code or coordinates.
    #[serde(default)]
    pub confidential: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_1: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// IANA time zone; the pack's default if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// HSDS `service_at_location`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAtLocation {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
}

/// HSDS `phone`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    /// What to dial: a short national code ("112") or "+" and 8–15 digits. No spaces.
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// HSDS phone type: voice, text, cell, fax, video, textphone.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// HSDS `schedule` (weekly rules only), with `closes_next_day` for overnight hours.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    /// Must be "WEEKLY".
    pub freq: String,
    /// "MO,TU,WE,TH,FR,SA,SU".
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    #[serde(default)]
    pub closes_next_day: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub source: String,
    pub verified_on: String,
    pub verified: bool,
}

/// HSDS `language`: a language a service is offered in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    pub id: String,
    pub service_id: String,
    /// ISO 639 code, lowercase ("kk", "ru", "en").
    pub code: String,
}

/// One problem found in a pack's content, located precisely enough for a maintainer to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (or JSON table) holding the record.
    pub file: String,
    /// The record's line (CSV) or 1-based position (JSON); 0 for the file as a whole.
    pub record: usize,
    /// The field.
    pub field: String,
    /// What is wrong (fixed text).
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: record {}: {}: {}",
            self.file, self.record, self.field, self.reason
        )
    }
}

impl Content {
    /// Parses HSDS-profile JSON and validates it.
    pub fn from_json(bytes: &[u8]) -> Result<Content, Vec<Problem>> {
        let content: Content = serde_json::from_slice(bytes).map_err(|e| {
            vec![Problem {
                file: "content.json".into(),
                record: e.line(),
                field: format!("column {}", e.column()),
                reason: json_reason(&e),
            }]
        })?;
        let problems =
            content.validate(&|table, index| (format!("content.json: {table}"), index + 1));
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(problems)
        }
    }

    /// The exact bytes a pack carries: compact JSON in field order. Deterministic, so a
    /// rebuild of the same source gives the same content hash.
    pub fn to_canonical_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Pretty JSON, for source files people edit.
    pub fn to_pretty_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// Every problem in the content. `at(table, index)` names the file and record number.
    pub fn validate(&self, at: &dyn Fn(&'static str, usize) -> (String, usize)) -> Vec<Problem> {
        let mut v = Validator {
            problems: Vec::new(),
            at,
        };
        v.content(self);
        v.problems
    }

    /// How many records of every kind the content holds.
    pub fn record_count(&self) -> usize {
        self.organizations.len()
            + self.services.len()
            + self.locations.len()
            + self.service_at_locations.len()
            + self.phones.len()
            + self.schedules.len()
            + self.languages.len()
    }
}

/// A serde_json error reduced to its category and position (its message could quote content).
fn json_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "could not be read",
        Category::Syntax => "is not valid JSON",
        Category::Eof => "ends too early",
        Category::Data => "has a missing, unknown or mistyped field",
    }
    .to_string()
}

struct Validator<'a> {
    problems: Vec<Problem>,
    at: &'a dyn Fn(&'static str, usize) -> (String, usize),
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// A dialable number: a short national code (2–6 digits) or "+" and 8–15 digits.
pub fn valid_phone_number(n: &str) -> bool {
    match n.strip_prefix('+') {
        Some(rest) => (8..=15).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()),
        None => (2..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()),
    }
}

const PHONE_KINDS: [&str; 6] = ["voice", "text", "cell", "fax", "video", "textphone"];
const STATUSES: [&str; 4] = ["active", "inactive", "defunct", "temporarily closed"];

impl Validator<'_> {
    fn report(&mut self, table: &'static str, index: usize, field: &str, reason: &str) {
        let (file, record) = (self.at)(table, index);
        self.problems.push(Problem {
            file,
            record,
            field: field.to_string(),
            reason: reason.to_string(),
        });
    }

    fn ids<'c>(
        &mut self,
        table: &'static str,
        ids: impl Iterator<Item = &'c str>,
    ) -> HashSet<&'c str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !valid_id(id) {
                self.report(
                    table,
                    i,
                    "id",
                    "must be 1-64 characters of A-Z a-z 0-9 . _ : -",
                );
            } else if !seen.insert(id) {
                self.report(table, i, "id", "is used by another record of this kind");
            }
        }
        seen
    }

    fn text(
        &mut self,
        table: &'static str,
        i: usize,
        field: &str,
        t: Option<&Text>,
        required: bool,
    ) {
        let Some(t) = t else {
            if required {
                self.report(table, i, field, "is required");
            }
            return;
        };
        if t.all().next().is_none() {
            self.report(table, i, field, "needs text in at least one of kk, ru, en");
        }
        for (l, s) in [("kk", &t.kk), ("ru", &t.ru), ("en", &t.en)] {
            if let Some(s) = s {
                if s.chars().count() > MAX_TEXT_CHARS {
                    self.report(table, i, &format!("{field}.{l}"), "is too long");
                }
                if s.chars().any(|c| c.is_control() && c != '\n') {
                    self.report(
                        table,
                        i,
                        &format!("{field}.{l}"),
                        "contains control characters",
                    );
                }
            }
        }
    }

    fn provenance(&mut self, table: &'static str, i: usize, source: &str, verified_on: &str) {
        if source.trim().is_empty() {
            self.report(table, i, "source", "is required");
        } else if source.chars().count() > 500 || source.chars().any(char::is_control) {
            self.report(
                table,
                i,
                "source",
                "is too long or contains control characters",
            );
        }
        match NaiveDate::parse_from_str(verified_on, "%Y-%m-%d") {
            Ok(d) if d.format("%Y-%m-%d").to_string() == verified_on && d.year_ok() => {}
            _ => self.report(
                table,
                i,
                "verified_on",
                "must be a date YYYY-MM-DD (2000 or later)",
            ),
        }
    }

    fn reference(
        &mut self,
        table: &'static str,
        i: usize,
        field: &str,
        id: Option<&str>,
        known: &HashSet<&str>,
    ) {
        if let Some(id) = id {
            if !known.contains(id) {
                self.report(table, i, field, "refers to a record that does not exist");
            }
        }
    }

    fn content(&mut self, c: &Content) {
        if c.profile != PROFILE {
            self.report(
                "content",
                0,
                "profile",
                "is not the Haven HSDS profile this build reads",
            );
        }
        if schedule::parse_tz(&c.default_timezone).is_err() {
            self.report(
                "content",
                0,
                "default_timezone",
                "must be an IANA time zone such as Asia/Almaty",
            );
        }
        if c.record_count() > MAX_RECORDS {
            self.report("content", 0, "records", "too many records");
            return;
        }
        let orgs = self.ids(
            "organizations",
            c.organizations.iter().map(|o| o.id.as_str()),
        );
        let services = self.ids("services", c.services.iter().map(|s| s.id.as_str()));
        let locations = self.ids("locations", c.locations.iter().map(|l| l.id.as_str()));
        self.ids(
            "service_at_locations",
            c.service_at_locations.iter().map(|s| s.id.as_str()),
        );
        self.ids("phones", c.phones.iter().map(|p| p.id.as_str()));
        self.ids("schedules", c.schedules.iter().map(|s| s.id.as_str()));
        self.ids("languages", c.languages.iter().map(|l| l.id.as_str()));

        for (i, o) in c.organizations.iter().enumerate() {
            const T: &str = "organizations";
            self.text(T, i, "name", Some(&o.name), true);
            self.text(T, i, "description", o.description.as_ref(), false);
            if let Some(w) = &o.website {
                if !(w.starts_with("https://") || w.starts_with("http://")) || w.len() > 500 {
                    self.report(T, i, "website", "must be an http(s) address");
                }
            }
            self.provenance(T, i, &o.source, &o.verified_on);
        }
        for (i, s) in c.services.iter().enumerate() {
            const T: &str = "services";
            self.reference(T, i, "organization_id", Some(&s.organization_id), &orgs);
            self.text(T, i, "name", Some(&s.name), true);
            self.text(T, i, "description", s.description.as_ref(), false);
            if s.service_types.is_empty() {
                self.report(T, i, "service_types", "needs at least one service type");
            }
            for t in &s.service_types {
                if t.parse::<ServiceType>().is_err() {
                    self.report(
                        T,
                        i,
                        "service_types",
                        "has a term not in the haven-service-type taxonomy",
                    );
                }
            }
            if !STATUSES.contains(&s.status.as_str()) {
                self.report(
                    T,
                    i,
                    "status",
                    "must be active, inactive, defunct or temporarily closed",
                );
            }
            self.provenance(T, i, &s.source, &s.verified_on);
        }
        let confidential_services: HashSet<&str> = c
            .services
            .iter()
            .filter(|s| s.confidential)
            .map(|s| s.id.as_str())
            .collect();
        let confidential_locations: HashSet<&str> = c
            .locations
            .iter()
            .filter(|l| l.confidential)
            .map(|l| l.id.as_str())
            .collect();
        for (i, l) in c.locations.iter().enumerate() {
            const T: &str = "locations";
            self.reference(T, i, "organization_id", l.organization_id.as_deref(), &orgs);
            self.text(T, i, "name", l.name.as_ref(), false);
            self.text(T, i, "address_1", l.address_1.as_ref(), false);
            self.text(T, i, "city", l.city.as_ref(), false);
            self.text(T, i, "region", l.region.as_ref(), false);
            if l.confidential {
                if l.address_1.is_some() {
                    self.report(
                        T,
                        i,
                        "address_1",
                        "a confidential location must not have a street address",
                    );
                }
                if l.postal_code.is_some() {
                    self.report(
                        T,
                        i,
                        "postal_code",
                        "a confidential location must not have a postal code",
                    );
                }
                if l.latitude.is_some() || l.longitude.is_some() {
                    self.report(
                        T,
                        i,
                        "latitude",
                        "a confidential location must not have coordinates",
                    );
                }
            }
            if let Some(p) = &l.postal_code {
                if p.is_empty()
                    || p.len() > 12
                    || !p
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
                {
                    self.report(T, i, "postal_code", "is not a postal code");
                }
            }
            if l.country.len() != 2 || !l.country.bytes().all(|b| b.is_ascii_uppercase()) {
                self.report(
                    T,
                    i,
                    "country",
                    "must be an ISO 3166-1 alpha-2 code such as KZ",
                );
            }
            match (l.latitude, l.longitude) {
                (None, None) => {}
                (Some(lat), Some(lon)) => {
                    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                        self.report(T, i, "latitude", "coordinates are out of range");
                    }
                }
                _ => self.report(T, i, "longitude", "latitude and longitude go together"),
            }
            if let Some(tz) = &l.timezone {
                if schedule::parse_tz(tz).is_err() {
                    self.report(
                        T,
                        i,
                        "timezone",
                        "must be an IANA time zone such as Asia/Almaty",
                    );
                }
            }
            self.provenance(T, i, &l.source, &l.verified_on);
        }
        for (i, sal) in c.service_at_locations.iter().enumerate() {
            const T: &str = "service_at_locations";
            self.reference(T, i, "service_id", Some(&sal.service_id), &services);
            self.reference(T, i, "location_id", Some(&sal.location_id), &locations);
            if confidential_services.contains(sal.service_id.as_str())
                && locations.contains(sal.location_id.as_str())
                && !confidential_locations.contains(sal.location_id.as_str())
            {
                self.report(
                    T,
                    i,
                    "location_id",
                    "a confidential service must only be at confidential locations",
                );
            }
        }
        for (i, p) in c.phones.iter().enumerate() {
            const T: &str = "phones";
            if p.service_id.is_none() && p.location_id.is_none() {
                self.report(
                    T,
                    i,
                    "service_id",
                    "a phone needs a service_id or a location_id",
                );
            }
            self.reference(T, i, "service_id", p.service_id.as_deref(), &services);
            self.reference(T, i, "location_id", p.location_id.as_deref(), &locations);
            if !valid_phone_number(&p.number) {
                self.report(
                    T,
                    i,
                    "number",
                    "must be a short code of 2-6 digits or + and 8-15 digits, without spaces",
                );
            }
            if let Some(x) = &p.extension {
                if x.is_empty() || x.len() > 8 || !x.bytes().all(|b| b.is_ascii_digit()) {
                    self.report(T, i, "extension", "must be 1-8 digits");
                }
            }
            if !PHONE_KINDS.contains(&p.kind.as_str()) {
                self.report(
                    T,
                    i,
                    "type",
                    "must be voice, text, cell, fax, video or textphone",
                );
            }
            self.text(T, i, "description", p.description.as_ref(), false);
            self.provenance(T, i, &p.source, &p.verified_on);
        }
        for (i, s) in c.schedules.iter().enumerate() {
            const T: &str = "schedules";
            if s.service_id.is_none() && s.location_id.is_none() {
                self.report(
                    T,
                    i,
                    "service_id",
                    "a schedule needs a service_id or a location_id",
                );
            }
            self.reference(T, i, "service_id", s.service_id.as_deref(), &services);
            self.reference(T, i, "location_id", s.location_id.as_deref(), &locations);
            if s.freq != "WEEKLY" {
                self.report(T, i, "freq", "only WEEKLY schedules are supported");
            }
            let days = schedule::parse_byday(&s.byday);
            if let Err(r) = days {
                self.report(T, i, "byday", r);
            }
            let opens = schedule::parse_time(&s.opens_at);
            if let Err(r) = opens {
                self.report(T, i, "opens_at", r);
            }
            let closes = schedule::parse_time(&s.closes_at);
            if let Err(r) = closes {
                self.report(T, i, "closes_at", r);
            }
            if let (Ok(d), Ok(o), Ok(c)) = (days, opens, closes) {
                if let Err(r) = schedule::rule(d, o, c, s.closes_next_day) {
                    self.report(T, i, "closes_at", r);
                }
            }
            self.text(T, i, "description", s.description.as_ref(), false);
            self.provenance(T, i, &s.source, &s.verified_on);
        }
        for (i, l) in c.languages.iter().enumerate() {
            const T: &str = "languages";
            self.reference(T, i, "service_id", Some(&l.service_id), &services);
            if !(2..=3).contains(&l.code.len()) || !l.code.bytes().all(|b| b.is_ascii_lowercase()) {
                self.report(T, i, "code", "must be an ISO 639 code such as kk, ru, en");
            }
        }
    }
}

trait YearOk {
    fn year_ok(&self) -> bool;
}

impl YearOk for NaiveDate {
    fn year_ok(&self) -> bool {
        use chrono::Datelike;
        (2000..=9999).contains(&self.year())
    }
}

// ---------------------------------------------------------------------------------------------
// HSDS tabular (CSV) packages.

/// The CSV files of a tabular package, in the order they are read.
pub const CSV_FILES: [&str; 7] = [
    "organizations.csv",
    "services.csv",
    "locations.csv",
    "service_at_locations.csv",
    "phones.csv",
    "schedules.csv",
    "languages.csv",
];

const PROV: [&str; 3] = ["source", "verified_on", "verified"];

fn columns(file: &str) -> Vec<String> {
    let t = |base: &str| -> Vec<String> {
        ["kk", "ru", "en"]
            .iter()
            .map(|l| format!("{base}_{l}"))
            .collect()
    };
    let mut cols: Vec<String> = Vec::new();
    let plain = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match file {
        "organizations.csv" => {
            cols.extend(plain(&["id", "website"]));
            cols.extend(t("name"));
            cols.extend(t("description"));
            cols.extend(plain(&PROV));
        }
        "services.csv" => {
            cols.extend(plain(&[
                "id",
                "organization_id",
                "service_types",
                "status",
                "confidential",
            ]));
            cols.extend(t("name"));
            cols.extend(t("description"));
            cols.extend(plain(&PROV));
        }
        "locations.csv" => {
            cols.extend(plain(&[
                "id",
                "organization_id",
                "confidential",
                "postal_code",
                "country",
                "latitude",
                "longitude",
                "timezone",
            ]));
            for base in ["name", "address_1", "city", "region"] {
                cols.extend(t(base));
            }
            cols.extend(plain(&PROV));
        }
        "service_at_locations.csv" => cols.extend(plain(&["id", "service_id", "location_id"])),
        "phones.csv" => {
            cols.extend(plain(&[
                "id",
                "service_id",
                "location_id",
                "number",
                "extension",
                "type",
            ]));
            cols.extend(t("description"));
            cols.extend(plain(&PROV));
        }
        "schedules.csv" => {
            cols.extend(plain(&[
                "id",
                "service_id",
                "location_id",
                "freq",
                "byday",
                "opens_at",
                "closes_at",
                "closes_next_day",
            ]));
            cols.extend(t("description"));
            cols.extend(plain(&PROV));
        }
        "languages.csv" => cols.extend(plain(&["id", "service_id", "code"])),
        _ => {}
    }
    cols
}

/// Columns a CSV file must have.
fn required_columns(file: &str) -> &'static [&'static str] {
    match file {
        "organizations.csv" => &["id", "source", "verified_on", "verified"],
        "services.csv" => &[
            "id",
            "organization_id",
            "service_types",
            "status",
            "source",
            "verified_on",
            "verified",
        ],
        "locations.csv" => &["id", "country", "source", "verified_on", "verified"],
        "service_at_locations.csv" => &["id", "service_id", "location_id"],
        "phones.csv" => &["id", "number", "type", "source", "verified_on", "verified"],
        "schedules.csv" => &[
            "id",
            "freq",
            "byday",
            "opens_at",
            "closes_at",
            "source",
            "verified_on",
            "verified",
        ],
        "languages.csv" => &["id", "service_id", "code"],
        _ => &[],
    }
}

struct Row<'a> {
    file: &'static str,
    line: usize,
    values: HashMap<&'a str, String>,
    problems: &'a mut Vec<Problem>,
}

impl Row<'_> {
    fn problem(&mut self, field: &str, reason: &str) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            record: self.line,
            field: field.to_string(),
            reason: reason.to_string(),
        });
    }

    fn opt(&self, col: &str) -> Option<String> {
        self.values.get(col).filter(|v| !v.is_empty()).cloned()
    }

    /// A required column's value; an empty value is reported and "" returned.
    fn req(&mut self, col: &str) -> String {
        match self.opt(col) {
            Some(v) => v,
            None => {
                self.problem(col, "is required");
                String::new()
            }
        }
    }

    fn text(&self, base: &str) -> Option<Text> {
        let t = Text {
            kk: self.opt(&format!("{base}_kk")),
            ru: self.opt(&format!("{base}_ru")),
            en: self.opt(&format!("{base}_en")),
        };
        (t != Text::default()).then_some(t)
    }

    fn flag(&mut self, col: &str) -> bool {
        match self.opt(col).as_deref() {
            None | Some("false") | Some("0") | Some("no") => false,
            Some("true") | Some("1") | Some("yes") => true,
            Some(_) => {
                self.problem(col, "must be true or false");
                false
            }
        }
    }

    fn number(&mut self, col: &str) -> Option<f64> {
        let v = self.opt(col)?;
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.problem(col, "must be a number");
                None
            }
        }
    }

    fn provenance(&mut self) -> (String, String, bool) {
        let source = self.req("source");
        let verified_on = self.req("verified_on");
        if self.opt("verified").is_none() {
            self.problem("verified", "is required (true or false)");
        }
        (source, verified_on, self.flag("verified"))
    }
}

/// Reads an HSDS tabular package. `read(name)` returns a file's bytes, or `None` if the
/// package has no such file (only organizations.csv and services.csv are required).
/// Every problem — unreadable files, unknown or missing columns, bad values, then the
/// validation of the whole — is reported with its file, line and field.
pub fn import_csv(
    read: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    default_timezone: &str,
) -> Result<Content, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut content = Content {
        profile: PROFILE.to_string(),
        default_timezone: default_timezone.to_string(),
        organizations: Vec::new(),
        services: Vec::new(),
        locations: Vec::new(),
        service_at_locations: Vec::new(),
        phones: Vec::new(),
        schedules: Vec::new(),
        languages: Vec::new(),
    };
    // Record index → line, per table, to locate validation problems.
    let mut lines: HashMap<&'static str, Vec<usize>> = HashMap::new();
    let mut total = 0usize;
    for file in CSV_FILES {
        let Some(bytes) = read(file) else {
            if matches!(file, "organizations.csv" | "services.csv") {
                problems.push(Problem {
                    file: file.to_string(),
                    record: 0,
                    field: "-".into(),
                    reason: "file is missing".into(),
                });
            }
            continue;
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(bytes.as_slice());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(_) => {
                problems.push(Problem {
                    file: file.into(),
                    record: 1,
                    field: "-".into(),
                    reason: "header row is not valid CSV (UTF-8)".into(),
                });
                continue;
            }
        };
        let known = columns(file);
        let mut header_ok = true;
        for h in &headers {
            if !known.iter().any(|k| k == h) {
                problems.push(Problem {
                    file: file.into(),
                    record: 1,
                    field: h.clone(),
                    reason: "unknown column".into(),
                });
                header_ok = false;
            }
        }
        for r in required_columns(file) {
            if !headers.iter().any(|h| h == r) {
                problems.push(Problem {
                    file: file.into(),
                    record: 1,
                    field: (*r).into(),
                    reason: "required column is missing".into(),
                });
                header_ok = false;
            }
        }
        if !header_ok {
            continue;
        }
        let table = table_of(file);
        for record in reader.records() {
            total += 1;
            if total > MAX_RECORDS {
                problems.push(Problem {
                    file: file.into(),
                    record: 0,
                    field: "-".into(),
                    reason: "too many records".into(),
                });
                return Err(problems);
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    problems.push(Problem {
                        file: file.into(),
                        record: line,
                        field: "-".into(),
                        reason: "row is not valid CSV (UTF-8, same number of fields as the header)"
                            .into(),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            let values: HashMap<&str, String> = headers
                .iter()
                .map(String::as_str)
                .zip(record.iter().map(str::to_string))
                .collect();
            let mut row = Row {
                file,
                line,
                values,
                problems: &mut problems,
            };
            lines.entry(table).or_default().push(line);
            read_row(&mut content, &mut row);
        }
    }
    let at = |table: &'static str, index: usize| -> (String, usize) {
        let file = CSV_FILES
            .iter()
            .find(|f| table_of(f) == table)
            .map_or_else(|| "(package)".to_string(), |f| f.to_string());
        let line = lines
            .get(table)
            .and_then(|l| l.get(index))
            .copied()
            .unwrap_or(0);
        (file, line)
    };
    problems.extend(content.validate(&at));
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(problems)
    }
}

fn table_of(file: &str) -> &'static str {
    match file {
        "organizations.csv" => "organizations",
        "services.csv" => "services",
        "locations.csv" => "locations",
        "service_at_locations.csv" => "service_at_locations",
        "phones.csv" => "phones",
        "schedules.csv" => "schedules",
        "languages.csv" => "languages",
        _ => "content",
    }
}

fn read_row(c: &mut Content, row: &mut Row<'_>) {
    let id = row.req("id");
    match row.file {
        "organizations.csv" => {
            let (source, verified_on, verified) = row.provenance();
            c.organizations.push(Organization {
                id,
                name: row.text("name").unwrap_or_default(),
                description: row.text("description"),
                website: row.opt("website"),
                source,
                verified_on,
                verified,
            });
        }
        "services.csv" => {
            let organization_id = row.req("organization_id");
            let service_types = row
                .req("service_types")
                .split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let status = row.req("status");
            let confidential = row.flag("confidential");
            let (source, verified_on, verified) = row.provenance();
            c.services.push(Service {
                id,
                organization_id,
                name: row.text("name").unwrap_or_default(),
                description: row.text("description"),
                service_types,
                status,
                confidential,
                source,
                verified_on,
                verified,
            });
        }
        "locations.csv" => {
            let confidential = row.flag("confidential");
            let latitude = row.number("latitude");
            let longitude = row.number("longitude");
            let country = row.req("country");
            let (source, verified_on, verified) = row.provenance();
            c.locations.push(Location {
                id,
                organization_id: row.opt("organization_id"),
                name: row.text("name"),
                confidential,
                address_1: row.text("address_1"),
                city: row.text("city"),
                region: row.text("region"),
                postal_code: row.opt("postal_code"),
                country,
                latitude,
                longitude,
                timezone: row.opt("timezone"),
                source,
                verified_on,
                verified,
            });
        }
        "service_at_locations.csv" => {
            let service_id = row.req("service_id");
            let location_id = row.req("location_id");
            c.service_at_locations.push(ServiceAtLocation {
                id,
                service_id,
                location_id,
            });
        }
        "phones.csv" => {
            let number = row.req("number");
            let kind = row.req("type");
            let (source, verified_on, verified) = row.provenance();
            c.phones.push(Phone {
                id,
                service_id: row.opt("service_id"),
                location_id: row.opt("location_id"),
                number,
                extension: row.opt("extension"),
                kind,
                description: row.text("description"),
                source,
                verified_on,
                verified,
            });
        }
        "schedules.csv" => {
            let freq = row.req("freq");
            let byday = row.req("byday");
            let opens_at = row.req("opens_at");
            let closes_at = row.req("closes_at");
            let closes_next_day = row.flag("closes_next_day");
            let (source, verified_on, verified) = row.provenance();
            c.schedules.push(Schedule {
                id,
                service_id: row.opt("service_id"),
                location_id: row.opt("location_id"),
                freq,
                byday,
                opens_at,
                closes_at,
                closes_next_day,
                description: row.text("description"),
                source,
                verified_on,
                verified,
            });
        }
        "languages.csv" => {
            let service_id = row.req("service_id");
            let code = row.req("code");
            c.languages.push(Language {
                id,
                service_id,
                code,
            });
        }
        _ => {}
    }
}
