//! Why a bundle was refused. The messages are plain (they reach the person importing or
//! checking a bundle) and never contain anything from inside the bundle.

use crate::verify::ChainBreak;

/// A bundle that cannot be opened, or whose contents do not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// Not an age file at all (or larger than a cap the caller set).
    #[error("not an encrypted Haven bundle, or too large")]
    NotABundle,
    /// An age file, but for a key rather than a passphrase.
    #[error("not a passphrase-protected bundle")]
    NotPassphraseProtected,
    /// The scrypt work factor is beyond what we accept (a bundle made to hang the reader).
    #[error("the bundle asks for too much work to open")]
    TooMuchWork,
    /// The passphrase does not open it (or its header was changed).
    #[error("wrong passphrase, or the bundle is damaged")]
    WrongPassphrase,
    /// The encrypted stream is cut short or was changed (age's authentication failed).
    #[error("the bundle is damaged, was altered or is too large")]
    Damaged,
    /// Opens, but does not start with `HAVENJB1`.
    #[error("not a Haven journal bundle")]
    NotHaven,
    /// The manifest's declared length is over [`crate::MAX_MANIFEST_BYTES`].
    #[error("the bundle's manifest is too large")]
    ManifestTooLarge,
    /// The manifest is not the JSON we write, or refers to things that are not there.
    #[error("the bundle's manifest is malformed")]
    ManifestMalformed,
    /// A format string this version does not know.
    #[error("unsupported bundle format")]
    UnsupportedFormat,
    /// The same entry uid twice.
    #[error("the bundle lists an entry twice")]
    EntryListedTwice,
    /// The chain recomputed from the manifest breaks here.
    #[error("the evidence chain does not verify: the bundle was altered")]
    ChainBroken(ChainBreak),
    /// An attachment's bytes do not match the SHA-256 in the manifest (index into
    /// `Manifest::attachments`).
    #[error("an attachment does not match its hash: the bundle was altered")]
    AttachmentAltered(usize),
    /// A verifier could not write an attachment out (disk full, permissions…).
    #[error("could not write an attachment out")]
    CannotWrite,
    /// Bytes after the last attachment.
    #[error("the bundle has unexpected trailing data")]
    TrailingData,
}
