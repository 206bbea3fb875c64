//! uniffi's Swift-specific generator (same pinned uniffi as `uniffi-bindgen`): writes the Swift
//! sources and C headers of every crate in the library, and one modulemap covering all headers,
//! which is what a single Swift module (SwiftPM target or XCFramework) needs.
//!
//! Run it as `cargo run -p uniffi-bindgen --bin uniffi-bindgen-swift -- ...`.

fn main() {
    uniffi::uniffi_bindgen_swift()
}
