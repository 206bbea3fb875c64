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
    Ok(())
}
