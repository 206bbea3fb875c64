//! Streaming large bytes across the FFI in chunks: attachments (up to 50 MB) and export
//! bundles (up to 1 GiB) need not sit whole in memory on either side.
//!
//! The shells implement [`ByteSource`] over an `InputStream` / `InputStream`-like reader and
//! [`ByteSink`] over an `OutputStream` / `FileHandle`. Each call moves one chunk (the core asks
//! for up to 64 KiB at a time).

use std::io;
use std::sync::Arc;

/// A stream failed on the foreign side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum StreamFailure {
    /// Reading or writing failed (the message of the foreign exception is not kept).
    #[error("the stream failed")]
    Failed,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for StreamFailure {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        StreamFailure::Failed
    }
}

/// Bytes coming in from the shell (a picked photo, a recording, a bundle file).
#[uniffi::export(foreign)]
pub trait ByteSource: Send + Sync {
    /// The next bytes, at most `max_len` of them; an empty result means the end.
    fn read(&self, max_len: u32) -> Result<Vec<u8>, StreamFailure>;
}

/// Bytes going out to the shell (a file it chose, a share sheet's stream).
#[uniffi::export(foreign)]
pub trait ByteSink: Send + Sync {
    /// Takes the next chunk.
    fn write(&self, chunk: Vec<u8>) -> Result<(), StreamFailure>;
}

/// `std::io::Read` over a foreign [`ByteSource`].
pub(crate) struct SourceReader {
    source: Arc<dyn ByteSource>,
    pending: Vec<u8>,
    offset: usize,
}

impl SourceReader {
    pub(crate) fn new(source: Arc<dyn ByteSource>) -> Self {
        SourceReader {
            source,
            pending: Vec::new(),
            offset: 0,
        }
    }
}

fn foreign_failure() -> io::Error {
    io::Error::other("foreign stream failed")
}

impl io::Read for SourceReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.offset >= self.pending.len() {
            let max = u32::try_from(buf.len()).unwrap_or(u32::MAX);
            self.pending = self.source.read(max).map_err(|_| foreign_failure())?;
            self.offset = 0;
            if self.pending.is_empty() {
                return Ok(0);
            }
        }
        // A source may hand back more than asked for: the rest waits for the next read.
        let n = buf.len().min(self.pending.len() - self.offset);
        buf[..n].copy_from_slice(&self.pending[self.offset..self.offset + n]);
        self.offset += n;
        Ok(n)
    }
}

/// `std::io::Write` over a foreign [`ByteSink`].
pub(crate) struct SinkWriter(pub(crate) Arc<dyn ByteSink>);

impl io::Write for SinkWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf.to_vec()).map_err(|_| foreign_failure())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
