//! `KeyProtector`: binds the keys file to this device.
//!
//! The keys file is sealed as a whole by a key the platform holds and will not export (the
//! Android Keystore, the iOS Keychain / Secure Enclave). A copied data directory is then
//! useless off the phone, and every PIN guess has to run on the device, under its throttling.
//!
//! The core ships one implementation, [`InsecureSoftwareProtector`], whose key is an ordinary
//! file: it is for tests and the developer CLI, and its name says so. Shells provide their own
//! through the FFI.

use crate::error::Error;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::fmt::Debug;
use std::fs;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Why a protector could not do its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProtectorError {
    /// The platform key does not exist any more (reinstall, key store reset, OS upgrade,
    /// lock screen removed). What it sealed is lost for good.
    #[error("protector key unavailable")]
    KeyUnavailable,
    /// The key exists but the operation failed: the data was not sealed by this key or was
    /// altered, or the key store failed (it may work later).
    #[error("protector operation failed")]
    Failed,
}

impl From<ProtectorError> for Error {
    fn from(e: ProtectorError) -> Self {
        match e {
            ProtectorError::KeyUnavailable => Error::ProtectorUnavailable,
            ProtectorError::Failed => Error::ProtectorFailed,
        }
    }
}

/// Seals and opens the keys file with a key the platform keeps.
///
/// `open` must fail with [`ProtectorError::Failed`] (not succeed with garbage) when the sealed
/// bytes were altered: implementations use an AEAD such as AES-256-GCM.
pub trait KeyProtector: Send + Sync + Debug {
    /// Encrypts `plaintext` (creating the platform key on first use).
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError>;
    /// Decrypts what `seal` produced.
    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError>;
    /// Deletes the platform key. Idempotent: destroying a missing key succeeds.
    fn destroy(&self) -> Result<(), ProtectorError>;
}

/// A protector whose key is a plain file. NOT hardware-bound: anyone who copies both the
/// data directory and this key file can run offline guesses. For tests and the developer CLI.
#[derive(Debug)]
pub struct InsecureSoftwareProtector {
    key_path: PathBuf,
}

const NONCE_LEN: usize = 24;

impl InsecureSoftwareProtector {
    /// A protector keeping its key at `key_path` (which must lie outside the data directory).
    pub fn new(key_path: impl Into<PathBuf>) -> Self {
        Self {
            key_path: key_path.into(),
        }
    }

    fn load_key(&self) -> Result<XChaCha20Poly1305, ProtectorError> {
        let bytes = Zeroizing::new(fs::read(&self.key_path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ProtectorError::KeyUnavailable,
            _ => ProtectorError::Failed,
        })?);
        XChaCha20Poly1305::new_from_slice(&bytes).map_err(|_| ProtectorError::KeyUnavailable)
    }

    fn load_or_create_key(&self) -> Result<XChaCha20Poly1305, ProtectorError> {
        match self.load_key() {
            Err(ProtectorError::KeyUnavailable) if !self.key_path.exists() => {
                let key = crate::kdf::random_bytes::<32>();
                crate::fsutil::write_atomic(&self.key_path, key.as_ref())
                    .map_err(|_| ProtectorError::Failed)?;
                self.load_key()
            }
            other => other,
        }
    }
}

impl KeyProtector for InsecureSoftwareProtector {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError> {
        let cipher = self.load_or_create_key()?;
        let nonce = crate::kdf::random_bytes::<NONCE_LEN>();
        let mut out = nonce.to_vec();
        out.extend(
            cipher
                .encrypt(XNonce::from_slice(nonce.as_ref()), plaintext)
                .map_err(|_| ProtectorError::Failed)?,
        );
        Ok(out)
    }

    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError> {
        let cipher = self.load_key()?;
        if sealed.len() < NONCE_LEN {
            return Err(ProtectorError::Failed);
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        cipher
            .decrypt(XNonce::from_slice(nonce), ciphertext)
            .map(Zeroizing::new)
            .map_err(|_| ProtectorError::Failed)
    }

    fn destroy(&self) -> Result<(), ProtectorError> {
        crate::fsutil::shred_file(&self.key_path).map_err(|_| ProtectorError::Failed)
    }
}
