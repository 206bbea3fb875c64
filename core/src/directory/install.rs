//! Installing a verified pack into the vault database.
//!
//! Why one transaction: the directory is what a survivor dials from in a crisis. A new pack
//! replaces the old one only once it is completely written; a crash, a kill or a full disk
//! midway leaves the old pack exactly as it was (SQLite's atomic commit, inside SQLCipher).
//!
//! Why these history checks: a pack signed last year is still validly signed. Refusing a lower
//! version than the installed one stops an attacker from "updating" a phone back to a directory
//! with numbers that have since been found wrong. Re-installing the installed version is a
//! no-op if the content is identical (the bundled pack at every setup, a retried update) and
//! refused if it is not: two different packs with one version number is a signing mistake or
//! an attack, and neither should win silently.

use super::hsds::{Content, Text};
use super::normalize::fold;
use super::pack::{self, Manifest, Rejection};
use super::schedule::{self, Hours};
use super::taxonomy::ServiceType;
use super::PackInfo;
use super::{fallback, index};
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

/// The vault setting holding the region its directory is for.
pub(crate) const REGION_SETTING: &str = "directory_region";

/// What a search hit shows, stored per service (all locales; localized when read).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Card {
    pub id: String,
    pub organization: Text,
    pub name: Text,
    pub description: Option<Text>,
    pub types: Vec<ServiceType>,
    pub confidential: bool,
    pub languages: Vec<String>,
    pub phones: Vec<CardPhone>,
    pub places: Vec<CardPlace>,
    pub hours: Vec<CardHours>,
    pub verified: bool,
    pub verified_on: String,
    pub source: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CardPhone {
    pub number: String,
    pub extension: Option<String>,
    pub kind: String,
    pub description: Option<Text>,
    pub verified: bool,
    pub verified_on: String,
    pub source: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CardPlace {
    pub name: Option<Text>,
    pub address: Option<Text>,
    pub city: Option<Text>,
    pub region: Option<Text>,
    pub postal_code: Option<String>,
    pub confidential: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub verified: bool,
    pub verified_on: String,
    pub source: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct CardHours {
    pub byday: String,
    pub opens_at: String,
    pub closes_at: String,
    pub closes_next_day: bool,
    pub timezone: String,
    pub description: Option<Text>,
    pub verified: bool,
}

/// Verifies `bytes` against `keys` and installs the pack, or refuses it with a reason.
pub(crate) fn install(
    conn: &mut Connection,
    bytes: &[u8],
    keys: &[&str],
    now: DateTime<Utc>,
) -> Result<PackInfo> {
    apply(conn, bytes, keys)?;
    info(conn, now)
}

/// [`install`] without reading back what is installed.
pub(crate) fn apply(conn: &mut Connection, bytes: &[u8], keys: &[&str]) -> Result<()> {
    let verified = pack::verify(bytes, keys)?;
    let manifest = verified.manifest;
    let tx = conn.transaction()?;
    let region: Option<String> = tx
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [REGION_SETTING],
            |r| r.get(0),
        )
        .optional()?;
    if region.as_deref().is_some_and(|r| r != manifest.region) {
        return Err(Rejection::WrongRegion.into());
    }
    if !manifest.core_is_new_enough() {
        return Err(Rejection::NeedsNewerCore.into());
    }
    let installed: Option<(i64, String)> = tx
        .query_row(
            "SELECT version, content_sha256 FROM dir_pack WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((version, hash)) = installed {
        let version = u64::try_from(version).unwrap_or(0);
        if manifest.version < version {
            return Err(Rejection::Rollback.into());
        }
        if manifest.version == version {
            if hash == manifest.content_sha256 {
                return Ok(());
            }
            return Err(Rejection::SameVersionDifferentContent.into());
        }
    }
    let content: Content =
        serde_json::from_slice(verified.content).map_err(|_| Rejection::MalformedContent)?;
    if !content.validate(&|_, i| (String::new(), i)).is_empty() {
        return Err(Rejection::InvalidContent.into());
    }
    write(&tx, &manifest, &content)?;
    if region.is_none() {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![REGION_SETTING, manifest.region],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// The installed pack's region and version, if any.
pub(crate) fn installed(conn: &Connection) -> Result<Option<(String, u64)>> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT region, version FROM dir_pack WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(region, version)| (region, u64::try_from(version).unwrap_or(0))))
}

