//! Opening hours and "open now".
//!
//! Why here and not in the shell: a wrong "open now" sends a frightened person to a closed door,
//! so the rule is decided once and tested at its edges. Hours are HSDS `schedule` records with
//! `freq = WEEKLY`, `byday`, `opens_at` and `closes_at`, read in the location's IANA time zone
//! (Kazakhstan: UTC+5 everywhere since 1 March 2024, which the bundled tz database knows).
//!
//! A schedule that runs past midnight must say so (`closes_next_day: true`, a Haven profile
//! extension): "22:00–06:00" then means from 22:00 until 06:00 the next morning, and
//! "00:00–00:00" with `closes_next_day` means the whole day. Without the flag, closing at or
//! before the opening time is an error: "18:00–08:00" is far more likely a typo than a night
//! shift, and guessing wrong would show a closed service as open. A service without any
//! schedule has *unknown* hours and is never reported open.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;

/// Whether a service is open at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OpenStatus {
    /// Open now according to its published hours.
    Open,
    /// Closed now according to its published hours.
    Closed,
    /// No published hours: the shell says "hours unknown", never "open".
    Unknown,
}

/// One weekly rule: on `days`, from `opens` to `closes` (minutes after midnight), possibly
/// closing the next day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Rule {
    /// Bit 0 = Monday … bit 6 = Sunday.
    #[serde(rename = "d")]
    pub days: u8,
    #[serde(rename = "o")]
    pub opens: u16,
    #[serde(rename = "c")]
    pub closes: u16,
    #[serde(rename = "n")]
    pub next_day: bool,
}

/// The rules of one place, in its time zone.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Hours {
    pub tz: String,
    pub rules: Vec<Rule>,
}

/// Why a schedule was refused (fixed strings, reported by the pack tool).
pub(crate) type ScheduleError = &'static str;

