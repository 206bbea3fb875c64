//! The core's internal error type.
//!
//! Every variant is built so that its `Display` and `Debug` output can never contain survivor
//! data: no PINs, no keys, no text she typed, no SQL values. Underlying library errors are
//! reduced to a fixed description (an error code or an `io::ErrorKind`), because their own
//! messages can echo values (a SQLite constraint message, a parse error quoting its input).
//! The FFI crate maps this type onto its public error enum.

use std::io;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, without saying anything about the vault's contents.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input was refused. `field` names the input, `reason` is a fixed explanation.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },

    /// The data directory holds no vault yet.
    #[error("no vault has been set up")]
    NotSetUp,

    /// `setup` was called on a directory that already holds a vault.
    #[error("a vault is already set up here")]
    AlreadySetUp,

    /// The session was closed (quick exit, lock, wipe) or the PIN given again was wrong.
    #[error("the vault is locked")]
    Locked,

    /// Too many wrong PINs: attempts are refused until this time (Unix seconds).
    #[error("too many attempts; try again later")]
    Throttled { until_unix: i64 },

    /// The platform key that seals the keys file is gone (reinstall, OS upgrade, key store
    /// reset). The vault cannot be opened any more; only an export bundle can restore data.
    #[error("the device key protecting the vault is unavailable")]
    ProtectorUnavailable,

    /// The platform key store refused to work for another reason (it may succeed later).
    #[error("the device key store failed")]
    ProtectorFailed,

    /// A file of the vault is damaged. Nothing was changed.
    #[error("the vault's {what} is damaged")]
    Corrupt { what: &'static str },

    /// A file of the vault is missing. Nothing was created in its place.
    #[error("the vault's {what} is missing")]
    MissingFile { what: &'static str },

    /// The database was written by a newer version of Haven.
    #[error("the vault was written by a newer version of Haven (schema {found})")]
    SchemaTooNew { found: i64 },

    /// A directory pack was refused; `reason` says why (signature, rollback, size, format…).
    #[error("directory pack refused: {reason}")]
    PackRejected { reason: String },

    /// An import file (export bundle) was refused; `reason` says why.
    #[error("import refused: {reason}")]
    ImportRejected { reason: String },

    /// The database failed. `code` is SQLite's extended result code where there is one; -1 is
    /// a bug on our side, -2 a build whose SQLite has no SQLCipher (nothing is ever written).
    #[error("storage error (code {code})")]
    Storage { code: i32 },

    /// A file system operation failed.
    #[error("file error while trying to {op}: {kind:?}")]
    Io {
        op: &'static str,
        kind: io::ErrorKind,
    },

    /// The call does not exist in the space this session opened (the decoy's notes space has
    /// notes only; the real vault curates the decoy through `decoy_notes`).
    #[error("not available here")]
    WrongSpace,

    /// A record that was asked for does not exist (or was erased).
    #[error("{what} not found")]
    NotFound { what: &'static str },
}

impl Error {
    /// A refused input, with a reason that must not quote the input itself.
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// Wraps an `io::Error`, keeping only its kind (its message may hold a path).
    pub(crate) fn io(op: &'static str) -> impl FnOnce(io::Error) -> Self {
        move |e| Error::Io { op, kind: e.kind() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                rusqlite::ErrorCode::NotADatabase => Error::Corrupt { what: "database" },
                rusqlite::ErrorCode::DatabaseCorrupt => Error::Corrupt { what: "database" },
                _ => Error::Storage {
                    code: f.extended_code,
                },
            },
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound { what: "record" },
            // Every other variant (type conversions, bad parameters) is a bug on our side;
            // its message may contain values, so it is reduced to a generic storage error.
            _ => Error::Storage { code: -1 },
        }
    }
}
