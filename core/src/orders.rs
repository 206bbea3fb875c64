//! Protection orders: what protects her, until when, and what she has to show for it.
//!
//! Why the rules live in code: a wrong expiry date is dangerous both ways (she believes she is
//! protected when she is not, or gives up on an order still in force). The durations are the
//! Kazakh law's as summarized in `REGION_KZ.md`:
//!
//! | kind | term | default expiry | enforced |
//! |---|---|---|---|
//! | police protective order | up to 30 days | issued + 30 days | expiry ≤ issued + 30 days |
//! | court special requirements | 3 to 12 months | issued + 3 months (the legal minimum) | issued + 3 months ≤ expiry ≤ issued + 12 months |
//! | criminal no-approach order | set by the court | none: open-ended until she enters one | expiry ≥ issued when given |
//!
//! The court default is the *minimum* term on purpose: a default can only make the app say the
//! order ends sooner than it does, never later. The shell should still ask her to check the
//! date printed on the order. The expiry day itself is covered (an order expiring on 31 March
//! is active all of 31 March). "Today" is the region's date (Asia/Almaty, UTC+5), not the
//! phone's, so the status does not change when she travels or the phone's zone is wrong.

use crate::error::{Error, Result};
use crate::session::Session;
use crate::text::{self, LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS};
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::fmt;

/// The region's time zone, in which order dates are read.
pub const REGION_TIME_ZONE: chrono_tz::Tz = chrono_tz::Asia::Almaty;

/// Longest police protective order, in days.
pub const POLICE_ORDER_MAX_DAYS: u64 = 30;
/// Shortest court-imposed special requirements, in months.
pub const COURT_MIN_MONTHS: u32 = 3;
/// Longest court-imposed special requirements, in months.
pub const COURT_MAX_MONTHS: u32 = 12;

/// The kinds of protection order in Kazakhstan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OrderKind {
    /// "Защитное предписание": issued by police without court proceedings, up to 30 days.
    PoliceProtectiveOrder,
    /// "Установление особых требований к поведению правонарушителя": by a court, 3–12 months.
    CourtSpecialRequirements,
    /// "Запрет на приближение" in a criminal case.
    CriminalNoApproach,
}

impl OrderKind {
    /// Every kind.
    pub const ALL: [OrderKind; 3] = [
        OrderKind::PoliceProtectiveOrder,
        OrderKind::CourtSpecialRequirements,
        OrderKind::CriminalNoApproach,
    ];

    /// The content id (`labels.json` "order_kinds").
    pub fn id(self) -> &'static str {
        match self {
            OrderKind::PoliceProtectiveOrder => "police_protective_order",
            OrderKind::CourtSpecialRequirements => "court_special_requirements",
            OrderKind::CriminalNoApproach => "criminal_no_approach",
        }
    }

    fn from_id(id: &str) -> Option<OrderKind> {
        OrderKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The expiry used when she gives none (see the module docs).
    pub fn default_expiry(self, issued_on: NaiveDate) -> Option<NaiveDate> {
        match self {
            OrderKind::PoliceProtectiveOrder => {
                issued_on.checked_add_days(Days::new(POLICE_ORDER_MAX_DAYS))
            }
            OrderKind::CourtSpecialRequirements => {
                issued_on.checked_add_months(Months::new(COURT_MIN_MONTHS))
            }
            OrderKind::CriminalNoApproach => None,
        }
    }

    /// Checks an expiry against the kind's legal term.
    fn check_expiry(self, issued_on: NaiveDate, expires_on: Option<NaiveDate>) -> Result<()> {
        const FIELD: &str = "expires_on";
        let Some(expires_on) = expires_on else {
            return match self {
                OrderKind::CriminalNoApproach => Ok(()),
                _ => Err(Error::invalid(FIELD, "is required for this kind of order")),
            };
        };
        if expires_on < issued_on {
            return Err(Error::invalid(FIELD, "must not be before the issue date"));
        }
        let out_of_range = |reason: &str| Err(Error::invalid(FIELD, reason.to_owned()));
        match self {
            OrderKind::PoliceProtectiveOrder => {
                match issued_on.checked_add_days(Days::new(POLICE_ORDER_MAX_DAYS)) {
                    Some(max) if expires_on <= max => Ok(()),
                    _ => out_of_range("a police protective order lasts at most 30 days"),
                }
            }
            OrderKind::CourtSpecialRequirements => {
                let min = issued_on.checked_add_months(Months::new(COURT_MIN_MONTHS));
                let max = issued_on.checked_add_months(Months::new(COURT_MAX_MONTHS));
                match (min, max) {
                    (Some(min), Some(max)) if (min..=max).contains(&expires_on) => Ok(()),
                    _ => out_of_range("court special requirements last 3 to 12 months"),
                }
            }
            OrderKind::CriminalNoApproach => Ok(()),
        }
    }
}