/// Parses "HH:MM" or "HH:MM:SS" (seconds must be 00) into minutes after midnight.
pub(crate) fn parse_time(s: &str) -> Result<u16, ScheduleError> {
    const BAD: ScheduleError = "must be a time HH:MM between 00:00 and 23:59";
    let b = s.as_bytes();
    let ok_shape = (b.len() == 5 || (b.len() == 8 && b[5] == b':' && &b[6..8] == b"00"))
        && b[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
    if !ok_shape {
        return Err(BAD);
    }
    let hour = u16::from(b[0] - b'0') * 10 + u16::from(b[1] - b'0');
    let minute = u16::from(b[3] - b'0') * 10 + u16::from(b[4] - b'0');
    if hour > 23 || minute > 59 {
        return Err(BAD);
    }
    Ok(hour * 60 + minute)
}

/// Parses an iCalendar `byday` list ("MO,TU,WE") into a day mask.
pub(crate) fn parse_byday(s: &str) -> Result<u8, ScheduleError> {
    const BAD: ScheduleError = "must list days as MO,TU,WE,TH,FR,SA,SU";
    let mut mask = 0u8;
    for day in s.split(',') {
        let bit = match day.trim() {
            "MO" => 0,
            "TU" => 1,
            "WE" => 2,
            "TH" => 3,
            "FR" => 4,
            "SA" => 5,
            "SU" => 6,
            _ => return Err(BAD),
        };
        if mask & (1 << bit) != 0 {
            return Err("lists a day twice");
        }
        mask |= 1 << bit;
    }
    Ok(mask)
}

/// Builds a rule, refusing impossible ones.
pub(crate) fn rule(
    days: u8,
    opens: u16,
    closes: u16,
    next_day: bool,
) -> Result<Rule, ScheduleError> {
    if !next_day && closes <= opens {
        return Err("closes at or before it opens (set closes_next_day for overnight hours)");
    }
    if next_day && closes > opens {
        return Err("would be open for more than 24 hours");
    }
    Ok(Rule {
        days,
        opens,
        closes,
        next_day,
    })
}

/// Parses an IANA time zone name.
pub(crate) fn parse_tz(name: &str) -> Result<Tz, ScheduleError> {
    name.parse::<Tz>()
        .map_err(|_| "must be an IANA time zone such as Asia/Almaty")
}

impl Rule {
    fn open_at(&self, weekday: u32, minute: u16) -> bool {
        let today = self.days & (1 << weekday) != 0;
        let yesterday = self.days & (1 << ((weekday + 6) % 7)) != 0;
        if today && minute >= self.opens && (self.next_day || minute < self.closes) {
            return true;
        }
        self.next_day && yesterday && minute < self.closes
    }
}

/// Whether a service with these hours is open at `now`. No hours at all: unknown.
pub(crate) fn status(hours: &[Hours], now: DateTime<Utc>) -> OpenStatus {
    if hours.iter().all(|h| h.rules.is_empty()) {
        return OpenStatus::Unknown;
    }
    for h in hours {
        // Time zones were validated when the pack was installed; a bad one counts as unknown.
        let Ok(tz) = parse_tz(&h.tz) else {
            return OpenStatus::Unknown;
        };
        let local = now.with_timezone(&tz);
        let weekday = local.weekday().num_days_from_monday();
        let minute = (local.hour() * 60 + local.minute()) as u16;
        if h.rules.iter().any(|r| r.open_at(weekday, minute)) {
            return OpenStatus::Open;
        }
    }
    OpenStatus::Closed
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const WEEKDAYS: u8 = 0b001_1111;
    const ALL_DAYS: u8 = 0b111_1111;

    fn almaty(rules: Vec<Rule>) -> Vec<Hours> {
        vec![Hours {
            tz: "Asia/Almaty".into(),
            rules,
        }]
    }

    /// A UTC instant given as Almaty local time (UTC+5).
    fn at(y: i32, m: u32, d: u32, hh: u32, mm: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, hh, mm, 0).unwrap() - chrono::Duration::hours(5)
    }

    #[test]
    fn times_parse_and_hour_25_does_not() {
        assert_eq!(parse_time("00:00"), Ok(0));
        assert_eq!(parse_time("23:59"), Ok(1439));
        assert_eq!(parse_time("09:30:00"), Ok(570));
        for bad in [
            "25:00", "24:00", "12:60", "9:00", "", "ab:cd", "12:00:30", "12-00",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn impossible_rules_are_refused() {
        assert!(rule(WEEKDAYS, 18 * 60, 9 * 60, false).is_err());
        assert!(rule(WEEKDAYS, 9 * 60, 9 * 60, false).is_err());
        assert!(rule(WEEKDAYS, 9 * 60, 10 * 60, true).is_err());
        assert!(rule(WEEKDAYS, 0, 0, true).is_ok());
        assert!(parse_byday("MO,XX").is_err());
        assert!(parse_byday("MO,MO").is_err());
        assert_eq!(parse_byday("MO,SU"), Ok(0b100_0001));
    }

    #[test]
    fn almaty_is_utc_plus_5_since_march_2024() {
        let tz = parse_tz("Asia/Almaty").unwrap();
        let offset = |t: DateTime<Utc>| {
            use chrono::Offset;
            t.with_timezone(&tz).offset().fix().local_minus_utc()
        };
        assert_eq!(
            offset(Utc.with_ymd_and_hms(2024, 3, 2, 0, 0, 0).unwrap()),
            5 * 3600
        );
        assert_eq!(
            offset(Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap()),
            5 * 3600
        );
        assert_eq!(
            offset(Utc.with_ymd_and_hms(2023, 7, 1, 0, 0, 0).unwrap()),
            6 * 3600
        );
    }

    #[test]
    fn closing_minute_is_closed() {
        let h = almaty(vec![rule(WEEKDAYS, 9 * 60, 18 * 60, false).unwrap()]);
        // 2026-03-02 is a Monday.
        assert_eq!(status(&h, at(2026, 3, 2, 8, 59)), OpenStatus::Closed);
        assert_eq!(status(&h, at(2026, 3, 2, 9, 0)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 2, 17, 59)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 2, 18, 0)), OpenStatus::Closed);
        assert_eq!(
            status(&h, at(2026, 3, 7, 12, 0)),
            OpenStatus::Closed,
            "Saturday"
        );
    }

    #[test]
    fn overnight_runs_into_the_next_day() {
        let h = almaty(vec![rule(WEEKDAYS, 22 * 60, 6 * 60, true).unwrap()]);
        assert_eq!(status(&h, at(2026, 3, 2, 21, 59)), OpenStatus::Closed);
        assert_eq!(status(&h, at(2026, 3, 2, 22, 0)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 3, 5, 59)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 3, 6, 0)), OpenStatus::Closed);
        // Friday night runs into Saturday morning; Saturday night does not open.
        assert_eq!(status(&h, at(2026, 3, 7, 3, 0)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 7, 23, 0)), OpenStatus::Closed);
        // Sunday night opens nothing, so Monday early morning is closed.
        assert_eq!(status(&h, at(2026, 3, 2, 3, 0)), OpenStatus::Closed);
    }

    #[test]
    fn round_the_clock_and_unknown() {
        let h = almaty(vec![rule(ALL_DAYS, 0, 0, true).unwrap()]);
        for (d, hh, mm) in [(2, 0, 0), (3, 23, 59), (8, 12, 0)] {
            assert_eq!(status(&h, at(2026, 3, d, hh, mm)), OpenStatus::Open);
        }
        assert_eq!(status(&[], at(2026, 3, 2, 12, 0)), OpenStatus::Unknown);
        assert_eq!(
            status(&almaty(vec![]), at(2026, 3, 2, 12, 0)),
            OpenStatus::Unknown
        );
    }

    #[test]
    fn local_day_change_uses_the_zone_not_utc() {
        // Mondays 00:00–03:00 in Almaty; Monday 02:00 local is Sunday 21:00 UTC.
        let h = almaty(vec![rule(1, 0, 3 * 60, false).unwrap()]);
        assert_eq!(status(&h, at(2026, 3, 2, 2, 0)), OpenStatus::Open);
        assert_eq!(status(&h, at(2026, 3, 1, 2, 0)), OpenStatus::Closed);
    }
}
