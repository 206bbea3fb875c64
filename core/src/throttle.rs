//! Throttling of wrong PINs, and the clock it reads (injectable for tests).
//!
//! The first four wrong PINs cost nothing extra; from the fifth on, attempts are refused for a
//! growing delay (30 s, 1 min, 5 min, 15 min, then 1 hour each), like a phone's own lock screen.
//! Combined with Argon2id and the hardware-bound protector this makes on-device guessing of a
//! six-digit PIN take years. The count lives in the keys file, so it survives a restart.
//!
//! Why the delay runs on a clock since boot: the abuser knows the phone's PIN and can open
//! Settings → Date & time. A delay measured on the wall clock is skipped by moving the clock
//! forward. So a delay counts only time that passed on the boot clock (monotonic, running while
//! the phone sleeps, not settable), tagged with an identifier of the boot. After a reboot, or if
//! the boot clock is ever seen to run backwards, the pending delay starts again from the
//! beginning: that costs her nothing she would notice and gives him nothing.

use chrono::{DateTime, Utc};
use std::fmt::Debug;
use std::sync::Mutex;
use std::time::Duration;

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

/// A moment on the boot clock: which boot, and how long since it began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BootInstant {
    /// Identifies the boot; differs after every restart of the phone.
    pub boot_id: [u8; 16],
    /// Milliseconds since that boot, counting time asleep.
    pub since_boot_ms: u64,
}

/// A source of the current time.
pub trait Clock: Send + Sync + Debug {
    /// Now, in UTC, on the wall clock (recorded-at times, dates shown; never the throttle).
    fn now(&self) -> DateTime<Utc>;
    /// Now, on the boot clock that the user cannot set (the throttle only).
    fn since_boot(&self) -> BootInstant;
}

/// Where a throttle delay stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pending {
    /// Attempts are allowed.
    None,
    /// Attempts are refused for `remaining` more. With `restart`, the delay was started again
    /// (another boot, or a boot clock seen running backwards) and its new start must be saved.
    Wait { remaining: Duration, restart: bool },
}

/// The delay owed after `failures` failures whose delay began at `started`, seen at `now`.
pub(crate) fn pending(failures: u32, started: Option<BootInstant>, now: BootInstant) -> Pending {
    let delay = delay_after(failures).to_std().unwrap_or_default();
    if delay.is_zero() {
        return Pending::None;
    }
    let elapsed = started
        .filter(|s| s.boot_id == now.boot_id && s.since_boot_ms <= now.since_boot_ms)
        .map(|s| Duration::from_millis(now.since_boot_ms - s.since_boot_ms));
    match elapsed {
        Some(elapsed) if elapsed >= delay => Pending::None,
        Some(elapsed) => Pending::Wait {
            remaining: delay - elapsed,
            restart: false,
        },
        None => Pending::Wait {
            remaining: delay,
            restart: true,
        },
    }
}

/// The system clocks: the wall clock, and the boot clock read from the operating system.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn since_boot(&self) -> BootInstant {
        boot_clock::now()
    }
}

/// Reading the boot clock. Linux and Android: `CLOCK_BOOTTIME` (counts suspend) and the
/// kernel's boot id. Apple: `CLOCK_MONOTONIC`, which on Darwin counts sleep too. Where no boot
/// id can be read, the boot is identified by its start on the wall clock (now − uptime, to the
/// minute): setting the wall clock then looks like a reboot, which restarts a pending delay —
/// the safe direction.
mod boot_clock {
    use super::BootInstant;
    use sha2::{Digest, Sha256};

    pub(super) fn now() -> BootInstant {
        let since_boot_ms = uptime_ms();
        let boot_id = kernel_boot_id().unwrap_or_else(|| {
            let boot_start_min =
                (chrono::Utc::now().timestamp_millis() - since_boot_ms as i64).div_euclid(60_000);
            id_from(&boot_start_min.to_le_bytes())
        });
        BootInstant {
            boot_id,
            since_boot_ms,
        }
    }

