//! The pack file: a small framed container holding a manifest, the content, and a minisign
//! (Ed25519) signature over both. See `docs/pack-format.md` for the byte layout.
//!
//! Why this order of checks: a pack comes from outside and may be hostile. Its size is checked
//! before anything is read, its frame (lengths only) before anything is parsed, and its
//! signature — against public keys compiled into the core — before a single byte of JSON is
//! parsed; only then are the manifest (format, region, minimum core version, content hash) and
//! the content looked at. Every refusal is a [`Rejection`] with a fixed reason, which never
//! quotes the pack.
//!
//! Key rotation: [`TRUSTED_KEYS`] is a list. A new release key is added to it in one app
//! release (packs may then be signed with either key); once every supported app version trusts
//! the new key, packs are signed only with it, and a later release removes the old key.

use sha2::{Digest, Sha256};

/// Largest pack accepted, in bytes, checked before reading anything. 16 MiB: a directory of
/// 10,000 services with every text in three languages is about 13 MB (the benchmark's generated
/// pack), and the whole pack is held in memory while it is verified and parsed.
pub const MAX_PACK_BYTES: usize = 16 * 1024 * 1024;
/// The first bytes of every pack.
pub const MAGIC: &[u8; 8] = b"HAVNPACK";
/// The container version this build reads and writes.
pub const CONTAINER_VERSION: u16 = 1;
/// The manifest `format` this build reads and writes.
pub const MANIFEST_FORMAT: &str = "haven-pack/1";

const MAX_MANIFEST_BYTES: usize = 4096;
const MAX_SIGNATURE_BYTES: usize = 2048;

/// Public keys (minisign, base64) whose signatures the core accepts. See the module docs for
/// how a key is added and retired. The secret keys never enter the repository.
pub const TRUSTED_KEYS: &[&str] = &[
    // haven-dir-1 (key id 6C2278841AFCCF11): generated 2026-11-25 with `haven pack keygen` on a
    // development machine; core/packs/haven-dir-1.pub. Replace with an offline release key
    // before the first public release (docs/pack-format.md, "Keys").
    "RWQRz/wahHgibLlunyi6VMH6dC23o72WeXkL37iqLB6u1FyHvZsRzi7P",
    // haven-dir-2 (key id D7D99C94A3F386EA): generated 2026-12-03 with `haven pack keygen
    // --no-password` on the shared development VM (secret key in /root/.haven-pack-keys/ there,
    // outside the repository) because haven-dir-1's secret key was not on it; it signs bundled
    // pack version 2. Development only, like haven-dir-1: both are replaced by an offline
    // release key before the first public release.
    "RWTqhvOjlJzZ122ITpAdpm9ERtspqiesPojCZZiVe6ke9SgRSLwz4cOi",
];

/// Why a pack was refused. [`Rejection::reason`] is the fixed text carried by
/// `Error::PackRejected`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    TooLarge,
    Truncated,
    NotAPack,
    UnsupportedContainer,
    TrailingData,
    Unsigned,
    MalformedSignature,
    UntrustedKey,
    BadSignature,
    MalformedManifest,
    UnsupportedFormat,
    ContentHashMismatch,
    MalformedContent,
    InvalidContent,
    WrongRegion,
    Rollback,
    SameVersionDifferentContent,
    NeedsNewerCore,
}

