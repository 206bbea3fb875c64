//! What a new vault starts with, and what an opened one is brought up to.
//!
//! The real vault starts with the safety-plan template and the bundled directory. The decoy is
//! a plain private-notes space: settings and nothing else — no plan, journal, orders,
//! directory, no word about violence in any language — so that a forced unlock shows an
//! ordinary, barely used notes app. She fills it with ordinary notes herself.
//!
//! The vault calls these after the storage layer (`db`) has opened and migrated a database;
//! storage never reaches into the domain.

use crate::error::Result;
use crate::locale::Locale;
use rusqlite::{Connection, OptionalExtension};

/// The setting that marks a database as a notes space.
const SPACE_KEY: &str = "space";
const NOTES_SPACE: &str = "notes";

/// Seeds a freshly created real vault: settings, the plan template, and the bundled directory
/// pack (installed through the same verifier as any update, so a corrupt build fails setup
/// loudly).
pub(crate) fn seed_new_vault(conn: &mut Connection, locale: Locale) -> Result<()> {
    let tx = conn.transaction()?;
    set_locale(&tx, locale)?;
    crate::plan::seed(&tx)?;
    tx.commit()?;
    crate::directory::install_bundled(conn)?;
    Ok(())
}

/// Seeds a freshly created decoy: its language and the mark of a notes space.
pub(crate) fn seed_notes_space(conn: &mut Connection, locale: Locale) -> Result<()> {
    let tx = conn.transaction()?;
    set_locale(&tx, locale)?;
    mark_notes_space(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Runs on every open of the real vault, after migrations: adds content it does not have yet
/// (plan sections and suggestions of a newer content version; the bundled directory of a newer
/// app). Idempotent; never changes her choices.
pub(crate) fn after_open(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    crate::plan::seed(&tx)?;
    tx.commit()?;
    // A directory that cannot be refreshed now (a full disk, say) must never keep her out of
    // her vault: the install is all-or-nothing, the old directory stays, the next open retries.
    let _ = crate::directory::refresh_bundled(conn);
    Ok(())
}

/// Runs on every open of the decoy. A decoy made before the notes space (seeded like the real
/// vault: plan template, directory, whatever was typed there) is emptied of all of it once, in
/// one transaction; its notes and settings stay. `secure_delete` overwrites what is removed.
pub(crate) fn notes_space(conn: &mut Connection) -> Result<()> {
    let marked: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [SPACE_KEY],
            |r| r.get(0),
        )
        .optional()?;
    if marked.as_deref() == Some(NOTES_SPACE) {
        return Ok(());
    }
    let tx = conn.transaction()?;
    // Foreign keys are checked at commit, when every table below is empty.
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for table in FULL_SPACE_TABLES {
        // Table names cannot be bound as parameters; these are constants of this file.
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    mark_notes_space(&tx)?;
    tx.commit()?;
    Ok(())
}

/// Every table of the full space (schema v2, v3 and v5), children before parents.
const FULL_SPACE_TABLES: &[&str] = &[
    "journal_revision_attachments",
    "journal_attachments",
    "journal_revisions",
    "journal_entries",
    "contact_capabilities",
    "contacts",
    "protection_order_documents",
    "protection_order_entries",
    "protection_orders",
    "danger_sign_ticks",
    "plan_items",
    "plan_sections",
    "dir_fts",
    "dir_typo",
    "dir_place",
    "dir_point",
    "dir_service",
    "dir_pack",
];

fn set_locale(conn: &Connection, locale: Locale) -> Result<()> {
    put_setting(conn, "locale", locale.tag())
}

fn mark_notes_space(conn: &Connection) -> Result<()> {
    put_setting(conn, SPACE_KEY, NOTES_SPACE)
}

/// Sets (or replaces) one setting.
pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}