    fn id_from(bytes: &[u8]) -> [u8; 16] {
        let digest = Sha256::digest(bytes);
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[..16]);
        id
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn kernel_boot_id() -> Option<[u8; 16]> {
        let text = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok()?;
        let text = text.trim();
        (!text.is_empty()).then(|| id_from(text.as_bytes()))
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn kernel_boot_id() -> Option<[u8; 16]> {
        None
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn uptime_ms() -> u64 {
        to_ms(rustix::time::clock_gettime(rustix::time::ClockId::Boottime))
    }

    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    fn uptime_ms() -> u64 {
        to_ms(rustix::time::clock_gettime(
            rustix::time::ClockId::Monotonic,
        ))
    }

    fn to_ms(t: rustix::time::Timespec) -> u64 {
        (t.tv_sec.max(0) as u64) * 1000 + (t.tv_nsec.max(0) as u64) / 1_000_000
    }
}

/// A clock that only moves when told to: for tests and demonstrations. Its wall clock and its
/// boot clock move together with [`advance`](ManualClock::advance); [`set_wall`](ManualClock::set_wall)
/// moves the wall clock alone (someone changing the phone's date), [`reboot`](ManualClock::reboot)
/// starts a new boot.
#[derive(Debug)]
pub struct ManualClock(Mutex<(DateTime<Utc>, BootInstant)>);

impl ManualClock {
    /// A clock standing at `start`, early in a boot.
    pub fn new(start: DateTime<Utc>) -> Self {
        ManualClock(Mutex::new((
            start,
            BootInstant {
                boot_id: [1; 16],
                since_boot_ms: 60_000,
            },
        )))
    }

    fn with<T>(&self, f: impl FnOnce(&mut (DateTime<Utc>, BootInstant)) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Time passes: both clocks move forward.
    pub fn advance(&self, by: chrono::Duration) {
        self.with(|(wall, boot)| {
            *wall += by;
            boot.since_boot_ms += u64::try_from(by.num_milliseconds()).unwrap_or(0);
        });
    }

    /// Someone sets the wall clock; the boot clock does not move.
    pub fn set_wall(&self, to: DateTime<Utc>) {
        self.with(|(wall, _)| *wall = to);
    }

    /// The phone restarts: a new boot id, and the boot clock starts again near zero.
    pub fn reboot(&self) {
        self.with(|(_, boot)| {
            boot.boot_id[0] = boot.boot_id[0].wrapping_add(1);
            boot.since_boot_ms = 5_000;
        });
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.with(|(wall, _)| *wall)
    }

    fn since_boot(&self) -> BootInstant {
        self.with(|(_, boot)| *boot)
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

    fn at(boot: u8, ms: u64) -> BootInstant {
        BootInstant {
            boot_id: [boot; 16],
            since_boot_ms: ms,
        }
    }

    #[test]
    fn a_delay_counts_only_boot_clock_time_in_the_same_boot() {
        let start = Some(at(1, 10_000));
        assert_eq!(pending(4, start, at(1, 10_000)), Pending::None);
        assert_eq!(
            pending(5, start, at(1, 20_000)),
            Pending::Wait {
                remaining: Duration::from_secs(20),
                restart: false
            }
        );
        assert_eq!(pending(5, start, at(1, 40_000)), Pending::None);
        // Another boot, a boot clock running backwards, or no recorded start: from the top.
        for now in [at(2, 40_000), at(1, 9_000)] {
            assert_eq!(
                pending(5, start, now),
                Pending::Wait {
                    remaining: Duration::from_secs(30),
                    restart: true
                }
            );
        }
        assert!(matches!(
            pending(6, None, at(1, 1)),
            Pending::Wait { restart: true, .. }
        ));
    }

    #[test]
    fn the_system_boot_clock_moves_forward_within_a_boot() {
        let a = SystemClock.since_boot();
        std::thread::sleep(Duration::from_millis(20));
        let b = SystemClock.since_boot();
        assert_eq!(a.boot_id, b.boot_id);
        assert!(b.since_boot_ms >= a.since_boot_ms + 10);
    }
}