/// What she enters for an order.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OrderDraft {
    /// Kind of order.
    pub kind: OrderKind,
    /// Who issued it (police department, court).
    pub issuing_body: String,
    /// Its number, if any.
    pub reference: Option<String>,
    /// Date of issue (as printed on the order).
    pub issued_on: NaiveDate,
    /// Expiry; `None` takes the kind's default ([`OrderKind::default_expiry`]).
    pub expires_on: Option<NaiveDate>,
    /// What the order forbids or requires.
    pub conditions: Option<String>,
    /// Journal entries it relates to.
    pub linked_entries: Vec<i64>,
    /// Journal attachments holding the order's documents (a photo of it, for instance).
    pub linked_documents: Vec<i64>,
}

/// A stored order.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProtectionOrder {
    /// Row id.
    pub id: i64,
    /// Kind of order.
    pub kind: OrderKind,
    /// Who issued it.
    pub issuing_body: String,
    /// Its number.
    pub reference: Option<String>,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// Last day it is in force; `None` for an open-ended criminal no-approach order.
    pub expires_on: Option<NaiveDate>,
    /// What it forbids or requires.
    pub conditions: Option<String>,
    /// Linked journal entries (erased entries drop out).
    pub linked_entries: Vec<i64>,
    /// Linked journal attachments.
    pub linked_documents: Vec<i64>,
}

impl fmt::Debug for OrderDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrderDraft")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ProtectionOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProtectionOrder")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Where an order stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum OrderStatus {
    /// Issued for a later date.
    NotStarted,
    /// In force.
    Active,
    /// In force, ending within the window asked for.
    ExpiringSoon,
    /// No longer in force.
    Expired,
}

impl OrderStatus {
    /// The content id (`labels.json` "order_status").
    pub fn id(self) -> &'static str {
        match self {
            OrderStatus::NotStarted => "not_started",
            OrderStatus::Active => "active",
            OrderStatus::ExpiringSoon => "expiring_soon",
            OrderStatus::Expired => "expired",
        }
    }
}

/// Status and days left, as of one day in the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OrderStanding {
    /// Status.
    pub status: OrderStatus,
    /// Whole days from today to the expiry day (0 on the last day, 0 once expired); `None` for
    /// an open-ended order.
    pub days_left: Option<i64>,
}

impl ProtectionOrder {
    /// Where the order stands on `today`, "expiring soon" meaning within `within_days` days.
    pub fn standing_on(&self, today: NaiveDate, within_days: u32) -> OrderStanding {
        let days_left = self.expires_on.map(|e| (e - today).num_days().max(0));
        let status = if today < self.issued_on {
            OrderStatus::NotStarted
        } else {
            match self.expires_on {
                Some(e) if today > e => OrderStatus::Expired,
                Some(e) if (e - today).num_days() <= i64::from(within_days) => {
                    OrderStatus::ExpiringSoon
                }
                _ => OrderStatus::Active,
            }
        };
        OrderStanding { status, days_left }
    }
}

/// What the content says about a kind of order, for the shell's explanation screen.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OrderKindInfo {
    /// The kind.
    pub kind: OrderKind,
    /// Its name.
    pub name: String,
    /// What it is and how long it lasts.
    pub description: String,
    /// Typical term in days, if the law gives one.
    pub default_days: Option<u32>,
    /// Shortest term in days, if any.
    pub min_days: Option<u32>,
    /// Longest term in days, if any.
    pub max_days: Option<u32>,
    /// Where the rules come from.
    pub sources: Vec<crate::content::Source>,
}

