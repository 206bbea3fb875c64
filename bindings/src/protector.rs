//! `KeyProtector`, implemented by the shells: the platform key that seals the vault's keys file.
//!
//! Android implements it with a non-exportable Android Keystore key (StrongBox where present,
//! `setUnlockedDeviceRequired(true)`), iOS with a Keychain / Secure Enclave item
//! (`…WhenPasscodeSetThisDeviceOnly`). See `haven_core::KeyProtector` for the contract.

use std::fmt;
use std::sync::Arc;
use zeroize::Zeroizing;

/// Why the platform could not seal or open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ProtectorFailure {
    /// The platform key is gone (reinstall, key store reset, OS upgrade, lock screen
    /// removed). What it sealed is lost for good: the vault reports `ProtectorUnavailable`.
    #[error("protector key unavailable")]
    KeyUnavailable,
    /// The key exists but the operation failed (altered data, a key store error that may pass).
    #[error("protector operation failed")]
    Failed,
}

/// An exception the foreign implementation did not declare (a Kotlin `RuntimeException`, a
/// Swift error of another type). Its message is dropped: it may quote anything.
impl From<uniffi::UnexpectedUniFFICallbackError> for ProtectorFailure {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ProtectorFailure::Failed
    }
}

/// Seals and opens the vault's keys file with keys the platform keeps and will not export, and
/// lends the device to every PIN guess. The contract (see `haven_core::KeyProtector`):
///
/// - `seal` creates a **new** sealing key for every call (a fresh Keystore alias / Keychain
///   item) and names it in its output; `unseal` uses the key the input names;
///   `retire_other_keys(sealed)` deletes every sealing key but the one that sealed `sealed`.
///   An old copy of the keys file written back then opens no more (rollback).
/// - `device_mix(input)` is HMAC-SHA256 (Android Keystore, StrongBox where present) or a
///   Secure Enclave key agreement (iOS) of `input` under one more non-exportable key, made on
///   first use and kept until `destroy_key`: at least 32 bytes, the same for the same input.
///
/// Implementations must use an AEAD (AES-256-GCM): `unseal` of altered bytes must fail with
/// `Failed`, never return garbage; a sealing key that no longer exists is `KeyUnavailable`.
/// The calls come from a background thread (whichever thread called `setup`, `unlock`,
/// `change_pin`...), never concurrently for one `Haven`.
#[uniffi::export(foreign)]
pub trait KeyProtector: Send + Sync {
    /// Encrypts `plaintext` under a newly created sealing key, named in the output.
    fn seal(&self, plaintext: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure>;
    /// Decrypts what `seal` produced. (Named `unseal`, not `open`: uniffi 0.32.2 writes the
    /// Swift keyword escape `` `open` `` into the generated C header, which then does not compile.)
    fn unseal(&self, sealed: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure>;
    /// `sealed` is durable now: deletes every sealing key except the one that sealed it.
    fn retire_other_keys(&self, sealed: Vec<u8>) -> Result<(), ProtectorFailure>;
    /// The device's keyed function of `input` (at least 32 bytes), creating its key on first
    /// use.
    fn device_mix(&self, input: Vec<u8>) -> Result<Vec<u8>, ProtectorFailure>;
    /// Deletes every platform key this protector made (the first step of a wipe). Deleting
    /// keys that do not exist succeeds. (Named `destroy_key`, not `destroy`: uniffi's generated
    /// Kotlin classes already have a `destroy()` that frees the handle.)
    fn destroy_key(&self) -> Result<(), ProtectorFailure>;
}

/// Adapts a foreign [`KeyProtector`] to the core's trait.
pub(crate) struct ForeignProtector(pub(crate) Arc<dyn KeyProtector>);

impl fmt::Debug for ForeignProtector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ForeignProtector")
    }
}

impl From<ProtectorFailure> for haven_core::ProtectorError {
    fn from(e: ProtectorFailure) -> Self {
        match e {
            ProtectorFailure::KeyUnavailable => haven_core::ProtectorError::KeyUnavailable,
            ProtectorFailure::Failed => haven_core::ProtectorError::Failed,
        }
    }
}

impl haven_core::KeyProtector for ForeignProtector {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, haven_core::ProtectorError> {
        // The plaintext (the slot table, itself encrypted under PIN-derived keys) crosses in a
        // uniffi buffer that is freed, not wiped; the foreign side can zero its own copy.
        Ok(self.0.seal(plaintext.to_vec())?)
    }

    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, haven_core::ProtectorError> {
        Ok(Zeroizing::new(self.0.unseal(sealed.to_vec())?))
    }

    fn retire_other_keys(&self, sealed: &[u8]) -> Result<(), haven_core::ProtectorError> {
        Ok(self.0.retire_other_keys(sealed.to_vec())?)
    }

    fn device_mix(&self, input: &[u8]) -> Result<Zeroizing<Vec<u8>>, haven_core::ProtectorError> {
        Ok(Zeroizing::new(self.0.device_mix(input.to_vec())?))
    }

    fn destroy(&self) -> Result<(), haven_core::ProtectorError> {
        Ok(self.0.destroy_key()?)
    }
}
