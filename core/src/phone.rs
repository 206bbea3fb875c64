//! Phone numbers of trusted contacts: validated and stored in one international form (E.164).
//!
//! Why: in a crisis the shell must dial the number as stored, from any SIM, without guessing.
//! People in Kazakhstan write numbers in several ways — "8 701 123 45 67" (the national trunk
//! prefix 8), "+7 (701) 123-45-67", "7 701 1234567", "701 123 45 67" — and all of these mean
//! +77011234567. Anything starting with "+" or "00" is taken as international and checked
//! against E.164's shape (a country code not starting with 0, at most 15 digits). Numbers under
//! the +7 country code (Kazakhstan and Russia) must have exactly 10 digits after it. Short
//! service numbers (102, 112, 111…) are not contacts: the directory holds them.
//!
//! No phone-number crate is used: the rules needed here are few, and the full libphonenumber
//! metadata would be large for what it adds.

use crate::error::{Error, Result};

const FIELD: &str = "phone";
const E164_MIN_DIGITS: usize = 7;
const E164_MAX_DIGITS: usize = 15;

/// Validates `input` and returns it in E.164 form ("+" and digits only).
pub fn normalize_phone(input: &str) -> Result<String> {
    let trimmed = input.trim();
    let (international, rest) = if let Some(rest) = trimmed.strip_prefix('+') {
        (true, rest)
    } else if let Some(rest) = trimmed.strip_prefix("00") {
        (true, rest)
    } else {
        (false, trimmed)
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
            _ => {
                return Err(Error::invalid(
                    FIELD,
                    "may contain only digits, spaces, +, - and brackets",
                ))
            }
        }
    }
    let e164_digits = if international {
        digits
    } else {
        national_kz(&digits)?
    };
    if e164_digits.starts_with('0') {
        return Err(Error::invalid(
            FIELD,
            "the country code cannot start with 0",
        ));
    }
    if !(E164_MIN_DIGITS..=E164_MAX_DIGITS).contains(&e164_digits.len()) {
        return Err(Error::invalid(
            FIELD,
            "must have between 7 and 15 digits with the country code",
        ));
    }
    if e164_digits.starts_with('7') && e164_digits.len() != 11 {
        return Err(Error::invalid(
            FIELD,
            "a +7 number has 10 digits after the 7",
        ));
    }
    Ok(format!("+{e164_digits}"))
}

/// A number written without "+": Kazakhstan's national forms.
fn national_kz(digits: &str) -> Result<String> {
    match (digits.len(), digits.as_bytes().first()) {
        // 8 701 123 45 67: trunk prefix 8, then the 10-digit national number.
        (11, Some(b'8')) => Ok(format!("7{}", &digits[1..])),
        // 7 701 123 45 67: the country code without "+".
        (11, Some(b'7')) => Ok(digits.to_owned()),
        // 701 123 45 67: the 10-digit national number alone (Kazakh numbers start with 6 or 7).
        (10, Some(b'6' | b'7')) => Ok(format!("7{digits}")),
        _ => Err(Error::invalid(
            FIELD,
            "write it as +7 or 8 followed by 10 digits, or + and the country code",
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kazakh_national_and_international_forms_agree() {
        for input in [
            "8 701 123 45 67",
            "+7 (701) 123-45-67",
            "87011234567",
            "7 701 1234567",
            "701 123 45 67",
            "0077011234567",
            " +77011234567 ",
        ] {
            assert_eq!(normalize_phone(input).unwrap(), "+77011234567", "{input}");
        }
        assert_eq!(normalize_phone("8 727 250 00 00").unwrap(), "+77272500000");
    }

    #[test]
    fn other_countries_keep_their_code() {
        assert_eq!(
            normalize_phone("+44 20 7946 0958").unwrap(),
            "+442079460958"
        );
        assert_eq!(
            normalize_phone("+996 555 123 456").unwrap(),
            "+996555123456"
        );
    }

    #[test]
    fn malformed_numbers_are_refused_without_quoting_them() {
        for bad in [
            "",
            "112",
            "8 701 123 45",
            "+7 701 123 45 678",
            "+0 123 4567",
            "call 8701",
            "+1234567890123456",
            "9 701 123 45 67",
            "+",
        ] {
            let err = normalize_phone(bad).unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput { field: "phone", .. }),
                "{bad}"
            );
            let msg = err.to_string();
            assert!(bad.trim().is_empty() || !msg.contains(bad.trim()), "{msg}");
        }
    }
}
