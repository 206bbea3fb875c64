//! Vault benchmarks (DESIGN §7): unlock against one bare Argon2id derivation, and real, duress
//! and wrong PIN against each other. Production Argon2id parameters throughout.

#![allow(clippy::unwrap_used)]
use criterion::{criterion_group, criterion_main, Criterion};
use haven_core::{
    argon2id, DuressBehaviour, DuressOptions, InsecureSoftwareProtector, KdfParams, Locale,
    ManualClock, Pin, SetupOptions, UnlockOutcome, Vault, VaultOptions,
};
use std::sync::Arc;

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

criterion_group!(benches, unlock_benches);
criterion_main!(benches);
