//! `haven content review-sheet` / `apply-review` end to end on a copy of the repository's
//! text: an untouched sheet changes nothing (byte-identical files), a correction changes
//! exactly its string, shell corrections are listed and never written, and a stale or broken
//! sheet writes nothing.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CONTENT: [&str; 4] = [
    "plan.json",
    "rights_kz.json",
    "danger_signs.json",
    "labels.json",
];
const ANDROID: &str = "android/app/src/main/kotlin/org/haven/app/text/UiText.kt";
const IOS: &str = "ios/HavenAppLogic/Sources/HavenAppLogic/Strings.swift";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A copy of the repository's text files in the same layout.
fn copy_of_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<String> = CONTENT
        .iter()
        .map(|f| format!("core/content/{f}"))
        .collect();
    files.push(ANDROID.into());
    files.push(IOS.into());
    for f in files {
        let to = dir.path().join(&f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo_root().join(&f), to).unwrap();
    }
    dir
}

fn snapshot(repo: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<String> = CONTENT
        .iter()
        .map(|f| format!("core/content/{f}"))
        .collect();
    files.push(ANDROID.into());
    files.push(IOS.into());
    files
        .iter()
        .map(|f| std::fs::read(repo.join(f)).unwrap())
        .collect()
}

fn haven(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("content")
        .args(args)
        .arg("--repo")
        .arg(repo)
        .output()
        .unwrap()
}

fn export(repo: &Path, sheet: &Path, delimiter: &str) -> String {
    let out = haven(
        repo,
        &[
            "review-sheet",
            "--out",
            sheet.to_str().unwrap(),
            "--delimiter",
            delimiter,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(sheet).unwrap()
}

fn read_sheet(text: &str, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix('\u{FEFF}').unwrap();
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn write_sheet(path: &Path, header: &[String], rows: &[Vec<String>]) {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(w.into_inner().unwrap());
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn an_untouched_sheet_round_trips_to_byte_identical_files() {
    let repo = copy_of_repo();
    let before = snapshot(repo.path());
    for (delimiter, byte) in [("semicolon", b';'), ("comma", b',')] {
        let sheet = repo.path().join(format!("review-{delimiter}.csv"));
        let text = export(repo.path(), &sheet, delimiter);
        assert!(text.starts_with('\u{FEFF}'), "UTF-8 BOM for Excel");
        let (header, rows) = read_sheet(&text, byte);
        assert_eq!(header[..5], ["id", "file", "kk", "ru", "en"]);
        assert!(
            header.contains(&"verified_on".to_owned()) && header.contains(&"sources".to_owned())
        );
        // Every part is there: content and both shells.
        for prefix in [
            "plan.json:",
            "rights_kz.json:",
            "danger_signs.json:",
            "labels.json:",
            "android:",
            "ios:",
        ] {
            assert!(rows.iter().any(|r| r[0].starts_with(prefix)), "{prefix}");
        }
        let rights = rows
            .iter()
            .find(|r| r[0] == "rights_kz.json:statements/police_duties/body")
            .unwrap();
        assert!(rights[3].contains("245-VIII"), "text as in the file");
        assert!(rights[9].contains("adilet.zan.kz"), "sources listed");
        assert_eq!(rights[10], "2026-12-03");
        assert_eq!(rights[11], "unverified");

        let out = haven(repo.path(), &["apply-review", sheet.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("no corrections"));
        assert_eq!(
            snapshot(repo.path()),
            before,
            "byte-identical after the round trip"
        );
    }
}

#[test]
fn a_correction_changes_exactly_its_string_and_shell_corrections_are_only_listed() {
    let repo = copy_of_repo();
    let before = snapshot(repo.path());
    let sheet = repo.path().join("review.csv");
    let (header, mut rows) = read_sheet(&export(repo.path(), &sheet, "semicolon"), b';');
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let id = "plan.json:sections/escape_routes/items/escape_routes.exits/text";
    let row = rows.iter_mut().find(|r| r[0] == id).unwrap();
    let old_ru = row[col("ru")].clone();
    let new_ru = "Знайте все выходы: двери, лестницы, лифты «и окна\u{a0}первого этажа»";
    row[col("ru_corrected")] = new_ru.into();
    row[col("reviewer_comment")] = "окна тоже".into();
    let shell = rows
        .iter_mut()
        .find(|r| r[0] == "android:UiText.EXIT")
        .unwrap();
    shell[col("kk_corrected")] = "Шығу (түзетілген)".into();
    write_sheet(&sheet, &header, &rows);

    let out = haven(repo.path(), &["apply-review", sheet.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("plan.json: 1 correction"));
    assert!(stdout.contains("android:UiText.EXIT") && stdout.contains("Шығу (түзетілген)"));

    let after = snapshot(repo.path());
    let plan_before = String::from_utf8(before[0].clone()).unwrap();
    let plan_after = String::from_utf8(after[0].clone()).unwrap();
    let expected = plan_before.replacen(
        &serde_json::to_string(&old_ru).unwrap(),
        &serde_json::to_string(new_ru).unwrap(),
        1,
    );
    assert_eq!(plan_after, expected, "only that string changed");
    let parsed: serde_json::Value = serde_json::from_str(&plan_after).unwrap();
    assert!(parsed.to_string().contains("и окна"));
    assert_eq!(
        after[1..],
        before[1..],
        "other files, shells included, untouched"
    );

    // Applying the same sheet again changes nothing, and says its old text cell is stale.
    let again = haven(repo.path(), &["apply-review", sheet.to_str().unwrap()]);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("was not applied"));
    assert_eq!(snapshot(repo.path()), after);
}

#[test]
fn a_stale_or_broken_sheet_writes_nothing() {
    let repo = copy_of_repo();
    let before = snapshot(repo.path());
    let sheet = repo.path().join("review.csv");
    let (header, mut rows) = read_sheet(&export(repo.path(), &sheet, "semicolon"), b';');
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    rows[0][col("kk_corrected")] = "жаңа мәтін".into();
    rows[1][0] = "plan.json:no/such/string".into();
    write_sheet(&sheet, &header, &rows);
    let out = haven(repo.path(), &["apply-review", sheet.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/string"));
    assert_eq!(snapshot(repo.path()), before);

    std::fs::write(&sheet, "\u{FEFF}not;a;review;sheet\n").unwrap();
    let out = haven(repo.path(), &["apply-review", sheet.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(snapshot(repo.path()), before);
}
