//! # haven-core
//!
//! The whole of Haven that can be decided without a screen: the encrypted vault and its key
//! hierarchy, the lock state machine with duress and wipe, the survivor's data, the directory of
//! services, and the calculator that serves as the app's disguise. The Android and iOS shells
//! render and forward events; everything here is tested once, in Rust.
//!
//! Start at [`Vault`]: construct it over a data directory and a [`KeyProtector`], then `setup`
//! or `unlock` to get a [`Session`].
//!
//! Nothing in this crate writes survivor data anywhere but the SQLCipher databases, and no
//! error, log line or `Debug` output contains it.

pub mod calculator;
mod contacts;
pub mod content;
mod danger;
mod db;
pub mod directory;
mod error;
mod export;
mod fsutil;
mod journal;
mod kdf;
mod keyfile;
mod locale;
mod notes;
mod orders;
mod phone;
mod pin;
mod plan;
mod protector;
mod seed;
mod session;
mod text;
mod throttle;
mod vault;

pub use contacts::{Contact, ContactDraft};
pub use db::SCHEMA_VERSION;
pub use directory::{
    DirectoryHit, DirectoryQuery, GeoPoint, HitPhone, HitPlace, OpenStatus, OpeningHours, PackInfo,
    ServiceType,
};
pub use error::{Error, Result};
pub use export::{
    BundlePassphrase, ReportRequest, ReportSelection, MAX_BUNDLE_BYTES, MIN_PASSPHRASE_CHARS,
};
pub use journal::{
    AttachmentDraft, AttachmentInfo, AttachmentKind, ChainBreak, ChainHead, ChainProblem,
    ChainStatus, EntryDraft, IncidentKind, JournalEntry, RevisionAction, RevisionInfo, FUTURE_SKEW,
    MAX_ATTACHMENT_BYTES,
};
pub use kdf::{argon2id, KdfParams};
pub use keyfile::DuressBehaviour;
pub use locale::Locale;
pub use notes::{Note, SpaceKind, NOTE_MAX_CHARS};
pub use orders::{
    order_kind_info, region_today, OrderDraft, OrderKind, OrderKindInfo, OrderStanding,
    OrderStatus, ProtectionOrder, COURT_MAX_MONTHS, COURT_MIN_MONTHS, POLICE_ORDER_MAX_DAYS,
    REGION_TIME_ZONE,
};
pub use phone::normalize_phone;
pub use pin::{
    Pin, MAX_LEN as PIN_MAX_LEN, MIN_LEN as PIN_MIN_LEN, WEAK_REASON as PIN_WEAK_REASON,
};
pub use plan::{PlanItem, PlanItemStatus, PlanSection, REVIEW_SECTION};
pub use protector::{InsecureSoftwareProtector, KeyProtector, ProtectorError};
pub use session::Session;
pub use text::{ITEM_MAX_CHARS, LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS};
pub use throttle::{delay_after, BootInstant, Clock, ManualClock, SystemClock};
pub use vault::{
    DuressOptions, SetupOptions, UnlockOutcome, Vault, VaultOptions, VaultState, WIPE_AFTER_RANGE,
};

/// Database plumbing for benchmarks and migration tests: opening with a raw key, the pragmas,
/// and migrating step by step. Not for application code.
pub mod testing {
    pub use crate::db::{configure, migrate, migrate_to};
    pub use crate::directory::raw as directory;

    /// Opens an existing database file with a raw 256-bit key exactly as the vault does
    /// (key, pragmas, migrations, content seeding). For migration tests on fixtures.
    pub fn open_with_raw_key(
        path: &std::path::Path,
        key: [u8; 32],
    ) -> crate::Result<rusqlite::Connection> {
        let mut conn = crate::db::open(path, &zeroize::Zeroizing::new(key), false)?;
        crate::seed::after_open(&mut conn)?;
        Ok(conn)
    }

    /// Every ordinary table of the session's database (a virtual table is seen through its
    /// shadow tables) with its row count and every text value stored in it: for tests that
    /// check what a space holds.
    pub fn tables_and_text(
        session: &crate::Session,
    ) -> crate::Result<Vec<(String, usize, String)>> {
        session.with_any_conn(|c| {
            let names: Vec<String> = c
                .prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table'
                     AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
                     ORDER BY name",
                )?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for name in names {
                // Names come from the schema itself, not from input.
                let mut stmt = c.prepare(&format!("SELECT * FROM \"{name}\""))?;
                let columns = stmt.column_count();
                let mut rows = stmt.query([])?;
                let (mut count, mut text) = (0, String::new());
                while let Some(row) = rows.next()? {
                    count += 1;
                    for i in 0..columns {
                        if let Ok(rusqlite::types::ValueRef::Text(t)) = row.get_ref(i) {
                            text.push_str(&String::from_utf8_lossy(t));
                            text.push('\n');
                        }
                    }
                }
                out.push((name, count, text));
            }
            Ok(out)
        })
    }

    /// Keys a fresh connection with a raw 256-bit key (for building fixtures).
    pub fn apply_raw_key(conn: &rusqlite::Connection, key: [u8; 32]) -> crate::Result<()> {
        crate::db::apply_key(conn, &zeroize::Zeroizing::new(key))
    }
}

/// Entry points taking a bare connection, so the benchmarks can run the journal's own code on
/// SQLCipher and on plain SQLite side by side. Not for application code: everything here
/// bypasses the session (no lock check, no PIN).
#[doc(hidden)]
pub mod bench_support {
    use crate::journal::{self, AttachmentDraft, ChainStatus, EntryDraft, JournalEntry};
    use crate::Result;
    use chrono::{DateTime, Utc};
    use rusqlite::Connection;

    /// Adds an entry and one attachment, in one transaction, as the session would.
    pub fn add_entry_with_attachment(
        conn: &mut Connection,
        now: DateTime<Utc>,
        draft: &EntryDraft,
        attachment: &AttachmentDraft,
        bytes: &[u8],
    ) -> Result<i64> {
        let tx = conn.transaction()?;
        let id = journal::add_entry(&tx, now, draft)?;
        let mut reader = bytes;
        journal::add_attachment(&tx, now, id, attachment, bytes.len() as u64, &mut reader)?;
        tx.commit()?;
        Ok(id)
    }

    /// Adds many entries in one transaction.
    pub fn add_entries(
        conn: &mut Connection,
        now: DateTime<Utc>,
        drafts: &[EntryDraft],
    ) -> Result<()> {
        let tx = conn.transaction()?;
        for d in drafts {
            journal::add_entry(&tx, now, d)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds many entries to an open vault in one transaction (to build large vaults quickly).
    pub fn add_entries_to_session(
        session: &crate::Session,
        now: DateTime<Utc>,
        drafts: &[EntryDraft],
    ) -> Result<()> {
        session.with_tx(|tx| {
            for d in drafts {
                journal::add_entry(tx, now, d)?;
            }
            Ok(())
        })
    }

    /// Entries that occurred in `[from, to)`, hidden ones included.
    pub fn list_between(
        conn: &Connection,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<JournalEntry>> {
        journal::list_between(conn, from, to, true)
    }

    /// Walks the whole chain.
    pub fn verify_chain(conn: &Connection) -> Result<ChainStatus> {
        journal::verify_in(conn)
    }
}

// The uniffi scaffolding for the records and enums the core derives behind the `uniffi`
// feature (see `uniffi_support`). Built by `haven-ffi` only.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
#[cfg(feature = "uniffi")]
mod uniffi_support;
#[cfg(feature = "uniffi")]
pub use uniffi_support::{LocalDate, Timestamp};
