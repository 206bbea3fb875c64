//! The one public error type, and panics kept from leaking.
//!
//! `HavenError` mirrors the core's internal error (mozilla/application-services' pattern of an
//! internal `Error` and a public `ApiError`): every variant carries only fixed text, field names,
//! error codes or times, never survivor data, because the foreign languages print errors
//! wherever they like (`toString`, `localizedDescription`, crash reports).

use crate::Timestamp;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

/// What went wrong. Messages never contain PINs, keys or anything the survivor typed.
#[derive(Debug, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum HavenError {
    /// An input was refused. `field` names the input, `reason` is a fixed explanation.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },

    /// The data directory holds no vault yet.
    #[error("no vault has been set up")]
    NotSetUp,

    /// `setup` was called on a directory that already holds a vault.
    #[error("a vault is already set up here")]
    AlreadySetUp,

    /// The session was closed (quick exit, lock, wipe, another unlock), or the PIN asked for
    /// again was wrong.
    #[error("the vault is locked")]
    Locked,

    /// Too many wrong PINs: attempts are refused until `until`.
    #[error("too many attempts; try again later")]
    Throttled { until: Timestamp },

    /// The platform key that seals the vault is gone (reinstall, OS upgrade, key store reset,
    /// lock screen removed). The vault cannot be opened any more; only an export bundle can
    /// restore the data. Shells must say so plainly, and not as "wrong PIN".
    #[error("the device key protecting the vault is unavailable")]
    ProtectorUnavailable,

    /// The platform key store failed for another reason (it may work later).
    #[error("the device key store failed")]
    ProtectorFailed,

    /// A file of the vault is damaged. Nothing was changed.
    #[error("the vault's {what} is damaged")]
    Corrupt { what: String },

    /// A file of the vault is missing. Nothing was created in its place.
    #[error("the vault's {what} is missing")]
    MissingFile { what: String },

    /// The vault was written by a newer version of Haven.
    #[error("the vault was written by a newer version of Haven (schema {found})")]
    SchemaTooNew { found: i64 },

    /// A directory pack was refused; `reason` says why (signature, rollback, size, format…).
    #[error("directory pack refused: {reason}")]
    PackRejected { reason: String },

    /// An import file (export bundle) was refused; `reason` says why.
    #[error("import refused: {reason}")]
    ImportRejected { reason: String },

    /// The database failed. `code` is SQLite's extended result code, or -1.
    #[error("storage error (code {code})")]
    Storage { code: i32 },

    /// A file system operation failed. `op` says what was being done, `kind` is the
    /// `std::io::ErrorKind` (never a path).
    #[error("file error while trying to {op}: {kind}")]
    Io { op: String, kind: String },

    /// The call does not exist in the space this session opened: the decoy (`SpaceKind.Notes`)
    /// has notes only, the real vault (`Full`) has everything but notes.
    #[error("not available here")]
    WrongSpace,

    /// A record that was asked for does not exist (or was erased).
    #[error("{what} not found")]
    NotFound { what: String },

    /// A bug in Haven (a Rust panic). The message is fixed: a panic's own message could quote
    /// a value, so it is dropped.
    #[error("internal error")]
    Internal,
}

impl From<haven_core::Error> for HavenError {
    fn from(e: haven_core::Error) -> Self {
        use haven_core::Error as E;
        match e {
            E::InvalidInput { field, reason } => HavenError::InvalidInput {
                field: field.to_owned(),
                reason,
            },
            E::NotSetUp => HavenError::NotSetUp,
            E::AlreadySetUp => HavenError::AlreadySetUp,
            E::Locked => HavenError::Locked,
            E::Throttled { until_unix } => HavenError::Throttled {
                until: timestamp_from_unix(until_unix),
            },
            E::ProtectorUnavailable => HavenError::ProtectorUnavailable,
            E::ProtectorFailed => HavenError::ProtectorFailed,
            E::Corrupt { what } => HavenError::Corrupt {
                what: what.to_owned(),
            },
            E::MissingFile { what } => HavenError::MissingFile {
                what: what.to_owned(),
            },
            E::SchemaTooNew { found } => HavenError::SchemaTooNew { found },
            E::PackRejected { reason } => HavenError::PackRejected { reason },
            E::ImportRejected { reason } => HavenError::ImportRejected { reason },
            E::Storage { code } => HavenError::Storage { code },
            E::Io { op, kind } => HavenError::Io {
                op: op.to_owned(),
                kind: format!("{kind:?}"),
            },
            E::NotFound { what } => HavenError::NotFound {
                what: what.to_owned(),
            },
            E::WrongSpace => HavenError::WrongSpace,
            // `haven_core::Error` is non-exhaustive: a variant added later without a mapping
            // here still reaches the shell, as a storage error without detail.
            _ => HavenError::Storage { code: -1 },
        }
    }
}

