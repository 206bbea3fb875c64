//! Content that needs no vault: the labels, rights and danger signs shown before setup or by
//! the shells' own screens, in any of the three languages.

use crate::error::{guard, Result};
use haven_core::content::{Choice, ChoiceList, DangerSigns, RightsStatement};
use haven_core::{Locale, OrderKind, OrderKindInfo};

/// The choices of a list (incident kinds, relations, order kinds…): stored id + label.
#[uniffi::export]
pub fn choices(list: ChoiceList, locale: Locale) -> Result<Vec<Choice>> {
    guard(|| Ok(haven_core::content::choices(list, locale)?))
}

/// The localized text for a validation message key, if there is one.
#[uniffi::export]
pub fn validation_text(key: String, locale: Locale) -> Result<Option<String>> {
    guard(|| Ok(haven_core::content::validation_text(&key, locale)?))
}

/// The rights information for the region.
#[uniffi::export]
pub fn rights(locale: Locale) -> Result<Vec<RightsStatement>> {
    guard(|| Ok(haven_core::content::rights(locale)?))
}

/// The danger signs (a reflection page, no score).
#[uniffi::export]
pub fn danger_signs(locale: Locale) -> Result<DangerSigns> {
    guard(|| Ok(haven_core::content::danger_signs(locale)?))
}

/// What a kind of protection order is, its legal durations and sources.
#[uniffi::export]
pub fn order_kind_info(kind: OrderKind, locale: Locale) -> Result<OrderKindInfo> {
    guard(|| Ok(haven_core::order_kind_info(kind, locale)?))
}
