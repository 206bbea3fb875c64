//! `haven bundle verify` and `open` on bundles made by the real core: intact, tampered inside
//! the encryption (re-encrypted with the right passphrase), damaged, wrong passphrase.
#![allow(clippy::unwrap_used)]

#[path = "../examples/sample_bundle.rs"]
mod sample_bundle;

use age::secrecy::SecretString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const PASSPHRASE: &str = "correct horse battery";

fn bundle() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| sample_bundle::make(PASSPHRASE, None))
}

fn haven(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("bundle")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    match pipe.write_all(stdin.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_owned()
}

/// Decrypts, changes the plaintext, re-encrypts with the same passphrase (cheap scrypt).
fn reencrypt(change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let secret = || SecretString::from(PASSPHRASE.to_owned());
    let decryptor = age::Decryptor::new(bundle()).unwrap();
    let identity = age::scrypt::Identity::new(secret());
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    change(&mut plain);
    let mut out = Vec::new();
    let mut w = haven_evidence::seal::seal(&secret(), Some(10), &mut out).unwrap();
    w.write_all(&plain).unwrap();
    w.finish().unwrap();
    out
}

fn replace_once(haystack: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let at = haystack
        .windows(from.len())
        .position(|w| w == from)
        .unwrap();
    haystack[at..at + from.len()].copy_from_slice(to);
}

#[test]
fn verify_prints_the_head_revisions_and_attachment_hashes_of_an_intact_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "journal.haven", bundle());
    let out = haven(&["verify", &file], &format!("{PASSPHRASE}\n"));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("chain: intact"), "{stdout}");
    let head = stdout
        .lines()
        .find_map(|l| l.strip_prefix("chain head: "))
        .unwrap();
    assert_eq!(head.len(), 64);
    assert!(stdout.contains("entries: 3"));
    assert!(stdout.contains("revisions: 8"), "{stdout}");
    let photo_sha = sha256_hex(sample_bundle::PHOTO);
    assert!(
        stdout.contains(&format!(
            "photo, {} bytes, sha256 {photo_sha}",
            sample_bundle::PHOTO.len()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("revision 3 (chain position 3): edit"),
        "{stdout}"
    );
    assert!(stdout.contains("[content erased]"));
    // No content: verify's output can go into a case file.
    for secret in ["passport", "door photo", "Сосед", "Threats"] {
        assert!(!stdout.contains(secret), "{secret} printed");
    }
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

#[test]
fn verify_names_the_first_broken_link_of_a_tampered_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let text_changed = reencrypt(|p| replace_once(p, b"my ID card", b"my IX card"));
    let file = write(tmp.path(), "text.haven", &text_changed);
    let out = haven(&["verify", &file], &format!("{PASSPHRASE}\n"));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(6), "{stdout}");
    assert!(stdout.contains("chain: BROKEN"));
    assert!(
        stdout.contains("first broken link: entry 1 revision 3 (chain position 3): this revision's content was changed"),
        "{stdout}"
    );

    let photo_changed = reencrypt(|p| {
        let at = p
            .windows(8)
            .position(|w| w == b"\x89PNG\r\n\x1a\n")
            .unwrap();
        p[at + 40] ^= 0x01;
    });
    let file = write(tmp.path(), "photo.haven", &photo_changed);
    let out = haven(&["verify", &file], &format!("{PASSPHRASE}\n"));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(6), "{stdout}");
    assert!(stdout.contains("ALTERED (recorded "), "{stdout}");
    assert!(
        stdout.contains("first broken link: attachment 1 (entry 1, chain position 2): an attachment's bytes were changed"),
        "{stdout}"
    );
}

#[test]
fn verify_refuses_a_wrong_passphrase_and_a_damaged_file_with_their_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "journal.haven", bundle());
    let out = haven(&["verify", &file], "incorrect horse battery\n");
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("wrong passphrase"));
    assert!(out.stdout.is_empty());

    let mut damaged = bundle().to_vec();
    let at = damaged.len() - 30;
    damaged[at] ^= 0x01;
    let file = write(tmp.path(), "damaged.haven", &damaged);
    let out = haven(&["verify", &file], &format!("{PASSPHRASE}\n"));
    assert_eq!(out.status.code(), Some(7), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("damaged"));

    let file = write(tmp.path(), "short.haven", &bundle()[..bundle().len() / 2]);
    assert_eq!(
        haven(&["verify", &file], &format!("{PASSPHRASE}\n"))
            .status
            .code(),
        Some(7)
    );
    let file = write(tmp.path(), "notes.txt", b"hello");
    assert_eq!(
        haven(&["verify", &file], &format!("{PASSPHRASE}\n"))
            .status
            .code(),
        Some(7)
    );
}

#[test]
fn open_writes_a_report_and_the_attachments_under_sanitised_names() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "journal.haven", bundle());
    let to = tmp.path().join("case-17");
    let out = haven(
        &[
            "open",
            &file,
            "--to",
            to.to_str().unwrap(),
            "--lang",
            "ru",
            "--yes",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("без шифрования"),
        "warning in Russian"
    );
    let photo = std::fs::read(to.join("attachments/01-_door photo.png")).unwrap();
    assert_eq!(photo, sample_bundle::PHOTO);
    assert_eq!(
        std::fs::read(to.join("attachments/02-audio.ogg")).unwrap(),
        b"ogg bytes"
    );
    let report = std::fs::read_to_string(to.join("report.txt")).unwrap();
    assert!(report.contains("Цепочка доказательств цела"), "{report}");
    assert!(report.contains("He took my passport and my ID card"));
    assert!(report.contains("Содержимое стёрто ею"));
    assert!(
        report.contains("угрозы, экономическое насилие")
            || report.contains("экономическое насилие, угрозы")
    );
    assert!(report.contains(&sha256_hex(sample_bundle::PHOTO)));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(to.join("report.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "owner only");
    }

    // A non-empty directory is refused, and nothing is written into it.
    let again = haven(
        &[
            "open",
            &file,
            "--to",
            to.to_str().unwrap(),
            "--lang",
            "kk",
            "--yes",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("not empty"));

    // Without --yes and without a terminal: refused before anything is written.
    let to2 = tmp.path().join("case-18");
    let no = haven(
        &["open", &file, "--to", to2.to_str().unwrap()],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(no.status.code(), Some(2));
    assert!(!to2.exists());
}

#[test]
fn open_of_a_tampered_bundle_says_so_and_a_damaged_one_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let changed = reencrypt(|p| replace_once(p, b"my ID card", b"my IX card"));
    let file = write(tmp.path(), "text.haven", &changed);
    let to = tmp.path().join("out");
    let out = haven(
        &[
            "open",
            &file,
            "--to",
            to.to_str().unwrap(),
            "--lang",
            "en",
            "--yes",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(out.status.code(), Some(6));
    let report = std::fs::read_to_string(to.join("report.txt")).unwrap();
    assert!(report.contains("Evidence chain BROKEN"), "{report}");
    assert!(report.contains("entry 1 revision 3"));

    let mut damaged = bundle().to_vec();
    let at = damaged.len() - 30;
    damaged[at] ^= 0x01;
    let file = write(tmp.path(), "damaged.haven", &damaged);
    let to = tmp.path().join("out2");
    let out = haven(
        &[
            "open",
            &file,
            "--to",
            to.to_str().unwrap(),
            "--lang",
            "en",
            "--yes",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(out.status.code(), Some(7));
    assert!(!to.exists(), "nothing half-written");
}
