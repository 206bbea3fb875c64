//! A pack update killed with SIGKILL midway leaves the old pack intact and usable.
//!
//! The test re-runs its own binary as a child (selected by an environment variable) that
//! opens the vault and installs a 10,000-service pack. A first child runs to completion on a
//! copy of the vault to time the install; the time spent before the database is written
//! (verifying and parsing the pack) is measured in-process. Later children are killed at points
//! inside the write phase, and each time the vault must open with the previous pack, whole.
#![allow(clippy::unwrap_used)]

mod common;
mod dirpack;

use common::{open_vault, pin, TestVault, PIN};
use dirpack::{generated_content, test_content, TestKey};
use haven_core::directory::hsds::Content;
use haven_core::directory::pack;
use haven_core::{DirectoryQuery, UnlockOutcome};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "HAVEN_TEST_DIRECTORY_INSTALL_CHILD";
const TEST_NAME: &str = "killing_an_install_midway_leaves_the_old_pack_intact";

/// The child's work: open the vault, announce, install the big pack, announce.
fn child(root: &Path) {
    let clock = std::sync::Arc::new(haven_core::ManualClock::new(chrono::Utc::now()));
    let vault = open_vault(root, clock);
    let UnlockOutcome::Opened(session) = vault.unlock(&pin(PIN)).unwrap() else {
        panic!("child could not unlock");
    };
    let bytes = std::fs::read(root.join("big.pack")).unwrap();
    let key = std::fs::read_to_string(root.join("key.pub")).unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "installing").unwrap();
    out.flush().unwrap();
    session
        .install_pack_trusting_test_key(&bytes, &key)
        .unwrap();
    writeln!(out, "installed").unwrap();
    out.flush().unwrap();
}

/// Starts a child on the vault under `root` and returns once it is about to install.
fn spawn_installer(
    root: &Path,
) -> (
    Child,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
    Instant,
) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("installing") => {
                return (child, lines, Instant::now());
            }
            Some(Ok(_)) => {}
            _ => {
                let status = child.wait().unwrap();
                panic!("child exited before installing: {status:?}");
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn killing_an_install_midway_leaves_the_old_pack_intact() {
    if let Ok(root) = std::env::var(CHILD_ENV) {
        child(Path::new(&root));
        return;
    }
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    let key = TestKey::new();
    session
        .install_pack_trusting_test_key(&key.kz_pack(4, &test_content()), &key.public_b64)
        .unwrap();
    tv.vault.lock();
    let big = key.kz_pack(5, &generated_content(10_000));
    assert!(big.len() <= pack::MAX_PACK_BYTES, "{} bytes", big.len());
    std::fs::write(tv.tmp.path().join("big.pack"), &big).unwrap();
    std::fs::write(tv.tmp.path().join("key.pub"), &key.public_b64).unwrap();

    // Time before any write: verification and parsing, as the installer does them.
    let started = Instant::now();
    let verified = pack::verify(&big, &[key.public_b64.as_str()]).unwrap();
    Content::from_json(verified.content).unwrap();
    let before_writes = started.elapsed();
    // The whole install, on a copy of the vault.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(tv.tmp.path(), copy.path());
    let (mut dry, mut lines, started) = spawn_installer(copy.path());
    assert!(
        lines.any(|l| l.is_ok_and(|l| l.contains("installed"))),
        "dry run failed"
    );
    let total = started.elapsed();
    dry.wait().unwrap();
    assert!(
        total > before_writes + Duration::from_millis(30),
        "write phase too short to aim at: {before_writes:?} of {total:?}"
    );
    let write_phase = total - before_writes;

    let mut killed_midway = 0;
    for fraction in [0.1, 0.3, 0.6] {
        let (mut child, mut lines, started) = spawn_installer(tv.tmp.path());
        let kill_at = before_writes + write_phase.mul_f64(fraction);
        std::thread::sleep(kill_at.saturating_sub(started.elapsed()));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let finished = lines.any(|l| l.is_ok_and(|l| l.contains("installed")));
        if !finished && status.signal() != Some(9) {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("child ended by itself ({status:?}): {err}");
        }

        let vault = tv.reopen();
        let UnlockOutcome::Opened(s) = vault.unlock(&pin(PIN)).unwrap() else {
            panic!("vault did not open after the kill");
        };
        let info = s.directory_info().unwrap();
        if finished {
            // Too late to interrupt: then the new pack must be there, whole.
            assert_eq!((info.version, info.services), (5, 10_000));
            break;
        }
        killed_midway += 1;
        assert_eq!(
            (info.version, info.services),
            (4, 6),
            "killed at {fraction} of the write phase"
        );
        let q = DirectoryQuery {
            text: "abai".into(),
            ..Default::default()
        };
        let hits = s.search_directory(&q).unwrap();
        assert_eq!(hits.len(), 1, "the old pack's index is whole");
        assert_eq!(hits[0].id, "almaty-crisis");
        vault.lock();
    }
    eprintln!("install killed {killed_midway} time(s) in its write phase ({before_writes:?} before writes, {total:?} in all)");
    assert!(
        killed_midway >= 2,
        "too few kills landed during the install"
    );
}
