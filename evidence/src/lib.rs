//! Haven's evidence format, with no storage in it: the encrypted journal bundle
//! (`HAVENJB1` + manifest + attachment bytes inside an age/scrypt stream), its manifest, the
//! SHA-256 evidence chain and the checks that say where it breaks.
//!
//! Why a crate of its own: the app writes bundles, and an advocate or lawyer checks them on
//! a computer — with `haven bundle` or a single offline web page compiled to WebAssembly.
//! All of them use this one implementation, so a verifier cannot drift from the writer.
//! Nothing here touches a file system, a database, threads or the network, and it builds for
//! `wasm32-unknown-unknown`.
//!
//! - [`chain`]: the canonical revision hash (version 1).
//! - [`manifest`]: the JSON manifest's types.
//! - [`verify`]: recomputes the chain from a manifest and names the first broken link.
//! - [`check`]: checks a whole bundle for the verifiers, reporting where it breaks.
//! - [`container`]: the framing inside the encryption, read and written as a stream.
//! - [`seal`]: the age layer (opening; sealing behind the `seal` feature).
//! - [`labels`]: the verifier's words in kk, ru and en.

pub mod chain;
pub mod check;
pub mod container;
mod error;
pub mod labels;
pub mod manifest;
pub mod seal;
pub mod verify;

pub use check::{check_bundle, AttachmentSink, Checked, Discard, FirstBreak};
pub use container::{
    read_header, write_header, BundleReader, MAGIC, MAX_BUNDLE_BYTES, MAX_MANIFEST_BYTES,
};
pub use error::BundleError;
pub use manifest::Manifest;
pub use seal::SecretString;
pub use verify::{verify_manifest, ChainBreak, ChainHead, Problem};

/// Implements `Debug` without contents: these types carry what she wrote.
#[macro_export]
#[doc(hidden)]
macro_rules! redacted_debug {
    ($($t:ty),*) => {$(
        impl ::std::fmt::Debug for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!(stringify!($t), "(..)"))
            }
        }
    )*};
}
