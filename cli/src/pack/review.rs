//! `haven pack diff` and `haven pack check`: what a coordinator reviews before signing; and
//! `haven pack build --hsds-locale`: standard HSDS 3.0 in, with the provenance she gives.
//!
//! Why: a region's pack is kept current by the people who know it — a crisis centre's
//! coordinator edits the CSV, builds, and someone signs. Before signing, the reviewer must see
//! exactly what changed (above all a changed phone number), and every few months which entries
//! nobody has checked for too long. Both commands read a pack (signed or not) or HSDS source
//! (JSON, or a CSV package directory), compare records by table and id, and print plain lines;
//! they never write anything.

use chrono::{Months, NaiveDate, Utc};
use haven_core::directory::hsds::Content;
use haven_core::directory::hsds_std::Provenance;
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

/// Options for building from standard HSDS 3.0 JSON.
#[derive(Debug)]
pub(super) struct StandardHsds {
    pub locale: String,
    pub source: Option<String>,
    pub verified_on: Option<String>,
    pub verified: bool,
    pub provenance: Option<std::path::PathBuf>,
}

fn provenance_of(v: &Value) -> Option<Provenance> {
    Some(Provenance {
        source: v.get("source")?.as_str()?.to_string(),
        verified_on: v.get("verified_on")?.as_str()?.to_string(),
        verified: v.get("verified")?.as_bool()?,
    })
}

/// Imports standard HSDS JSON and prints what was ignored, unmapped or withheld.
pub(super) fn import_standard(
    input: &Path,
    o: &StandardHsds,
    default_timezone: &str,
) -> Result<Content, String> {
    let locale: haven_core::Locale = match o.locale.as_str() {
        "kk" => haven_core::Locale::Kk,
        "ru" => haven_core::Locale::Ru,
        "en" => haven_core::Locale::En,
        other => return Err(format!("--hsds-locale {other:?}: use kk, ru or en")),
    };
    let option_default = match (&o.source, &o.verified_on) {
        (Some(source), Some(on)) => Some(Provenance {
            source: source.clone(),
            verified_on: on.clone(),
            verified: o.verified,
        }),
        (None, None) => None,
        _ => return Err("--source and --verified-on go together".into()),
    };
    let side: Value = match &o.provenance {
        Some(path) => serde_json::from_slice(&super::read_capped(path, 16 << 20)?)
            .map_err(|e| format!("{}: not JSON: {e}", path.display()))?,
        None => Value::Null,
    };
    let side_default = provenance_of(&side["default"]);
    let lookup = |table: &str, id: &str| -> Option<Provenance> {
        provenance_of(&side["records"][format!("{table}:{id}")])
            .or_else(|| side_default.clone())
            .or_else(|| option_default.clone())
    };
    if side_default.is_none() && option_default.is_none() && o.provenance.is_none() {
        return Err(
            "standard HSDS has no provenance: give --source and --verified-on (and --verified only if you called), or --provenance FILE"
                .into(),
        );
    }
    let max = haven_core::directory::pack::MAX_PACK_BYTES * 4;
    let imported = if input.is_dir() {
        let mut read = |name: &str| -> Option<Vec<u8>> {
            let path = input.join(name);
            path.exists()
                .then(|| super::read_capped(&path, max).ok())
                .flatten()
        };
        haven_core::directory::hsds_std::import_csv(&mut read, locale, default_timezone, &lookup)
    } else {
        let bytes = super::read_capped(input, max)?;
        haven_core::directory::hsds_std::import_json(&bytes, locale, default_timezone, &lookup)
    }
    .map_err(|p| super::report(&p))?;
    for (field, n) in &imported.ignored {
        println!("ignored (not used by Haven): {field} in {n} record(s)");
    }
    for t in &imported.unmapped_terms {
        println!("taxonomy term with no Haven service type: {t:?}");
    }
    for n in &imported.notes {
        println!("note: {n}");
    }
    Ok(imported.content)
}
