//! The printable report: one self-contained HTML file for an advocate, lawyer or court.
//!
//! Why HTML and not PDF: every phone can show, print and share an HTML file, a PDF writer
//! would add a large dependency, and print CSS gives clean A4 pages. The file has no scripts
//! and no external resources. Attachments are listed with size and SHA-256, so a copy handed
//! over separately can be matched; when she asks for it, photos are also embedded as small
//! JPEG copies (`data:` URIs, see [`super::photo`]) so a printed page shows the injury, each
//! captioned with the original's size and hash. Every piece of text is HTML-escaped. Labels
//! (including every revision action, incident and attachment kind) come from `labels.json` in
//! the chosen language, never raw ids; times are shown in the time zone recorded with each
//! entry, plus UTC.
//!
//! The core returns the report as a string: the shell saves or shares it, the core never
//! writes it to disk.

use super::photo::PrintCopy;
use crate::content::{content, Labels};
use crate::error::Result;
use crate::journal::{ChainStatus, JournalEntry, RevisionInfo};
use crate::locale::Locale;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;font-size:11pt;line-height:1.4;margin:2em;color:#000}\
h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #444;margin-top:1.5em;break-after:avoid}h3{break-after:avoid}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;break-inside:avoid}dt{font-weight:bold}dd{margin:0;white-space:pre-wrap}\
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:9pt}th:first-child{width:1.8em}th:last-child{width:47%}th,td{border:1px solid #888;padding:.2em .4em;text-align:left;vertical-align:top}\
tr{break-inside:avoid}code{font-family:monospace;word-break:break-all}\
figure{margin:.8em 0;break-inside:avoid}\
figure img{display:block;width:auto;height:auto;max-width:100%;max-height:95mm;border:1px solid #888}\
figcaption{font-size:9pt;margin-top:.3em}.note{font-size:9pt;color:#333}.hidden{font-style:italic}\
@media print{body{margin:0}@page{size:A4;margin:18mm}}";

/// Everything the report shows for one entry.
pub(crate) struct ReportEntry {
    pub entry: JournalEntry,
    pub revisions: Vec<RevisionInfo>,
    /// Printable copies of its photos by attachment id, when she asked to embed them
    /// (`None`: that photo could not be decoded and is only listed).
    pub print_copies: BTreeMap<i64, Option<PrintCopy>>,
}

/// Renders the report.
pub(crate) fn render(
    locale: Locale,
    generated_at: DateTime<Utc>,
    chain: &ChainStatus,
    entries: &[ReportEntry],
) -> Result<String> {
    let labels = &content()?.labels;
    let l = |key: &str| {
        labels
            .report
            .get(key)
            .map_or_else(|| escape(key), |t| escape(t.get(locale)))
    };
    let mut h = String::with_capacity(4096 + entries.len() * 2048);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
         <style>{STYLE}</style></head><body>",
        locale.tag(),
        l("title")
    );
    let _ = writeln!(h, "<header><h1>{}</h1>", l("title"));
    let _ = writeln!(h, "<p>{}: {}</p>", l("generated"), utc(generated_at));
    match chain {
        ChainStatus::Intact(head) => {
            let _ = writeln!(
                h,
                "<p>{}: <code>{}</code></p>\n<p>{}</p>",
                l("chain_head"),
                escape(&head.head),
                l("chain_ok")
            );
        }
        ChainStatus::Broken(_) => {
            let _ = writeln!(h, "<p><strong>{}</strong></p>", l("chain_broken"));
        }
    }
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>\n<p>{}: {}</p></header>",
        l("page_note"),
        l("entries"),
        entries.len()
    );
    for (n, e) in entries.iter().enumerate() {
        entry(&mut h, n + 1, e, labels, locale, &l);
    }
    h.push_str("</body></html>\n");
    Ok(h)
}

fn entry(
    h: &mut String,
    n: usize,
    r: &ReportEntry,
    labels: &Labels,
    locale: Locale,
    l: &dyn Fn(&str) -> String,
) {
    let e = &r.entry;
    let _ = writeln!(
        h,
        "<section class=\"entry\"><h2>{n}. {}</h2>",
        local(e.occurred_at, &e.time_zone)
    );
    if e.hidden {
        let _ = writeln!(h, "<p class=\"hidden\">{}</p>", l("deleted_entry"));
    }
    h.push_str("<dl>\n");
    let mut row = |key: &str, value: &str| {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", l(key), escape(value));
    };
    row(
        "occurred_at",
        &format!(
            "{} ({})",
            local(e.occurred_at, &e.time_zone),
            utc(e.occurred_at)
        ),
    );
    row("recorded_at", &utc(e.recorded_at));
    let kinds: Vec<&str> = e
        .kinds
        .iter()
        .map(|k| {
            labels
                .incident_kinds
                .get(k.id())
                .map_or(k.id(), |t| t.get(locale))
        })
        .collect();
    if !kinds.is_empty() {
        row("kinds", &kinds.join(", "));
    }
    row("narrative", &e.narrative);
    for (key, value) in [
        ("injuries", &e.injuries),
        ("witnesses", &e.witnesses),
        ("place", &e.place),
    ] {
        if let Some(v) = value {
            row(key, v);
        }
    }
    row("police_involved", if e.police_involved { "✓" } else { "—" });
    row(
        "medical_involved",
        if e.medical_involved { "✓" } else { "—" },
    );
    let refs: Vec<&str> = [&e.police_reference, &e.medical_reference]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !refs.is_empty() {
        row("reference_numbers", &refs.join("; "));
    }
    h.push_str("</dl>\n");
    if !e.attachments.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            l("attachments"),
            l("file"),
            l("size_bytes"),
            l("sha256")
        );
        for (i, a) in e.attachments.iter().enumerate() {
            let kind = labels
                .attachment_kinds
                .get(a.kind.id())
                .map_or(a.kind.id(), |t| t.get(locale));
            let name = a
                .file_name
                .as_deref()
                .map(|f| format!(" — {f}"))
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                i + 1,
                escape(&format!("{kind}{name}")),
                a.size,
                escape(&a.sha256)
            );
        }
        h.push_str("</table>\n");
        figures(h, r, l);
    }
    let _ = writeln!(
        h,
        "<h3>{}</h3><table><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        l("revision"),
        l("action"),
        l("recorded_at"),
        l("sha256")
    );
    for rev in &r.revisions {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            rev.seq,
            labels
                .revision_actions
                .get(rev.action.id())
                .map_or_else(|| escape(rev.action.id()), |t| escape(t.get(locale))),
            rev.recorded_at.map(utc).unwrap_or_default(),
            escape(&rev.hash)
        );
    }
    h.push_str("</table></section>\n");
}

