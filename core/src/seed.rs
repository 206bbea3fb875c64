//! What a new vault starts with. The real vault and the decoy are seeded alike, so the decoy
//! looks like an ordinary, barely used copy of the app.

use crate::error::Result;
use crate::keyfile::Db;
use crate::locale::Locale;
use rusqlite::Connection;

/// Seeds a freshly created database.
pub(crate) fn seed_new_vault(conn: &Connection, locale: Locale, _db: Db) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('locale', ?1)",
        [locale.tag()],
    )?;
    crate::plan::seed(conn)
}

/// Runs on every open, after migrations: adds content a vault does not have yet (plan
/// sections and suggestions of a newer content version, or of a vault created before the
/// plan existed). Idempotent; never changes her choices.
pub(crate) fn after_open(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    crate::plan::seed(&tx)?;
    tx.commit()?;
    Ok(())
}
