//! Directory benchmarks: as-you-type search over a generated 10,000-service pack (search by
//! meaning vs the search it replaced, on the same index in the same run, and vs a naive
//! `LIKE '%…%'` scan over the same folded text), installing the bundled pack, and updating a
//! 10,000-service pack. Criterion reports means/medians; a plain timed loop after
//! it prints median and p99 per query (figures in docs/benchmarks-directory.md).
//!
//! Run: cargo bench -p haven-core --bench directory -- --warm-up-time 1 --measurement-time 3
#![allow(clippy::unwrap_used, missing_debug_implementations)]

#[path = "../tests/dirpack/mod.rs"]
mod dirpack;

use chrono::Utc;
use criterion::{BatchSize, Criterion};
use haven_core::directory::BUNDLED_PACK;
use haven_core::testing::directory::{install_pack, legacy_search, naive_like_search, search};
use haven_core::{DirectoryQuery, GeoPoint, Locale};
use rusqlite::Connection;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const PREFIXES: [&str; 9] = [
    "а",
    "ал",
    "алм",
    "алмат",
    "almat",
    "kriz",
    "кризис ц",
    "shelt",
    "қарағ",
];

/// A fresh SQLCipher database with the app's pragmas and schema.
fn open_db(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA cipher_log_level = NONE").ok();
    conn.execute_batch(
        "PRAGMA key = \"x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'\"",
    )
    .unwrap();
    haven_core::testing::configure(&conn).unwrap();
    let mut conn = conn;
    haven_core::testing::migrate(&mut conn).unwrap();
    conn
}

struct Fixture {
    _dir: tempfile::TempDir,
    conn: Connection,
    key: dirpack::TestKey,
    big: serde_json::Value,
    version: u64,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = open_db(&dir.path().join("a.db"));
    let key = dirpack::TestKey::new();
    let big = dirpack::generated_content(10_000);
    let pack = key.kz_pack(1, &big);
    let info = install_pack(&mut conn, &pack, &[key.public_b64.as_str()], Utc::now()).unwrap();
    assert_eq!(info.services, 10_000);
    Fixture {
        _dir: dir,
        conn,
        key,
        big,
        version: 1,
    }
}

fn query(text: &str) -> DirectoryQuery {
    DirectoryQuery {
        text: text.into(),
        // The default page (20 hits).
        limit: 0,
        ..Default::default()
    }
}

/// What search by meaning adds: inflection, a place word, an intent phrase, a typo (the typo
/// stage runs), and words nothing matches (typo stage, then the routing lines).
const MEANING: [&str; 6] = [
    "семья",
    "полиция алматы",
    "домашнее насилие",
    "кризисный центр алматы",
    "полицыя",
    "лошадь зебра",
];

fn bench_search(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("search_10k");
    for q in PREFIXES.iter().chain(&MEANING) {
        let dq = query(q);
        group.bench_function(format!("fts/{q}"), |b| {
            b.iter(|| black_box(search(&f.conn, &dq, Locale::Ru, Utc::now()).unwrap()))
        });
        group.bench_function(format!("legacy/{q}"), |b| {
            b.iter(|| black_box(legacy_search(&f.conn, &dq, Locale::Ru, Utc::now()).unwrap()))
        });
        group.bench_function(format!("like/{q}"), |b| {
            b.iter(|| black_box(naive_like_search(&f.conn, q, 20).unwrap()))
        });
    }
    group.finish();
}

