//! Opening a SQLCipher database with a raw 256-bit key, and schema migrations.
//!
//! The key is given as `PRAGMA key = "x'…'"`, which skips SQLCipher's own PBKDF2: the key is
//! already random, and the PIN's cost is paid once in Argon2id. A wrong key only shows at the
//! first read, so the connection reads the schema straight after keying.

use crate::error::{Error, Result};
use crate::kdf::Key256;
use rusqlite::{Connection, OpenFlags};
use std::fmt::Write as _;
use std::path::Path;
use zeroize::Zeroizing;

/// Schema migrations, oldest first. Entry `i` moves a database from `user_version` i to i + 1.
/// Never edit a released entry: add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/v1_core.sql"),
    include_str!("sql/v2_data.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens (or, with `create`, creates) the database at `path` with `dek`, applies the pragmas
/// and brings the schema up to date.
pub(crate) fn open(path: &Path, dek: &Key256, create: bool) -> Result<Connection> {
    if !create && !path.exists() {
        return Err(Error::MissingFile { what: "database" });
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, dek)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    crate::seed::after_open(&mut conn)?;
    Ok(conn)
}

/// Keys a fresh connection and proves the key right with a first read.
pub(crate) fn apply_key(conn: &Connection, dek: &Key256) -> Result<()> {
    // SQLCipher would otherwise print "hmac check failed" lines to stderr on a bad key.
    run_pragma(conn, "PRAGMA cipher_log_level = NONE")?;
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
        // 16 MiB of page cache (SQLite's default is 2 MiB): an attachment written in one
        // transaction then stays in memory until commit, so each page is encrypted once
        // instead of being spilled (encrypted) and rewritten (encrypted again).
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