impl Rejection {
    /// A fixed, human-readable reason.
    pub fn reason(self) -> &'static str {
        match self {
            Rejection::TooLarge => "pack is larger than the size limit",
            Rejection::Truncated => "pack is truncated",
            Rejection::NotAPack => "not a Haven directory pack",
            Rejection::UnsupportedContainer => "pack container version is not supported",
            Rejection::TrailingData => "pack has unexpected data after the signature",
            Rejection::Unsigned => "pack is not signed",
            Rejection::MalformedSignature => "pack signature is malformed",
            Rejection::UntrustedKey => "pack is signed with a key this app does not trust",
            Rejection::BadSignature => "pack signature does not verify",
            Rejection::MalformedManifest => "pack manifest is malformed",
            Rejection::UnsupportedFormat => "pack format is not supported",
            Rejection::ContentHashMismatch => "pack content does not match its manifest hash",
            Rejection::MalformedContent => "pack content is malformed",
            Rejection::InvalidContent => "pack content failed validation",
            Rejection::WrongRegion => "pack is for another region",
            Rejection::Rollback => "pack is older than the installed one",
            Rejection::SameVersionDifferentContent => {
                "pack has the installed version number but different content"
            }
            Rejection::NeedsNewerCore => "pack needs a newer version of Haven",
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

impl From<Rejection> for crate::Error {
    fn from(r: Rejection) -> Self {
        crate::Error::PackRejected {
            reason: r.reason().to_string(),
        }
    }
}

/// The signed description of a pack.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Must be [`MANIFEST_FORMAT`].
    pub format: String,
    /// ISO 3166-1 alpha-2 region code ("KZ").
    pub region: String,
    /// Monotonic: a client refuses a lower version than the one installed.
    pub version: u64,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339. After this the pack still works and is reported out of date.
    pub expires: String,
    /// "MAJOR.MINOR.PATCH" of the oldest core that may install the pack.
    pub min_core_version: String,
    /// Lowercase hex SHA-256 of the content bytes.
    pub content_sha256: String,
}

impl Manifest {
    /// Parses and checks a manifest's own consistency (not region or version history).
    pub fn parse(bytes: &[u8]) -> Result<Manifest, Rejection> {
        let m: Manifest =
            serde_json::from_slice(bytes).map_err(|_| Rejection::MalformedManifest)?;
        if m.format != MANIFEST_FORMAT {
            return Err(Rejection::UnsupportedFormat);
        }
        let region_ok = m.region.len() == 2 && m.region.bytes().all(|b| b.is_ascii_uppercase());
        let hash_ok = m.content_sha256.len() == 64
            && m.content_sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        let (Ok(created), Ok(expires)) = (m.created_at(), m.expires_at()) else {
            return Err(Rejection::MalformedManifest);
        };
        if !region_ok
            || !hash_ok
            || expires <= created
            || parse_version(&m.min_core_version).is_none()
        {
            return Err(Rejection::MalformedManifest);
        }
        Ok(m)
    }

    /// When the pack was built.
    pub fn created_at(&self) -> Result<chrono::DateTime<chrono::Utc>, Rejection> {
        parse_time(&self.created)
    }

    /// When the pack goes out of date.
    pub fn expires_at(&self) -> Result<chrono::DateTime<chrono::Utc>, Rejection> {
        parse_time(&self.expires)
    }

    /// Whether this build of the core may install the pack.
    pub fn core_is_new_enough(&self) -> bool {
        match (
            parse_version(&self.min_core_version),
            parse_version(env!("CARGO_PKG_VERSION")),
        ) {
            (Some(needed), Some(have)) => have >= needed,
            _ => false,
        }
    }
}

fn parse_time(s: &str) -> Result<chrono::DateTime<chrono::Utc>, Rejection> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| Rejection::MalformedManifest)
}

/// "1.2.3" → (1, 2, 3). Pre-release suffixes are not accepted.
pub fn parse_version(s: &str) -> Option<(u64, u64, u64)> {
    let mut parts = s.split('.').map(|p| {
        (!p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u64>().ok())
            .flatten()
    });
    let v = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(v)
}

/// A pack split into its parts; nothing in it is trusted yet.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// The manifest JSON bytes.
    pub manifest: &'a [u8],
    /// The content JSON bytes.
    pub content: &'a [u8],
    /// Everything the signature covers: from the magic to the end of the content.
    pub signed: &'a [u8],
    /// The minisign signature text (empty when unsigned).
    pub signature: &'a [u8],
}

impl<'a> Frame<'a> {
    /// Splits a pack by its length fields. Checks the size cap first.
    pub fn parse(bytes: &'a [u8]) -> Result<Frame<'a>, Rejection> {
        if bytes.len() > MAX_PACK_BYTES {
            return Err(Rejection::TooLarge);
        }
        if bytes.len() < MAGIC.len() {
            return Err(if MAGIC.starts_with(bytes) {
                Rejection::Truncated
            } else {
                Rejection::NotAPack
            });
        }
        if &bytes[..MAGIC.len()] != MAGIC {
            return Err(Rejection::NotAPack);
        }
        let mut at = MAGIC.len();
        let version = take(bytes, &mut at, 2)?;
        if u16::from_le_bytes([version[0], version[1]]) != CONTAINER_VERSION {
            return Err(Rejection::UnsupportedContainer);
        }
        let manifest = section(
            bytes,
            &mut at,
            MAX_MANIFEST_BYTES,
            Rejection::MalformedManifest,
        )?;
        let content = section(bytes, &mut at, MAX_PACK_BYTES, Rejection::TooLarge)?;
        let signed = &bytes[..at];
        let signature = section(
            bytes,
            &mut at,
            MAX_SIGNATURE_BYTES,
            Rejection::MalformedSignature,
        )?;
        if at != bytes.len() {
            return Err(Rejection::TrailingData);
        }
        Ok(Frame {
            manifest,
            content,
            signed,
            signature,
        })
    }
}

fn take<'a>(bytes: &'a [u8], at: &mut usize, n: usize) -> Result<&'a [u8], Rejection> {
    let end = at.checked_add(n).ok_or(Rejection::Truncated)?;
    let out = bytes.get(*at..end).ok_or(Rejection::Truncated)?;
    *at = end;
    Ok(out)
}

