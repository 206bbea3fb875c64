//! `haven pack diff` and `haven pack check`: what a coordinator reviews before signing.
//!
//! Why: a region's pack is kept current by the people who know it — a crisis centre's
//! coordinator edits the CSV, builds, and someone signs. Before signing, the reviewer must see
//! exactly what changed (above all a changed phone number), and every few months which entries
//! nobody has checked for too long. Both commands read a pack (signed or not) or HSDS source
//! (JSON, or a CSV package directory), compare records by table and id, and print plain lines;
//! they never write anything.

use chrono::{Months, NaiveDate, Utc};
use haven_core::directory::hsds::Content;
use haven_core::directory::pack::Frame;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The tables compared, in the order printed, with their HSDS record name.
const TABLES: [(&str, &str); 7] = [
    ("organizations", "organization"),
    ("services", "service"),
    ("locations", "location"),
    ("service_at_locations", "service_at_location"),
    ("phones", "phone"),
    ("schedules", "schedule"),
    ("languages", "language"),
];

/// Reads the content of a pack file, or of HSDS source (JSON file or CSV directory).
pub(super) fn load(input: &Path, default_timezone: &str) -> Result<Content, String> {
    if input.is_file() {
        let bytes = super::read_capped(input, haven_core::directory::pack::MAX_PACK_BYTES * 4)?;
        if let Ok(frame) = Frame::parse(&bytes) {
            return Content::from_json(frame.content)
                .map_err(|p| super::report(&p).replace("no pack written", "content is invalid"));
        }
    }
    super::load_content(input, default_timezone)
}

fn records(c: &Content) -> Result<BTreeMap<&'static str, BTreeMap<String, Value>>, String> {
    let v = serde_json::to_value(c).map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for (table, _) in TABLES {
        let mut by_id = BTreeMap::new();
        for r in v[table].as_array().into_iter().flatten() {
            let id = r["id"].as_str().unwrap_or_default().to_string();
            by_id.insert(id, r.clone());
        }
        out.insert(table, by_id);
    }
    Ok(out)
}

/// A field's value for printing: texts as `kk=… ru=… en=…`, the rest as JSON.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) => format!("{s:?}"),
        Value::Object(m) if m.keys().all(|k| ["kk", "ru", "en"].contains(&k.as_str())) => m
            .iter()
            .map(|(k, v)| format!("{k}={}", show(v)))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

/// The lines describing what changed from `old` to `new`, and the counts (added, removed,
/// changed).
pub(super) fn diff_lines(
    old: &Content,
    new: &Content,
) -> Result<(Vec<String>, [usize; 3]), String> {
    let (a, b) = (records(old)?, records(new)?);
    let mut lines = Vec::new();
    let mut counts = [0usize; 3];
    for (table, kind) in TABLES {
        let (a, b) = (&a[table], &b[table]);
        for (id, r) in b {
            match a.get(id) {
                None => {
                    counts[0] += 1;
                    let label = ["number", "name", "city", "code"]
                        .iter()
                        .find_map(|f| r.get(*f).filter(|v| !v.is_null()).map(show))
                        .unwrap_or_default();
                    lines.push(format!("+ {kind} {id} {label}").trim_end().to_string());
                }
                Some(old) if old != r => {
                    counts[2] += 1;
                    let mut fields: Vec<&String> = r
                        .as_object()
                        .into_iter()
                        .flat_map(|m| m.keys())
                        .chain(old.as_object().into_iter().flat_map(|m| m.keys()))
                        .collect();
                    fields.sort();
                    fields.dedup();
                    for f in fields {
                        let (x, y) = (&old[f.as_str()], &r[f.as_str()]);
                        if x != y {
                            let flag = if f == "number" {
                                "  <-- PHONE NUMBER CHANGED: check it against its source"
                            } else {
                                ""
                            };
                            lines.push(format!(
                                "~ {kind} {id}: {f}: {} -> {}{flag}",
                                show(x),
                                show(y)
                            ));
                        }
                    }
                }
                Some(_) => {}
            }
        }
        for id in a.keys().filter(|id| !b.contains_key(*id)) {
            counts[1] += 1;
            lines.push(format!("- {kind} {id}"));
        }
    }
    Ok((lines, counts))
}

pub(super) fn diff(old: &Path, new: &Path, default_timezone: &str) -> Result<(), String> {
    let (a, b) = (load(old, default_timezone)?, load(new, default_timezone)?);
    let (lines, [added, removed, changed]) = diff_lines(&a, &b)?;
    for l in &lines {
        println!("{l}");
    }
    println!("{added} added, {removed} removed, {changed} changed");
    Ok(())
}

/// Entries whose `verified_on` is before `today` minus `months` (or is not a date), as
/// `(kind, id, verified_on, verified)`.
pub(super) fn stale(
    c: &Content,
    months: u32,
    today: NaiveDate,
) -> Result<Vec<(&'static str, String, String, bool)>, String> {
    let limit = today
        .checked_sub_months(Months::new(months))
        .ok_or("--older-than is too large")?;
    let all = records(c)?;
    let mut out = Vec::new();
    for (table, kind) in TABLES {
        for (id, r) in &all[table] {
            let Some(on) = r.get("verified_on").and_then(Value::as_str) else {
                continue; // links and languages carry no provenance of their own
            };
            let old = NaiveDate::parse_from_str(on, "%Y-%m-%d").map_or(true, |d| d < limit);
            if old {
                let verified = r["verified"].as_bool().unwrap_or(false);
                out.push((kind, id.clone(), on.to_string(), verified));
            }
        }
    }
    Ok(out)
}

/// Lists stale entries; fails (exit 1) when there are any, so a script can stop a release.
pub(super) fn check(
    input: &Path,
    months: u32,
    today: Option<&str>,
    default_timezone: &str,
) -> Result<(), String> {
    let today = match today {
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| format!("--today {t:?} is not a date (YYYY-MM-DD)"))?,
        None => Utc::now().date_naive(),
    };
    let c = load(input, default_timezone)?;
    let entries = stale(&c, months, today)?;
    for (kind, id, on, verified) in &entries {
        let state = if *verified { "verified" } else { "unverified" };
        println!("{kind} {id}: {state}, last checked {on}");
    }
    if entries.is_empty() {
        println!("every entry was checked within the last {months} months");
        Ok(())
    } else {
        Err(format!(
            "{} entries were last checked more than {months} months ago: check them against their sources (or call) and update verified_on",
            entries.len()
        ))
    }
}
