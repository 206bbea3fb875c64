//! The framing inside the encryption, read and written as a stream.
//!
//! ```text
//! "HAVENJB1"                       8 bytes, format and version
//! manifest length                  u64, big-endian (at most MAX_MANIFEST_BYTES)
//! manifest                         UTF-8 JSON (see `crate::manifest`)
//! attachment bytes                 each attachment's bytes, in manifest order, back to back
//! ```
//!
//! No base64: the attachments' sizes are in the manifest, so they stream from the writer's
//! storage into the encryption and back out into the reader's, never whole in memory. The
//! reader hashes each attachment as it passes and refuses bytes after the last one.

use crate::chain::{unhex, Hash};
use crate::error::BundleError;
use crate::manifest::Manifest;
use crate::verify::{verify_manifest, ChainHead};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::{self, Read, Write};
use zeroize::Zeroizing;

/// The first bytes of the decrypted stream.
pub const MAGIC: &[u8; 8] = b"HAVENJB1";
/// Largest bundle the app imports and the verifiers open (1 GiB).
pub const MAX_BUNDLE_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest manifest accepted (the text of the journal).
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;

/// Writes the magic, the manifest's length and the manifest; the caller then writes each
/// attachment's bytes in manifest order.
pub fn write_header(out: &mut dyn Write, manifest: &Manifest) -> io::Result<()> {
    let json = Zeroizing::new(manifest.to_json());
    out.write_all(MAGIC)?;
    out.write_all(&(json.len() as u64).to_be_bytes())?;
    out.write_all(&json)
}

/// Reads the magic and the manifest from a decrypted stream (nothing is verified yet: call
/// [`BundleReader::verify_chain`], then stream the attachments).
pub fn read_header<R: Read>(mut plain: R) -> Result<BundleReader<R>, BundleError> {
    let mut magic = [0u8; 8];
    plain
        .read_exact(&mut magic)
        .map_err(|_| BundleError::Damaged)?;
    if &magic != MAGIC {
        return Err(BundleError::NotHaven);
    }
    let mut len = [0u8; 8];
    plain
        .read_exact(&mut len)
        .map_err(|_| BundleError::Damaged)?;
    let len = u64::from_be_bytes(len);
    if len > MAX_MANIFEST_BYTES {
        return Err(BundleError::ManifestTooLarge);
    }
    // Read through `take` rather than allocating the declared length up front: a short stream
    // with a large declared length fails without a large allocation.
    let mut json = Zeroizing::new(Vec::new());
    (&mut plain)
        .take(len)
        .read_to_end(&mut json)
        .map_err(|_| BundleError::Damaged)?;
    if json.len() as u64 != len {
        return Err(BundleError::Damaged);
    }
    let manifest = Manifest::from_json(&json)?;
    Ok(BundleReader {
        plain,
        manifest,
        next: 0,
    })
}

/// A bundle whose manifest has been read; the attachments follow.
pub struct BundleReader<R> {
    plain: R,
    manifest: Manifest,
    next: usize,
}

impl<R> fmt::Debug for BundleReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BundleReader(..)")
    }
}

/// One attachment as it streamed past.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentCheck {
    /// Index into [`Manifest::attachments`].
    pub index: usize,
    /// SHA-256 of the bytes that were in the bundle.
    pub sha256: Hash,
    /// Whether that is the hash the manifest (and so the chain) records.
    pub matches: bool,
}

/// Why copying an attachment stopped.
#[derive(Debug)]
pub enum CopyError {
    /// The bundle ran out or is damaged.
    Bundle(BundleError),
    /// The sink refused the bytes.
    Sink(io::Error),
}

impl<R: Read> BundleReader<R> {
    /// The manifest as read (check it with [`BundleReader::verify_chain`] before trusting it).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Checks the manifest and recomputes the chain ([`verify_manifest`]).
    pub fn verify_chain(&self) -> Result<ChainHead, BundleError> {
        verify_manifest(&self.manifest)
    }

    /// Streams the next attachment's bytes into `sink`, hashing them on the way. `Ok(None)`
    /// after the last one. A mismatch is reported in the result, after all its bytes went to
    /// the sink: the caller discards them.
    pub fn copy_attachment(
        &mut self,
        sink: &mut dyn Write,
    ) -> Result<Option<AttachmentCheck>, CopyError> {
        let index = self.next;
        let Some(a) = self.manifest.attachments.get(index) else {
            return Ok(None);
        };
        let expected =
            unhex::<32>(&a.sha256).ok_or(CopyError::Bundle(BundleError::ManifestMalformed))?;
        let mut buf = Zeroizing::new(vec![0u8; 64 * 1024]);
        let mut hasher = Sha256::new();
        let mut left = a.size;
        while left > 0 {
            let want = (buf.len() as u64).min(left) as usize;
            self.plain
                .read_exact(&mut buf[..want])
                .map_err(|_| CopyError::Bundle(BundleError::Damaged))?;
            sink.write_all(&buf[..want]).map_err(CopyError::Sink)?;
            hasher.update(&buf[..want]);
            left -= want as u64;
        }
        self.next += 1;
        let sha256: Hash = hasher.finalize().into();
        Ok(Some(AttachmentCheck {
            index,
            sha256,
            matches: sha256 == expected,
        }))
    }

    /// After the last attachment: refuses trailing bytes (and a stream that fails at its end).
    pub fn finish(mut self) -> Result<(), BundleError> {
        if self.next != self.manifest.attachments.len() {
            return Err(BundleError::ManifestMalformed);
        }
        let mut rest = [0u8; 1];
        match self.plain.read(&mut rest) {
            Ok(0) => Ok(()),
            Ok(_) => Err(BundleError::TrailingData),
            Err(_) => Err(BundleError::Damaged),
        }
    }
}
