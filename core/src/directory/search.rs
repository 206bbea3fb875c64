//! Searching the installed directory by meaning, in stages:
//!
//! 1. **understand** ([`understand`]): what she typed becomes words, each with its forms (folded
//!    spelling and stems, [`super::stem`]); the last word may still be being typed.
//! 2. **places** ([`places`]): words naming a city or region of the pack (any locale, any
//!    inflection) become the place filter and leave the text, so "полиция алматы" finds the
//!    national police line that answers in Almaty.
//! 3. **intents** ([`intents`]): words of the intent vocabulary ([`super::intent`]) also match
//!    every service of the kinds of help they name ("убежище" → shelters, crisis centres).
//! 4. **match** ([`fts_expression`], [`matches`]): one FTS5 expression, every word required,
//!    each word matching its folded form or one of its stems, as prefixes; the filters SQL can answer are
//!    SQL, "open now" is checked in Rust while rows stream in rank order.
//! 5. **rank**: verified entries first, then bm25 (name weighs four times the rest); in a place,
//!    that place's own services before the national lines; by distance when the shell gives a
//!    point.
//! 6. **fallback**: nothing matched — first words of five letters or more are tried one typo
//!    away from the index's words ([`typos`]); still nothing — the region's routing lines
//!    ([`super::fallback`]), marked `fallback` so the shell says why they are shown.
//!
//! Why this shape: the search runs on every keystroke on a low-end phone, so the index holds
//! folded text and stems with prefix indexes for 1–3 letters, and only the hits returned are
//! decoded. The point the shell gives is used for this query and never stored. Nothing typed
//! is logged or put into an error.
//!
//! An empty or punctuation-only text with no filter and no point returns nothing. With a filter
//! or a point it lists every matching service (browse mode), in pack order or by distance.

use super::fallback;
use super::index::{deletions, parse_place_forms, type_token};
use super::install::Card;
use super::intent::{same_word, vocabulary};
use super::normalize::{fold, MAX_QUERY_CHARS, MAX_QUERY_TOKENS};
use super::schedule::{self, Hours, OpenStatus};
use super::stem::{forms, words, Forms};
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

/// Typo candidates kept per word (the closest words of the index, in its order).
const MAX_TYPO_CANDIDATES: usize = 8;
/// Shortest word, in folded letters, that may carry a typo.
const TYPO_MIN_LETTERS: usize = 5;

/// One word of the query: the forms it may match (the typed word first; typo corrections after
/// it), and whether it may still be being typed (the last word, no separator after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub alts: Vec<Forms>,
    pub partial: bool,
}

impl Word {
    fn typed(&self) -> &Forms {
        &self.alts[0]
    }

    fn is(&self, other: &Forms) -> bool {
        self.alts.iter().any(|a| same_word(a, other))
    }
}

/// Words that must all match, or — when `types` is not empty — any service of those types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    pub words: Vec<Word>,
    pub types: Vec<ServiceType>,
}

/// The filters of a query, validated.
#[derive(Debug, Default)]
struct Filters {
    types: Vec<ServiceType>,
    place: Option<String>,
    language: Option<String>,
    open_now: bool,
}

impl Filters {
    fn any(&self) -> bool {
        !self.types.is_empty() || self.place.is_some() || self.language.is_some() || self.open_now
    }
}

pub(crate) fn search(
    conn: &Connection,
    q: &DirectoryQuery,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Vec<DirectoryHit>> {
    let explicit_place = q.place.as_deref().map(fold).filter(|p| !p.is_empty());
    let typed = understand(&q.text);
    let (words, place) = match explicit_place {
        Some(p) => (typed, Some(p)),
        None => places(conn, typed)?,
    };
    let filters = Filters {
        types: q.service_types.clone(),
        place,
        language: q
            .language
            .as_deref()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_lowercase())),
        open_now: q.open_now,
    };
    if words.is_empty() && !filters.any() && q.near.is_none() {
        return Ok(Vec::new());
    }
    let limit = match q.limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    } as usize;

    let mut picked = matches(conn, &intents(&words), &filters, q, limit, now)?;
    if picked.is_empty() {
        if let Some(corrected) = typos(conn, &words)? {
            picked = matches(conn, &intents(&corrected), &filters, q, limit, now)?;
        }
    }
    if picked.is_empty() {
        let routing = fallback::routing_sids(conn)?;
        return decode(
            conn,
            routing.into_iter().map(|s| (s, None)),
            locale,
            now,
            true,
        );
    }
    decode(conn, picked.into_iter(), locale, now, false)
}

