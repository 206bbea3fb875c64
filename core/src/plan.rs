//! The safety plan: the standard sections, each with guidance, suggested items and her own.
//!
//! Why stored by id: sections and suggestions come from `content/plan.json` in three
//! languages. The vault stores only their ids plus her decisions (adopted, dismissed, checked,
//! order), and her own items as she wrote them. Switching language therefore re-renders every
//! title, guidance text and suggestion in the new language and leaves her words untouched.
//! Editing a suggestion turns it into her words (the suggestion id is kept so it is not
//! offered again).
//!
//! An item is *in her plan* once adopted (her own items always are); a pending suggestion is
//! shown but not counted. Progress is checked ÷ in-plan items, per section. Dismissed
//! suggestions are listed apart, so she can take one back. The `review_date` section also
//! holds the date she means to review the plan.
//!
//! Seeding is idempotent ([`seed`]): it runs at setup and on every open, so a vault created
//! before the plan existed (schema v1), or before a newer content version added suggestions,
//! gets them without touching her choices.

use crate::content::{content, PlanSectionContent};
use crate::error::{Error, Result};
use crate::locale::Locale;
use crate::session::Session;
use crate::text::{self, ITEM_MAX_CHARS};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::fmt;

/// The section that also stores a review date.
pub const REVIEW_SECTION: &str = "review_date";

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PlanItemStatus {
    /// A suggestion she has not decided on (shown, not counted).
    Suggested,
    /// Part of her plan (every item of her own is).
    Adopted,
    /// A suggestion she set aside.
    Dismissed,
}

impl PlanItemStatus {
    fn id(self) -> &'static str {
        match self {
            PlanItemStatus::Suggested => "suggested",
            PlanItemStatus::Adopted => "adopted",
            PlanItemStatus::Dismissed => "dismissed",
        }
    }

    fn from_id(s: &str) -> Option<PlanItemStatus> {
        [
            PlanItemStatus::Suggested,
            PlanItemStatus::Adopted,
            PlanItemStatus::Dismissed,
        ]
        .into_iter()
        .find(|x| x.id() == s)
    }
}

/// One checklist item, rendered in the session's language.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlanItem {
    /// Row id.
    pub id: i64,
    /// The section it belongs to.
    pub section_id: String,
    /// The content suggestion it came from, if any.
    pub suggestion_id: Option<String>,
    /// The text: her words, or the suggestion in the current language.
    pub text: String,
    /// Whether `text` is her own writing (kept as written across languages).
    pub is_own_text: bool,
    /// Where it stands.
    pub status: PlanItemStatus,
    /// Ticked off.
    pub checked: bool,
}

/// One section of the plan, rendered in the session's language.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlanSection {
    /// Content id, e.g. "go_bag".
    pub id: String,
    /// Title.
    pub title: String,
    /// Guidance text.
    pub guidance: String,
    /// Items shown in the section, in her order (pending suggestions and her plan).
    pub items: Vec<PlanItem>,
    /// Suggestions she dismissed.
    pub dismissed: Vec<PlanItem>,
    /// Checked items in her plan.
    pub checked: u32,
    /// Items in her plan (adopted).
    pub total: u32,
    /// For the review section: when she means to review the plan.
    pub review_date: Option<NaiveDate>,
}

impl fmt::Debug for PlanItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlanItem")
            .field("id", &self.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for PlanSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlanSection")
            .field("id", &self.id)
            .field("items", &self.items)
            .finish_non_exhaustive()
    }
}

/// Adds any section or suggestion from the content that the vault does not have yet.
pub(crate) fn seed(conn: &Connection) -> Result<()> {
    let plan = &content()?.plan;
    let mut section = conn.prepare(
        "INSERT INTO plan_sections (id, position) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
    )?;
    let mut item = conn.prepare(
        "INSERT INTO plan_items (section_id, suggestion_id, status, position)
         VALUES (?1, ?2, 'suggested',
                 (SELECT coalesce(max(position) + 1, 0) FROM plan_items WHERE section_id = ?1))
         ON CONFLICT (suggestion_id) DO NOTHING",
    )?;
    for (position, s) in plan.sections.iter().enumerate() {
        section.execute(params![s.id, position as i64])?;
        for i in &s.items {
            item.execute(params![s.id, i.id])?;
        }
    }
    Ok(())
}

struct ItemRow {
    id: i64,
    section_id: String,
    suggestion_id: Option<String>,
    own_text: Option<String>,
    status: PlanItemStatus,
    checked: bool,
}

