//! Checking a whole bundle, as the verifiers do: open it, read the manifest, recompute the
//! chain, stream every attachment past its hash, refuse trailing bytes.
//!
//! Why not stop at the first problem, as the import does: someone checking a bundle needs to
//! see what is in it and *where* it was altered. So a broken chain or an altered attachment is
//! part of the result, while anything that makes the contents unreadable or untrustworthy as
//! a whole (wrong passphrase, damaged encryption, malformed manifest) is an error.

use crate::chain::hex;
use crate::container::{read_header, AttachmentCheck, CopyError};
use crate::error::BundleError;
use crate::manifest::Manifest;
use crate::seal::{self, SecretString};
use crate::verify::{ChainBreak, ChainHead};
use std::fmt;
use std::io::{self, Read, Write};

/// Where the verifier puts each attachment's bytes as they stream past.
pub trait AttachmentSink {
    /// Called once the manifest has been read, before the first attachment.
    fn begin(&mut self, _manifest: &Manifest) -> io::Result<()> {
        Ok(())
    }
    /// The writer for attachment `index` (into [`Manifest::attachments`]).
    fn writer(&mut self, index: usize) -> io::Result<&mut dyn Write>;
    /// Attachment `check.index` is complete (and matches, or not).
    fn done(&mut self, check: &AttachmentCheck) -> io::Result<()>;
}

/// Throws the bytes away: verification only.
#[derive(Debug, Default)]
pub struct Discard(io::Sink);

impl AttachmentSink for Discard {
    fn writer(&mut self, _: usize) -> io::Result<&mut dyn Write> {
        Ok(&mut self.0)
    }
    fn done(&mut self, _: &AttachmentCheck) -> io::Result<()> {
        Ok(())
    }
}

/// What a check found.
pub struct Checked {
    /// The manifest (entries, revisions, attachment metadata).
    pub manifest: Manifest,
    /// The recomputed chain: its head, or its first broken link.
    pub chain: Result<ChainHead, ChainBreak>,
    /// Every attachment as it streamed past, in manifest order.
    pub attachments: Vec<AttachmentCheck>,
}

impl fmt::Debug for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Checked")
            .field("chain", &self.chain)
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

/// The first problem, in chain order: a broken link, or else the first revision that refers
/// to an attachment whose bytes were altered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FirstBreak {
    /// The chain itself breaks.
    Chain(ChainBreak),
    /// The chain holds but these bytes do not match it.
    Attachment {
        /// Index into [`Manifest::attachments`].
        attachment: usize,
        /// The first revision (index) that lists it, and its entry (index).
        revision: Option<usize>,
        /// The entry (index) it belongs to.
        entry: Option<usize>,
    },
}

impl Checked {
    /// Whether everything holds.
    pub fn intact(&self) -> bool {
        self.first_break().is_none()
    }

    /// The chain head, when the chain and every attachment hold.
    pub fn head(&self) -> Option<&ChainHead> {
        match (&self.chain, self.first_break()) {
            (Ok(h), None) => Some(h),
            _ => None,
        }
    }

    /// The first problem, if any.
    pub fn first_break(&self) -> Option<FirstBreak> {
        if let Err(b) = &self.chain {
            return Some(FirstBreak::Chain(b.clone()));
        }
        let bad = self.attachments.iter().find(|a| !a.matches)?;
        let revision = self
            .manifest
            .revisions
            .iter()
            .position(|r| r.attachments.contains(&bad.index));
        let entry = self.manifest.attachments.get(bad.index).and_then(|a| {
            self.manifest
                .entries
                .iter()
                .position(|e| e.uid == a.entry_uid)
        });
        Some(FirstBreak::Attachment {
            attachment: bad.index,
            revision,
            entry,
        })
    }

    /// The SHA-256 of attachment `index` as found in the bundle (hex).
    pub fn attachment_sha256(&self, index: usize) -> Option<String> {
        self.attachments.get(index).map(|a| hex(&a.sha256))
    }
}

/// Opens and checks a whole bundle read from `input` (at most `max_bytes`), sending each
/// attachment's bytes to `sink`.
pub fn check_bundle<R: Read>(
    input: R,
    passphrase: &SecretString,
    max_bytes: u64,
    sink: &mut dyn AttachmentSink,
) -> Result<Checked, BundleError> {
    let plain = seal::open(input, passphrase, max_bytes)?;
    check_plain(plain, sink)
}

/// [`check_bundle`] on the decrypted stream (the framing inside the encryption).
pub fn check_plain<R: Read>(
    plain: R,
    sink: &mut dyn AttachmentSink,
) -> Result<Checked, BundleError> {
    let mut reader = read_header(plain)?;
    let chain = match reader.verify_chain() {
        Ok(head) => Ok(head),
        Err(BundleError::ChainBroken(b)) => Err(b),
        Err(e) => return Err(e),
    };
    sink.begin(reader.manifest())
        .map_err(|_| BundleError::CannotWrite)?;
    let mut attachments = Vec::with_capacity(reader.manifest().attachments.len());
    for index in 0..reader.manifest().attachments.len() {
        let w = sink.writer(index).map_err(|_| BundleError::CannotWrite)?;
        match reader.copy_attachment(w) {
            Ok(Some(check)) => {
                sink.done(&check).map_err(|_| BundleError::CannotWrite)?;
                attachments.push(check);
            }
            Ok(None) => return Err(BundleError::ManifestMalformed),
            Err(CopyError::Bundle(e)) => return Err(e),
            Err(CopyError::Sink(_)) => return Err(BundleError::CannotWrite),
        }
    }
    let manifest = reader.manifest().clone();
    reader.finish()?;
    Ok(Checked {
        manifest,
        chain,
        attachments,
    })
}
