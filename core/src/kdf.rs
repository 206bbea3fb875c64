//! PIN → key-encryption key: one Argon2id derivation, the device's keyed mix, then HKDF-SHA256.
//!
//! Argon2id makes every guess cost memory and time; the parameters are stored in the keys
//! file header so they can be raised later, between a floor and a cap checked on every read.
//! The device mix ([`KeyProtector::device_mix`]) makes every guess need this phone: a copy of
//! the files is not enough to guess offline. HKDF joins the two and separates them from the key
//! actually used.
//!
//! Argon2's working memory (64 MiB of blocks derived from the PIN) is our own zeroizing buffer,
//! wiped after every derivation; the crate's `zeroize` feature wipes its internal hashes.

use crate::error::{Error, Result};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::pin::Pin;
use crate::protector::KeyProtector;

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

    /// The largest memory cost accepted from a keys file (1 GiB): more would exhaust a phone.
    pub const MAX_M_KIB: u32 = 1024 * 1024;
    /// The most passes accepted from a keys file: more would hang the app for minutes.
    pub const MAX_T: u32 = 64;
    /// The most lanes accepted from a keys file.
    pub const MAX_P: u32 = 4;

    /// Whether parameters read from a keys file are acceptable for a vault whose floor is
    /// `floor` (the production parameters, or the test ones for test vaults). Anything outside
    /// is a damaged file, never a reason to try a PIN.
    pub fn within(&self, floor: &KdfParams) -> bool {
        (floor.m_kib..=Self::MAX_M_KIB).contains(&self.m_kib)
            && (floor.t..=Self::MAX_T).contains(&self.t)
            && (floor.p.max(1)..=Self::MAX_P).contains(&self.p)
    }

    fn argon2(&self) -> Result<Argon2<'static>> {
        let params = Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|_| Error::Corrupt { what: "keys file" })?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }
}

/// Runs Argon2id alone (used by the benchmark that compares `unlock` with one derivation).
/// Its working memory is wiped before it is freed.
pub fn argon2id(params: &KdfParams, secret: &[u8], salt: &[u8; SALT_LEN]) -> Result<Key256> {
    let mut out = Zeroizing::new([0u8; 32]);
    let mut memory = Zeroizing::new(vec![Block::default(); params.m_kib as usize]);
    params
        .argon2()?
        .hash_password_into_with_memory(secret, salt, out.as_mut(), memory.as_mut_slice())
        .map_err(|_| Error::Corrupt { what: "keys file" })?;
    Ok(out)
}

/// Derives the key-encryption key for `pin`: Argon2id, then the device's mix of a value
/// derived from it, then HKDF over both.
pub(crate) fn derive_kek(
    params: &KdfParams,
    pin: &Pin,
    salt: &[u8; SALT_LEN],
    protector: &dyn KeyProtector,
) -> Result<Key256> {
    let stretched = argon2id(params, pin.as_bytes(), salt)?;
    let corrupt = |_| Error::Corrupt { what: "keys file" };
    // The device sees a value derived from the Argon2 output, never the output itself.
    let mut mix_input = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), stretched.as_ref())
        .expand(b"haven/v2/device-mix-input", mix_input.as_mut())
        .map_err(corrupt)?;
    let mix = protector.device_mix(mix_input.as_ref())?;
    if mix.len() < 32 {
        return Err(Error::ProtectorFailed);
    }
    let mut ikm = Zeroizing::new(Vec::with_capacity(32 + mix.len()));
    ikm.extend_from_slice(stretched.as_ref());
    ikm.extend_from_slice(&mix);
    let mut kek = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt), &ikm)
        .expand(b"haven/v2/kek", kek.as_mut())
        .map_err(corrupt)?;
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
