//! What the search index holds for a service, built from its stored card.
//!
//! Why from the card: the card keeps every text the index needs (names, descriptions,
//! organization, places, types, numbers) in every locale, so when the index format changes
//! (a new stemmer rule, a new column) an installed pack is re-indexed from its cards on the next
//! open, without the pack file, which the vault does not keep ([`reindex_if_stale`]).
//!
//! Services are numbered (`sid`, the FTS rowid) verified first, in pack order within each
//! group, and `dir_pack.verified_services` says where the verified ones end: ranking verified
//! first then needs only the rowid, never the service row, whose card is large.
//!
//! Each word is indexed as its folded spelling and those of its stems ([`super::stem`]) that
//! are not a prefix of it (the query matches every form as a prefix, so "sem"* finds "semi"
//! without a "sem" token: the index stays as small and fast as before stemming); the `types`
//! column holds the service-type codes (without underscores) that intent words match; the
//! pack's city and region names go to `dir_place` (place words in a query); every indexed word
//! of four letters or more goes to `dir_typo` under its one-letter deletions (typo tolerance).

use super::fallback;
use super::install::Card;
use super::normalize::fold;
use super::stem::{forms, words};
use crate::error::{Error, Result};
use rusqlite::{params, Connection};
use std::collections::BTreeSet;

/// The index format written by this core. Bump it when what [`text`] produces changes: older
/// indexes are rebuilt on open.
pub(crate) const INDEX_VERSION: i64 = 2;

/// Shortest word kept for typo tolerance (a query word needs five letters; one deletion away).
const TYPO_MIN: usize = 4;

/// A service's three FTS columns.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Text {
    pub name: String,
    pub body: String,
    pub types: String,
}

/// What is collected over all services while indexing, written once at the end.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    places: std::collections::BTreeMap<String, String>,
    words: BTreeSet<String>,
    verified: i64,
}

impl Vocabulary {
    /// Adds a city or region name (every locale) to the pack's places.
    pub(crate) fn add_place(&mut self, t: &super::hsds::Text) {
        for v in t.all() {
            let name = fold(v);
            if !name.is_empty() && !self.places.contains_key(&name) {
                self.places.insert(name, place_forms(v));
            }
        }
    }
}

/// The FTS type token of a service type: its code without underscores ("crisiscentre").
pub(crate) fn type_token(t: super::ServiceType) -> String {
    t.code().replace('_', "")
}

/// Appends every word of `source` as its forms; remembers the folded words for typo tolerance.
fn add(out: &mut String, source: &str, vocab: &mut Vocabulary) {
    for word in words(source) {
        for f in forms(word) {
            if f.folded.len() >= TYPO_MIN && f.folded.bytes().all(|b| b.is_ascii_lowercase()) {
                vocab.words.insert(f.folded.clone());
            }
            out.push_str(&f.folded);
            out.push(' ');
            // A stem that begins the word is found by the query's prefix term already: only
            // stems that do not (Kazakh "орталығы" → "ortalyk") take room in the index.
            for s in f.stems.iter().filter(|s| !f.folded.starts_with(s.as_str())) {
                out.push_str(s);
                out.push(' ');
            }
        }
    }
}

/// The indexed text of one card.
pub(crate) fn text(card: &Card, vocab: &mut Vocabulary) -> Text {
    let mut out = Text::default();
    vocab.verified += i64::from(card.verified);
    for v in card.name.all() {
        add(&mut out.name, v, vocab);
    }
    let mut sources: Vec<&str> = Vec::new();
    for t in card.description.iter().chain([&card.organization]) {
        sources.extend(t.all());
    }
    for p in &card.places {
        for t in [&p.name, &p.address, &p.city, &p.region]
            .into_iter()
            .flatten()
        {
            sources.extend(t.all());
        }
        for t in [&p.city, &p.region].into_iter().flatten() {
            vocab.add_place(t);
        }
    }
    let labels: Vec<String> = card.types.iter().map(|t| t.search_text()).collect();
    sources.extend(labels.iter().map(String::as_str));
    sources.extend(card.phones.iter().map(|p| p.number.as_str()));
    for s in sources {
        add(&mut out.body, s, vocab);
    }
    out.types = card
        .types
        .iter()
        .map(|t| type_token(*t))
        .collect::<Vec<_>>()
        .join(" ");
    out
}

