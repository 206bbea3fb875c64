//! Vault benchmarks (DESIGN §7): unlock against one bare Argon2id derivation, and real, duress
//! and wrong PIN against each other (production Argon2id); quick exit on a vault of 10,000
//! entries; wipe of a 200 MB vault against a 1 MB one.

#![allow(clippy::unwrap_used)]
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use haven_core::bench_support;
use haven_core::{
    argon2id, DuressBehaviour, DuressOptions, InsecureSoftwareProtector, KdfParams, Locale,
    ManualClock, Pin, SetupOptions, UnlockOutcome, Vault, VaultOptions,
};
use haven_core::{AttachmentDraft, AttachmentKind, EntryDraft, IncidentKind};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PIN: &str = "482916";
const DURESS: &str = "731208";
const WRONG: &str = "000000";

fn pin(d: &str) -> Pin {
    Pin::new(d.to_string(), "pin").unwrap()
}

/// A production-parameter vault with a duress PIN that opens the decoy.
fn vault(dir: &std::path::Path, clock: Arc<ManualClock>) -> Vault {
    let protector = Arc::new(InsecureSoftwareProtector::new(dir.join("key")));
    let options = VaultOptions::with_kdf(KdfParams::PRODUCTION, clock);
    let vault = Vault::with_options(dir.join("data"), protector, options).unwrap();
    vault
        .setup(SetupOptions {
            pin: pin(PIN),
            duress: Some(DuressOptions {
                pin: pin(DURESS),
                behaviour: DuressBehaviour::OpenDecoy,
                shred_real: false,
            }),
            locale: Locale::En,
            wipe_after_failures: None,
        })
        .unwrap();
    vault.lock();
    vault
}

fn unlock_benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    // A manual clock moved past any lockout before every attempt, for all three PINs alike, so
    // the wrong PIN is measured doing its full work and never short-cut by the throttle.
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let vault = vault(tmp.path(), clock.clone());
    let mut group = c.benchmark_group("unlock");
    group.sample_size(20);

    let salt = [7u8; 16];
    group.bench_function("bare_argon2id", |b| {
        b.iter(|| argon2id(&KdfParams::PRODUCTION, PIN.as_bytes(), &salt).unwrap())
    });
    for (name, digits) in [
        ("real_pin", PIN),
        ("duress_pin", DURESS),
        ("wrong_pin", WRONG),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                clock.advance(chrono::Duration::hours(2));
                let outcome = vault.unlock(&pin(digits)).unwrap();
                assert!(!matches!(outcome, UnlockOutcome::Throttled { .. }));
                vault.lock();
                outcome
            })
        });
    }
    group.finish();
}

/// A vault holding 10,000 journal entries (fast KDF: the KDF is not what these measure).
fn full_vault(dir: &std::path::Path) -> Vault {
    let protector = Arc::new(InsecureSoftwareProtector::new(dir.join("key")));
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let vault = Vault::with_options(
        dir.join("data"),
        protector,
        VaultOptions::insecure_fast_kdf_for_tests(clock),
    )
    .unwrap();
    let session = vault
        .setup(SetupOptions {
            pin: pin(PIN),
            duress: None,
            locale: Locale::En,
            wipe_after_failures: None,
        })
        .unwrap();
    let start = chrono::Utc::now() - chrono::Duration::days(1000);
    let drafts: Vec<EntryDraft> = (0..10_000)
        .map(|i| EntryDraft {
            occurred_at: start + chrono::Duration::minutes(i * 140),
            time_zone: "Asia/Almaty".into(),
            kinds: vec![IncidentKind::Threats],
            narrative: format!(
                "entry {i}: {}",
                "a plain sentence of the narrative. ".repeat(8)
            ),
            injuries: None,
            witnesses: None,
            place: Some("home".into()),
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        })
        .collect();
    bench_support::add_entries_to_session(&session, chrono::Utc::now(), &drafts).unwrap();
    vault.lock();
    vault
}

fn quick_exit(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let vault = full_vault(tmp.path());
    // Each timed lock needs an untimed unlock first; criterion plans iterations from the timed
    // part only, so keep its measurement window short or the untimed work dominates the run.
    let mut group = c.benchmark_group("quick_exit");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(300));
    group.bench_function("vault_of_10k_entries", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // Untimed: unlock and use the session, as the app would before leaving.
                let UnlockOutcome::Opened(session) = vault.unlock(&pin(PIN)).unwrap() else {
                    panic!("vault did not open");
                };
                session.journal_entry(1).unwrap();
                let t = Instant::now();
                vault.lock();
                total += t.elapsed();
            }
            total
        })
    });
    group.finish();
}

/// Grows the real vault to about `bytes` with 4 MiB attachments.
fn grow(vault: &Vault, bytes: usize) {
    let UnlockOutcome::Opened(session) = vault.unlock(&pin(PIN)).unwrap() else {
        panic!("vault did not open");
    };
    let chunk: Vec<u8> = (0..4 << 20)
        .map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let entry = session.journal_entry(1).unwrap();
    let draft = AttachmentDraft {
        kind: AttachmentKind::Document,
        file_name: None,
        mime_type: "application/octet-stream".into(),
    };
    for _ in 0..bytes / chunk.len() {
        session
            .add_attachment_bytes(entry.id, &draft, &chunk)
            .unwrap();
    }
    vault.lock();
}

fn wipe(c: &mut Criterion) {
    // Building a 200 MB vault takes seconds and is untimed: one iteration per sample.
    let mut group = c.benchmark_group("wipe");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_millis(1));
    for (name, extra) in [("1MB_vault", 0usize), ("200MB_vault", 200 << 20)] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let tmp = tempfile::tempdir().unwrap();
                    let vault = small_vault(tmp.path());
                    grow(&vault, extra);
                    let t = Instant::now();
                    vault.wipe().unwrap();
                    total += t.elapsed();
                }
                total
            })
        });
    }
    group.finish();
}

/// A fresh vault (about 1 MB on disk with both databases) holding one entry.
fn small_vault(dir: &std::path::Path) -> Vault {
    let protector = Arc::new(InsecureSoftwareProtector::new(dir.join("key")));
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let vault = Vault::with_options(
        dir.join("data"),
        protector,
        VaultOptions::insecure_fast_kdf_for_tests(clock),
    )
    .unwrap();
    let session = vault
        .setup(SetupOptions {
            pin: pin(PIN),
            duress: None,
            locale: Locale::En,
            wipe_after_failures: None,
        })
        .unwrap();
    session
        .add_journal_entry(&EntryDraft {
            occurred_at: chrono::Utc::now() - chrono::Duration::days(1),
            time_zone: "Asia/Almaty".into(),
            kinds: vec![IncidentKind::Threats],
            narrative: "one entry".into(),
            injuries: None,
            witnesses: None,
            place: None,
            police_involved: false,
            police_reference: None,
            medical_involved: false,
            medical_reference: None,
        })
        .unwrap();
    vault.lock();
    vault
}

criterion_group!(benches, unlock_benches, quick_exit, wipe);
criterion_main!(benches);
