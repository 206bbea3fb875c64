//! The uniffi binding generator, built from the exact uniffi version the library uses, so that
//! the generated Kotlin and Swift always match the scaffolding compiled into `haven_ffi`.
//!
//! Run it as `cargo uniffi-bindgen generate <libhaven_ffi.so> --language kotlin ...` (an alias in
//! `.cargo/config.toml`). It lives in its own crate so that building the core or the library
//! never builds the CLI's dependencies.

fn main() {
    uniffi::uniffi_bindgen_main()
}
