//! The PIN: validated once, held in zeroizing memory, never printed.

use crate::error::{Error, Result};
use std::fmt;
use zeroize::Zeroizing;

/// Shortest accepted PIN. Six digits is the floor for a memory-hard, hardware-bound, throttled
/// secret; the calculator disguise also uses the length to tell a PIN from arithmetic.
pub const MIN_LEN: usize = 6;
/// Longest accepted PIN.
pub const MAX_LEN: usize = 12;

/// A PIN of 6 to 12 ASCII digits. Its memory is wiped when it is dropped.
#[derive(Clone)]
pub struct Pin(Zeroizing<String>);

impl Pin {
    /// Validates `digits` as a PIN. The input is moved into zeroizing memory before it is
    /// looked at, so a refused PIN is wiped as well. `field` names the input in the error.
    pub fn new(digits: String, field: &'static str) -> Result<Pin> {
        let digits = Zeroizing::new(digits);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(field, "must contain digits only"));
        }
        if !(MIN_LEN..=MAX_LEN).contains(&digits.len()) {
            return Err(Error::invalid(
                field,
                format!("must be {MIN_LEN} to {MAX_LEN} digits long"),
            ));
        }
        Ok(Pin(digits))
    }

    /// Whether this PIN is one of the first an attacker would try: one digit repeated
    /// (`000000`), a group said twice or more (`121212`, `123123`, `12341234`), a run up or down the keypad
    /// (`123456`, `987654`, `890123`), or a PIN on the list of the most common ones. Setup and
    /// every PIN change refuse such PINs, so that both shells apply one rule; unlock still
    /// accepts them (a vault made before the rule keeps opening).
    pub fn is_weak(&self) -> bool {
        is_weak_digits(self.as_bytes())
    }

    /// Refuses a weak PIN (see [`Pin::is_weak`]) with an invalid-input error on `field`.
    pub(crate) fn ensure_strong(&self, field: &'static str) -> Result<()> {
        if self.is_weak() {
            Err(Error::invalid(field, WEAK_REASON))
        } else {
            Ok(())
        }
    }

    /// The digits, for the key derivation only.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The reason given when a weak PIN is refused.
pub const WEAK_REASON: &str = "is too easy to guess";

/// Common PINs that the patterns below do not already catch (from published analyses of
/// leaked PIN sets: keypad shapes, doubled pairs, mirrored halves).
const COMMON: &[&str] = &[
    "112233", "123321", "159753", "147258", "258369", "369258", "741852", "852963", "963852",
    "789456", "147852", "123654", "102030", "010203", "112358", "111222", "121314", "142536",
    "159357", "753951", "777888", "999000", "000111", "11223344", "12344321", "14725836",
];

fn is_weak_digits(d: &[u8]) -> bool {
    repeats_a_short_group(d) || is_keypad_run(d) || COMMON.iter().any(|c| c.as_bytes() == d)
}

/// `d` is a group of digits said at least twice (000000, 121212, 123123, 12341234, 1231231).
fn repeats_a_short_group(d: &[u8]) -> bool {
    (1..=d.len() / 2).any(|unit| d.iter().enumerate().all(|(i, b)| *b == d[i % unit]))
}

/// Every digit is the previous one plus one, or every one minus one (wrapping 9 → 0).
fn is_keypad_run(d: &[u8]) -> bool {
    let steps = |delta: u8| {
        d.windows(2)
            .all(|w| (w[0] - b'0' + delta) % 10 == w[1] - b'0')
    };
    steps(1) || steps(9)
}

impl PartialEq for Pin {
    fn eq(&self, other: &Self) -> bool {
        // Both sides are secrets of the same user: a constant-time comparison is not needed
        // to protect one from the other, but costs nothing.
        let (a, b) = (self.as_bytes(), other.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_six_to_twelve_digits() {
        assert!(Pin::new("123456".into(), "pin").is_ok());
        assert!(Pin::new("123456789012".into(), "pin").is_ok());
        assert!(Pin::new("000000".into(), "pin").is_ok());
    }

    #[test]
    fn refuses_short_long_and_non_digit_pins() {
        for bad in [
            "",
            "12345",
            "1234567890123",
            "12345a",
            "12 3456",
            "١٢٣٤٥٦",
            "123456\n",
        ] {
            let err = Pin::new(bad.into(), "pin").unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { field: "pin", .. }),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn weak_pins_are_recognised() {
        for weak in [
            "000000",
            "999999",
            "123456",
            "234567",
            "890123",
            "987654",
            "210987",
            "121212",
            "123123",
            "123412341234",
            "112233",
            "654321",
            "1234567890",
            "111111111111",
            "147258",
        ] {
            assert!(Pin::new(weak.into(), "pin").unwrap().is_weak(), "{weak}");
        }
    }

    #[test]
    fn ordinary_pins_are_not_weak() {
        for ok in [
            "284719",
            "604213",
            "950372",
            "1357924680",
            "120987",
            "112234",
        ] {
            assert!(!Pin::new(ok.into(), "pin").unwrap().is_weak(), "{ok}");
        }
    }

    #[test]
    fn ensure_strong_names_the_field() {
        let err = Pin::new("000000".into(), "new_pin")
            .unwrap()
            .ensure_strong("new_pin")
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { field: "new_pin", ref reason } if reason == WEAK_REASON)
        );
    }

    #[test]
    fn debug_never_shows_digits() {
        let pin = Pin::new("987654".into(), "pin").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin(..)");
    }
}
