//! Vault benchmarks (DESIGN §7): unlock against one bare Argon2id derivation, and real, duress
//! and wrong PIN against each other (production Argon2id); quick exit on a vault of 10,000
//! entries, and while each long operation runs (median and p99 against an idle lock, printed
//! as a table); wipe of a 200 MB vault against a 1 MB one.

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

/// A fresh vault with the fast (insecure) KDF and an open session: the KDF is not what the
/// quick-exit and wipe benchmarks measure.
fn fast_vault(dir: &std::path::Path) -> (Vault, haven_core::Session) {
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
    (vault, session)
}

/// A vault holding 10,000 journal entries.
fn full_vault(dir: &std::path::Path) -> Vault {
    let (vault, session) = fast_vault(dir);
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
    let (vault, session) = fast_vault(dir);
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

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

/// A reader of `left` bytes that says when its first chunk has gone, then keeps streaming.
struct SignallingReader {
    left: usize,
    started: Option<std::sync::mpsc::Sender<()>>,
}

impl std::io::Read for SignallingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(tell) = self.started.take() {
            let _ = tell.send(());
        }
        let n = buf.len().min(self.left).min(64 * 1024);
        buf[..n].fill(0x5A);
        self.left -= n;
        Ok(n)
    }
}

/// `lock` while each long operation runs, against `lock` with nothing running: median and p99
/// over a plain loop (criterion's estimates say nothing of the tail). Each operation is started
/// on another thread and the lock is timed once it is under way.
fn lock_during_long_operations(_: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let vault = full_vault(tmp.path());
    let passphrase = haven_core::BundlePassphrase::new("a long enough passphrase".into()).unwrap();
    type Op = Box<dyn Fn(&haven_core::Session, std::sync::mpsc::Sender<()>) + Send + Sync>;
    let ops: Vec<(&str, Op)> = vec![
        (
            "idle",
            Box::new(|_, tell| {
                let _ = tell.send(());
            }),
        ),
        (
            "40 MB attachment, streamed",
            Box::new(|s, tell| {
                let draft = AttachmentDraft {
                    kind: AttachmentKind::Audio,
                    file_name: None,
                    mime_type: "audio/mp4".into(),
                };
                let mut reader = SignallingReader {
                    left: 40 << 20,
                    started: Some(tell),
                };
                let _ = s.add_attachment(1, &draft, 40 << 20, &mut reader);
            }),
        ),
        (
            "chain verification, 10k entries",
            Box::new(|s, tell| {
                let _ = tell.send(());
                let _ = s.verify_chain();
            }),
        ),
        (
            "export bundle, 10k entries",
            Box::new(move |s, tell| {
                let _ = tell.send(());
                let _ = s.export_bundle_to(&pin(PIN), &passphrase, &mut std::io::sink());
            }),
        ),
        (
            "PIN change",
            Box::new(|s, tell| {
                let _ = tell.send(());
                if s.change_pin(&pin(PIN), &pin("739164")).is_err() {
                    let _ = s.change_pin(&pin("739164"), &pin(PIN));
                }
            }),
        ),
    ];
    let ops = Arc::new(ops);
    println!("\nlock() while an operation runs (µs; 30 runs each; 10,000-entry vault):");
    for index in 0..ops.len() {
        let mut samples = Vec::new();
        for _ in 0..30 {
            // A PIN change that beat the lock leaves the other PIN (one failure, reset at once).
            let session = [PIN, "739164"]
                .into_iter()
                .find_map(|p| match vault.unlock(&pin(p)).unwrap() {
                    UnlockOutcome::Opened(s) => Some(s),
                    _ => None,
                })
                .expect("vault did not open");
            let (tell, started) = std::sync::mpsc::channel();
            let worker = {
                let (ops, session) = (Arc::clone(&ops), session.clone());
                std::thread::spawn(move || (ops[index].1)(&session, tell))
            };
            started.recv().unwrap();
            std::thread::sleep(Duration::from_millis(3));
            let t = Instant::now();
            vault.lock();
            samples.push(t.elapsed());
            worker.join().unwrap();
        }
        let (p50, p99) = percentiles(samples);
        println!(
            "  {:<34} p50 {:>8.1}  p99 {:>8.1}",
            ops[index].0,
            p50.as_secs_f64() * 1e6,
            p99.as_secs_f64() * 1e6
        );
    }
}

criterion_group!(
    benches,
    unlock_benches,
    quick_exit,
    lock_during_long_operations,
    wipe
);
criterion_main!(benches);
