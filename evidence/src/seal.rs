//! The age layer: a bundle is an age file (age-encryption.org/v1) with one scrypt
//! passphrase stanza, so the standard `age`/`rage` tools open it too.
//!
//! Why age: small, well reviewed, documented, with authenticated streaming encryption — a
//! changed or truncated byte anywhere fails here, before the framing is even read. Opening
//! draws no randomness; sealing (feature `seal`) does.

use crate::error::BundleError;
pub use age::secrecy::SecretString;
use std::io::{self, BufReader, Read};

/// The largest scrypt work factor (log2 N) the web verifier accepts: 2^20 needs 1 GiB of
/// memory, more than a browser tab can be counted on for. Natively, age's own bound applies
/// (about 16 times the time this machine takes for a one-second factor).
#[cfg(target_arch = "wasm32")]
const WASM_MAX_WORK_FACTOR: u8 = 20;

/// A reader that fails once more than `left` bytes have been read.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self
            .left
            .checked_sub(n as u64)
            .ok_or_else(|| io::Error::other("bundle larger than the limit"))?;
        Ok(n)
    }
}

/// Opens an encrypted bundle with its passphrase, reading at most `max_bytes` of `input`.
/// The returned stream fails (as [`BundleError::Damaged`] once framed) at the first altered or
/// missing byte.
pub fn open<'a, R: Read + 'a>(
    input: R,
    passphrase: &SecretString,
    max_bytes: u64,
) -> Result<Box<dyn Read + 'a>, BundleError> {
    let capped = BufReader::new(Capped {
        inner: input,
        left: max_bytes,
    });
    let decryptor = age::Decryptor::new_buffered(capped).map_err(|_| BundleError::NotABundle)?;
    if !decryptor.is_scrypt() {
        return Err(BundleError::NotPassphraseProtected);
    }
    #[allow(unused_mut)]
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    #[cfg(target_arch = "wasm32")]
    identity.set_max_work_factor(WASM_MAX_WORK_FACTOR);
    let plain = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { .. } => BundleError::TooMuchWork,
            _ => BundleError::WrongPassphrase,
        })?;
    Ok(Box::new(plain))
}

/// Starts an encrypted bundle on `out`: write the framing into the returned writer, then call
/// its `finish()`. `work_factor` is scrypt's log2 N; `None` tunes it to about a second here.
#[cfg(feature = "seal")]
pub fn seal<W: io::Write>(
    passphrase: &SecretString,
    work_factor: Option<u8>,
    out: W,
) -> io::Result<age::stream::StreamWriter<W>> {
    match work_factor {
        None => age::Encryptor::with_user_passphrase(passphrase.clone()).wrap_output(out),
        Some(log_n) => {
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            recipient.set_work_factor(log_n);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(io::Error::other)?
                .wrap_output(out)
        }
    }
}
