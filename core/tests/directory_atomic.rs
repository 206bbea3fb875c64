//! A pack update killed with SIGKILL midway leaves the old pack intact and usable.
//!
//! The test re-runs its own binary as a child (selected by an environment variable) that
//! opens the vault and installs a 10,000-service pack; the parent kills it mid-install, then
//! opens the vault again and checks the previous pack, whole.
#![allow(clippy::unwrap_used)]

mod common;
mod dirpack;

use common::{open_vault, pin, TestVault, PIN};
use dirpack::{generated_content, test_content, TestKey};
use haven_core::{DirectoryQuery, UnlockOutcome};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "HAVEN_TEST_DIRECTORY_INSTALL_CHILD";
const TEST_NAME: &str = "killing_an_install_midway_leaves_the_old_pack_intact";

/// The child's work: open the vault, announce, install the big pack, announce.
fn child(root: &str) {
    let clock = std::sync::Arc::new(haven_core::ManualClock::new(chrono::Utc::now()));
    let vault = open_vault(std::path::Path::new(root), clock);
    let UnlockOutcome::Opened(session) = vault.unlock(&pin(PIN)).unwrap() else {
        panic!("child could not unlock");
    };
    let root = std::path::Path::new(root);
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

#[test]
fn killing_an_install_midway_leaves_the_old_pack_intact() {
    if let Ok(root) = std::env::var(CHILD_ENV) {
        child(&root);
        return;
    }
    let tv = TestVault::new();
    let session = tv.vault.setup(TestVault::setup_options()).unwrap();
    let key = TestKey::new();
    session
        .install_pack_trusting_test_key(&key.kz_pack(2, &test_content()), &key.public_b64)
        .unwrap();
    tv.vault.lock();
    std::fs::write(
        tv.tmp.path().join("big.pack"),
        key.kz_pack(3, &generated_content(10_000)),
    )
    .unwrap();
    std::fs::write(tv.tmp.path().join("key.pub"), &key.public_b64).unwrap();

    let mut killed_midway = 0;
    for delay_ms in [5, 60, 250] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, tv.tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        loop {
            let line = lines
                .next()
                .expect("child exited before installing")
                .unwrap();
            if line.contains("installing") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let finished = lines.any(|l| l.is_ok_and(|l| l.contains("installed")));

        let vault = tv.reopen();
        let UnlockOutcome::Opened(s) = vault.unlock(&pin(PIN)).unwrap() else {
            panic!("vault did not open after the kill");
        };
        let info = s.directory_info().unwrap();
        if finished {
            // Too late to interrupt: then the new pack must be there, whole.
            assert_eq!((info.version, info.services), (3, 10_000));
            break;
        }
        killed_midway += 1;
        assert_eq!(
            (info.version, info.services),
            (2, 6),
            "killed after {delay_ms} ms"
        );
        let q = DirectoryQuery {
            text: "almaty".into(),
            ..Default::default()
        };
        let hits = s.search_directory(&q).unwrap();
        assert_eq!(hits.len(), 1, "the old pack's index is whole");
        assert_eq!(hits[0].id, "almaty-crisis");
        vault.lock();
    }
    eprintln!("install killed midway {killed_midway} time(s)");
    assert!(killed_midway >= 1, "no kill landed during the install");
}