/// The localized explanation of an order kind (from `labels.json`).
pub fn order_kind_info(kind: OrderKind, locale: crate::locale::Locale) -> Result<OrderKindInfo> {
    let c = crate::content::content()?
        .labels
        .order_kinds
        .get(kind.id())
        .ok_or(Error::Corrupt { what: "content" })?;
    Ok(OrderKindInfo {
        kind,
        name: c.name.get(locale).to_owned(),
        description: c.description.get(locale).to_owned(),
        default_days: c.default_days,
        min_days: c.min_days,
        max_days: c.max_days,
        sources: c.sources.clone(),
    })
}

/// The calendar date in the region at instant `now`.
pub fn region_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&REGION_TIME_ZONE).date_naive()
}

struct Valid {
    issuing_body: String,
    reference: Option<String>,
    expires_on: Option<NaiveDate>,
    conditions: Option<String>,
}

fn validate(conn: &Connection, d: &OrderDraft) -> Result<Valid> {
    text::required("issuing_body", &d.issuing_body, NAME_MAX_CHARS)?;
    let reference = text::optional("reference", d.reference.as_deref(), NAME_MAX_CHARS)?;
    let conditions = text::optional("conditions", d.conditions.as_deref(), LONG_TEXT_MAX_CHARS)?;
    let expires_on = d.expires_on.or_else(|| d.kind.default_expiry(d.issued_on));
    d.kind.check_expiry(d.issued_on, expires_on)?;
    for id in &d.linked_entries {
        let live: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM journal_entries WHERE id = ?1 AND state <> 'erased'",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if live.is_none() {
            return Err(Error::invalid(
                "linked_entries",
                "names an entry that does not exist",
            ));
        }
    }
    for id in &d.linked_documents {
        let exists: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM journal_attachments WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(Error::invalid(
                "linked_documents",
                "names an attachment that does not exist",
            ));
        }
    }
    Ok(Valid {
        issuing_body: d.issuing_body.clone(),
        reference,
        expires_on,
        conditions,
    })
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn bad_column(what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
}

fn parse_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad_column("invalid date"))
}

pub(crate) fn add(conn: &Connection, draft: &OrderDraft) -> Result<ProtectionOrder> {
    let v = validate(conn, draft)?;
    conn.execute(
        "INSERT INTO protection_orders
             (kind, issuing_body, reference, issued_on, expires_on, conditions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            draft.kind.id(),
            v.issuing_body,
            v.reference,
            date_text(draft.issued_on),
            v.expires_on.map(date_text),
            v.conditions
        ],
    )?;
    let id = conn.last_insert_rowid();
    put_links(conn, id, draft)?;
    get(conn, id)
}

pub(crate) fn update(conn: &Connection, id: i64, draft: &OrderDraft) -> Result<ProtectionOrder> {
    let v = validate(conn, draft)?;
    let changed = conn.execute(
        "UPDATE protection_orders SET kind = ?2, issuing_body = ?3, reference = ?4,
             issued_on = ?5, expires_on = ?6, conditions = ?7
         WHERE id = ?1",
        params![
            id,
            draft.kind.id(),
            v.issuing_body,
            v.reference,
            date_text(draft.issued_on),
            v.expires_on.map(date_text),
            v.conditions
        ],
    )?;
    if changed == 0 {
        return Err(Error::NotFound {
            what: "protection order",
        });
    }
    conn.execute(
        "DELETE FROM protection_order_entries WHERE order_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM protection_order_documents WHERE order_id = ?1",
        [id],
    )?;
    put_links(conn, id, draft)?;
    get(conn, id)
}

fn put_links(conn: &Connection, id: i64, draft: &OrderDraft) -> Result<()> {
    for entry in &draft.linked_entries {
        conn.execute(
            "INSERT OR IGNORE INTO protection_order_entries (order_id, entry_id) VALUES (?1, ?2)",
            params![id, entry],
        )?;
    }
    for doc in &draft.linked_documents {
        conn.execute(
            "INSERT OR IGNORE INTO protection_order_documents (order_id, attachment_id)
             VALUES (?1, ?2)",
            params![id, doc],
        )?;
    }
    Ok(())
}

