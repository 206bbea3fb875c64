//! Searching the installed directory: FTS5 over folded text, filters, and ordering.
//!
//! Why this shape: the search runs on every keystroke on a low-end phone, so the index holds
//! the folded text (see [`super::normalize`]) with prefix indexes for 1–3 letters, and only the
//! hits actually returned are decoded. Filters that SQL can answer (service type, language,
//! place) are SQL; "open now" needs the time zone rules and is checked in Rust while rows
//! stream in relevance order, stopping as soon as the page is full. Ordering by distance needs
//! every match's coordinates, which are read (only those) before the page's cards are decoded.
//! The point the shell gives is used for this query and never stored.
//!
//! An empty or punctuation-only text with no filter and no point returns nothing. With a filter
//! or a point it lists every matching service (browse mode), in pack order or by distance.

use super::install::Card;
use super::normalize::{fold, fts_query};
use super::schedule::{self, Hours, OpenStatus};
use super::{DirectoryHit, DirectoryQuery, HitPhone, HitPlace, OpeningHours, ServiceType};
use crate::error::Result;
use crate::locale::Locale;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::HashMap;

/// Most hits one query returns.
pub const MAX_LIMIT: u32 = 200;
/// Hits returned when the query does not say: about two screens on a phone. Each hit is decoded
/// from its stored card: a page of 50 costs about a quarter more than a page of 20.
pub const DEFAULT_LIMIT: u32 = 20;

pub(crate) fn search(
    conn: &Connection,
    q: &DirectoryQuery,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<DirectoryHit>> {
    let text = fts_query(&q.text);
    let place = q.place.as_deref().map(fold).filter(|p| !p.is_empty());
    let language = q
        .language
        .as_deref()
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase()));
    let filtered =
        !q.service_types.is_empty() || place.is_some() || language.is_some() || q.open_now;
    if text.is_none() && !filtered && q.near.is_none() {
        return Ok(Vec::new());
    }
    let limit = match q.limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    } as usize;

    let near = q.near.is_some();
    // A single letter matches nearly everything: ranking it costs the most and means nothing,
    // so it lists in pack order, which the index yields without sorting (and stops early).
    let single_letter = text.as_ref().is_some_and(|t| t.chars().count() <= 4);
    // The common as-you-type case (text only): rank in the index alone and join just the page.
    let page_only = text.is_some() && !filtered && !near && !single_letter;
    let mut sql = String::from(if near {
        "SELECT s.sid, s.hours, s.types, p.lat, p.lon FROM "
    } else {
        "SELECT s.sid, s.hours, s.types FROM "
    });
    let mut args: Vec<Value> = Vec::new();
    if let (true, Some(t)) = (page_only, &text) {
        sql.push_str(
            "(SELECT rowid AS r, bm25(dir_fts, 4.0, 1.0) AS score FROM dir_fts \
             WHERE dir_fts MATCH ?1 ORDER BY score, rowid LIMIT ?2) f \
             CROSS JOIN dir_service s ON s.sid = f.r ORDER BY f.score, f.r",
        );
        args.push(Value::Text(t.clone()));
        args.push(Value::Integer(limit as i64));
    } else if let Some(t) = &text {
        // CROSS JOIN keeps the full-text match as the outer loop (SQLite would otherwise
        // consider scanning every service and probing the index per row).
        sql.push_str("dir_fts f CROSS JOIN dir_service s ON s.sid = f.rowid");
        args.push(Value::Text(t.clone()));
    } else {
        sql.push_str("dir_service s");
    }
    if !page_only {
        if near {
            sql.push_str(" LEFT JOIN dir_point p ON p.sid = s.sid");
        }
        sql.push_str(if text.is_some() {
            " WHERE dir_fts MATCH ?"
        } else {
            " WHERE 1"
        });
        if !q.service_types.is_empty() {
            let ors: Vec<&str> = q
                .service_types
                .iter()
                .map(|_| "instr(s.types, ?) > 0")
                .collect();
            sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
            for t in &q.service_types {
                args.push(Value::Text(format!(" {} ", t.code())));
            }
        }
        if let Some(l) = language {
            sql.push_str(" AND instr(s.languages, ?) > 0");
            args.push(Value::Text(format!(" {l} ")));
        }
        if let Some(p) = place {
            // Services without a physical place (national lines) serve every place.
            sql.push_str(" AND (s.places = '' OR instr(s.places, ?) > 0)");
            args.push(Value::Text(format!(" {p}")));
        }
        sql.push_str(match (&text, single_letter) {
            (Some(_), false) => " ORDER BY bm25(dir_fts, 4.0, 1.0), s.sid",
            (Some(_), true) => " ORDER BY f.rowid",
            (None, _) => " ORDER BY s.sid",
        });
    }

    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut picked: Vec<(i64, Option<f64>)> = Vec::new();
    // Distance mode: every match, in relevance order, with its nearest point.
    let mut ranked: Vec<(i64, Option<f64>)> = Vec::new();
    let mut position: HashMap<i64, usize> = HashMap::new();
    while let Some(row) = rows.next()? {
        let sid: i64 = row.get(0)?;
        if let Some(origin) = q.near {
            let point: (Option<f64>, Option<f64>) = (row.get(3)?, row.get(4)?);
            let distance = match point {
                (Some(lat), Some(lon)) => {
                    Some(haversine_km(origin.latitude, origin.longitude, lat, lon))
                }
                _ => None,
            };
            if let Some(&i) = position.get(&sid) {
                let best = &mut ranked[i].1;
                if distance.is_some_and(|d| best.is_none_or(|b| d < b)) {
                    *best = distance;
                }
                continue;
            }
            // Hours are only read here when they filter; otherwise for the page alone.
            if q.open_now && !counts_as_open(row, now)? {
                continue;
            }
            position.insert(sid, ranked.len());
            ranked.push((sid, distance));
            continue;
        }
        if q.open_now && !counts_as_open(row, now)? {
            continue;
        }
        picked.push((sid, None));
        if picked.len() >= limit {
            break;
        }
    }
    drop(rows);

    if near {
        // Nearest first; services without a point (national lines, confidential shelters)
        // after them, in relevance order (the sort is stable).
        ranked.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        ranked.truncate(limit);
        picked = ranked;
    }

    let mut card_stmt =
        conn.prepare_cached("SELECT hours, card FROM dir_service WHERE sid = ?1")?;
    let mut hits = Vec::with_capacity(picked.len());
    for (sid, distance) in picked {
        let (hours, card): (String, String) =
            card_stmt.query_row([sid], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let card: Card =
            serde_json::from_str(&card).map_err(|_| crate::Error::Corrupt { what: "directory" })?;
        hits.push(hit(card, locale, open_status(&hours, now), distance));
    }
    Ok(hits)
}

