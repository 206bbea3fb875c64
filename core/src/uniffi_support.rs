//! What the core contributes to the FFI when built with the `uniffi` feature (by `haven-ffi`
//! only): the scaffolding for the records and enums derived in the domain modules, and how
//! chrono times cross the boundary.
//!
//! Times cross as timestamps: `DateTime<Utc>` becomes `java.time.Instant` in Kotlin and `Date`
//! in Swift. Nothing here holds domain logic.

use chrono::{DateTime, Utc};
use std::time::SystemTime;

/// A point in time, UTC. The name the foreign languages see for `DateTime<Utc>`.
pub type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(t.into()),
});
