//! Verifying a large bundle natively, to compare with the web verifier's timing harness
//! (`scripts/bench-evidence.sh` runs both on the same file made by the core and prints the
//! ratio; docs/benchmarks-evidence.md has the figures).
//!
//! Needs `HAVEN_BENCH_BUNDLE` (a bundle file) and `HAVEN_BENCH_PASSPHRASE`; without them it
//! says so and measures nothing.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use haven_evidence::check::{check_plain, AttachmentSink};
use haven_evidence::container::AttachmentCheck;
use haven_evidence::{seal, SecretString, MAX_BUNDLE_BYTES};
use std::io::{self, Write};
use std::time::Duration;

/// Keeps every attachment in memory, as the page does (to render photos).
#[derive(Default)]
struct Keep(Vec<Vec<u8>>);

impl AttachmentSink for Keep {
    fn writer(&mut self, index: usize) -> io::Result<&mut dyn Write> {
        self.0.resize(index + 1, Vec::new());
        Ok(&mut self.0[index])
    }
    fn done(&mut self, _: &AttachmentCheck) -> io::Result<()> {
        Ok(())
    }
}

fn bench(c: &mut Criterion) {
    let (Ok(path), Ok(pass)) = (
        std::env::var("HAVEN_BENCH_BUNDLE"),
        std::env::var("HAVEN_BENCH_PASSPHRASE"),
    ) else {
        eprintln!("verify bench: set HAVEN_BENCH_BUNDLE and HAVEN_BENCH_PASSPHRASE (scripts/bench-evidence.sh)");
        return;
    };
    let bytes = std::fs::read(path).expect("read the bundle");
    let pass = SecretString::from(pass);
    let mut g = c.benchmark_group("bundle");
    g.sample_size(10).measurement_time(Duration::from_secs(40));
    g.bench_function("open (scrypt + header)", |b| {
        b.iter(|| seal::open(&bytes[..], &pass, MAX_BUNDLE_BYTES).expect("opens"))
    });
    g.bench_function("open + verify everything", |b| {
        b.iter(|| {
            let plain = seal::open(&bytes[..], &pass, MAX_BUNDLE_BYTES).expect("opens");
            let checked = check_plain(plain, &mut Keep::default()).expect("verifies");
            assert!(checked.intact());
        })
    });
    // The page's `verify_ms`: everything after the passphrase opened the header (decrypting
    // the stream, the manifest, the chain, every attachment's SHA-256, kept in memory).
    g.bench_function("verify after open", |b| {
        b.iter_batched(
            || seal::open(&bytes[..], &pass, MAX_BUNDLE_BYTES).expect("opens"),
            |plain| {
                let checked = check_plain(plain, &mut Keep::default()).expect("verifies");
                assert!(checked.intact());
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
