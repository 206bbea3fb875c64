//! The offline directory of shelters and services.
//!
//! A region's directory arrives as a signed pack ([`pack`]) whose content is a profile of Open
//! Referral HSDS 3.0 ([`hsds`]). The core verifies and installs it inside the encrypted vault
//! (`install.rs`), and answers the shells' searches locally (`search.rs`, `normalize.rs`,
//! `schedule.rs`): nothing about what a survivor looks for ever leaves the phone, and no query
//! is logged or put into an error. The app bundles the current Kazakhstan pack and installs it
//! at setup through the same verifier as any update.
//!
//! The [`pack`] and [`hsds`] modules are public for the `haven pack` tool and the fuzzers; the
//! shells use only the [`Session`] methods below and the record types re-exported at the crate
//! root.

mod fallback;
pub mod hsds;
pub mod hsds_std;
mod index;
mod install;
mod intent;
mod legacy;
mod normalize;
pub mod pack;
mod schedule;
mod search;
mod stem;
mod taxonomy;

pub use normalize::{fold, fts_query, MAX_QUERY_CHARS};
pub use schedule::OpenStatus;
pub use search::{DEFAULT_LIMIT, MAX_LIMIT};
pub use taxonomy::ServiceType;

use crate::error::Result;
use crate::locale::Locale;
use crate::session::Session;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::sync::OnceLock;

/// The signed Kazakhstan pack built from `core/packs/kz/kz.hsds.json`.
pub const BUNDLED_PACK: &[u8] = include_bytes!("../../packs/kz/kz.havenpack");

/// The installed pack.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PackInfo {
    /// ISO 3166-1 alpha-2 region ("KZ").
    pub region: String,
    /// The pack's version (monotonic).
    pub version: u64,
    /// When the pack was built.
    pub created: DateTime<Utc>,
    /// When it goes out of date.
    pub expires: DateTime<Utc>,
    /// Past `expires`: still used, but the shell should say it may be outdated.
    pub out_of_date: bool,
    /// Active services installed.
    pub services: u32,
}

/// A point the shell supplies for ordering by distance. Never stored.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

/// A directory search. `Default` gives an empty query (which returns nothing).
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DirectoryQuery {
    /// What she typed, in any script; each word matches as a prefix. Capped at
    /// [`MAX_QUERY_CHARS`]; FTS syntax has no effect.
    pub text: String,
    /// Only services of any of these types (empty: all).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub service_types: Vec<ServiceType>,
    /// Only services in this city or region (any script, prefix), plus national services
    /// without a physical place.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub place: Option<String>,
    /// Only services offered in this language (ISO 639 code, e.g. "kk").
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub language: Option<String>,
    /// Only services open now by their published hours (unknown hours never count as open),
    /// plus emergency lines, which are never filtered out.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub open_now: bool,
    /// Order by distance from this point instead of by relevance.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub near: Option<GeoPoint>,
    /// Display language; the session's if `None`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub locale: Option<Locale>,
    /// Most hits (0: [`DEFAULT_LIMIT`]; capped at [`MAX_LIMIT`]).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: u32,
}

/// A service found in the directory, with what the shell needs to show and dial it.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DirectoryHit {
    /// Stable id within the pack (for [`Session::directory_service`]).
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub organization: String,
    pub service_types: Vec<ServiceType>,
    /// A shelter whose address is confidential: intake by phone only.
    pub confidential: bool,
    /// ISO 639 codes of the languages the service is offered in (empty: not known).
    pub languages: Vec<String>,
    pub phones: Vec<HitPhone>,
    pub places: Vec<HitPlace>,
    /// Published weekly hours (empty: unknown).
    pub opening_hours: Vec<OpeningHours>,
    /// Whether the entry was checked against its source. Unverified entries must be shown
    /// as such.
    pub verified: bool,
    /// When it was last checked (YYYY-MM-DD).
    pub verified_on: String,
    /// Where the information comes from.
    pub source: String,
    pub open_now: OpenStatus,
    /// Kilometres from the query's point, for services with a public location.
    pub distance_km: Option<f64>,
    /// Nothing matched the query: this is one of the national lines that route her (111, 150,
    /// 112, 102 in Kazakhstan), shown instead of an empty list. The shell should say so
    /// ("Nothing found. These lines can help you find the right service").
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub fallback: bool,
}

/// A number to dial or text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HitPhone {
    /// Digits, optionally with a leading "+": dial exactly this.
    pub number: String,
    pub extension: Option<String>,
    /// HSDS phone type: voice, text, cell, fax, video, textphone.
    pub kind: String,
    pub description: Option<String>,
    pub verified: bool,
    pub verified_on: String,
    pub source: String,
}

/// Where a service is. A confidential place has no address, postal code or coordinates.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HitPlace {
    pub name: Option<String>,
    /// Street address; `None` when confidential or not published.
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub confidential: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub verified: bool,
    pub verified_on: String,
}

/// One weekly opening rule.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OpeningHours {
    /// iCalendar days, e.g. "MO,TU,WE,TH,FR".
    pub byday: String,
    /// "HH:MM", local time.
    pub opens_at: String,
    /// "HH:MM", local time; the next day if `closes_next_day`.
    pub closes_at: String,
    pub closes_next_day: bool,
    /// IANA time zone the times are in.
    pub timezone: String,
    pub description: Option<String>,
    pub verified: bool,
}

