//! The pack reader: framing, signature decoding and verification, manifest parsing. Must never
//! panic, and must never accept anything not signed by a trusted key.
#![no_main]

use haven_core::directory::pack::{self, Frame, Manifest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(verified) = pack::verify(data, pack::TRUSTED_KEYS) {
        // Only the real, signed bundled pack can get here.
        assert_eq!(verified.manifest.region, "KZ");
        assert_eq!(pack::sha256_hex(verified.content), verified.manifest.content_sha256);
    }
    if let Ok(frame) = Frame::parse(data) {
        assert!(frame.manifest.len() + frame.content.len() + frame.signature.len() <= data.len());
        let _ = Manifest::parse(frame.manifest);
        let _ = pack::verify(data, &[]);
    }
});