/// A place name's words as stored in `dir_place.forms`: "almaty|almat ...".
fn place_forms(name: &str) -> String {
    words(name)
        .flat_map(forms)
        .map(|f| {
            let mut s = f.folded;
            for stem in f.stems {
                s.push('|');
                s.push_str(&stem);
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses [`place_forms`] back.
pub(crate) fn parse_place_forms(stored: &str) -> Vec<super::stem::Forms> {
    stored
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut parts = w.split('|').map(str::to_string);
            super::stem::Forms {
                folded: parts.next().unwrap_or_default(),
                stems: parts.collect(),
            }
        })
        .collect()
}

/// Inserts one service's index row.
pub(crate) fn insert(tx: &Connection, sid: i64, t: &Text) -> Result<()> {
    tx.prepare_cached("INSERT INTO dir_fts (rowid, name, body, types) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![sid, t.name, t.body, t.types])?;
    Ok(())
}

/// Writes the place names and the typo table, and records the index version.
pub(crate) fn finish(tx: &Connection, vocab: &Vocabulary) -> Result<()> {
    let mut place =
        tx.prepare_cached("INSERT OR IGNORE INTO dir_place (name, forms) VALUES (?1, ?2)")?;
    for (name, forms) in &vocab.places {
        place.execute([name, forms])?;
    }
    let mut typo =
        tx.prepare_cached("INSERT OR IGNORE INTO dir_typo (key, term) VALUES (?1, ?2)")?;
    for w in &vocab.words {
        for key in deletions(w) {
            typo.execute(params![key, w])?;
        }
    }
    tx.execute(
        "UPDATE dir_pack SET index_version = ?1, verified_services = ?2 WHERE id = 1",
        [INDEX_VERSION, vocab.verified],
    )?;
    Ok(())
}

/// A word and each of its one-letter deletions: two words one edit apart (a letter changed,
/// added, dropped or two swapped) always share one of these keys.
pub(crate) fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys = vec![word.to_string()];
    for i in 0..chars.len() {
        let key: String = chars
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, c)| c)
            .collect();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Rebuilds the index of the installed pack from its stored cards if it was built by an older
/// core (or dropped by a migration). One transaction: a failure leaves the old state and the
/// next open retries. Returns whether it re-indexed.
pub(crate) fn reindex_if_stale(conn: &mut Connection) -> Result<bool> {
    let tx = conn.transaction()?;
    let row: Option<(String, i64)> = rusqlite::OptionalExtension::optional(tx.query_row(
        "SELECT region, index_version FROM dir_pack WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    let Some((region, version)) = row else {
        return Ok(false);
    };
    if version >= INDEX_VERSION {
        return Ok(false);
    }
    // Renumber verified first (an older core numbered in pack order), keeping pack order
    // within each group, then index every card again.
    type Row = (i64, String, String, String, String, String, String);
    let mut rows: Vec<(Card, Row)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT sid, id, types, languages, places, hours, card FROM dir_service ORDER BY sid",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let row: Row = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            );
            let card: Card =
                serde_json::from_str(&row.6).map_err(|_| Error::Corrupt { what: "directory" })?;
            rows.push((card, row));
        }
    }
    rows.sort_by_key(|(card, _)| !card.verified);
    let points: Vec<(i64, f64, f64)> = tx
        .prepare("SELECT sid, lat, lon FROM dir_point")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(
        "DELETE FROM dir_fts; DELETE FROM dir_place; DELETE FROM dir_typo;
         DELETE FROM dir_point; DELETE FROM dir_service;",
    )?;
    let mut vocab = Vocabulary::default();
    let mut new_sid = std::collections::HashMap::new();
    for (i, (card, (old, id, types, languages, places, hours, card_json))) in
        rows.iter().enumerate()
    {
        let sid = i64::try_from(i).map_err(|_| Error::Corrupt { what: "directory" })? + 1;
        new_sid.insert(*old, sid);
        tx.execute(
            "INSERT INTO dir_service (sid, id, types, languages, places, hours, card, routing)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                sid,
                id,
                types,
                languages,
                places,
                hours,
                card_json,
                fallback::routing_rank(&region, card)
            ],
        )?;
        insert(&tx, sid, &text(card, &mut vocab))?;
    }
    for (old, lat, lon) in points {
        if let Some(sid) = new_sid.get(&old) {
            tx.execute(
                "INSERT INTO dir_point (sid, lat, lon) VALUES (?1, ?2, ?3)",
                params![sid, lat, lon],
            )?;
        }
    }
    finish(&tx, &vocab)?;
    tx.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_cover_one_edit() {
        let keys = deletions("polis");
        assert_eq!(keys, ["polis", "olis", "plis", "pois", "pols", "poli"]);
        // A substitution shares a deletion key with the original.
        let a: BTreeSet<String> = deletions("politsiya").into_iter().collect();
        let b: BTreeSet<String> = deletions("politsyya").into_iter().collect();
        assert!(a.intersection(&b).next().is_some());
    }
}
