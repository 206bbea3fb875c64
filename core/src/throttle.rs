//! Throttling of wrong PINs, and the clock it reads (injectable for tests).
//!
//! The first four wrong PINs cost nothing extra; from the fifth on, attempts are refused for a
//! growing delay (30 s, 1 min, 5 min, 15 min, then 1 hour each), like a phone's own lock screen.
//! Combined with Argon2id and the hardware-bound protector this makes on-device guessing of a
//! six-digit PIN take years. The count lives in the keys file, so it survives a restart.
//!
//! Limit: the delay is measured on the wall clock, so someone who can set the phone's clock
//! forward shortens it; the phone's own lock screen protects that setting.

use chrono::{DateTime, Utc};
use std::fmt::Debug;
use std::sync::Mutex;

/// Failures allowed before delays start.
pub const FREE_ATTEMPTS: u32 = 4;

/// The delay imposed after `failures` consecutive wrong PINs (0 = none).
pub fn delay_after(failures: u32) -> chrono::Duration {
    let seconds = match failures {
        0..=FREE_ATTEMPTS => 0,
        5 => 30,
        6 => 60,
        7 => 5 * 60,
        8 => 15 * 60,
        _ => 60 * 60,
    };
    chrono::Duration::seconds(seconds)
}

/// A source of the current time.
pub trait Clock: Send + Sync + Debug {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to: for tests and demonstrations.
#[derive(Debug)]
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        ManualClock(Mutex::new(start))
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_at_the_fifth_failure_and_grow() {
        let secs: Vec<i64> = (0..12).map(|f| delay_after(f).num_seconds()).collect();
        assert_eq!(&secs[..5], &[0, 0, 0, 0, 0]);
        assert!(secs[5] > 0);
        assert!(secs.windows(2).all(|w| w[1] >= w[0]));
        assert_eq!(secs[11], 3600);
    }
}