/// One service by id, or `NotFound`.
pub(crate) fn service(
    conn: &Connection,
    id: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<DirectoryHit> {
    let (hours, card): (String, String) = conn
        .prepare_cached("SELECT hours, card FROM dir_service WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => crate::Error::NotFound { what: "service" },
            other => other.into(),
        })?;
    let card: Card =
        serde_json::from_str(&card).map_err(|_| crate::Error::Corrupt { what: "directory" })?;
    Ok(hit(card, locale, open_status(&hours, now), None))
}

fn open_status(hours: &str, now: DateTime<Utc>) -> OpenStatus {
    match serde_json::from_str::<Vec<Hours>>(hours) {
        Ok(h) => schedule::status(&h, now),
        Err(_) => OpenStatus::Unknown,
    }
}

/// Great-circle distance in kilometres.
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Whether a row passes the "open now" filter: open by its published hours, or an emergency
/// line. Emergency numbers (112, 101–104) answer around the clock, but no source we can cite
/// publishes their hours, so the pack leaves them unknown; a frightened reader who taps
/// "open now" must still see them.
fn counts_as_open(row: &rusqlite::Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    let types: String = row.get(2)?;
    if types.contains(&format!(" {} ", ServiceType::Emergency.code())) {
        return Ok(true);
    }
    Ok(open_status(&row.get::<_, String>(1)?, now) == OpenStatus::Open)
}

fn hit(card: Card, locale: Locale, open_now: OpenStatus, distance_km: Option<f64>) -> DirectoryHit {
    let text = |t: &Option<super::hsds::Text>| {
        t.as_ref()
            .map(|t| t.best(locale).to_string())
            .filter(|s| !s.is_empty())
    };
    DirectoryHit {
        id: card.id,
        name: card.name.best(locale).to_string(),
        description: text(&card.description),
        organization: card.organization.best(locale).to_string(),
        service_types: card.types,
        confidential: card.confidential,
        languages: card.languages,
        phones: card
            .phones
            .into_iter()
            .map(|p| HitPhone {
                description: text(&p.description),
                number: p.number,
                extension: p.extension,
                kind: p.kind,
                verified: p.verified,
                verified_on: p.verified_on,
                source: p.source,
            })
            .collect(),
        places: card
            .places
            .into_iter()
            .map(|p| HitPlace {
                name: text(&p.name),
                address: if p.confidential {
                    None
                } else {
                    text(&p.address)
                },
                city: text(&p.city),
                region: text(&p.region),
                postal_code: if p.confidential { None } else { p.postal_code },
                confidential: p.confidential,
                latitude: if p.confidential { None } else { p.latitude },
                longitude: if p.confidential { None } else { p.longitude },
                verified: p.verified,
                verified_on: p.verified_on,
            })
            .collect(),
        opening_hours: card
            .hours
            .into_iter()
            .map(|h| OpeningHours {
                description: text(&h.description),
                byday: h.byday,
                opens_at: h.opens_at,
                closes_at: h.closes_at,
                closes_next_day: h.closes_next_day,
                timezone: h.timezone,
                verified: h.verified,
            })
            .collect(),
        verified: card.verified,
        verified_on: card.verified_on,
        source: card.source,
        open_now,
        distance_km,
    }
}

/// The naive baseline the benchmarks compare against: `LIKE '%token%'` over the same folded
/// text, every token required, first `limit` rows. Not used by the app.
pub(crate) fn naive_like(conn: &Connection, text: &str, limit: u32) -> Result<Vec<i64>> {
    let folded = fold(
        &text
            .chars()
            .take(super::normalize::MAX_QUERY_CHARS)
            .collect::<String>(),
    );
    let tokens: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from("SELECT rowid FROM dir_fts WHERE 1");
    for _ in &tokens {
        sql.push_str(" AND (name || ' ' || body) LIKE ?");
    }
    sql.push_str(" LIMIT ?");
    let mut args: Vec<Value> = tokens
        .iter()
        .map(|t| Value::Text(format!("%{t}%")))
        .collect();
    args.push(Value::Integer(i64::from(limit)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}