/// The installed pack, or `NotFound`.
pub(crate) fn info(conn: &Connection, now: DateTime<Utc>) -> Result<PackInfo> {
    let (region, version, created, expires): (String, i64, String, String) = conn
        .query_row(
            "SELECT region, version, created, expires FROM dir_pack WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "directory pack",
        })?;
    let services: i64 = conn.query_row("SELECT count(*) FROM dir_service", [], |r| r.get(0))?;
    let parse = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| Error::Corrupt { what: "directory" })
    };
    let expires = parse(&expires)?;
    Ok(PackInfo {
        region,
        version: u64::try_from(version).unwrap_or(0),
        created: parse(&created)?,
        expires,
        out_of_date: now >= expires,
        services: u32::try_from(services).unwrap_or(u32::MAX),
    })
}

/// Replaces the directory with `content`. Runs inside the caller's transaction.
fn write(tx: &Connection, manifest: &Manifest, content: &Content) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM dir_fts; DELETE FROM dir_point; DELETE FROM dir_service; DELETE FROM dir_pack;
         DELETE FROM dir_place; DELETE FROM dir_typo;",
    )?;
    tx.execute(
        "INSERT INTO dir_pack (id, region, version, created, expires, content_sha256, default_timezone)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            manifest.region,
            i64::try_from(manifest.version).map_err(|_| Rejection::MalformedManifest)?,
            manifest.created,
            manifest.expires,
            manifest.content_sha256,
            content.default_timezone
        ],
    )?;

    let orgs: HashMap<&str, &Text> = content
        .organizations
        .iter()
        .map(|o| (o.id.as_str(), &o.name))
        .collect();
    let locations: HashMap<&str, &super::hsds::Location> = content
        .locations
        .iter()
        .map(|l| (l.id.as_str(), l))
        .collect();
    let mut locations_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for sal in &content.service_at_locations {
        locations_of
            .entry(sal.service_id.as_str())
            .or_default()
            .push(sal.location_id.as_str());
    }
    let mut languages_of: HashMap<&str, Vec<String>> = HashMap::new();
    for l in &content.languages {
        let list = languages_of.entry(l.service_id.as_str()).or_default();
        if !list.contains(&l.code) {
            list.push(l.code.clone());
        }
    }

    let mut insert_service = tx.prepare(
        "INSERT INTO dir_service (sid, id, types, languages, places, hours, card, routing)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut vocab = index::Vocabulary::default();
    // Every city and region of the pack is a place word, also those no service is at yet (the
    // pack lists the country's regions and cities for the shell's place choice).
    for l in &content.locations {
        for t in [&l.city, &l.region].into_iter().flatten() {
            vocab.add_place(t);
        }
    }
    let mut insert_point =
        tx.prepare("INSERT INTO dir_point (sid, lat, lon) VALUES (?1, ?2, ?3)")?;

    // Verified services first, each group in pack order: the sid order is the rank order of
    // verification, so search ranks verified first by rowid alone (see index.rs).
    let mut active: Vec<&super::hsds::Service> = content
        .services
        .iter()
        .filter(|s| s.status == "active")
        .collect();
    active.sort_by_key(|s| !s.verified);
    let mut sid: i64 = 0;
    for s in active {
        sid += 1;
        let loc_ids: &[&str] = locations_of.get(s.id.as_str()).map_or(&[], Vec::as_slice);
        let locs: Vec<&super::hsds::Location> = loc_ids
            .iter()
            .filter_map(|id| locations.get(id).copied())
            .collect();
        let types: Vec<ServiceType> = s
            .service_types
            .iter()
            .filter_map(|t| t.parse().ok())
            .collect();
        let languages = languages_of.get(s.id.as_str()).cloned().unwrap_or_default();

        let phones: Vec<CardPhone> = content
            .phones
            .iter()
            .filter(|p| match (&p.service_id, &p.location_id) {
                (Some(sv), _) => sv == &s.id,
                (None, Some(l)) => loc_ids.contains(&l.as_str()),
                (None, None) => false,
            })
            .map(|p| CardPhone {
                number: p.number.clone(),
                extension: p.extension.clone(),
                kind: p.kind.clone(),
                description: p.description.clone(),
                verified: p.verified,
                verified_on: p.verified_on.clone(),
                source: p.source.clone(),
            })
            .collect();

        let places: Vec<CardPlace> = locs
            .iter()
            .map(|l| CardPlace {
                name: l.name.clone(),
                address: if l.confidential || s.confidential {
                    None
                } else {
                    l.address_1.clone()
                },
                city: l.city.clone(),
                region: l.region.clone(),
                postal_code: if l.confidential || s.confidential {
                    None
                } else {
                    l.postal_code.clone()
                },
                confidential: l.confidential || s.confidential,
                latitude: l.latitude,
                longitude: l.longitude,
                verified: l.verified,
                verified_on: l.verified_on.clone(),
                source: l.source.clone(),
            })
            .collect();

        // Hours: service schedules (in its single location's zone, else the pack default) and
        // schedules of its locations (in that location's zone), grouped by zone.
        let zone_of = |l: &super::hsds::Location| {
            l.timezone
                .clone()
                .unwrap_or_else(|| content.default_timezone.clone())
        };
        let service_zone = match locs.as_slice() {
            [only] => zone_of(only),
            _ => content.default_timezone.clone(),
        };
        let mut by_zone: BTreeMap<String, Vec<schedule::Rule>> = BTreeMap::new();
        let mut card_hours = Vec::new();
        for sch in &content.schedules {
            let zone = match (&sch.service_id, &sch.location_id) {
                (Some(sv), None) if sv == &s.id => service_zone.clone(),
                (Some(sv), Some(l)) if sv == &s.id => locations
                    .get(l.as_str())
                    .map_or(service_zone.clone(), |l| zone_of(l)),
                (None, Some(l)) if loc_ids.contains(&l.as_str()) => locations
                    .get(l.as_str())
                    .map_or(service_zone.clone(), |l| zone_of(l)),
                _ => continue,
            };
            let rule = schedule::parse_byday(&sch.byday)
                .and_then(|d| {
                    Ok((
                        d,
                        schedule::parse_time(&sch.opens_at)?,
                        schedule::parse_time(&sch.closes_at)?,
                    ))
                })
                .and_then(|(d, o, c)| schedule::rule(d, o, c, sch.closes_next_day))
                .map_err(|_| Rejection::InvalidContent)?;
            by_zone.entry(zone.clone()).or_default().push(rule);
            card_hours.push(CardHours {
                byday: sch.byday.clone(),
                opens_at: sch.opens_at[..5].to_string(),
                closes_at: sch.closes_at[..5].to_string(),
                closes_next_day: sch.closes_next_day,
                timezone: zone,
                description: sch.description.clone(),
                verified: sch.verified,
            });
        }
        let hours: Vec<Hours> = by_zone
            .into_iter()
            .map(|(tz, rules)| Hours { tz, rules })
            .collect();

        let organization = orgs
            .get(s.organization_id.as_str())
            .map(|t| (*t).clone())
            .unwrap_or_default();

        // Place filter column: the folded city and region names, every locale.
        let mut place_tokens = String::new();
        for p in &places {
            for t in [&p.city, &p.region].into_iter().flatten() {
                for v in t.all() {
                    place_tokens.push(' ');
                    place_tokens.push_str(&fold(v));
                }
            }
        }
        let places_col = if place_tokens.is_empty() {
            String::new()
        } else {
            format!("{place_tokens} ")
        };
        let types_col = format!(
            " {} ",
            types.iter().map(|t| t.code()).collect::<Vec<_>>().join(" ")
        );
        let languages_col = format!(" {} ", languages.join(" "));

        let card = Card {
            id: s.id.clone(),
            organization,
            name: s.name.clone(),
            description: s.description.clone(),
            types,
            confidential: s.confidential,
            languages,
            phones,
            places,
            hours: card_hours,
            verified: s.verified,
            verified_on: s.verified_on.clone(),
            source: s.source.clone(),
        };
        let card_json = serde_json::to_string(&card).map_err(|_| Rejection::MalformedContent)?;
        let hours_json = serde_json::to_string(&hours).map_err(|_| Rejection::MalformedContent)?;
        insert_service.execute(params![
            sid,
            s.id,
            types_col,
            languages_col,
            places_col,
            hours_json,
            card_json,
            fallback::routing_rank(&manifest.region, &card)
        ])?;
        index::insert(tx, sid, &index::text(&card, &mut vocab))?;
        for p in &card.places {
            if let (Some(lat), Some(lon), false) = (p.latitude, p.longitude, p.confidential) {
                insert_point.execute(params![sid, lat, lon])?;
            }
        }
    }
    index::finish(tx, &vocab)
}