fn item_rows(conn: &Connection, section_id: &str) -> Result<Vec<ItemRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, section_id, suggestion_id, own_text, status, checked FROM plan_items
         WHERE section_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([section_id], |r| {
            let status: String = r.get(4)?;
            Ok(ItemRow {
                id: r.get(0)?,
                section_id: r.get(1)?,
                suggestion_id: r.get(2)?,
                own_text: r.get(3)?,
                status: PlanItemStatus::from_id(&status).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        4,
                        rusqlite::types::Type::Text,
                        "plan item status".into(),
                    )
                })?,
                checked: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Renders a row; `None` for a suggestion the content no longer has.
fn render(row: ItemRow, section: Option<&PlanSectionContent>, locale: Locale) -> Option<PlanItem> {
    let (text, is_own_text) = match (row.own_text, &row.suggestion_id) {
        (Some(own), _) => (own, true),
        (None, Some(sid)) => {
            let s = section?.items.iter().find(|i| &i.id == sid)?;
            (s.text.get(locale).to_owned(), false)
        }
        (None, None) => return None,
    };
    Some(PlanItem {
        id: row.id,
        section_id: row.section_id,
        suggestion_id: row.suggestion_id,
        text,
        is_own_text,
        status: row.status,
        checked: row.checked,
    })
}

pub(crate) fn section(conn: &Connection, id: &str, locale: Locale) -> Result<PlanSection> {
    let review_date: Option<Option<String>> = conn
        .query_row(
            "SELECT review_date FROM plan_sections WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    let review_date = review_date.ok_or(Error::NotFound {
        what: "plan section",
    })?;
    let sc = content()?.plan.sections.iter().find(|s| s.id == id);
    let mut items = Vec::new();
    let mut dismissed = Vec::new();
    for row in item_rows(conn, id)? {
        let Some(item) = render(row, sc, locale) else {
            continue;
        };
        if item.status == PlanItemStatus::Dismissed {
            dismissed.push(item);
        } else {
            items.push(item);
        }
    }
    let in_plan = items.iter().filter(|i| i.status == PlanItemStatus::Adopted);
    let total = in_plan.clone().count() as u32;
    let checked = in_plan.filter(|i| i.checked).count() as u32;
    Ok(PlanSection {
        id: id.to_owned(),
        title: sc.map_or_else(|| id.to_owned(), |s| s.title.get(locale).to_owned()),
        guidance: sc.map_or_else(String::new, |s| s.guidance.get(locale).to_owned()),
        items,
        dismissed,
        checked,
        total,
        review_date: review_date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
    })
}

pub(crate) fn sections(conn: &Connection, locale: Locale) -> Result<Vec<PlanSection>> {
    let mut stmt = conn.prepare("SELECT id FROM plan_sections ORDER BY position, id")?;
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| section(conn, id, locale)).collect()
}

