//! Survivor-data workloads on SQLCipher and on plain SQLite (same schema, same pragmas, same
//! code, no key), side by side: adding an entry with a 5 MB attachment, listing one month of a
//! 10,000-entry journal, and verifying a 10,000-revision chain.
//!
//! Run: `cargo bench -p haven-core --bench data -- --warm-up-time 1 --measurement-time 3`
//! With `HAVEN_BENCH_MEMORY_SECURITY=1`, SQLCipher's `cipher_memory_security` is on (compare
//! against a baseline saved without it; docs/benchmarks-data.md).
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use haven_core::bench_support as bs;
use haven_core::{testing, AttachmentDraft, AttachmentKind, EntryDraft, IncidentKind};
use rusqlite::Connection;
use std::path::Path;
use std::time::Instant;

const ENTRIES: usize = 10_000;

fn open(path: &Path, encrypted: bool) -> Connection {
    let mut conn = Connection::open(path).unwrap();
    if std::env::var_os("HAVEN_BENCH_MEMORY_SECURITY").is_some() {
        // Process-wide and one-way: every SQLite allocation is then mlocked and wiped on free.
        conn.execute_batch("PRAGMA cipher_memory_security = ON")
            .unwrap();
        let on: String = conn
            .query_row("PRAGMA cipher_memory_security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(on, "1", "SQLCipher memory security did not turn on");
    }
    if encrypted {
        let key: [u8; 32] = core::array::from_fn(|i| (i * 7) as u8);
        testing::apply_raw_key(&conn, key).unwrap();
    }
    testing::configure(&conn).unwrap();
    testing::migrate(&mut conn).unwrap();
    conn
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap()
}

fn draft(i: usize) -> EntryDraft {
    EntryDraft {
        // 10,000 entries over about three years: ~280 a month.
        occurred_at: start() + Duration::minutes(i as i64 * 158),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Psychological, IncidentKind::Threats],
        narrative: format!(
            "Entry {i}: {}",
            "he shouted and broke the door; ".repeat(10)
        ),
        injuries: None,
        witnesses: Some("neighbour from flat 12".into()),
        place: Some("home".into()),
        police_involved: i.is_multiple_of(5),
        police_reference: None,
        medical_involved: false,
        medical_reference: None,
    }
}

fn now() -> DateTime<Utc> {
    start() + Duration::days(3 * 366)
}

fn backends() -> [(&'static str, bool); 2] {
    [("sqlcipher", true), ("plain", false)]
}

fn add_with_attachment(c: &mut Criterion) {
    let mut group = c.benchmark_group("add_entry_with_5MB_attachment");
    group.sample_size(10);
    let bytes: Vec<u8> = (0..5_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let attachment = AttachmentDraft {
        kind: AttachmentKind::Photo,
        file_name: Some("photo.jpg".into()),
        mime_type: "image/jpeg".into(),
    };
    for (name, encrypted) in backends() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(&dir.path().join("bench.db"), encrypted);
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for i in 0..iters {
                    let t = Instant::now();
                    bs::add_entry_with_attachment(
                        &mut conn,
                        now(),
                        &draft(i as usize),
                        &attachment,
                        &bytes,
                    )
                    .unwrap();
                    total += t.elapsed();
                    // Untimed: empty the journal again so the file does not grow without bound.
                    conn.execute_batch(
                        "DELETE FROM journal_revision_attachments; DELETE FROM journal_attachments;
                         DELETE FROM journal_revisions; DELETE FROM journal_entries;",
                    )
                    .unwrap();
                }
                total
            });
        });
    }
    group.finish();
}

fn journal_of_10k(c: &mut Criterion) {
    let drafts: Vec<EntryDraft> = (0..ENTRIES).map(draft).collect();
    let mut list = c.benchmark_group("list_one_month_of_10k_entries");
    let dirs: Vec<_> = backends()
        .into_iter()
        .map(|(name, encrypted)| {
            let dir = tempfile::tempdir().unwrap();
            let mut conn = open(&dir.path().join("bench.db"), encrypted);
            bs::add_entries(&mut conn, now(), &drafts).unwrap();
            (name, dir, conn)
        })
        .collect();
    let from = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
    for (name, _, conn) in &dirs {
        assert!(bs::list_between(conn, from, to).unwrap().len() > 250);
        list.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| bs::list_between(conn, from, to).unwrap())
        });
    }
    list.finish();
    let mut verify = c.benchmark_group("verify_chain_10k_revisions");
    verify.sample_size(10);
    for (name, _, conn) in &dirs {
        verify.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| match bs::verify_chain(conn).unwrap() {
                haven_core::ChainStatus::Intact(h) => assert_eq!(h.revisions, ENTRIES as u64),
                haven_core::ChainStatus::Broken(b) => panic!("{b:?}"),
            })
        });
    }
    verify.finish();
}

criterion_group!(benches, add_with_attachment, journal_of_10k);
criterion_main!(benches);