pub(crate) fn timestamp_from_unix(seconds: i64) -> Timestamp {
    Timestamp::from_timestamp(seconds, 0).unwrap_or_default()
}

pub(crate) type Result<T, E = HavenError> = std::result::Result<T, E>;

/// Runs `f`, turning a panic into [`HavenError::Internal`].
///
/// uniffi would catch the panic too, but would hand its message to the foreign side, and a
/// panic message can quote a value (`unwrap` on an error, an index). With this guard the
/// message never crosses.
///
/// State shared with other calls sits behind mutexes that the core locks ignoring poison, and
/// a panicking call leaves nothing half-written on disk (files are replaced atomically and the
/// database is transactional), hence `AssertUnwindSafe`.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(Err(HavenError::Internal))
}

/// As [`guard`], for calls that cannot return an error: the panic goes on, with its payload
/// replaced by a fixed message (uniffi turns it into a foreign exception carrying that text).
pub(crate) fn guard_infallible<T>(f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => value,
        Err(_) => resume_unwind(Box::new("internal error")),
    }
}

/// Installs, once per process, a panic hook that prints the location of a panic but never its
/// message (which could quote survivor data) to stderr, which ends up in device logs.
pub(crate) fn install_quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            match info.location() {
                Some(at) => eprintln!("haven: internal error at {}:{}", at.file(), at.line()),
                None => eprintln!("haven: internal error"),
            };
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use haven_core::Error as E;
    use std::io::ErrorKind;

    /// Every core error maps to the public variant with the same meaning, and no message
    /// carries more than fixed text, names, codes and times.
    #[test]
    fn every_core_error_maps_to_its_public_variant() {
        let cases: Vec<(E, &str)> = vec![
            (
                E::invalid("pin", "must contain digits only"),
                "invalid pin: must contain digits only",
            ),
            (E::NotSetUp, "no vault has been set up"),
            (E::AlreadySetUp, "a vault is already set up here"),
            (E::Locked, "the vault is locked"),
            (E::WrongSpace, "not available here"),
            (
                E::Throttled {
                    until_unix: 1_772_000_000,
                },
                "too many attempts; try again later",
            ),
            (
                E::ProtectorUnavailable,
                "the device key protecting the vault is unavailable",
            ),
            (E::ProtectorFailed, "the device key store failed"),
            (
                E::Corrupt { what: "keys file" },
                "the vault's keys file is damaged",
            ),
            (
                E::MissingFile { what: "database" },
                "the vault's database is missing",
            ),
            (
                E::SchemaTooNew { found: 9 },
                "the vault was written by a newer version of Haven (schema 9)",
            ),
            (
                E::PackRejected {
                    reason: "pack is truncated".into(),
                },
                "directory pack refused: pack is truncated",
            ),
            (
                E::ImportRejected {
                    reason: "wrong passphrase".into(),
                },
                "import refused: wrong passphrase",
            ),
            (E::Storage { code: 14 }, "storage error (code 14)"),
            (
                E::Io {
                    op: "read the keys file",
                    kind: ErrorKind::PermissionDenied,
                },
                "file error while trying to read the keys file: PermissionDenied",
            ),
            (E::NotFound { what: "entry" }, "entry not found"),
        ];
        for (core, message) in cases {
            let public = HavenError::from(core);
            assert_eq!(public.to_string(), message);
        }
        match HavenError::from(E::Throttled {
            until_unix: 1_772_000_000,
        }) {
            HavenError::Throttled { until } => assert_eq!(until.timestamp(), 1_772_000_000),
            other => panic!("{other:?}"),
        }
        match HavenError::from(E::SchemaTooNew { found: 9 }) {
            HavenError::SchemaTooNew { found } => assert_eq!(found, 9),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_panic_becomes_internal_without_its_message() {
        install_quiet_panic_hook();
        let result: Result<()> = guard(|| panic!("secret 246810"));
        let err = result.expect_err("panicked");
        assert!(matches!(err, HavenError::Internal));
        assert!(!format!("{err} {err:?}").contains("246810"));

        let payload = catch_unwind(|| guard_infallible(|| -> u8 { panic!("secret 246810") }))
            .expect_err("panics on");
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"internal error"));
    }
}
