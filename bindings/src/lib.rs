//! # haven-ffi
//!
//! The surface the Android and iOS shells call: a thin uniffi layer over `haven-core`, with no
//! domain logic of its own. Kotlin and Swift are generated from the built library by the
//! embedded `uniffi-bindgen` (same uniffi version); see `docs/bindings.md`.
//!
//! - [`Haven`]: the vault in the app's data directory (state, setup, unlock, quick exit, wipe).
//! - [`Calculator`]: the disguise; `=` on 6–12 digits offers a PIN candidate that
//!   [`Haven::unlock_with_calculator`] takes without the digits crossing the FFI.
//! - [`Session`]: an open vault: settings and PINs, the survivor's data, the directory.
//! - [`KeyProtector`]: implemented by the shells with the platform's non-exportable key.
//! - [`HavenError`]: the one public error; no message ever contains survivor data, and panics
//!   are reduced to [`HavenError::Internal`] without their message.
//!
//! Records and enums of the domain are derived in the core behind its `uniffi` feature (they
//! land in the `org.haven.core.model` Kotlin package; in Swift everything is one module).
//! Times cross as timestamps (`java.time.Instant`, `Date`).
//!
//! Blocking calls are fine; the slow ones (Argon2id, export, pack install) say so in their docs,
//! and shells run them off the UI thread.

uniffi::setup_scaffolding!();

mod calculator;
mod content;
mod data;
mod directory;
mod error;
mod haven;
mod live;
mod protector;
mod session;
mod streams;

pub use calculator::{CalcScreen, Calculator};
pub use content::{choices, danger_signs, order_kind_info, rights, validation_text};
pub use error::HavenError;
pub use haven::{pin_is_weak, DuressSettings, Haven, SetupOptions, UnlockResult};
pub use live::{live_objects, LiveObjects};
pub use protector::{KeyProtector, ProtectorFailure};
pub use session::Session;
pub use streams::{ByteSink, ByteSource, StreamFailure};

/// Times cross the FFI as timestamps; the conversion lives in the core.
pub use haven_core::{LocalDate, Timestamp};
uniffi::use_remote_type!(haven_core::Timestamp);
uniffi::use_remote_type!(haven_core::LocalDate);
