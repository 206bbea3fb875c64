//! `haven content review-sheet` and `haven content apply-review`: the text a native speaker at a
//! crisis centre must check before a release, as one spreadsheet, and their corrections back.
//!
//! Why a CSV file: a reviewer opens it in Excel or LibreOffice without installing anything, and
//! the file diffs and round-trips exactly. It starts with a UTF-8 byte-order mark (so Excel
//! reads Cyrillic correctly) and is separated by semicolons by default, the list separator of
//! Excel in Russian and Kazakh settings (`--delimiter comma` for others; the import accepts
//! both).
//!
//! One row per localized string: its id (a path in the file), the file, the Kazakh, Russian and
//! English text, three empty "corrected" columns and a comment column for the reviewer, then
//! the sources and verified date of the statement it belongs to. Rows come from every
//! `core/content/*.json` file and, read as text (never edited here), from the shells' tables:
//! Android's `UiText.kt` and iOS's `Strings.swift`.
//!
//! The import applies a correction (a filled "corrected" cell; a text cell edited in place is
//! only reported, as spreadsheets rewrite numbers and dates on their own) to the content JSON by replacing exactly that string and nothing else, so the rest
//! of each file stays byte-identical; a string that cannot be located uniquely is reported,
//! not guessed. Corrections to shell strings are printed as a list for the shells' owners.

use crate::exit;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The content files, in the order the sheet lists them.
pub const CONTENT_FILES: [&str; 4] = [
    "plan.json",
    "rights_kz.json",
    "danger_signs.json",
    "labels.json",
];
/// The shells' string tables, relative to the repository.
pub const ANDROID_TABLE: &str = "android/app/src/main/kotlin/org/haven/app/text/UiText.kt";
/// iOS's table, relative to the repository.
pub const IOS_TABLE: &str = "ios/HavenAppLogic/Sources/HavenAppLogic/Strings.swift";
const CONTENT_DIR: &str = "core/content";

const HEADER: [&str; 13] = [
    "id",
    "file",
    "kk",
    "ru",
    "en",
    "kk_corrected",
    "ru_corrected",
    "en_corrected",
    "reviewer_comment",
    "sources",
    "verified_on",
    "verification",
    "notes",
];
const BOM: &str = "\u{FEFF}";

/// One localized string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where it is: `plan.json:sections/warning_signs/items/warning_signs.triggers/text`.
    pub id: String,
    /// The file, relative to the repository.
    pub file: String,
    /// Kazakh, Russian, English.
    pub text: [String; 3],
    /// Sources of the statement it belongs to ("publisher, date; ...").
    pub sources: String,
    /// Its `verified_on`, if any.
    pub verified_on: String,
    /// `verified` / `unverified`, if stated.
    pub verification: String,
    /// Reviewer notes from the content (not shown to users).
    pub notes: String,
}

const LOCALES: [&str; 3] = ["kk", "ru", "en"];

// ---- Reading ----------------------------------------------------------------------------------

/// Every localized string of one content file, in a stable order.
pub fn content_rows(file: &str, json: &str) -> Result<Vec<Row>, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("{file}: {e}"))?;
    let mut rows = Vec::new();
    walk(&value, file, "", &Context::default(), &mut rows);
    Ok(rows)
}

#[derive(Clone, Default)]
struct Context {
    sources: String,
    verified_on: String,
    verification: String,
    notes: String,
}

