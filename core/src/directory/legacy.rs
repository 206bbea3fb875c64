//! Today's search before search by meaning (issue 14), kept only so the benchmark can time the
//! new search against it in the same run on the same index. Not reachable from the app: the
//! only caller is `directory::raw::legacy_search` (doc-hidden, for benchmarks).

use super::install::Card;
use super::normalize::{fold, fts_query};
use super::search::{counts_as_open, haversine_km, hit, open_status, DEFAULT_LIMIT, MAX_LIMIT};
use super::DirectoryQuery;
use crate::error::Result;
use crate::locale::Locale;
use crate::DirectoryHit;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;
use std::collections::HashMap;

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
        hits.push(hit(card, locale, open_status(&hours, now), distance, false));
    }
    Ok(hits)
}
