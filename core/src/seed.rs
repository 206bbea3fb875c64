//! What a new vault starts with. The real vault and the decoy are seeded alike, so the decoy
//! looks like an ordinary, barely used copy of the app.

use crate::error::Result;
use crate::locale::Locale;
use rusqlite::Connection;

/// Seeds a freshly created database: settings, and the bundled directory pack (installed
/// through the same verifier as any update, so a corrupt build fails setup loudly).
pub(crate) fn seed_new_vault(conn: &mut Connection, locale: Locale) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('locale', ?1)",
        [locale.tag()],
    )?;
    crate::plan::seed(conn)?;
    crate::directory::install_bundled(conn)?;
    Ok(())
}

/// Runs on every open, after migrations: adds content a vault does not have yet (plan
/// sections and suggestions of a newer content version, or of a vault created before the
/// plan existed; the bundled directory of a newer app). Idempotent; never changes her choices.
pub(crate) fn after_open(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    crate::plan::seed(&tx)?;
    tx.commit()?;
    // A directory that cannot be refreshed now (a full disk, say) must never keep her out of
    // her vault: the install is all-or-nothing, the old directory stays, the next open retries.
    let _ = crate::directory::refresh_bundled(conn);
    Ok(())
}
