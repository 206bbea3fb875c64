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
mod db;
mod error;
mod fsutil;
mod kdf;
mod keyfile;
mod locale;
mod pin;
mod protector;
mod seed;
mod session;
mod throttle;
mod vault;

pub use db::SCHEMA_VERSION;
pub use error::{Error, Result};
pub use kdf::{argon2id, KdfParams};
pub use keyfile::DuressBehaviour;
pub use locale::Locale;
pub use pin::{Pin, MAX_LEN as PIN_MAX_LEN, MIN_LEN as PIN_MIN_LEN};
pub use protector::{InsecureSoftwareProtector, KeyProtector, ProtectorError};
pub use session::Session;
pub use throttle::{delay_after, Clock, ManualClock, SystemClock};
pub use vault::{
    DuressOptions, SetupOptions, UnlockOutcome, Vault, VaultOptions, VaultState, WIPE_AFTER_RANGE,
};

/// Database plumbing for benchmarks and migration tests: opening with a raw key, the pragmas,
/// and migrating step by step. Not for application code.
pub mod testing {
    pub use crate::db::{configure, migrate, migrate_to};
}

// The uniffi scaffolding for the records and enums the core derives behind the `uniffi`
// feature (see `uniffi_support`). Built by `haven-ffi` only.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
#[cfg(feature = "uniffi")]
mod uniffi_support;
#[cfg(feature = "uniffi")]
pub use uniffi_support::Timestamp;
