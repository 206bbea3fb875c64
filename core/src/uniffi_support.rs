//! What the core contributes to the FFI when built with the `uniffi` feature (by `haven-ffi`
//! only): the scaffolding for the records and enums derived in the domain modules, and how
//! chrono's types cross the boundary.
//!
//! - `DateTime<Utc>` crosses as a timestamp: `java.time.Instant` in Kotlin, `Date` in Swift.
//! - `NaiveDate` (a calendar date: order dates, the plan's review date) crosses as an ISO 8601
//!   `YYYY-MM-DD` string, which the Kotlin configuration turns into `java.time.LocalDate`
//!   (core/uniffi.toml); Swift sees the string. A string that is not such a date is refused
//!   when it is lifted (uniffi reports it as an internal error naming the argument).
//!
//! Nothing here holds domain logic.

use chrono::{DateTime, NaiveDate, Utc};
use std::time::SystemTime;

/// A point in time, UTC. The name the foreign languages see for `DateTime<Utc>`.
pub type Timestamp = DateTime<Utc>;

/// A calendar date without a time zone. The name the foreign languages see for `NaiveDate`.
pub type LocalDate = NaiveDate;

uniffi::custom_type!(Timestamp, SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(t.into()),
});

const DATE_FORMAT: &str = "%Y-%m-%d";

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |d| d.format(DATE_FORMAT).to_string(),
    // chrono's parse errors name the problem, never the input.
    try_lift: |s| Ok(NaiveDate::parse_from_str(&s, DATE_FORMAT)?),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cross_as_iso_8601() {
        use uniffi::{Lift, Lower};
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).expect("valid date");
        let lowered = <LocalDate as Lower<crate::UniFfiTag>>::lower(date);
        let lifted = <LocalDate as Lift<crate::UniFfiTag>>::try_lift(lowered).expect("lift");
        assert_eq!(lifted, date);
        for bad in ["2026-02-30", "01.03.2026", "", "2026-3-1x"] {
            let buf = <String as Lower<crate::UniFfiTag>>::lower(bad.to_owned());
            let err = <LocalDate as Lift<crate::UniFfiTag>>::try_lift(buf).expect_err(bad);
            if !bad.is_empty() {
                assert!(!format!("{err:?}").contains(bad), "{err:?}");
            }
        }
    }
}
