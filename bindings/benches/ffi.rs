//! The Rust side of the FFI-overhead comparison (docs/benchmarks-ffi.md): the same calls the
//! Kotlin benchmark makes (bindings/kotlin/.../FfiBenchmarkTest.kt), made on the same `haven_ffi`
//! objects directly from Rust, so the difference is the FFI crossing (JNA, lowering, lifting,
//! the handle) and nothing else.

#![allow(clippy::unwrap_used)]
use criterion::{criterion_group, criterion_main, Criterion};
use haven_core::calculator::Key;
use haven_core::Locale;
use haven_ffi::{DuressSettings, Haven, KeyProtector, ProtectorFailure, SetupOptions};
use std::hint::black_box;
use std::sync::Arc;

/// Seals nothing: the benchmark measures calls on an open session, not the protector.
#[derive(Debug)]
struct PassThroughProtector;

impl KeyProtector for PassThroughProtector {
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure> {
        Ok(plaintext)
    }
    fn unseal(&self, sealed: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure> {
        Ok(sealed)
    }
    fn retire_other_keys(&self, _sealed: Vec<u8>) -> Result<(), ProtectorFailure> {
        Ok(())
    }
    fn device_mix(&self, input: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure> {
        Ok(input)
    }
    fn destroy_key(&self) -> Result<(), ProtectorFailure> {
        Ok(())
    }
}

fn ffi(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let haven = Haven::new_insecure_for_tests(
        tmp.path().join("data").to_string_lossy().into_owned(),
        Arc::new(PassThroughProtector),
    )
    .unwrap();
    let session = haven
        .setup(
            "246810".into(),
            None,
            SetupOptions {
                locale: Locale::En,
                duress: DuressSettings {
                    behaviour: haven_core::DuressBehaviour::NothingHere,
                    shred_real: false,
                },
                wipe_after_failures: None,
            },
        )
        .unwrap();
    let calc = haven_ffi::Calculator::new();
    let keys = [
        Key::Digit(7),
        Key::Add,
        Key::Digit(2),
        Key::Equals,
        Key::Clear,
    ];
    let mut i = 0usize;
    c.bench_function("Calculator.press", |b| {
        b.iter(|| {
            i += 1;
            black_box(calc.press(keys[i % keys.len()]))
        })
    });
    c.bench_function("Session.isOpen", |b| {
        b.iter(|| black_box(session.is_open()))
    });
    c.bench_function("Session.locale (one SQL query)", |b| {
        b.iter(|| black_box(session.locale().unwrap()))
    });
    // As-you-type search over the bundled pack (the same query as the Kotlin benchmark).
    let query = haven_core::DirectoryQuery {
        text: "пол".into(),
        ..Default::default()
    };
    assert!(!session.search_directory(query.clone()).unwrap().is_empty());
    c.bench_function("Session.searchDirectory", |b| {
        b.iter(|| black_box(session.search_directory(query.clone()).unwrap()))
    });
    haven.quick_exit();
}

criterion_group!(benches, ffi);
criterion_main!(benches);
