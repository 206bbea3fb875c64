//! `haven pack` end to end: keygen, build (JSON and CSV), sign, verify, inspect, and problem
//! reports with file, record and field.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn haven(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("pack")
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn source() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../core/packs/kz/kz.hsds.json").to_string()
}

fn p(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn keygen_build_sign_verify_inspect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = haven(&[
        "keygen",
        "--secret-key",
        &p(d, "k.key"),
        "--public-key",
        &p(d, "k.pub"),
        "--no-password",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let secret = std::fs::read_to_string(d.join("k.key")).unwrap();
    let secret_line = secret.lines().nth(1).unwrap();
    let (stdout, stderr) = text(&out);
    assert!(
        !stdout.contains(secret_line) && !stderr.contains(secret_line),
        "the secret key is never printed"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(d.join("k.key"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    // An existing key is never overwritten.
    let again = haven(&[
        "keygen",
        "--secret-key",
        &p(d, "k.key"),
        "--public-key",
        &p(d, "k2.pub"),
        "--no-password",
    ]);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(d.join("k.key")).unwrap(), secret);

    let out = haven(&[
        "build",
        "--input",
        &source(),
        "--region",
        "KZ",
        "--version",
        "9",
        "--output",
        &p(d, "u.pack"),
        "--created",
        "2026-11-25T00:00:00Z",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    // Unsigned: verify refuses.
    let out = haven(&[
        "verify",
        "--input",
        &p(d, "u.pack"),
        "--public-key",
        &p(d, "k.pub"),
    ]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("pack is not signed"));

    let out = haven(&[
        "sign",
        "--secret-key",
        &p(d, "k.key"),
        "--no-password",
        "--input",
        &p(d, "u.pack"),
        "--output",
        &p(d, "s.pack"),
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = haven(&[
        "verify",
        "--input",
        &p(d, "s.pack"),
        "--public-key",
        &p(d, "k.pub"),
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("OK: KZ version 9"));
    // The app's compiled-in keys do not trust this new key.
    let out = haven(&["verify", "--input", &p(d, "s.pack")]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("does not trust"));

    let out = haven(&[
        "inspect",
        "--input",
        &p(d, "s.pack"),
        "--stale-days",
        "100000",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let (stdout, _) = text(&out);
    // Every text of the bundled source is in Kazakh (n/n).
    let kk = stdout
        .lines()
        .find_map(|l| l.strip_prefix("text in kk:"))
        .unwrap()
        .trim();
    let (have, all) = kk.split_once('/').unwrap();
    assert!(have == all && all.parse::<u32>().unwrap() >= 21, "{kk}");
    for line in [
        "services:          7",
        "unverified: organization kz-org-union-crisis-centres",
        "stale entries:      0",
    ] {
        assert!(stdout.contains(line), "{line} in {stdout}");
    }
}

#[test]
fn the_committed_bundled_pack_verifies_with_the_compiled_in_key() {
    let pack = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/packs/kz/kz.havenpack");
    let out = haven(&["verify", "--input", pack]);
    assert!(out.status.success(), "{:?}", text(&out));
}

#[test]
fn build_reports_each_csv_problem_with_file_record_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("organizations.csv"),
        "id,name_en,source,verified_on,verified\no1,Centre,call,2026-01-10,true\n",
    )
    .unwrap();
    std::fs::write(
        d.join("services.csv"),
        "id,organization_id,name_en,service_types,status,source,verified_on,verified\n\
         s1,o1,Shelter,shleter,active,call,2026-01-10,true\n",
    )
    .unwrap();
    std::fs::write(
        d.join("phones.csv"),
        "id,service_id,number,type,source,verified_on,verified\np1,s1,8 (727) 123,voice,call,2026-01-10,true\n",
    )
    .unwrap();
    let out = haven(&[
        "build",
        "--input",
        &d.to_string_lossy(),
        "--region",
        "KZ",
        "--version",
        "1",
        "--output",
        &p(d, "x.pack"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains("services.csv: record 2: service_types:"),
        "{stderr}"
    );
    assert!(stderr.contains("phones.csv: record 2: number:"), "{stderr}");
    assert!(
        !d.join("x.pack").exists(),
        "no pack is written when there are problems"
    );

    // Fixed, the CSV package builds and converts to JSON.
    std::fs::write(
        d.join("services.csv"),
        "id,organization_id,name_en,service_types,status,source,verified_on,verified\n\
         s1,o1,Shelter,shelter,active,call,2026-01-10,true\n",
    )
    .unwrap();
    std::fs::write(
        d.join("phones.csv"),
        "id,service_id,number,type,source,verified_on,verified\np1,s1,+77271230000,voice,call,2026-01-10,true\n",
    )
    .unwrap();
    let out = haven(&[
        "build",
        "--input",
        &d.to_string_lossy(),
        "--region",
        "KZ",
        "--version",
        "1",
        "--output",
        &p(d, "x.pack"),
        "--emit-json",
        &p(d, "x.json"),
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(std::fs::read_to_string(d.join("x.json"))
        .unwrap()
        .contains("\"shelter\""));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(haven(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(haven(&["build"]).status.code(), Some(2));
    assert_eq!(haven(&["--help"]).status.code(), Some(0));
}
