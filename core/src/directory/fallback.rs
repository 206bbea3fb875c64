//! When nothing matches: the national lines that route her, never an empty screen.
//!
//! Why: a frightened person who types something the directory does not know must still see
//! where to call. For Kazakhstan these are, in this order (sources in
//! `/work/shared/REGION_KZ.md` and the pack's own entries): 111, the state contact centre for
//! the protection of the family, women and children (24/7); 150, the national helpline for
//! children and youth; 112, the unified emergency number; 102, the police. The pack supplies
//! the entries (names, sources, verification); this module only says which numbers route and in
//! what order, by the region's dialling plan. A region without a list here gets no fallback.
//!
//! The order is written at install time into `dir_service.routing` (an indexed column), so
//! the fallback costs one index range read.

use super::install::Card;

/// The routing numbers of a region, in the order they are shown.
fn routing_numbers(region: &str) -> &'static [&'static str] {
    match region {
        "KZ" => &["111", "150", "112", "102"],
        _ => &[],
    }
}

/// The position of a service among its region's routing lines: a service without a physical
/// place (a national line) with one of the routing numbers. `None` for every other service.
pub(crate) fn routing_rank(region: &str, card: &Card) -> Option<i64> {
    if !card.places.is_empty() {
        return None;
    }
    routing_numbers(region)
        .iter()
        .position(|n| card.phones.iter().any(|p| p.number == *n))
        .and_then(|i| i64::try_from(i).ok())
}

/// The sids of the routing lines, in order.
pub(crate) fn routing_sids(conn: &rusqlite::Connection) -> crate::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sid FROM dir_service WHERE routing IS NOT NULL ORDER BY routing, sid",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
}