/// Stage 1: the words of what she typed (capped), each with its forms.
pub(crate) fn understand(text: &str) -> Vec<Word> {
    let capped: String = text.chars().take(MAX_QUERY_CHARS).collect();
    let open_end = capped.chars().last().is_some_and(char::is_alphanumeric);
    let mut out: Vec<Word> = words(&capped)
        .flat_map(forms)
        .take(MAX_QUERY_TOKENS)
        .map(|f| Word {
            alts: vec![f],
            partial: false,
        })
        .collect();
    if let Some(last) = out.last_mut() {
        last.partial = open_end;
    }
    out
}

/// Stage 2: the first run of words naming one of the pack's places becomes the place filter
/// and leaves the text. A word still being typed counts only when it is already the whole
/// name ("алм" stays a word of the text, and finds Almaty by prefix as before).
pub(crate) fn places(conn: &Connection, words: Vec<Word>) -> Result<(Vec<Word>, Option<String>)> {
    if words.is_empty() {
        return Ok((words, None));
    }
    let mut stmt = conn.prepare_cached("SELECT name, forms FROM dir_place")?;
    let mut names: Vec<(String, Vec<Forms>)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .map(|r| r.map(|(n, f)| (n, parse_place_forms(&f))))
        .collect::<rusqlite::Result<_>>()?;
    names.retain(|(_, f)| !f.is_empty());
    // Longest names first: "алматинская область" before "алматы".
    names.sort_by_key(|(_, f)| std::cmp::Reverse(f.len()));
    for start in 0..words.len() {
        for (name, name_words) in &names {
            let end = start + name_words.len();
            if end > words.len() {
                continue;
            }
            let matched = words[start..end].iter().zip(name_words).all(|(w, n)| {
                if w.partial {
                    w.typed().folded == n.folded
                } else {
                    w.is(n)
                }
            });
            if matched {
                let mut rest = words;
                rest.drain(start..end);
                return Ok((rest, Some(name.clone())));
            }
        }
    }
    Ok((words, None))
}

/// Stage 3: words and phrases of the intent vocabulary become groups that also match every
/// service of their kinds of help; every other word is a group of its own.
pub(crate) fn intents(words: &[Word]) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut i = 0;
    'words: while i < words.len() {
        for intent in vocabulary() {
            let end = i + intent.words.len();
            if end <= words.len()
                && words[i..end]
                    .iter()
                    .zip(&intent.words)
                    .all(|(w, f)| w.is(f))
            {
                groups.push(Group {
                    words: words[i..end].to_vec(),
                    types: intent.types.to_vec(),
                });
                i = end;
                continue 'words;
            }
        }
        groups.push(Group {
            words: vec![words[i].clone()],
            types: Vec::new(),
        });
        i += 1;
    }
    groups
}