fn bench_install(c: &mut Criterion, f: &mut Fixture) {
    let mut group = c.benchmark_group("install");
    group.sample_size(10);
    group.bench_function("bundled_pack_into_new_vault", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let conn = open_db(&dir.path().join("a.db"));
                (dir, conn)
            },
            |(dir, mut conn)| {
                install_pack(
                    &mut conn,
                    BUNDLED_PACK,
                    haven_core::directory::pack::TRUSTED_KEYS,
                    Utc::now(),
                )
                .unwrap();
                (dir, conn)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("update_10k_services", |b| {
        b.iter_batched(
            || {
                f.version += 1;
                f.key.kz_pack(f.version, &f.big)
            },
            |pack| {
                let keys = [f.key.public_b64.as_str()];
                install_pack(&mut f.conn, &pack, &keys, Utc::now()).unwrap()
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Median and p99 over a plain timed loop: search by meaning side by side with the search it
/// replaced (same index, same run, interleaved so both see the same load).
fn meaning_table(f: &Fixture) {
    const RUNS: usize = 500;
    println!("\nsearch by meaning vs the previous search, 10,000 services, {RUNS} runs each (microseconds)");
    println!(
        "{:<26} {:>8} {:>8} {:>5} | {:>8} {:>8} {:>5} | {:>6}",
        "query", "new p50", "new p99", "hits", "old p50", "old p99", "hits", "p99 x"
    );
    let mut cases: Vec<(String, DirectoryQuery)> = PREFIXES
        .iter()
        .chain(&MEANING)
        .map(|q| (q.to_string(), query(q)))
        .collect();
    cases.push((
        "кризис + open now".into(),
        DirectoryQuery {
            open_now: true,
            ..query("кризис")
        },
    ));
    cases.push((
        "алм + near point".into(),
        DirectoryQuery {
            near: Some(GeoPoint {
                latitude: 43.25,
                longitude: 76.95,
            }),
            ..query("алм")
        },
    ));
    for (label, dq) in cases {
        let (mut new, mut old) = (Vec::with_capacity(RUNS), Vec::with_capacity(RUNS));
        let (mut new_hits, mut old_hits) = (0, 0);
        for _ in 0..RUNS {
            let t = Instant::now();
            new_hits = black_box(search(&f.conn, &dq, Locale::Ru, Utc::now()).unwrap()).len();
            new.push(t.elapsed());
            let t = Instant::now();
            old_hits =
                black_box(legacy_search(&f.conn, &dq, Locale::Ru, Utc::now()).unwrap()).len();
            old.push(t.elapsed());
        }
        let (n50, n99) = percentiles(new);
        let (o50, o99) = percentiles(old);
        println!(
            "{label:<26} {:>8.0} {:>8.0} {new_hits:>5} | {:>8.0} {:>8.0} {old_hits:>5} | {:>6.2}",
            micros(n50),
            micros(n99),
            micros(o50),
            micros(o99),
            micros(n99) / micros(o99)
        );
    }
}

/// Median and p99 over a plain timed loop, FTS side by side with LIKE.
fn p99_table(f: &Fixture) {
    const RUNS: usize = 500;
    println!("\nas-you-type over 10,000 services, {RUNS} runs each (microseconds)");
    println!(
        "{:<22} {:>8} {:>8} {:>5} | {:>9} {:>9} | {:>9} {:>9} {:>7} {:>7}",
        "query",
        "fts p50",
        "fts p99",
        "hits",
        "like20 50",
        "like20 99",
        "likeAll50",
        "likeAll99",
        "matches",
        "All/fts"
    );
    let mut cases: Vec<(String, DirectoryQuery)> =
        PREFIXES.iter().map(|q| (q.to_string(), query(q))).collect();
    let near = GeoPoint {
        latitude: 43.25,
        longitude: 76.95,
    };
    cases.push((
        "алм + near point".into(),
        DirectoryQuery {
            near: Some(near),
            ..query("алм")
        },
    ));
    cases.push((
        "кризис + open now".into(),
        DirectoryQuery {
            open_now: true,
            ..query("кризис")
        },
    ));
    cases.push((
        "алм, limit 50".into(),
        DirectoryQuery {
            limit: 50,
            ..query("алм")
        },
    ));
    cases.push((
        "(filter) shelter".into(),
        DirectoryQuery {
            service_types: vec![haven_core::ServiceType::Shelter],
            ..query("")
        },
    ));
    for (label, dq) in cases {
        let mut fts = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            hits = black_box(search(&f.conn, &dq, Locale::Ru, Utc::now()).unwrap()).len();
            fts.push(t.elapsed());
        }
        let (f50, f99) = percentiles(fts);
        if dq.text.is_empty() {
            println!(
                "{label:<22} {:>8.0} {:>8.0} {hits:>5} |",
                micros(f50),
                micros(f99)
            );
            continue;
        }
        // The naive scan twice: stopping at the first 20 matches (unranked, so not comparable
        // in what it returns), and over every match (what any ranking of it would need).
        let mut first = Vec::with_capacity(RUNS);
        let mut all = Vec::with_capacity(RUNS);
        let mut matches = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            black_box(naive_like_search(&f.conn, &dq.text, 20).unwrap());
            first.push(t.elapsed());
            let t = Instant::now();
            matches = black_box(naive_like_search(&f.conn, &dq.text, u32::MAX).unwrap()).len();
            all.push(t.elapsed());
        }
        let (l50, l99) = percentiles(first);
        let (a50, a99) = percentiles(all);
        println!(
            "{label:<22} {:>8.0} {:>8.0} {hits:>5} | {:>9.0} {:>9.0} | {:>9.0} {:>9.0} {matches:>7} {:>7.1}",
            micros(f50),
            micros(f99),
            micros(l50),
            micros(l99),
            micros(a50),
            micros(a99),
            micros(a50) / micros(f50)
        );
    }
}

/// Where the time of one query goes: the ranked full-text match alone, without decoding hits.
fn breakdown(f: &Fixture) {
    const RUNS: usize = 500;
    println!("\nranked FTS5 match only (SELECT rowid … ORDER BY bm25 LIMIT 20), {RUNS} runs (microseconds)");
    for q in ["alm", "kriz", "shelt"] {
        let mut stmt = f
            .conn
            .prepare("SELECT rowid FROM dir_fts WHERE dir_fts MATCH ?1 ORDER BY bm25(dir_fts, 4.0, 1.0) LIMIT 20")
            .unwrap();
        let matches: i64 = f
            .conn
            .query_row(
                "SELECT count(*) FROM dir_fts WHERE dir_fts MATCH ?1",
                [format!("\"{q}\"*")],
                |r| r.get(0),
            )
            .unwrap();
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let n = stmt
                .query_map([format!("\"{q}\"*")], |r| r.get::<_, i64>(0))
                .unwrap()
                .count();
            black_box(n);
            samples.push(t.elapsed());
        }
        let (p50, p99) = percentiles(samples);
        println!(
            "{q:<8} matches {matches:>6}  p50 {:>7.0}  p99 {:>7.0}",
            micros(p50),
            micros(p99)
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let mut f = fixture();
    bench_search(&mut c, &f);
    bench_install(&mut c, &mut f);
    c.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        meaning_table(&f);
        if std::env::var_os("HAVEN_BENCH_MEANING_ONLY").is_some() {
            return;
        }
        p99_table(&f);
        breakdown(&f);
    }
}
