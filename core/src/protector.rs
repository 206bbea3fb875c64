//! `KeyProtector`: binds the keys file to this device.
//!
//! The keys file is sealed as a whole by a key the platform holds and will not export (the
//! Android Keystore, the iOS Keychain / Secure Enclave). A copied data directory is then
//! useless off the phone, and every PIN guess has to run on the device, under its throttling.
//!
//! The trait's contract (a new sealing key per write, a mixing key per device) is what makes a
//! restored old keys file useless and every PIN guess need the phone; see [`KeyProtector`].
//!
//! The core ships one implementation, [`InsecureSoftwareProtector`], whose key is an ordinary
//! file: it is for tests and the developer CLI, and its name says so. Shells provide their own
//! through the FFI.

use crate::error::Error;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
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

/// Seals and opens the keys file with keys the platform keeps, and lends the device to every
/// PIN guess.
///
/// Two platform keys, both non-exportable:
///
/// - **Sealing keys, one per write.** `seal` creates a *new* key for every call and names it in
///   its output; once the vault has made that output durable it calls `retire_other_keys`, which
///   deletes every other sealing key. A copy of `k` saved earlier and written back later was
///   sealed by a deleted key and opens no more: rolling the file back can neither reset the
///   throttle nor undo a duress shred.
/// - **The mixing key**, made once and kept until `destroy`: `device_mix` is a keyed function
///   (HMAC-SHA256 in the Android Keystore, key agreement in the Secure Enclave) of a value
///   derived from each PIN guess, mixed into that guess's key-encryption key. Someone who copies
///   the files and manages one unseal still needs this device for every single guess.
///
/// `open` must fail with [`ProtectorError::Failed`] (not succeed with garbage) when the sealed
/// bytes were altered, and with [`ProtectorError::KeyUnavailable`] when the key they name is
/// gone. Calls come from one thread at a time per vault.
pub trait KeyProtector: Send + Sync + Debug {
    /// Encrypts `plaintext` under a newly created sealing key, named in the output.
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError>;
    /// Decrypts what `seal` produced, with the key it names.
    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError>;
    /// `sealed` is now durable: deletes every sealing key except the one that sealed it.
    fn retire_other_keys(&self, sealed: &[u8]) -> Result<(), ProtectorError>;
    /// The device's keyed function of `input` (at least 32 bytes out), creating its key on first
    /// use. The same input always gives the same output on this device, until `destroy`.
    fn device_mix(&self, input: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError>;
    /// Deletes every platform key (the first step of a wipe). Idempotent.
    fn destroy(&self) -> Result<(), ProtectorError>;
}

/// A protector whose keys are plain files in a directory. NOT hardware-bound: anyone who copies
/// both the data directory and this key directory can run offline guesses. For tests and the
/// developer CLI. It follows the same contract as the platform protectors (a new sealing key per
/// seal, retired once the next one is durable; a separate mixing key), so the vault's tests
/// exercise rollback and device binding exactly as on a phone.
#[derive(Debug)]
pub struct InsecureSoftwareProtector {
    key_dir: PathBuf,
}

const NONCE_LEN: usize = 24;
const KEY_ID_LEN: usize = 16;
/// Sealed layout: format byte | key id | nonce | XChaCha20-Poly1305 ciphertext (AAD: the id).
const SEALED_FORMAT: u8 = 2;
const SEAL_PREFIX: &str = "seal-";
const MIX_KEY: &str = "mix";

impl InsecureSoftwareProtector {
    /// A protector keeping its keys in the directory `key_dir` (which must lie outside the data
    /// directory; created with owner-only permissions when needed).
    pub fn new(key_dir: impl Into<PathBuf>) -> Self {
        Self {
            key_dir: key_dir.into(),
        }
    }

    fn key_path(&self, name: &str) -> PathBuf {
        self.key_dir.join(name)
    }

