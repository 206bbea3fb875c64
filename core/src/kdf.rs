//! PIN → key-encryption key: one Argon2id derivation, then HKDF-SHA256.
//!
//! Argon2id makes every guess cost memory and time; the parameters are stored in the keys
//! file header so they can be raised later. HKDF separates the raw Argon2 output from the key
//! actually used, so more keys can be derived from one (slow) derivation if ever needed.

use crate::error::{Error, Result};
use argon2::{Algorithm, Argon2, Params, Version};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::pin::Pin;

/// Salt length in bytes.
pub const SALT_LEN: usize = 16;

/// A 256-bit key in zeroizing memory (a KEK or a database key).
pub type Key256 = Zeroizing<[u8; 32]>;

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The production floor from the design: 64 MiB, 3 passes, 1 lane. On a low-end phone
    /// one derivation takes roughly 0.5–1 s.
    pub const PRODUCTION: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// Cheap parameters for tests and fuzzing ONLY. A vault made with them can be brute-forced
    /// in seconds; they are reachable only through an explicitly named constructor.
    pub const INSECURE_FOR_TESTS: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    fn argon2(&self) -> Result<Argon2<'static>> {
        let params = Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|_| Error::Corrupt { what: "keys file" })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// Runs Argon2id alone (used by the benchmark that compares `unlock` with one derivation).
pub fn argon2id(params: &KdfParams, secret: &[u8], salt: &[u8; SALT_LEN]) -> Result<Key256> {
    let mut out = Zeroizing::new([0u8; 32]);
    params
        .argon2()?
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|_| Error::Corrupt { what: "keys file" })?;
    Ok(out)
}

/// Derives the key-encryption key for `pin`.
pub(crate) fn derive_kek(params: &KdfParams, pin: &Pin, salt: &[u8; SALT_LEN]) -> Result<Key256> {
    let stretched = argon2id(params, pin.as_bytes(), salt)?;
    let mut kek = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), stretched.as_ref())
        .expand(b"haven/v1/kek", kek.as_mut())
        .map_err(|_| Error::Corrupt { what: "keys file" })?;
    Ok(kek)
}

/// Fills a buffer from the operating system's CSPRNG.
pub(crate) fn random_bytes<const N: usize>() -> Zeroizing<[u8; N]> {
    let mut out = Zeroizing::new([0u8; N]);
    fill_random(out.as_mut());
    out
}

/// Fills `buf` from the operating system's CSPRNG. Without randomness no key can be made
/// safely, so failure aborts the operation with a panic rather than continuing weakly.
pub(crate) fn fill_random(buf: &mut [u8]) {
    #[allow(clippy::expect_used)]
    getrandom::fill(buf).expect("the operating system's random number generator failed");
}
