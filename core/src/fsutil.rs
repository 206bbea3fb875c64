//! File operations that must survive a crash at any instant.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` so that a reader sees either the old or the new content, never
/// a mix: write a sibling temp file, fsync it, rename it over `path`, fsync the directory.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_sibling(path);
    {
        let mut f = private_file_options().open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    sync_parent(path)
}

/// Options that create a file readable and writable by its owner only (`0600` on Unix), so
/// that nothing of the vault is readable by other users of a shared machine.
pub(crate) fn private_file_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Creates `dir` (and missing parents) owner-only (`0700` on Unix). A directory that already
/// exists is left as it is: the caller chose it (an app's private directory already is private;
/// changing the mode of, say, a shared directory someone passed by mistake would break others).
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// The temp file `write_atomic` uses for `path` (removed by a wipe if a crash left it).
pub(crate) fn temp_sibling(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".new");
    path.with_file_name(name)
}

/// Fsyncs the directory holding `path`, so a rename or unlink in it is durable.
pub(crate) fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

/// Overwrites a small file with zeros, fsyncs, and deletes it. A missing file is not an error.
/// (On flash storage an overwrite is not a guarantee; the keys that matter are crypto-shredded
/// through the protector as well.)
pub(crate) fn shred_file(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
        Ok(meta) => {
            let len = usize::try_from(meta.len()).unwrap_or(0).min(1 << 20);
            let mut f = OpenOptions::new().write(true).open(path)?;
            f.write_all(&vec![0u8; len])?;
            f.sync_all()?;
        }
    }
    remove_if_present(path)?;
    sync_parent(path)
}

/// Deletes a file; a missing file is not an error.
pub(crate) fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}