impl Session {
    /// Searches the directory by meaning (see `search.rs`). Never fails on what was typed: empty
    /// or punctuation-only text without filters gives no hits; a query that matches nothing
    /// gives the region's routing lines, each with `fallback: true`.
    pub fn search_directory(&self, query: &DirectoryQuery) -> Result<Vec<DirectoryHit>> {
        let locale = match query.locale {
            Some(l) => l,
            None => self.locale()?,
        };
        let now = self.now();
        self.with_conn(|c| search::search(c, query, locale, now))
    }

    /// One service by id (e.g. to reopen a card the shell showed earlier).
    pub fn directory_service(&self, id: &str, locale: Option<Locale>) -> Result<DirectoryHit> {
        let locale = match locale {
            Some(l) => l,
            None => self.locale()?,
        };
        let now = self.now();
        self.with_conn(|c| search::service(c, id, locale, now))
    }

    /// Verifies and installs a directory pack, replacing the installed one atomically.
    /// Refusals are `Error::PackRejected` with a fixed reason.
    pub fn install_pack(&self, bytes: &[u8]) -> Result<PackInfo> {
        let now = self.now();
        self.with_conn(|c| install::install(c, bytes, pack::TRUSTED_KEYS, now))
    }

    /// FOR TESTS AND BENCHMARKS ONLY: as [`Session::install_pack`], also trusting
    /// `extra_public_key` (minisign, base64). Never expose this to the shells.
    #[doc(hidden)]
    pub fn install_pack_trusting_test_key(
        &self,
        bytes: &[u8],
        extra_public_key: &str,
    ) -> Result<PackInfo> {
        let now = self.now();
        let mut keys: Vec<&str> = pack::TRUSTED_KEYS.to_vec();
        keys.push(extra_public_key);
        self.with_conn(|c| install::install(c, bytes, &keys, now))
    }

    /// The installed pack: region, version, expiry and whether it is out of date.
    pub fn directory_info(&self) -> Result<PackInfo> {
        let now = self.now();
        self.with_conn(|c| install::info(c, now))
    }
}

/// Installs the bundled pack into a new vault (real and decoy alike), through the verifier.
pub(crate) fn install_bundled(conn: &mut Connection) -> Result<()> {
    install::apply(conn, BUNDLED_PACK, pack::TRUSTED_KEYS)
}

/// Installs the bundled pack over an older pack of its region, or into a vault that has no
/// directory yet: an app update brings its directory to vaults made by earlier versions.
/// A pack of another region, or a newer one (an update she installed), is left alone, and
/// re-indexed from its stored cards if an older core indexed it.
pub(crate) fn refresh_bundled(conn: &mut Connection) -> Result<()> {
    let Some((bundled_region, bundled_version)) = bundled_release() else {
        return install_bundled(conn); // fails, saying why
    };
    match install::installed(conn)? {
        Some((region, version)) if region != *bundled_region || version >= *bundled_version => {
            index::reindex_if_stale(conn).map(|_| ())
        }
        _ => install_bundled(conn),
    }
}

/// The bundled pack's region and version, verified once per process rather than on every
/// unlock; `None` if it does not verify (a broken build).
fn bundled_release() -> Option<&'static (String, u64)> {
    static RELEASE: OnceLock<Option<(String, u64)>> = OnceLock::new();
    RELEASE
        .get_or_init(|| {
            let manifest = pack::verify(BUNDLED_PACK, pack::TRUSTED_KEYS)
                .ok()?
                .manifest;
            Some((manifest.region, manifest.version))
        })
        .as_ref()
}

/// Connection-level entry points for benchmarks and tests (re-exported as
/// `haven_core::testing::directory`). Not for application code.
#[doc(hidden)]
pub mod raw {
    use super::*;

    /// Verifies and installs a pack on a bare connection, trusting `keys`.
    pub fn install_pack(
        conn: &mut Connection,
        bytes: &[u8],
        keys: &[&str],
        now: DateTime<Utc>,
    ) -> Result<PackInfo> {
        install::install(conn, bytes, keys, now)
    }

    /// Searches on a bare connection.
    pub fn search(
        conn: &Connection,
        query: &DirectoryQuery,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<Vec<DirectoryHit>> {
        search::search(conn, query, locale, now)
    }

    /// The search as it was before search by meaning, on the same index (benchmarks only).
    pub fn legacy_search(
        conn: &Connection,
        query: &DirectoryQuery,
        locale: Locale,
        now: DateTime<Utc>,
    ) -> Result<Vec<DirectoryHit>> {
        legacy::search(conn, query, locale, now)
    }

    /// Re-indexes the installed pack if an older core indexed it; whether it did.
    pub fn reindex_if_stale(conn: &mut Connection) -> Result<bool> {
        index::reindex_if_stale(conn)
    }

    /// The naive `LIKE '%…%'` baseline over the same folded text (ids of the first `limit`).
    pub fn naive_like_search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<i64>> {
        search::naive_like(conn, text, limit)
    }
}
