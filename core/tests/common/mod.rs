//! Shared helpers for the integration tests: a vault on a temporary directory with a fast
//! (insecure) KDF and a manual clock, and the canary scan of a data directory.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::{TimeZone, Utc};
use haven_core::{
    DuressBehaviour, DuressOptions, InsecureSoftwareProtector, Locale, ManualClock, Pin,
    SetupOptions, UnlockOutcome, Vault, VaultOptions,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A vault in a temporary directory. The protector's key lives beside, not inside, the data
/// directory, as a platform key would.
pub struct TestVault {
    pub tmp: tempfile::TempDir,
    pub clock: Arc<ManualClock>,
    pub vault: Vault,
}

pub const PIN: &str = "246810";
pub const DURESS_PIN: &str = "135790";
pub const WRONG_PIN: &str = "111111";

pub fn pin(digits: &str) -> Pin {
    Pin::new(digits.to_string(), "pin").unwrap()
}

impl TestVault {
    pub fn new() -> TestVault {
        let tmp = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
        ));
        let vault = open_vault(tmp.path(), clock.clone());
        TestVault { tmp, clock, vault }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    /// The software protector's key directory (its platform keys, as files).
    pub fn protector_dir(&self) -> PathBuf {
        self.tmp.path().join("protector")
    }

    /// The platform keys that exist now.
    pub fn protector_keys(&self) -> Vec<String> {
        match std::fs::read_dir(self.protector_dir()) {
            Err(_) => Vec::new(),
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
        }
    }

    /// The same vault as a fresh process would see it (throttle state must come from disk).
    pub fn reopen(&self) -> Vault {
        open_vault(self.tmp.path(), self.clock.clone())
    }

    pub fn setup_options() -> SetupOptions {
        SetupOptions {
            pin: pin(PIN),
            duress: None,
            locale: Locale::En,
            wipe_after_failures: None,
        }
    }
}

pub fn open_vault(root: &Path, clock: Arc<ManualClock>) -> Vault {
    let protector = Arc::new(InsecureSoftwareProtector::new(root.join("protector")));
    Vault::with_options(
        root.join("data"),
        protector,
        VaultOptions::insecure_fast_kdf_for_tests(clock),
    )
    .unwrap()
}

pub fn opened(outcome: UnlockOutcome) -> haven_core::Session {
    match outcome {
        UnlockOutcome::Opened(s) => s,
        other => panic!("expected Opened, got {other:?}"),
    }
}

pub fn not_opened(outcome: UnlockOutcome) {
    assert!(
        matches!(outcome, UnlockOutcome::NotOpened),
        "got {outcome:?}"
    );
}

pub fn with_duress(behaviour: DuressBehaviour, shred_real: bool) -> SetupOptions {
    SetupOptions {
        duress: Some(DuressOptions {
            pin: pin(DURESS_PIN),
            behaviour,
            shred_real,
        }),
        ..TestVault::setup_options()
    }
}

/// The file names in a directory, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    listing(dir).into_iter().map(|(name, _)| name).collect()
}

/// File names and sizes in a directory, sorted.
pub fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every occurrence of any canary, in UTF-8, UTF-16LE or UTF-16BE, in any file below `dir`.
/// Returns "file: canary (encoding)" lines; empty means clean.
pub fn canary_hits(dir: &Path, canaries: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for canary in canaries {
                for (encoding, needle) in encodings(canary) {
                    if contains(&bytes, &needle) {
                        hits.push(format!("{}: {canary} ({encoding})", path.display()));
                    }
                }
            }
        }
    }
    hits
}

fn encodings(s: &str) -> [(&'static str, Vec<u8>); 3] {
    let le = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    [
        ("utf-8", s.as_bytes().to_vec()),
        ("utf-16le", le),
        ("utf-16be", be),
    ]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

impl TestVault {
    /// The manual clock's current time.
    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use haven_core::Clock;
        self.clock.now()
    }
}