/// Stage 4a: the FTS5 expression of the groups, or `None` when there is no text. Every term is
/// quoted and made only of folded letters and digits, so nothing typed is FTS syntax.
pub(crate) fn fts_expression(groups: &[Group]) -> Option<String> {
    let parts: Vec<String> = groups.iter().map(group_expression).collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

fn word_expression(w: &Word) -> String {
    // Every form is a prefix term (the word may be half typed; a stem stands for its endings);
    // a form that another form begins is already covered by it and left out.
    let mut forms: Vec<&str> = Vec::new();
    for f in &w.alts {
        forms.push(&f.folded);
        forms.extend(f.stems.iter().map(String::as_str));
    }
    forms.sort_unstable();
    forms.dedup();
    let kept: Vec<&str> = forms
        .iter()
        .copied()
        .filter(|t| !forms.iter().any(|o| o != t && t.starts_with(o)))
        .collect();
    let terms: Vec<String> = kept.iter().map(|t| format!("\"{t}\"*")).collect();
    if terms.len() == 1 {
        terms[0].clone()
    } else {
        format!("({})", terms.join(" OR "))
    }
}

fn group_expression(g: &Group) -> String {
    let words: Vec<String> = g.words.iter().map(word_expression).collect();
    let words = words.join(" AND ");
    if g.types.is_empty() {
        return words;
    }
    let types: Vec<String> = g
        .types
        .iter()
        .map(|t| format!("types : \"{}\"", type_token(*t)))
        .collect();
    format!("(({words}) OR {})", types.join(" OR "))
}

/// Stage 4b and 5: the matching services, ranked (verified first, then bm25), filtered, the
/// first `limit` — or every match by distance when the query has a point.
fn matches(
    conn: &Connection,
    groups: &[Group],
    f: &Filters,
    q: &DirectoryQuery,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Vec<(i64, Option<f64>)>> {
    let text = fts_expression(groups);
    let near = q.near.is_some();
    // A single letter matches nearly everything: ranking it costs the most and means nothing,
    // so it lists in pack order, which the index yields without sorting (and stops early).
    let single_letter = matches!(groups, [g] if g.types.is_empty()
        && matches!(g.words.as_slice(), [w] if w.alts.len() == 1 && w.typed().folded.len() == 1));
    // Services are numbered verified first; sids up to this one are verified (index.rs).
    let last_verified: i64 = conn
        .prepare_cached("SELECT verified_services FROM dir_pack WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .unwrap_or(0);
    if let (Some(t), false) = (&text, f.any() || near || single_letter) {
        if groups.iter().all(|g| g.types.is_empty()) {
            return ranked_in_index(conn, t, last_verified, limit);
        }
        // Intent words: first the services that say the words, by relevance; then the rest of
        // the services of the kinds of help named, in rank order of verification and pack
        // order — which the index yields without scoring every service of those kinds.
        let words_only: Vec<Group> = groups
            .iter()
            .map(|g| Group {
                words: g.words.clone(),
                types: Vec::new(),
            })
            .collect();
        let mut picked = match fts_expression(&words_only) {
            Some(w) => ranked_in_index(conn, &w, last_verified, limit)?,
            None => Vec::new(),
        };
        if picked.len() < limit {
            let mut stmt = conn.prepare_cached(
                "SELECT rowid FROM dir_fts WHERE dir_fts MATCH ?1 ORDER BY rowid LIMIT ?2",
            )?;
            let rows = stmt.query_map(rusqlite::params![t, limit as i64 * 2], |r| {
                r.get::<_, i64>(0)
            })?;
            for sid in rows {
                let sid = sid?;
                if picked.len() >= limit {
                    break;
                }
                if !picked.iter().any(|(p, _)| *p == sid) {
                    picked.push((sid, None));
                }
            }
        }
        return Ok(picked);
    }
    let mut sql = String::from(if near {
        "SELECT s.sid, s.hours, s.types, p.lat, p.lon FROM "
    } else {
        "SELECT s.sid, s.hours, s.types FROM "
    });
    let mut args: Vec<Value> = Vec::new();
    if let Some(t) = &text {
        // CROSS JOIN keeps the full-text match as the outer loop (SQLite would otherwise
        // consider scanning every service and probing the index per row).
        sql.push_str("dir_fts f CROSS JOIN dir_service s ON s.sid = f.rowid");
        args.push(Value::Text(t.clone()));
    } else {
        sql.push_str("dir_service s");
    }
    if near {
        sql.push_str(" LEFT JOIN dir_point p ON p.sid = s.sid");
    }
    sql.push_str(if text.is_some() {
        " WHERE dir_fts MATCH ?"
    } else {
        " WHERE 1"
    });
    if !f.types.is_empty() {
        let ors: Vec<&str> = f.types.iter().map(|_| "instr(s.types, ?) > 0").collect();
        sql.push_str(&format!(" AND ({})", ors.join(" OR ")));
        for t in &f.types {
            args.push(Value::Text(format!(" {} ", t.code())));
        }
    }
    if let Some(l) = &f.language {
        sql.push_str(" AND instr(s.languages, ?) > 0");
        args.push(Value::Text(format!(" {l} ")));
    }
    if let Some(p) = &f.place {
        // Services without a physical place (national lines) serve every place.
        sql.push_str(" AND (s.places = '' OR instr(s.places, ?) > 0)");
        args.push(Value::Text(format!(" {p}")));
    }
    // In a place, its own services come before the national lines that also serve it.
    let local_first = if f.place.is_some() {
        "s.places = '', "
    } else {
        ""
    };
    sql.push_str(&match (&text, single_letter) {
        (Some(_), false) => {
            args.push(Value::Integer(last_verified));
            format!(" ORDER BY {local_first}s.sid > ?, bm25(dir_fts, 4.0, 1.0, 0.5), s.sid")
        }
        (Some(_), true) => " ORDER BY f.rowid".to_string(),
        (None, _) => format!(" ORDER BY {local_first}s.sid"),
    });

    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut picked: Vec<(i64, Option<f64>)> = Vec::new();
    // Distance mode: every match, in rank order, with its nearest point.
    let mut position: HashMap<i64, usize> = HashMap::new();
    while let Some(row) = rows.next()? {
        let sid: i64 = row.get(0)?;
        let distance = match q.near {
            Some(origin) => match (row.get::<_, Option<f64>>(3)?, row.get::<_, Option<f64>>(4)?) {
                (Some(lat), Some(lon)) => {
                    Some(haversine_km(origin.latitude, origin.longitude, lat, lon))
                }
                _ => None,
            },
            None => None,
        };
        if let Some(&i) = position.get(&sid) {
            let best = &mut picked[i].1;
            if distance.is_some_and(|d| best.is_none_or(|b| d < b)) {
                *best = distance;
            }
            continue;
        }
        // Hours are only read here when they filter; otherwise for the page alone.
        if f.open_now && !counts_as_open(row, now)? {
            continue;
        }
        if near {
            position.insert(sid, picked.len());
        }
        picked.push((sid, distance));
        if !near && picked.len() >= limit {
            break;
        }
    }
    drop(rows);
    if near {
        // Nearest first; services without a point (national lines, confidential shelters)
        // after them, in rank order (the sort is stable).
        picked.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        picked.truncate(limit);
    }
    Ok(picked)
}

/// The common as-you-type case (text only, no filter, no point): rank in the full-text index
/// alone, verified services first (a pass over sids up to `last_verified`, then one over the
/// rest if the page is not full), without reading a single service row.
fn ranked_in_index(
    conn: &Connection,
    expression: &str,
    last_verified: i64,
    limit: usize,
) -> Result<Vec<(i64, Option<f64>)>> {
    let mut picked = Vec::new();
    for sql in [
        "SELECT rowid FROM dir_fts WHERE dir_fts MATCH ?1 AND rowid <= ?2 \
         ORDER BY bm25(dir_fts, 4.0, 1.0, 0.5), rowid LIMIT ?3",
        "SELECT rowid FROM dir_fts WHERE dir_fts MATCH ?1 AND rowid > ?2 \
         ORDER BY bm25(dir_fts, 4.0, 1.0, 0.5), rowid LIMIT ?3",
    ] {
        let want = limit - picked.len();
        if want == 0 {
            break;
        }
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(
            rusqlite::params![expression, last_verified, want as i64],
            |r| r.get::<_, i64>(0),
        )?;
        for sid in rows {
            picked.push((sid?, None));
        }
    }
    Ok(picked)
}

/// Stage 6a: words of five letters or more, with the index's words one edit away (a letter
/// changed, added, dropped, or two swapped) as alternatives. Bounded: one indexed lookup per
/// word over its one-letter deletions, at most [`MAX_TYPO_CANDIDATES`] per word. `None` when no
/// word has a candidate (nothing new to try).
pub(crate) fn typos(conn: &Connection, words: &[Word]) -> Result<Option<Vec<Word>>> {
    let mut out = words.to_vec();
    let mut any = false;
    for w in &mut out {
        let typed = w.typed().folded.clone();
        if typed.len() < TYPO_MIN_LETTERS || !typed.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        let keys = deletions(&typed);
        let sql = format!(
            "SELECT DISTINCT term FROM dir_typo WHERE key IN ({}) ORDER BY term LIMIT 64",
            vec!["?"; keys.len()].join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let terms = stmt
            .query_map(rusqlite::params_from_iter(&keys), |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        for term in terms
            .into_iter()
            .filter(|t| *t != typed && strsim::osa_distance(t, &typed) == 1)
            .take(MAX_TYPO_CANDIDATES)
        {
            w.alts.extend(forms(&term));
            any = true;
        }
    }
    Ok(any.then_some(out))
}

/// Decodes the cards of the picked services into hits.
fn decode(
    conn: &Connection,
    picked: impl Iterator<Item = (i64, Option<f64>)>,
    locale: Locale,
    now: DateTime<Utc>,
    fallback: bool,
) -> Result<Vec<DirectoryHit>> {
    let mut card_stmt =
        conn.prepare_cached("SELECT hours, card FROM dir_service WHERE sid = ?1")?;
    let mut hits = Vec::new();
    for (sid, distance) in picked {
        let (hours, card): (String, String) =
            card_stmt.query_row([sid], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let card: Card =
            serde_json::from_str(&card).map_err(|_| crate::Error::Corrupt { what: "directory" })?;
        hits.push(hit(
            card,
            locale,
            open_status(&hours, now),
            distance,
            fallback,
        ));
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
    Ok(hit(card, locale, open_status(&hours, now), None, false))
}

pub(super) fn open_status(hours: &str, now: DateTime<Utc>) -> OpenStatus {
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
pub(super) fn counts_as_open(
    row: &rusqlite::Row<'_>,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let types: String = row.get(2)?;
    if types.contains(&format!(" {} ", ServiceType::Emergency.code())) {
        return Ok(true);
    }
    Ok(open_status(&row.get::<_, String>(1)?, now) == OpenStatus::Open)
}

pub(super) fn hit(
    card: Card,
    locale: Locale,
    open_now: OpenStatus,
    distance_km: Option<f64>,
    fallback: bool,
) -> DirectoryHit {
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
        fallback,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.typed().folded.as_str()).collect()
    }

    #[test]
    fn understand_caps_words_and_marks_the_word_being_typed() {
        let w = understand("Полиция алм");
        assert_eq!(folded(&w), ["politsiya", "alm"]);
        assert!(!w[0].partial && w[1].partial);
        assert!(!understand("полиция ")[0].partial);
        assert!(understand(" ,.!").is_empty());
        assert_eq!(understand(&"ab ".repeat(1000)).len(), MAX_QUERY_TOKENS);
        // Stems ride along: "семьи" → "sem".
        assert!(understand("семьи")[0]
            .typed()
            .stems
            .contains(&"sem".to_string()));
    }

    #[test]
    fn places_take_the_pack_s_place_names_out_of_the_text() {
        let conn = Connection::open_in_memory().unwrap_or_else(|_| unreachable!());
        conn.execute_batch(
            "CREATE TABLE dir_place (name TEXT PRIMARY KEY, forms TEXT NOT NULL);
             INSERT INTO dir_place VALUES ('almaty', 'almaty|almat'),
               ('ust kamenogorsk', 'ust kamenogorsk|kamenogorsk');",
        )
        .unwrap_or_else(|_| unreachable!());
        let (rest, place) = places(&conn, understand("полиция Алматы")).unwrap_or_default();
        assert_eq!(
            (folded(&rest), place.as_deref()),
            (vec!["politsiya"], Some("almaty"))
        );
        // Inflected (Kazakh locative), and a two-word name.
        let (_, place) = places(&conn, understand("Алматыда юрист")).unwrap_or_default();
        assert_eq!(place.as_deref(), Some("almaty"));
        let (rest, place) = places(&conn, understand("Усть-Каменогорск приют")).unwrap_or_default();
        assert_eq!(
            (folded(&rest), place.as_deref()),
            (vec!["priyut"], Some("ust kamenogorsk"))
        );
        // Half a name being typed stays text.
        let (rest, place) = places(&conn, understand("полиция алмат")).unwrap_or_default();
        assert_eq!((folded(&rest).len(), place), (2, None));
    }

    #[test]
    fn intents_group_phrases_and_keep_other_words_alone() {
        let groups = intents(&understand("домашнее насилие абай"));
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].words.len(), 2);
        assert!(groups[0].types.contains(&ServiceType::CrisisCentre));
        assert!(groups[1].types.is_empty());
        // Inflected intent words count: "кризисного центра".
        let groups = intents(&understand("кризисного центра"));
        assert_eq!(groups[0].types, [ServiceType::CrisisCentre]);
    }

    #[test]
    fn the_fts_expression_quotes_every_term() {
        let e = fts_expression(&intents(&understand("семьи \"x\" NEAR(a)"))).unwrap_or_default();
        assert_eq!(e, "\"sem\"* AND \"x\"* AND \"near\"* AND \"a\"*");
        // A Kazakh stem that is not a prefix of the word stays beside it.
        let e = fts_expression(&intents(&understand("орталығы"))).unwrap_or_default();
        assert_eq!(e, "(\"ortalyg\"* OR \"ortalyk\"*)");
        let e = fts_expression(&intents(&understand("убежище"))).unwrap_or_default();
        assert_eq!(
            e,
            "((\"ubejish\"*) OR types : \"shelter\" OR types : \"crisiscentre\")"
        );
        assert_eq!(fts_expression(&[]), None);
    }
}
