//! The offline directory of shelters and services, on [`Session`]. Searches run locally in the
//! encrypted vault; nothing typed is logged or put into an error.
//!
//! `search_directory` is fast (FTS5; the design budget is p99 < 2 ms over 10,000 services) and
//! made for as-you-type, but it is still disk access: call it off the UI thread. `install_pack`
//! verifies a signature and rewrites the directory in one transaction: slow, off the UI thread.

use crate::error::{guard, Result};
use crate::session::Session;
use haven_core::{DirectoryHit, DirectoryQuery, Locale, PackInfo};

#[uniffi::export]
impl Session {
    /// Searches the directory. Never fails on what was typed: empty or punctuation-only text
    /// without filters gives no hits; when nothing matches, the national routing lines come
    /// back with `fallback = true` (say "Nothing found — these lines can help").
    pub fn search_directory(&self, query: DirectoryQuery) -> Result<Vec<DirectoryHit>> {
        guard(|| Ok(self.inner.search_directory(&query)?))
    }

    /// One service by id (to reopen a card shown earlier); `locale` defaults to the session's.
    pub fn directory_service(&self, id: String, locale: Option<Locale>) -> Result<DirectoryHit> {
        guard(|| Ok(self.inner.directory_service(&id, locale)?))
    }

    /// Verifies and installs a signed directory pack, replacing the installed one atomically.
    /// Refusals (signature, rollback to an older version, size, format) are `PackRejected`
    /// with the reason. Slow: off the UI thread.
    pub fn install_pack(&self, pack: Vec<u8>) -> Result<PackInfo> {
        guard(|| Ok(self.inner.install_pack(&pack)?))
    }

    /// The installed pack: region, version, expiry, and whether it is out of date (still
    /// used; the shell should say the information may be outdated).
    pub fn directory_info(&self) -> Result<PackInfo> {
        guard(|| Ok(self.inner.directory_info()?))
    }
}
