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

    /// The digits, for the key derivation only.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
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
    fn debug_never_shows_digits() {
        let pin = Pin::new("987654".into(), "pin").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin(..)");
    }
}
