//! The `haven` binary as a script would use it: PINs on stdin, outcomes in exit codes.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn haven(data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("vault")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    match pipe.write_all(stdin.as_bytes()) {
        // Refusing bad input, the tool may exit before it reads what is offered on stdin.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}

#[test]
fn init_unlock_status_wipe_with_pins_from_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");

    let status = haven(&dir, &["status"], "");
    assert_eq!(code(&status), 0);
    assert_eq!(String::from_utf8_lossy(&status.stdout).trim(), "not set up");

    let init = haven(
        &dir,
        &["init", "--locale", "ru", "--duress", "decoy"],
        "482916\n731208\n",
    );
    assert_eq!(code(&init), 0, "{}", String::from_utf8_lossy(&init.stderr));
    assert!(
        tmp.path().join("vault.devkey").is_dir(),
        "protector keys beside the data dir"
    );
    #[cfg(unix)]
    {
        // Owner-only, whatever the umask: a shared machine's other users read nothing.
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for dir in [dir.clone(), tmp.path().join("vault.devkey")] {
            assert_eq!(mode(&dir), 0o700, "{}", dir.display());
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                assert_eq!(mode(&path), 0o600, "{}", path.display());
            }
        }
    }

    assert_eq!(code(&haven(&dir, &["unlock"], "482916\n")), 0);
    assert_eq!(
        code(&haven(&dir, &["unlock"], "731208\n")),
        0,
        "duress opens the decoy"
    );
    let wrong = haven(&dir, &["unlock"], "000000\n");
    assert_eq!(code(&wrong), 3);
    assert_eq!(String::from_utf8_lossy(&wrong.stdout).trim(), "not opened");

    assert_eq!(code(&haven(&dir, &["wipe"], "")), 2, "wipe needs --yes");
    assert_eq!(code(&haven(&dir, &["wipe", "--yes"], "")), 0);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    assert_eq!(code(&haven(&dir, &["unlock"], "482916\n")), 5, "not set up");
}

#[test]
fn bad_input_gets_a_clear_message_and_exit_code_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    for (args, stdin) in [
        (vec!["init"], "12345\n"),
        (vec!["init"], "12ab56\n"),
        (vec!["init", "--locale", "xx"], "482916\n"),
        (vec!["init", "--duress", "decoy"], "482916\n482916\n"),
        (vec!["init", "--wipe-after", "2"], "482916\n"),
    ] {
        let out = haven(&dir, &args, stdin);
        assert_eq!(code(&out), 2, "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("haven: invalid "), "{stderr}");
        assert!(
            !stderr.contains("482916") && !stderr.contains("12ab56"),
            "no PIN echoed"
        );
        assert!(!dir.join("k").exists());
    }
}

#[test]
fn demo_runs_end_to_end() {
    let out = Command::new(env!("CARGO_BIN_EXE_haven"))
        .arg("demo")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "setup",
        "quick exit",
        "duress",
        "throttled",
        "files left in the data directory: 0",
    ] {
        assert!(
            text.contains(expected),
            "missing {expected:?} in demo output"
        );
    }
}