/// The embedded photo copies of one entry, each captioned with the original's hash and size.
fn figures(h: &mut String, r: &ReportEntry, l: &dyn Fn(&str) -> String) {
    for (i, a) in r.entry.attachments.iter().enumerate() {
        let Some(copy) = r.print_copies.get(&a.id) else {
            continue;
        };
        let name = a.file_name.as_deref().map(escape).unwrap_or_default();
        match copy {
            Some(copy) => {
                let _ = writeln!(
                    h,
                    "<figure><img src=\"data:image/jpeg;base64,{}\" width=\"{}\" height=\"{}\" alt=\"{} {}\">\
                     <figcaption>#{} {name} — {}: {} — {}: <code>{}</code><br>{}</figcaption></figure>",
                    base64::engine::general_purpose::STANDARD.encode(&copy.jpeg),
                    copy.width,
                    copy.height,
                    l("attachments"),
                    i + 1,
                    i + 1,
                    l("size_bytes"),
                    a.size,
                    l("sha256"),
                    escape(&a.sha256),
                    l("photo_copy_note")
                );
            }
            None => {
                let _ = writeln!(
                    h,
                    "<p class=\"note\">#{} {name} — {}</p>",
                    i + 1,
                    l("photo_not_shown")
                );
            }
        }
    }
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn local(t: DateTime<Utc>, zone: &str) -> String {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => format!("{} {}", t.with_timezone(&tz).format("%Y-%m-%d %H:%M"), zone),
        Err(_) => utc(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("Алматы"), "Алматы");
    }
}
