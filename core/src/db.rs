//! Opening a SQLCipher database with a raw 256-bit key, and schema migrations.
//!
//! The key is given as `PRAGMA key = "x'…'"`, which skips SQLCipher's own PBKDF2: the key is
//! already random, and the PIN's cost is paid once in Argon2id. A wrong key only shows at the
//! first read, so the connection reads the schema straight after keying.
//!
//! Why every open waits for [`sqlcipher_ready`]: SQLite marks itself initialized *before* it
//! runs SQLCipher's own start-up (`SQLITE_EXTRA_INIT`, outside SQLite's init mutex). A second
//! thread opening its first connection in that window is keyed before SQLCipher is ready and
//! gets a bare `SQLITE_ERROR` (CI saw it as `Storage { code: 1 }` at setup). Finishing SQLite's
//! initialization once, behind a process-wide lock, closes the window — and proves SQLCipher is
//! really linked before any survivor data is written.

use crate::error::{Error, Result};
use crate::kdf::Key256;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// Schema migrations, oldest first. Entry `i` moves a database from `user_version` i to i + 1.
/// Never edit a released entry: add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/v1_core.sql"),
    include_str!("sql/v2_data.sql"),
    include_str!("sql/v3_directory.sql"),
    include_str!("sql/v4_notes.sql"),
    include_str!("sql/v5_directory_meaning.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens (or, with `create`, creates) the database at `path` with `dek`, applies the pragmas
/// and brings the schema up to date. Storage only: what a vault holds is the vault's business
/// (`seed`), so this layer never reaches the domain.
///
/// Opening an existing database never makes a new one: a missing file is `MissingFile`, and an
/// empty file, a file of another key or no database at all, or a database without Haven's schema
/// is `Corrupt` — SQLite would otherwise take a 0-byte file for a new, empty vault and rewrite it.
pub(crate) fn open(path: &Path, dek: &Key256, create: bool) -> Result<Connection> {
    let corrupt = Error::Corrupt { what: "database" };
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        // Created by us, owner-only, before SQLite sees it; SQLite gives its -wal and -shm the
        // same permissions.
        crate::fsutil::private_file_options()
            .open(path)
            .map_err(Error::io("create a database"))?;
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::MissingFile { what: "database" })
            }
            Err(e) => return Err(Error::io("read a database")(e)),
            Ok(meta) if meta.len() == 0 => return Err(corrupt),
            Ok(_) => {}
        }
    }
    sqlcipher_ready()?;
    let mut conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, dek)?;
    if !create {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == 0 {
            return Err(corrupt);
        }
    }
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Closes a connection so that it leaves no side file: the WAL is checkpointed into the
/// database and truncated, and SQLite deletes `-wal` and `-shm` when its last connection closes.
/// A closed vault then holds exactly `k`, `a.db` and `b.db`, whatever was written — files that
/// would otherwise tell which database was used last, and that a decoy exists and was used.
pub(crate) fn close(conn: Connection) {
    // Best effort: a checkpoint that cannot run now (an interrupted statement) leaves the WAL
    // for SQLite to replay at the next open; nothing is lost either way.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    let _ = conn.close();
}

/// Runs SQLite's (and so SQLCipher's) initialization to the end, once per process, while every
/// other caller waits; then checks that the library really encrypts. Fails closed: without
/// SQLCipher, `PRAGMA key` would be ignored silently and the vault written in plain text.
///
/// It also silences SQLCipher's log, a process-wide setting: SQLCipher starts logging warnings
/// to logcat (Android), the unified log (iOS) or stderr, and a failed key check would leave
/// "hmac check failed" lines there, traces of the app that others on the phone can read.
fn sqlcipher_ready() -> Result<()> {
    static READY: OnceLock<std::result::Result<(), i32>> = OnceLock::new();
    let ready = READY.get_or_init(|| match initialize() {
        Ok(Some(version)) if !version.is_empty() => Ok(()),
        Ok(_) => Err(NO_CIPHER),
        Err(rusqlite::Error::SqliteFailure(f, _)) => Err(f.extended_code),
        Err(_) => Err(-1),
    });
    ready.map_err(|code| Error::Storage { code })
}

/// Not a SQLite result code: the SQLite linked into this build has no SQLCipher.
const NO_CIPHER: i32 = -2;

/// SQLCipher's version, from a throwaway in-memory connection whose opening runs the
/// initialization; `None` when the SQLite linked is a plain one.
fn initialize() -> rusqlite::Result<Option<String>> {
    let conn = Connection::open_in_memory()?;
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
        .optional()?;
    conn.query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .optional()
}

/// Keys a fresh connection and proves the key right with a first read.
pub(crate) fn apply_key(conn: &Connection, dek: &Key256) -> Result<()> {
    sqlcipher_ready()?;
    let mut sql = Zeroizing::new(String::with_capacity(80));
    sql.push_str("PRAGMA key = \"x'");
    for b in dek.iter() {
        let _ = write!(sql, "{b:02x}");
    }
    sql.push_str("'\"");
    run_pragma(conn, &sql)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// The pragmas every vault connection runs with (plain-SQLite benchmarks use them too).
pub fn configure(conn: &Connection) -> Result<()> {
    for pragma in [
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
        "PRAGMA foreign_keys = ON",
        // 16 MiB of decrypted pages (allocated only as pages are read). SQLCipher decrypts and
        // authenticates every page it loads; with SQLite's default 2 MiB, a directory search over
        // 10,000 services re-decrypted much of the full-text index on every keystroke
        // (~15 ms instead of ~1 ms; docs/benchmarks-directory.md), and a large attachment was
        // spilled (encrypted) and rewritten (encrypted again) before its commit.
        "PRAGMA cache_size = -16384",
        // After a checkpoint the WAL shrinks back to at most 4 MiB instead of keeping its
        // largest size (stale pages, and more to delete in a wipe).
        "PRAGMA journal_size_limit = 4194304",
    ] {
        run_pragma(conn, pragma)?;
    }
    Ok(())
}

/// Runs a statement that may or may not return rows, discarding them.
fn run_pragma(conn: &Connection, sql: &str) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    while rows.next()?.is_some() {}
    Ok(())
}

/// Brings the schema to [`SCHEMA_VERSION`], one version per transaction. A failing step rolls
/// back and leaves the database at the previous version, with nothing lost.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Migrates up to `target` only (tests build fixtures of older versions with it).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { found: current });
    }
    for version in current..target.min(SCHEMA_VERSION) {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
    Ok(())
}
