//! Crash safety: a child process changing PINs, duress settings and data is killed with
//! SIGKILL at random moments; afterwards the vault must always open with the last acknowledged
//! PIN or the one being set, no acknowledged write may be lost, and the files the crash left
//! behind (database, WAL, keys) must hold none of the text written (canary scan).
//!
//! The child is this same test binary, re-run with `HAVEN_CRASH_CHILD` set, so it needs no
//! extra build artefact. Iterations: `HAVEN_CRASH_ITERATIONS` (default 200).
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use haven_core::{DuressBehaviour, DuressOptions, EntryDraft, IncidentKind, Locale, UnlockOutcome};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;

const PINS: [&str; 3] = ["246810", "357911", "468022"];

fn next_pin(current: &str) -> &'static str {
    let i = PINS.iter().position(|p| *p == current).unwrap();
    PINS[(i + 1) % PINS.len()]
}

/// Written into every journal entry the child adds; must never appear in a file.
const CANARY: &str = "CrashCanary-Qx7vT2";

fn entry(n: u64) -> EntryDraft {
    EntryDraft {
        occurred_at: chrono::Utc::now() - chrono::Duration::hours(1),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Threats],
        narrative: format!("{CANARY} entry {n}"),
        injuries: None,
        witnesses: Some(format!("{CANARY} witness")),
        place: None,
        police_involved: false,
        police_reference: None,
        medical_involved: false,
        medical_reference: None,
    }
}

const LOCALES: [Locale; 3] = [Locale::Kk, Locale::Ru, Locale::En];

fn next_locale(current: Locale) -> Locale {
    let i = LOCALES.iter().position(|l| *l == current).unwrap();
    LOCALES[(i + 1) % LOCALES.len()]
}

/// The child's work loop: runs only when spawned by `kill_nine_at_random_points`.
#[test]
fn crash_child() {
    let Ok(root) = std::env::var("HAVEN_CRASH_CHILD") else {
        return;
    };
    let mut current = std::env::var("HAVEN_CRASH_PIN").unwrap();
    let clock = Arc::new(haven_core::ManualClock::new(chrono::Utc::now()));
    let vault = open_vault(std::path::Path::new(&root), clock);
    let UnlockOutcome::Opened(session) = vault.unlock(&pin(&current)).unwrap() else {
        panic!("child could not unlock");
    };
    let mut out = std::io::stdout().lock();
    // A leading newline: libtest has already written "test crash_child ... " on this line.
    writeln!(out, "\nREADY").unwrap();
    out.flush().unwrap();
    let mut locale = session.locale().unwrap();
    for step in 0u64.. {
        match step % 4 {
            0 => {
                let next = next_pin(&current);
                session.change_pin(&pin(&current), &pin(next)).unwrap();
                current = next.to_string();
                writeln!(out, "PIN {current}").unwrap();
            }
            1 => {
                if step.is_multiple_of(2) {
                    let duress = DuressOptions {
                        pin: pin(DURESS_PIN),
                        behaviour: DuressBehaviour::OpenDecoy,
                        shred_real: false,
                    };
                    session.set_duress_pin(&pin(&current), &duress).unwrap();
                } else {
                    session.clear_duress_pin(&pin(&current)).unwrap();
                }
            }
            2 => {
                session.add_journal_entry(&entry(step)).unwrap();
                writeln!(out, "ENTRY").unwrap();
            }
            _ => {
                locale = next_locale(locale);
                session.set_locale(locale).unwrap();
                writeln!(out, "LOCALE {locale}").unwrap();
            }
        }
        out.flush().unwrap();
    }
}

/// A small deterministic generator for kill delays (no extra dependency).
fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn kill_nine_at_random_points() {
    let iterations: u32 = std::env::var("HAVEN_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    let mut acked_pin = PIN.to_string();
    let mut acked_locale = Locale::En;
    let mut rng = 0x5eed_u64;
    let mut kills_mid_work = 0;
    let mut acked_entries = 0usize;

    for iteration in 0..iterations {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env("HAVEN_CRASH_CHILD", t.tmp.path())
            .env("HAVEN_CRASH_PIN", &acked_pin)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Wait until the child is working, then let it run a random while.
        for line in lines.by_ref() {
            if line.unwrap() == "READY" {
                break;
            }
        }
        // Every step writes the keys file several times (each PIN check twice, each under a new
        // sealing key): the window is wide enough for the kills to land inside that work.
        std::thread::sleep(std::time::Duration::from_micros(lcg(&mut rng) % 300_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut acked_any = false;
        for line in lines.map_while(Result::ok) {
            if let Some(p) = line.strip_prefix("PIN ") {
                acked_pin = p.to_string();
                acked_any = true;
            } else if line == "ENTRY" {
                acked_entries += 1;
                acked_any = true;
            } else if let Some(l) = line.strip_prefix("LOCALE ") {
                acked_locale = l.parse().unwrap();
                acked_any = true;
            }
        }
        kills_mid_work += u32::from(acked_any);
        // What the crash left on disk holds none of the text written.
        assert_eq!(canary_hits(&t.data_dir(), &[CANARY]), Vec::<String>::new());

        // The vault opens with the acknowledged PIN, or with the one that was being set.
        let vault = t.reopen();
        let session = match vault.unlock(&pin(&acked_pin)).unwrap() {
            UnlockOutcome::Opened(s) => s,
            _ => {
                let in_flight = next_pin(&acked_pin);
                match vault.unlock(&pin(in_flight)).unwrap() {
                    UnlockOutcome::Opened(s) => {
                        acked_pin = in_flight.to_string();
                        s
                    }
                    other => panic!("iteration {iteration}: neither PIN opens: {other:?}"),
                }
            }
        };
        let locale = session.locale().unwrap();
        assert!(
            locale == acked_locale || locale == next_locale(acked_locale),
            "iteration {iteration}: acknowledged locale lost"
        );
        acked_locale = locale;
        // Every acknowledged entry is there (one more may have committed unacknowledged).
        let stored = session
            .journal_between(
                chrono::Utc::now() - chrono::Duration::days(1),
                chrono::Utc::now(),
                true,
            )
            .unwrap()
            .len();
        assert!(
            stored == acked_entries || stored == acked_entries + 1,
            "iteration {iteration}: {acked_entries} acknowledged entries, {stored} stored"
        );
        acked_entries = stored;
        vault.lock();
    }
    assert!(
        kills_mid_work > iterations / 2,
        "the child was mostly killed before doing anything"
    );
}