fn walk(v: &Value, file: &str, path: &str, ctx: &Context, rows: &mut Vec<Row>) {
    match v {
        Value::Object(map) => {
            if let Some(text) = localized(map) {
                rows.push(Row {
                    id: format!("{file}:{path}"),
                    file: format!("{CONTENT_DIR}/{file}"),
                    text,
                    sources: ctx.sources.clone(),
                    verified_on: ctx.verified_on.clone(),
                    verification: ctx.verification.clone(),
                    notes: ctx.notes.clone(),
                });
                return;
            }
            let mut ctx = ctx.clone();
            if let Some(Value::Array(sources)) = map.get("sources") {
                ctx.sources = sources
                    .iter()
                    .map(|s| {
                        let field = |k: &str| s.get(k).and_then(Value::as_str).unwrap_or("");
                        let mut one = format!(
                            "{} — {} ({})",
                            field("publisher"),
                            field("title"),
                            field("date")
                        );
                        if let Some(url) = s.get("url").and_then(Value::as_str) {
                            one.push_str(&format!(" {url}"));
                        }
                        if let Some(at) = s.get("status_as_of").and_then(Value::as_str) {
                            one.push_str(&format!(" [status as of {at}: {}]", field("status")));
                        }
                        one
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            for (key, slot) in [
                ("verified_on", &mut ctx.verified_on),
                ("verification", &mut ctx.verification),
                ("notes", &mut ctx.notes),
            ] {
                if let Some(s) = map.get(key).and_then(Value::as_str) {
                    *slot = s.to_owned();
                }
            }
            for (key, child) in map {
                walk(child, file, &join(path, key), &ctx, rows);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let segment = child
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| i.to_string(), str::to_owned);
                walk(child, file, &join(path, &segment), ctx, rows);
            }
        }
        _ => {}
    }
}

fn join(path: &str, segment: &str) -> String {
    if path.is_empty() {
        segment.to_owned()
    } else {
        format!("{path}/{segment}")
    }
}

/// `{"kk", "ru", "en"}` with string values and nothing else.
fn localized(map: &serde_json::Map<String, Value>) -> Option<[String; 3]> {
    if map.len() != 3 {
        return None;
    }
    let get = |k: &str| map.get(k).and_then(Value::as_str).map(str::to_owned);
    Some([get("kk")?, get("ru")?, get("en")?])
}

/// A Kotlin or Swift string literal's text (the tables use only `\"`, `\\`, `\n`, `\t`).
fn unescape(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// One string literal at the start of `s` (after blanks), and the rest.
fn literal(s: &str) -> Option<(String, &str)> {
    let body = s.trim_start().strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some((unescape(&body[..i]), &body[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

/// The first `n` comma-separated string expressions at the start of `s`; an expression is a
/// literal or literals joined with `+` (both tables split long texts that way).
fn literals(s: &str, n: usize) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = s;
    while out.len() < n {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let (mut text, mut after) = literal(rest)?;
        while let Some(more) = after.trim_start().strip_prefix('+') {
            let (next, tail) = literal(more)?;
            text.push_str(&next);
            after = tail;
        }
        out.push(text);
        rest = after;
    }
    Some(out)
}

/// Android: `NAME("en", "ru", "kk"),` entries of `enum class UiText`.
pub fn android_rows(kotlin: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut rest = kotlin;
    while let Some(at) = rest.find("\n    ") {
        rest = &rest[at + 5..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(0);
        if name_len == 0 || !rest[name_len..].starts_with('(') {
            continue;
        }
        let name = &rest[..name_len];
        if let Some(t) = literals(&rest[name_len + 1..], 3) {
            rows.push(shell_row(
                format!("android:UiText.{name}"),
                ANDROID_TABLE,
                [t[2].clone(), t[1].clone(), t[0].clone()],
            ));
        }
    }
    rows
}

/// iOS: `case .name:\n return ("kk", "ru", "en")` arms of `Strings.translations`.
pub fn ios_rows(swift: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut rest = swift;
    while let Some(at) = rest.find("case .") {
        rest = &rest[at + 6..];
        let Some(colon) = rest.find(':') else { break };
        let names = &rest[..colon];
        let after = rest[colon + 1..].trim_start();
        let Some(tuple) = after.strip_prefix("return (") else {
            continue;
        };
        if names.contains(|c: char| {
            !(c.is_ascii_alphanumeric() || c == '_' || c == ',' || c == '.' || c == ' ')
        }) {
            continue;
        }
        if let Some(t) = literals(tuple, 3) {
            let name = names
                .split(',')
                .next()
                .unwrap_or("")
                .trim()
                .trim_start_matches('.');
            rows.push(shell_row(
                format!("ios:TextKey.{name}"),
                IOS_TABLE,
                [t[0].clone(), t[1].clone(), t[2].clone()],
            ));
        }
    }
    rows
}

fn shell_row(id: String, file: &str, text: [String; 3]) -> Row {
    Row {
        id,
        file: file.to_owned(),
        text,
        sources: "UI text (drafted by the team; not a statement of fact)".into(),
        verified_on: String::new(),
        verification: String::new(),
        notes: String::new(),
    }
}

/// All rows of the repository at `repo`: content first, then Android, then iOS.
pub fn all_rows(repo: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for file in CONTENT_FILES {
        rows.extend(content_rows(
            file,
            &read(&repo.join(CONTENT_DIR).join(file))?,
        )?);
    }
    rows.extend(android_rows(&read(&repo.join(ANDROID_TABLE))?));
    rows.extend(ios_rows(&read(&repo.join(IOS_TABLE))?));
    Ok(rows)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

// ---- The sheet --------------------------------------------------------------------------------

/// The sheet as CSV text (with its byte-order mark).
pub fn sheet(rows: &[Row], delimiter: u8) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| e.to_string();
    w.write_record(HEADER).map_err(fail)?;
    for r in rows {
        w.write_record([
            r.id.as_str(),
            &r.file,
            &r.text[0],
            &r.text[1],
            &r.text[2],
            "",
            "",
            "",
            "",
            &r.sources,
            &r.verified_on,
            &r.verification,
            &r.notes,
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let body = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    Ok(format!("{BOM}{body}"))
}

/// One correction read from a sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// Row id.
    pub id: String,
    /// `kk`, `ru` or `en`.
    pub locale: &'static str,
    /// The text now.
    pub old: String,
    /// The reviewer's text.
    pub new: String,
    /// The reviewer's comment, if any.
    pub comment: String,
}

/// The corrections in `sheet` against the current `rows` (the filled "corrected" cells), and
/// warnings about text cells that differ from the current text (not applied). Unknown ids are
/// an error: the sheet is older than the text.
pub fn corrections(sheet: &str, rows: &[Row]) -> Result<(Vec<Correction>, Vec<String>), String> {
    let body = sheet.strip_prefix(BOM).unwrap_or(sheet);
    let first = body.lines().next().unwrap_or("");
    let delimiter = if first.starts_with("id;") { b';' } else { b',' };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header = r.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("the sheet has no column {name:?}"))
    };
    let id_col = col("id")?;
    let text_cols = [col("kk")?, col("ru")?, col("en")?];
    let fixed_cols = [
        col("kk_corrected")?,
        col("ru_corrected")?,
        col("en_corrected")?,
    ];
    let comment_col = col("reviewer_comment")?;
    let current: BTreeMap<&str, &Row> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (n, record) in r.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", n + 2))?;
        let cell = |i: usize| record.get(i).unwrap_or("");
        let id = cell(id_col);
        let row = current.get(id).ok_or_else(|| {
            format!(
                "row {}: {id:?} is not in the current text (export a new sheet)",
                n + 2
            )
        })?;
        for (i, locale) in LOCALES.iter().enumerate() {
            let new = cell(fixed_cols[i]);
            if cell(text_cols[i]) != row.text[i] {
                // Spreadsheets rewrite cells on their own (numbers, dates, spaces), so an
                // edited text cell is reported, never applied.
                warnings.push(format!(
                    "{id} [{locale}]: the text cell differs from the current text and was not applied; put corrections in {locale}_corrected"
                ));
            }
            if !new.trim().is_empty() && new != row.text[i] {
                out.push(Correction {
                    id: id.to_owned(),
                    locale,
                    old: row.text[i].clone(),
                    new: new.to_owned(),
                    comment: cell(comment_col).to_owned(),
                });
            }
        }
    }
    Ok((out, warnings))
}

/// Applies `fixes` for one content file's text, replacing each string in place (its
/// `"locale": "text"` must occur exactly once) and checking the result: the file still
/// parses, the corrected rows hold the new text, and every other row is unchanged.
pub fn apply_to_content(file: &str, json: &str, fixes: &[&Correction]) -> Result<String, String> {
    let before = content_rows(file, json)?;
    let mut text = json.to_owned();
    for fix in fixes {
        let enc = |s: &str| serde_json::to_string(s).map_err(|e| e.to_string());
        let old = format!("\"{}\": {}", fix.locale, enc(&fix.old)?);
        let new = format!("\"{}\": {}", fix.locale, enc(&fix.new)?);
        match text.matches(&old).count() {
            1 => text = text.replacen(&old, &new, 1),
            n => {
                return Err(format!(
                    "{} ({}): the text occurs {n} times in {file}; apply this one by hand",
                    fix.id, fix.locale
                ))
            }
        }
    }
    let after = content_rows(file, &text)?;
    if after.len() != before.len() {
        return Err(format!("{file}: the corrections changed the file's shape"));
    }
    for (b, a) in before.iter().zip(&after) {
        for (i, locale) in LOCALES.iter().enumerate() {
            let expected = fixes
                .iter()
                .find(|f| f.id == b.id && f.locale == *locale)
                .map_or(&b.text[i], |f| &f.new);
            if &a.text[i] != expected || a.id != b.id {
                return Err(format!(
                    "{}: {locale} would not hold the expected text",
                    b.id
                ));
            }
        }
    }
    Ok(text)
}

// ---- Commands ---------------------------------------------------------------------------------

/// `haven content ...`.
pub fn run(args: Vec<String>) -> ExitCode {
    match run_inner(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("haven content: {e}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

const USAGE: &str = "usage:
  haven content review-sheet --out FILE.csv [--repo DIR] [--delimiter semicolon|comma]
  haven content apply-review FILE.csv [--repo DIR] [--dry-run]

review-sheet writes every kk/ru/en string of core/content and of the shells' string tables
(with id, sources and verified date) for a native-speaker reviewer; apply-review applies the
filled 'corrected' cells to core/content/*.json and lists corrections to shell strings.";

fn run_inner(args: &[String]) -> Result<ExitCode, String> {
    let mut repo = PathBuf::from(".");
    let mut out = None;
    let mut input = None;
    let mut delimiter = b';';
    let mut dry_run = false;
    let command = args.first().map(String::as_str);
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{what} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--repo" => repo = PathBuf::from(value("--repo")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--delimiter" => {
                delimiter = match value("--delimiter")?.as_str() {
                    "semicolon" => b';',
                    "comma" => b',',
                    other => return Err(format!("unknown delimiter {other:?}\n{USAGE}")),
                }
            }
            "--dry-run" => dry_run = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other if input.is_none() && !other.starts_with('-') => {
                input = Some(PathBuf::from(other))
            }
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    match command {
        Some("review-sheet") => {
            let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
            let rows = all_rows(&repo)?;
            std::fs::write(&out, sheet(&rows, delimiter)?)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("{} strings written to {}", rows.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        Some("apply-review") => {
            let input = input.ok_or_else(|| format!("the sheet to apply is required\n{USAGE}"))?;
            apply_review(&repo, &read(&input)?, dry_run)
        }
        Some("-h" | "--help") | None => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn apply_review(repo: &Path, sheet_text: &str, dry_run: bool) -> Result<ExitCode, String> {
    let rows = all_rows(repo)?;
    let (fixes, warnings) = corrections(sheet_text, &rows)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let mut updated = Vec::new();
    for file in CONTENT_FILES {
        let prefix = format!("{file}:");
        let mine: Vec<&Correction> = fixes.iter().filter(|f| f.id.starts_with(&prefix)).collect();
        if mine.is_empty() {
            continue;
        }
        let path = repo.join(CONTENT_DIR).join(file);
        let text = apply_to_content(file, &read(&path)?, &mine)?;
        updated.push((path, text, mine.len()));
    }
    // Every file is checked before any is written: all or nothing.
    for (path, text, n) in &updated {
        if !dry_run {
            // Written beside and renamed over, so an interrupted run leaves the old file whole.
            let tmp = path.with_extension("json.review-tmp");
            std::fs::write(&tmp, text)
                .and_then(|()| std::fs::rename(&tmp, path))
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        println!(
            "{}: {n} correction(s){}",
            path.display(),
            if dry_run { " (dry run)" } else { "" }
        );
    }
    let shell: Vec<&Correction> = fixes
        .iter()
        .filter(|f| f.id.starts_with("android:") || f.id.starts_with("ios:"))
        .collect();
    if !shell.is_empty() {
        println!("\nCorrections to the shells' string tables (apply them in the shell code):");
        for f in &shell {
            let file = if f.id.starts_with("android:") {
                ANDROID_TABLE
            } else {
                IOS_TABLE
            };
            println!(
                "- {file} {} [{}]\n    was: {}\n    now: {}",
                f.id, f.locale, f.old, f.new
            );
            if !f.comment.is_empty() {
                println!("    reviewer: {}", f.comment);
            }
        }
    }
    if fixes.is_empty() {
        println!("no corrections in the sheet");
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kotlin_and_swift_tables_are_read_in_kk_ru_en_order() {
        let kt = "enum class UiText(val en: String, val ru: String, val kk: String) {\n    EXIT(\"Exit\", \"Выйти\", \"Шығу\"),\n    LONG(\n        \"Say \\\"hi\\\"\",\n        \"Скажите «привет»\",\n        \"Сәлем\",\n    ),\n}\n";
        let rows = android_rows(kt);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].text,
            ["Шығу".to_owned(), "Выйти".into(), "Exit".into()]
        );
        assert_eq!(rows[1].text[2], "Say \"hi\"");
        let swift = "        case .exit:\n            return (\"Шығу\", \"Выйти\", \"Exit\")\n        case .a, .b:\n            return (\"Қ\",\n                    \"Р\",\n                    \"E\")\n";
        let rows = ios_rows(swift);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].id, "ios:TextKey.exit");
        assert_eq!(rows[1].text, ["Қ".to_owned(), "Р".into(), "E".into()]);
        let joined = "        case .long:\n            return (\"бір \"\n                    + \"екі\", \"р\", \"e\" +\n \"n\")\n";
        assert_eq!(
            ios_rows(joined)[0].text,
            ["бір екі".to_owned(), "р".into(), "en".into()]
        );
    }

    #[test]
    fn a_correction_changes_only_its_string() {
        let json = "{\n  \"a\": {\n    \"kk\": \"бір\",\n    \"ru\": \"один\",\n    \"en\": \"one\"\n  },\n  \"b\": {\n    \"kk\": \"бір\",\n    \"ru\": \"два\",\n    \"en\": \"two\"\n  }\n}\n";
        let rows = content_rows("x.json", json).unwrap();
        let fix = Correction {
            id: "x.json:a".into(),
            locale: "ru",
            old: "один".into(),
            new: "один «1»".into(),
            comment: String::new(),
        };
        let out = apply_to_content("x.json", json, &[&fix]).unwrap();
        assert_eq!(out, json.replace("\"один\"", "\"один «1»\""));
        assert_eq!(rows.len(), 2);
        // "бір" is in both objects: refused rather than guessed.
        let ambiguous = Correction {
            locale: "kk",
            old: "бір".into(),
            new: "1".into(),
            ..fix
        };
        assert!(apply_to_content("x.json", json, &[&ambiguous]).is_err());
    }
}
