//! Checks on the text she types, shared by every record.
//!
//! Why a module of its own: the same three rules (not blank, not too long, no NUL) apply to a
//! contact's name, a journal narrative and a plan item, and the errors must look the same
//! everywhere — naming the field, never quoting what she typed. Lengths are counted in
//! characters (Unicode scalar values), as SQLite's `length()` counts them in the schema's
//! CHECK constraints, so the two limits agree.

use crate::error::{Error, Result};

/// Longest name-like text: names, places, reference numbers, code words, file names.
pub const NAME_MAX_CHARS: usize = 200;
/// Longest safety-plan item.
pub const ITEM_MAX_CHARS: usize = 1_000;
/// Longest free text: narrative, injuries, witnesses, order conditions.
pub const LONG_TEXT_MAX_CHARS: usize = 100_000;

/// A text she must give. Stored exactly as she wrote it (not trimmed).
pub(crate) fn required(field: &'static str, value: &str, max_chars: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    check(field, value, max_chars)
}

/// A text she may leave out. Blank counts as left out, so a shell may pass an empty field.
pub(crate) fn optional(
    field: &'static str,
    value: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.trim().is_empty() => Ok(None),
        Some(v) => {
            check(field, v, max_chars)?;
            Ok(Some(v.to_owned()))
        }
    }
}

fn check(field: &'static str, value: &str, max_chars: usize) -> Result<()> {
    if value.contains('\0') {
        return Err(Error::invalid(field, "must not contain NUL characters"));
    }
    if value.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            format!("must be at most {max_chars} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn blank_is_refused_when_required_and_dropped_when_optional() {
        assert!(required("name", "  \n", 10).is_err());
        assert_eq!(optional("place", Some("   "), 10).unwrap(), None);
        assert_eq!(optional("place", None, 10).unwrap(), None);
        assert_eq!(
            optional("place", Some(" двор "), 10).unwrap().as_deref(),
            Some(" двор ")
        );
    }

    #[test]
    fn length_is_counted_in_characters_and_never_quoted() {
        assert!(required("name", &"қ".repeat(200), 200).is_ok());
        let err = required("name", &"қ".repeat(201), 200).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: "name", .. }));
        assert!(!err.to_string().contains('қ'));
        assert!(required("name", "a\0b", 200).is_err());
    }
}