fn item_section(conn: &Connection, item_id: i64) -> Result<(String, Option<String>, String)> {
    conn.query_row(
        "SELECT section_id, suggestion_id, status FROM plan_items WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(Error::NotFound { what: "plan item" })
}

fn next_position(conn: &Connection, section_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM plan_items
         WHERE section_id = ?1 AND status <> 'dismissed'",
        [section_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn add_item(conn: &Connection, section_id: &str, text: &str) -> Result<i64> {
    text::required("text", text, ITEM_MAX_CHARS)?;
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM plan_sections WHERE id = ?1",
            [section_id],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(Error::invalid("section_id", "is not a section of the plan"));
    }
    let position = next_position(conn, section_id)?;
    conn.execute(
        "INSERT INTO plan_items (section_id, own_text, status, position)
         VALUES (?1, ?2, 'adopted', ?3)",
        params![section_id, text, position],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn edit_item(conn: &Connection, item_id: i64, text: &str) -> Result<()> {
    text::required("text", text, ITEM_MAX_CHARS)?;
    let (section_id, _, status) = item_section(conn, item_id)?;
    if status == "dismissed" {
        let position = next_position(conn, &section_id)?;
        conn.execute(
            "UPDATE plan_items SET position = ?2 WHERE id = ?1",
            params![item_id, position],
        )?;
    }
    conn.execute(
        "UPDATE plan_items SET own_text = ?2, status = 'adopted' WHERE id = ?1",
        params![item_id, text],
    )?;
    Ok(())
}

pub(crate) fn set_status(conn: &Connection, item_id: i64, status: PlanItemStatus) -> Result<()> {
    let (section_id, suggestion_id, old) = item_section(conn, item_id)?;
    if suggestion_id.is_none() && status != PlanItemStatus::Adopted {
        return Err(Error::invalid(
            "item_id",
            "is her own item: remove it instead of dismissing it",
        ));
    }
    if old == "dismissed" && status != PlanItemStatus::Dismissed {
        // Back from the dismissed list: at the end of the section.
        let position = next_position(conn, &section_id)?;
        conn.execute(
            "UPDATE plan_items SET position = ?2 WHERE id = ?1",
            params![item_id, position],
        )?;
    }
    conn.execute(
        "UPDATE plan_items SET status = ?2,
             checked = CASE WHEN ?2 = 'adopted' THEN checked ELSE 0 END
         WHERE id = ?1",
        params![item_id, status.id()],
    )?;
    if status == PlanItemStatus::Dismissed {
        renumber(conn, &visible_ids(conn, &section_id)?)?;
    }
    Ok(())
}

pub(crate) fn set_checked(conn: &Connection, item_id: i64, checked: bool) -> Result<()> {
    let (_, _, status) = item_section(conn, item_id)?;
    if checked && status != "adopted" {
        // Ticking a suggestion makes it part of her plan.
        set_status(conn, item_id, PlanItemStatus::Adopted)?;
    }
    conn.execute(
        "UPDATE plan_items SET checked = ?2 WHERE id = ?1",
        params![item_id, checked],
    )?;
    Ok(())
}

pub(crate) fn remove_item(conn: &Connection, item_id: i64) -> Result<()> {
    let (section_id, suggestion_id, _) = item_section(conn, item_id)?;
    if suggestion_id.is_some() {
        // Suggestions come back from the content on every open: dismiss instead.
        set_status(conn, item_id, PlanItemStatus::Dismissed)
    } else {
        conn.execute("DELETE FROM plan_items WHERE id = ?1", [item_id])?;
        renumber(conn, &visible_ids(conn, &section_id)?)
    }
}

/// Moves an item to `new_index` among the section's shown items (past the end means last).
pub(crate) fn move_item(conn: &Connection, item_id: i64, new_index: usize) -> Result<()> {
    let (section_id, _, status) = item_section(conn, item_id)?;
    if status == "dismissed" {
        return Err(Error::invalid("item_id", "is dismissed: adopt it first"));
    }
    let mut ids = visible_ids(conn, &section_id)?;
    ids.retain(|id| *id != item_id);
    ids.insert(new_index.min(ids.len()), item_id);
    renumber(conn, &ids)
}

fn visible_ids(conn: &Connection, section_id: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM plan_items WHERE section_id = ?1 AND status <> 'dismissed'
         ORDER BY position, id",
    )?;
    let ids = stmt
        .query_map([section_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn renumber(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare("UPDATE plan_items SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![id, position as i64])?;
    }
    Ok(())
}

fn item(conn: &Connection, item_id: i64, locale: Locale) -> Result<PlanItem> {
    let (section_id, _, _) = item_section(conn, item_id)?;
    section(conn, &section_id, locale)?
        .items
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or(Error::NotFound { what: "plan item" })
}

/// The safety plan.
impl Session {
    /// Every section of the plan, in the current language.
    pub fn plan(&self) -> Result<Vec<PlanSection>> {
        let locale = self.locale()?;
        self.with_conn(|c| sections(c, locale))
    }

    /// One section, in the current language.
    pub fn plan_section(&self, section_id: &str) -> Result<PlanSection> {
        let locale = self.locale()?;
        self.with_conn(|c| section(c, section_id, locale))
    }

    /// Adds an item of her own at the end of a section.
    pub fn add_plan_item(&self, section_id: &str, text: &str) -> Result<PlanItem> {
        let locale = self.locale()?;
        self.with_tx(|tx| {
            let id = add_item(tx, section_id, text)?;
            item(tx, id, locale)
        })
    }

    /// Rewrites an item in her words (a suggestion becomes hers and part of her plan).
    pub fn edit_plan_item(&self, item_id: i64, text: &str) -> Result<PlanItem> {
        let locale = self.locale()?;
        self.with_tx(|tx| {
            edit_item(tx, item_id, text)?;
            item(tx, item_id, locale)
        })
    }

    /// Makes a suggestion part of her plan (also takes back a dismissed one).
    pub fn adopt_plan_suggestion(&self, item_id: i64) -> Result<()> {
        self.with_tx(|tx| set_status(tx, item_id, PlanItemStatus::Adopted))
    }

    /// Sets a suggestion aside.
    pub fn dismiss_plan_suggestion(&self, item_id: i64) -> Result<()> {
        self.with_tx(|tx| set_status(tx, item_id, PlanItemStatus::Dismissed))
    }

    /// Ticks an item off (or not). Ticking a pending suggestion adopts it.
    pub fn set_plan_item_checked(&self, item_id: i64, checked: bool) -> Result<()> {
        self.with_tx(|tx| set_checked(tx, item_id, checked))
    }

    /// Moves an item within its section (past the end means last).
    pub fn move_plan_item(&self, item_id: i64, new_index: u32) -> Result<()> {
        self.with_tx(|tx| move_item(tx, item_id, new_index as usize))
    }

    /// Removes her own item; a suggestion is dismissed instead.
    pub fn remove_plan_item(&self, item_id: i64) -> Result<()> {
        self.with_tx(|tx| remove_item(tx, item_id))
    }

    /// Sets (or clears) the date she means to review the plan.
    pub fn set_plan_review_date(&self, date: Option<NaiveDate>) -> Result<()> {
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE plan_sections SET review_date = ?2 WHERE id = ?1",
                params![
                    REVIEW_SECTION,
                    date.map(|d| d.format("%Y-%m-%d").to_string())
                ],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_item_text() {
        let item = PlanItem {
            id: 4,
            section_id: "go_bag".into(),
            suggestion_id: None,
            text: "CANARY-ITEM".into(),
            is_own_text: true,
            status: PlanItemStatus::Adopted,
            checked: false,
        };
        let section = PlanSection {
            id: "go_bag".into(),
            title: "t".into(),
            guidance: "g".into(),
            items: vec![item.clone()],
            dismissed: vec![],
            checked: 0,
            total: 1,
            review_date: None,
        };
        assert!(!format!("{item:?}").contains("CANARY"));
        assert!(!format!("{section:?}").contains("CANARY"));
    }
}