    fn read_key(&self, name: &str) -> Result<Zeroizing<Vec<u8>>, ProtectorError> {
        let bytes = fs::read(self.key_path(name)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ProtectorError::KeyUnavailable,
            _ => ProtectorError::Failed,
        })?;
        let bytes = Zeroizing::new(bytes);
        if bytes.len() == 32 {
            Ok(bytes)
        } else {
            Err(ProtectorError::KeyUnavailable)
        }
    }

    fn new_key(&self, name: &str) -> Result<Zeroizing<Vec<u8>>, ProtectorError> {
        crate::fsutil::create_private_dir(&self.key_dir).map_err(|_| ProtectorError::Failed)?;
        let key = crate::kdf::random_bytes::<32>();
        crate::fsutil::write_atomic(&self.key_path(name), key.as_ref())
            .map_err(|_| ProtectorError::Failed)?;
        Ok(Zeroizing::new(key.to_vec()))
    }

    fn sealing_keys(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(&self.key_dir) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(SEAL_PREFIX) && !n.ends_with(".new"))
            .collect()
    }
}

fn seal_key_name(id: &[u8]) -> String {
    let mut name = String::from(SEAL_PREFIX);
    for b in id {
        name.push_str(&format!("{b:02x}"));
    }
    name
}

/// The key id a sealed blob names, if it is one of ours.
fn sealed_key_id(sealed: &[u8]) -> Result<&[u8], ProtectorError> {
    if sealed.len() < 1 + KEY_ID_LEN + NONCE_LEN || sealed[0] != SEALED_FORMAT {
        return Err(ProtectorError::Failed);
    }
    Ok(&sealed[1..1 + KEY_ID_LEN])
}

impl KeyProtector for InsecureSoftwareProtector {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError> {
        let id = crate::kdf::random_bytes::<KEY_ID_LEN>();
        let key = self.new_key(&seal_key_name(id.as_ref()))?;
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|_| ProtectorError::Failed)?;
        let nonce = crate::kdf::random_bytes::<NONCE_LEN>();
        let mut out = vec![SEALED_FORMAT];
        out.extend_from_slice(id.as_ref());
        out.extend_from_slice(nonce.as_ref());
        let payload = Payload {
            msg: plaintext,
            aad: id.as_ref(),
        };
        out.extend(
            cipher
                .encrypt(XNonce::from_slice(nonce.as_ref()), payload)
                .map_err(|_| ProtectorError::Failed)?,
        );
        Ok(out)
    }

    fn open(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError> {
        let id = sealed_key_id(sealed)?;
        let key = self.read_key(&seal_key_name(id))?;
        let cipher = XChaCha20Poly1305::new_from_slice(&key).map_err(|_| ProtectorError::Failed)?;
        let (nonce, ciphertext) = sealed[1 + KEY_ID_LEN..].split_at(NONCE_LEN);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: id,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| ProtectorError::Failed)
    }

    fn retire_other_keys(&self, sealed: &[u8]) -> Result<(), ProtectorError> {
        // Deleted, not overwritten: on flash an overwrite proves nothing, and this protector is
        // not the phone's anyway. What matters is that the key no longer opens anything.
        let keep = seal_key_name(sealed_key_id(sealed)?);
        for name in self.sealing_keys() {
            if name != keep {
                crate::fsutil::remove_if_present(&self.key_path(&name))
                    .map_err(|_| ProtectorError::Failed)?;
            }
        }
        Ok(())
    }

    fn device_mix(&self, input: &[u8]) -> Result<Zeroizing<Vec<u8>>, ProtectorError> {
        let key = match self.read_key(MIX_KEY) {
            Err(ProtectorError::KeyUnavailable) if !self.key_path(MIX_KEY).exists() => {
                self.new_key(MIX_KEY)?
            }
            other => other?,
        };
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|_| ProtectorError::Failed)?;
        mac.update(input);
        Ok(Zeroizing::new(mac.finalize().into_bytes().to_vec()))
    }

    fn destroy(&self) -> Result<(), ProtectorError> {
        let mut names = self.sealing_keys();
        names.push(MIX_KEY.to_owned());
        for name in names {
            crate::fsutil::shred_file(&self.key_path(&name)).map_err(|_| ProtectorError::Failed)?;
        }
        Ok(())
    }
}