const SELECT: &str = "SELECT id, kind, issuing_body, reference, issued_on, expires_on, conditions
                      FROM protection_orders";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ProtectionOrder> {
    let kind: String = r.get(1)?;
    let expires: Option<String> = r.get(5)?;
    Ok(ProtectionOrder {
        id: r.get(0)?,
        kind: OrderKind::from_id(&kind).ok_or_else(|| bad_column("unknown order kind"))?,
        issuing_body: r.get(2)?,
        reference: r.get(3)?,
        issued_on: parse_date(&r.get::<_, String>(4)?)?,
        expires_on: expires.as_deref().map(parse_date).transpose()?,
        conditions: r.get(6)?,
        linked_entries: Vec::new(),
        linked_documents: Vec::new(),
    })
}

/// Adds the links to a row just read.
fn complete(conn: &Connection, mut order: ProtectionOrder) -> Result<ProtectionOrder> {
    let ids = |sql: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare(sql)?;
        let v = stmt
            .query_map([order.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    };
    order.linked_entries = ids("SELECT l.entry_id FROM protection_order_entries l
         JOIN journal_entries e ON e.id = l.entry_id
         WHERE l.order_id = ?1 AND e.state <> 'erased' ORDER BY l.entry_id")?;
    order.linked_documents = ids(
        "SELECT attachment_id FROM protection_order_documents WHERE order_id = ?1
         ORDER BY attachment_id",
    )?;
    Ok(order)
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<ProtectionOrder> {
    let row = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "protection order",
        })?;
    complete(conn, row)
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<ProtectionOrder>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY issued_on DESC, id DESC"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|r| complete(conn, r)).collect()
}

/// Protection orders.
impl Session {
    /// Records an order. Without an expiry the kind's default is used (see [`OrderKind`]).
    pub fn add_protection_order(&self, draft: &OrderDraft) -> Result<ProtectionOrder> {
        self.with_tx(|tx| add(tx, draft))
    }

    /// Replaces an order's details.
    pub fn update_protection_order(&self, id: i64, draft: &OrderDraft) -> Result<ProtectionOrder> {
        self.with_tx(|tx| update(tx, id, draft))
    }

    /// One order.
    pub fn protection_order(&self, id: i64) -> Result<ProtectionOrder> {
        self.with_conn(|c| get(c, id))
    }

    /// Every order, newest issue date first.
    pub fn protection_orders(&self) -> Result<Vec<ProtectionOrder>> {
        self.with_conn(|c| list(c))
    }

    /// Removes an order (its linked entries and documents stay in the journal).
    pub fn remove_protection_order(&self, id: i64) -> Result<()> {
        self.with_tx(|tx| {
            if tx.execute("DELETE FROM protection_orders WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound {
                    what: "protection order",
                });
            }
            Ok(())
        })
    }

    /// Where an order stands today in the region, "expiring soon" meaning within
    /// `within_days` days.
    pub fn protection_order_standing(&self, id: i64, within_days: u32) -> Result<OrderStanding> {
        let order = self.protection_order(id)?;
        Ok(order.standing_on(region_today(self.now()), within_days))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn order(kind: OrderKind, issued: NaiveDate, expires: Option<NaiveDate>) -> ProtectionOrder {
        ProtectionOrder {
            id: 1,
            kind,
            issuing_body: "CANARY-BODY".into(),
            reference: None,
            issued_on: issued,
            expires_on: expires,
            conditions: Some("CANARY-CONDITIONS".into()),
            linked_entries: vec![],
            linked_documents: vec![],
        }
    }

    #[test]
    fn defaults_follow_the_law_and_stay_on_the_safe_side() {
        let issued = d(2026, 1, 31);
        assert_eq!(
            OrderKind::PoliceProtectiveOrder.default_expiry(issued),
            Some(d(2026, 3, 2))
        );
        assert_eq!(
            OrderKind::CourtSpecialRequirements.default_expiry(issued),
            Some(d(2026, 4, 30))
        );
        assert_eq!(OrderKind::CriminalNoApproach.default_expiry(issued), None);
    }

    #[test]
    fn terms_outside_the_law_are_refused() {
        let issued = d(2026, 3, 1);
        let police = OrderKind::PoliceProtectiveOrder;
        assert!(police.check_expiry(issued, Some(d(2026, 3, 31))).is_ok());
        assert!(police.check_expiry(issued, Some(d(2026, 4, 1))).is_err());
        assert!(police.check_expiry(issued, Some(d(2026, 2, 28))).is_err());
        assert!(police.check_expiry(issued, None).is_err());
        let court = OrderKind::CourtSpecialRequirements;
        assert!(court.check_expiry(issued, Some(d(2026, 5, 31))).is_err());
        assert!(court.check_expiry(issued, Some(d(2026, 6, 1))).is_ok());
        assert!(court.check_expiry(issued, Some(d(2027, 3, 1))).is_ok());
        assert!(court.check_expiry(issued, Some(d(2027, 3, 2))).is_err());
        let criminal = OrderKind::CriminalNoApproach;
        assert!(criminal.check_expiry(issued, None).is_ok());
        assert!(criminal.check_expiry(issued, Some(d(2030, 1, 1))).is_ok());
        let err = criminal
            .check_expiry(issued, Some(d(2026, 2, 1)))
            .unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                field: "expires_on",
                ..
            }
        ));
    }

    #[test]
    fn status_counts_the_expiry_day_as_covered() {
        let o = order(
            OrderKind::PoliceProtectiveOrder,
            d(2026, 3, 1),
            Some(d(2026, 3, 31)),
        );
        let at = |day| o.standing_on(day, 7);
        assert_eq!(at(d(2026, 2, 28)).status, OrderStatus::NotStarted);
        assert_eq!(
            at(d(2026, 3, 1)),
            OrderStanding {
                status: OrderStatus::Active,
                days_left: Some(30)
            }
        );
        assert_eq!(at(d(2026, 3, 24)).status, OrderStatus::ExpiringSoon);
        assert_eq!(at(d(2026, 3, 23)).status, OrderStatus::Active);
        assert_eq!(
            at(d(2026, 3, 31)),
            OrderStanding {
                status: OrderStatus::ExpiringSoon,
                days_left: Some(0)
            }
        );
        assert_eq!(
            at(d(2026, 4, 1)),
            OrderStanding {
                status: OrderStatus::Expired,
                days_left: Some(0)
            }
        );
        let open = order(OrderKind::CriminalNoApproach, d(2026, 3, 1), None);
        assert_eq!(
            open.standing_on(d(2030, 1, 1), 7),
            OrderStanding {
                status: OrderStatus::Active,
                days_left: None
            }
        );
    }

    #[test]
    fn today_is_the_date_in_almaty_utc_plus_5() {
        let evening_utc = Utc.with_ymd_and_hms(2026, 3, 31, 19, 30, 0).unwrap();
        assert_eq!(region_today(evening_utc), d(2026, 4, 1));
        let before = Utc.with_ymd_and_hms(2026, 3, 31, 18, 59, 0).unwrap();
        assert_eq!(region_today(before), d(2026, 3, 31));
    }

    #[test]
    fn kinds_and_statuses_match_the_content_labels() {
        let labels = &crate::content::content().unwrap().labels;
        let ids: Vec<&str> = OrderKind::ALL.iter().map(|k| k.id()).collect();
        let mut content_ids: Vec<&str> = labels.order_kinds.keys().map(String::as_str).collect();
        content_ids.sort_unstable();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, content_ids);
        for s in [
            OrderStatus::NotStarted,
            OrderStatus::Active,
            OrderStatus::ExpiringSoon,
            OrderStatus::Expired,
        ] {
            assert!(labels.order_status.contains_key(s.id()), "{}", s.id());
        }
        if let Some(police) = labels.order_kinds.get("police_protective_order") {
            for days in [police.default_days, police.max_days].into_iter().flatten() {
                assert_eq!(u64::from(days), POLICE_ORDER_MAX_DAYS);
            }
        }
    }

    #[test]
    fn debug_shows_no_survivor_text() {
        let o = order(OrderKind::CriminalNoApproach, d(2026, 3, 1), None);
        let shown = format!("{o:?}");
        assert!(!shown.contains("CANARY"), "{shown}");
        assert!(shown.starts_with("ProtectionOrder { id: 1"));
    }
}