/// A length-prefixed section. A length past the end is truncation; one over `max` (but
/// present) is refused with `too_big`.
fn section<'a>(
    bytes: &'a [u8],
    at: &mut usize,
    max: usize,
    too_big: Rejection,
) -> Result<&'a [u8], Rejection> {
    let len = take(bytes, at, 4)?;
    let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
    let out = take(bytes, at, len)?;
    if len > max {
        return Err(too_big);
    }
    Ok(out)
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// Builds the part of a pack that is signed: magic, container version, manifest, content.
/// Append a signature with [`attach_signature`]; an unsigned pack has an empty one.
pub fn signed_part(manifest: &Manifest, content: &[u8]) -> Vec<u8> {
    let manifest = serde_json::to_vec_pretty(manifest).unwrap_or_default();
    let mut out = Vec::with_capacity(manifest.len() + content.len() + 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&CONTAINER_VERSION.to_le_bytes());
    for part in [manifest.as_slice(), content] {
        out.extend_from_slice(&(part.len() as u32).to_le_bytes());
        out.extend_from_slice(part);
    }
    out
}

/// Completes a pack: the signed part followed by the minisign signature text.
pub fn attach_signature(signed: &[u8], signature: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(signed.len() + signature.len() + 4);
    out.extend_from_slice(signed);
    out.extend_from_slice(&(signature.len() as u32).to_le_bytes());
    out.extend_from_slice(signature);
    out
}

/// A pack whose signature verified against a trusted key and whose content hash matches.
#[derive(Debug, Clone)]
pub struct Verified<'a> {
    /// The parsed manifest.
    pub manifest: Manifest,
    /// The content JSON bytes (not yet parsed).
    pub content: &'a [u8],
}

/// Verifies a pack against `keys` (minisign public keys, base64): size, frame, signature,
/// then manifest and content hash — in that order. Region and version history are the
/// installer's business.
pub fn verify<'a>(bytes: &'a [u8], keys: &[&str]) -> Result<Verified<'a>, Rejection> {
    let frame = Frame::parse(bytes)?;
    if frame.signature.is_empty() {
        return Err(Rejection::Unsigned);
    }
    let text = std::str::from_utf8(frame.signature).map_err(|_| Rejection::MalformedSignature)?;
    let signature =
        minisign_verify::Signature::decode(text).map_err(|_| Rejection::MalformedSignature)?;
    let mut outcome = Err(Rejection::UntrustedKey);
    for key in keys {
        let Ok(key) = minisign_verify::PublicKey::from_base64(key) else {
            continue;
        };
        match key.verify(frame.signed, &signature, false) {
            Ok(()) => {
                outcome = Ok(());
                break;
            }
            Err(minisign_verify::Error::UnexpectedKeyId) => {}
            Err(_) => outcome = Err(Rejection::BadSignature),
        }
    }
    outcome?;
    let manifest = Manifest::parse(frame.manifest)?;
    if sha256_hex(frame.content) != manifest.content_sha256 {
        return Err(Rejection::ContentHashMismatch);
    }
    Ok(Verified {
        manifest,
        content: frame.content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_strictly() {
        assert_eq!(parse_version("0.1.0"), Some((0, 1, 0)));
        assert_eq!(parse_version("10.20.30"), Some((10, 20, 30)));
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "1.2.x",
            "1..2",
            "-1.2.3",
            "1.2.3-rc1",
        ] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_compiled_in_keys_parse() {
        for key in TRUSTED_KEYS {
            assert!(minisign_verify::PublicKey::from_base64(key).is_ok());
        }
    }

    #[test]
    fn frames_refuse_truncation_at_every_length() {
        let m = Manifest {
            format: MANIFEST_FORMAT.into(),
            region: "KZ".into(),
            version: 1,
            created: "2026-01-01T00:00:00Z".into(),
            expires: "2027-01-01T00:00:00Z".into(),
            min_core_version: "0.1.0".into(),
            content_sha256: sha256_hex(b"{}"),
        };
        let pack = attach_signature(&signed_part(&m, b"{}"), b"sig");
        assert!(Frame::parse(&pack).is_ok());
        for n in 0..pack.len() {
            assert!(Frame::parse(&pack[..n]).is_err(), "length {n}");
        }
        let mut longer = pack.clone();
        longer.push(0);
        assert_eq!(Frame::parse(&longer).err(), Some(Rejection::TrailingData));
    }
}
