//! The languages Haven speaks.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// A display language: Kazakh (Cyrillic), Russian or English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Kazakh, Cyrillic script.
    Kk,
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Locale {
    /// Every supported locale.
    pub const ALL: [Locale; 3] = [Locale::Kk, Locale::Ru, Locale::En];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }
}

impl FromStr for Locale {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "kk" => Ok(Locale::Kk),
            "ru" => Ok(Locale::Ru),
            "en" => Ok(Locale::En),
            _ => Err(Error::invalid("locale", "must be one of kk, ru, en")),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}
