//! The localized content compiled into the core: safety-plan sections and suggestions, rights
//! information for the region, danger signs, and the labels of every choice list and report.
//!
//! Why JSON compiled in (`include_str!`) and parsed into typed structs: the text is written by
//! people who are not programmers (see `core/content/README.md`), must be the same on Android
//! and iOS, and must never be fetched from a network. Serde checks the shape at first use and a
//! test checks that every string exists, non-empty, in Kazakh, Russian and English, and that
//! ids are unique — so a missing translation fails the build's tests, not a survivor's screen.
//!
//! The vault stores only content ids (a plan suggestion, a relation, a capability), never the
//! text, so switching language re-renders everything that is not her own writing.

use crate::error::{Error, Result};
use crate::locale::Locale;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A string in every supported language.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Localized {
    /// Kazakh (Cyrillic).
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Kk => &self.kk,
            Locale::Ru => &self.ru,
            Locale::En => &self.en,
        }
    }
}

/// Where a statement comes from.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Source {
    /// Title of the document or page.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Its address, where it has one.
    #[serde(default)]
    pub url: Option<String>,
    /// Its date (as given by the source).
    pub date: String,
    /// For a law or code: the day its status (in force, which text, repealed or not) was
    /// last checked (YYYY-MM-DD). A statement must not cite a law without it.
    #[serde(default)]
    pub status_as_of: Option<String>,
    /// For a law or code: what was found about its status on `status_as_of` (English, for
    /// reviewers).
    #[serde(default)]
    pub status: Option<String>,
}

/// Whether a statement was confirmed in its sources on its `verified_on` date.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Verification {
    /// Confirmed in the cited sources.
    Verified,
    /// Stated "as of" its date; something in it could not be confirmed (see its `notes`).
    Unverified,
}

/// `plan.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct PlanContent {
    pub schema: u32,
    pub sections: Vec<PlanSectionContent>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlanSectionContent {
    pub id: String,
    pub title: Localized,
    pub guidance: Localized,
    pub items: Vec<PlanSuggestionContent>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct PlanSuggestionContent {
    pub id: String,
    pub text: Localized,
}

/// `rights_kz.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct RightsContent {
    pub schema: u32,
    /// Checked by the tests (the file must be Kazakhstan's).
    #[cfg_attr(not(test), allow(dead_code))]
    pub region: String,
    pub statements: Vec<RightsStatementContent>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RightsStatementContent {
    pub id: String,
    pub title: Localized,
    pub body: Localized,
    pub sources: Vec<Source>,
    pub verified_on: String,
    pub verification: Verification,
    /// For reviewers, not shown (checked by the tests to exist when unverified).
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub notes: Option<String>,
}

/// `danger_signs.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct DangerContent {
    pub schema: u32,
    pub intro: Localized,
    pub signs: Vec<DangerSignContent>,
    pub closing: Localized,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DangerSignContent {
    pub id: String,
    pub text: Localized,
    pub why: Localized,
    pub next_step: Localized,
    pub sources: Vec<Source>,
}

/// `labels.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct Labels {
    pub schema: u32,
    pub incident_kinds: BTreeMap<String, Localized>,
    pub order_kinds: BTreeMap<String, OrderKindContent>,
    pub order_status: BTreeMap<String, Localized>,
    pub contact_capabilities: BTreeMap<String, Localized>,
    pub relations: BTreeMap<String, Localized>,
    pub attachment_kinds: BTreeMap<String, Localized>,
    pub service_types: BTreeMap<String, Localized>,
    pub report: BTreeMap<String, Localized>,
    /// What each journal revision did (`RevisionAction::id`), for the report.
    pub revision_actions: BTreeMap<String, Localized>,
    pub validation: BTreeMap<String, Localized>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct OrderKindContent {
    pub name: Localized,
    pub description: Localized,
    #[serde(default)]
    pub default_days: Option<u32>,
    #[serde(default)]
    pub min_days: Option<u32>,
    #[serde(default)]
    pub max_days: Option<u32>,
    pub sources: Vec<Source>,
}

/// Everything, parsed once.
#[derive(Debug)]
pub(crate) struct Content {
    pub plan: PlanContent,
    pub rights: RightsContent,
    pub danger: DangerContent,
    pub labels: Labels,
}

const PLAN_JSON: &str = include_str!("../content/plan.json");
const RIGHTS_JSON: &str = include_str!("../content/rights_kz.json");
const DANGER_JSON: &str = include_str!("../content/danger_signs.json");
const LABELS_JSON: &str = include_str!("../content/labels.json");

/// The content schema version this build reads.
const SCHEMA: u32 = 1;

/// The compiled-in content. It is checked by this module's tests, so a failure here means a
/// broken build; it is still reported as an error rather than a panic.
pub(crate) fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<Option<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(parse_all)
        .as_ref()
        .ok_or(Error::Corrupt { what: "content" })
}

fn parse_all() -> Option<Content> {
    let content = Content {
        plan: serde_json::from_str(PLAN_JSON).ok()?,
        rights: serde_json::from_str(RIGHTS_JSON).ok()?,
        danger: serde_json::from_str(DANGER_JSON).ok()?,
        labels: serde_json::from_str(LABELS_JSON).ok()?,
    };
    let schemas = [
        content.plan.schema,
        content.rights.schema,
        content.danger.schema,
        content.labels.schema,
    ];
    schemas.iter().all(|s| *s == SCHEMA).then_some(content)
}

impl Content {
    /// Every localized string, with a path naming where it is (for the completeness test).
    #[cfg(test)]
    fn all_strings(&self) -> Vec<(String, &Localized)> {
        let mut out: Vec<(String, &Localized)> = Vec::new();
        for s in &self.plan.sections {
            out.push((format!("plan.{}.title", s.id), &s.title));
            out.push((format!("plan.{}.guidance", s.id), &s.guidance));
            for i in &s.items {
                out.push((format!("plan.{}", i.id), &i.text));
            }
        }
        for s in &self.rights.statements {
            out.push((format!("rights.{}.title", s.id), &s.title));
            out.push((format!("rights.{}.body", s.id), &s.body));
        }
        out.push(("danger.intro".into(), &self.danger.intro));
        out.push(("danger.closing".into(), &self.danger.closing));
        for s in &self.danger.signs {
            out.push((format!("danger.{}.text", s.id), &s.text));
            out.push((format!("danger.{}.why", s.id), &s.why));
            out.push((format!("danger.{}.next_step", s.id), &s.next_step));
        }
        let l = &self.labels;
        for (group, map) in [
            ("incident_kinds", &l.incident_kinds),
            ("order_status", &l.order_status),
            ("contact_capabilities", &l.contact_capabilities),
            ("relations", &l.relations),
            ("attachment_kinds", &l.attachment_kinds),
            ("service_types", &l.service_types),
            ("report", &l.report),
            ("revision_actions", &l.revision_actions),
            ("validation", &l.validation),
        ] {
            for (id, text) in map {
                out.push((format!("labels.{group}.{id}"), text));
            }
        }
        for (id, kind) in &l.order_kinds {
            out.push((format!("labels.order_kinds.{id}.name"), &kind.name));
            out.push((
                format!("labels.order_kinds.{id}.description"),
                &kind.description,
            ));
        }
        out
    }
}

// ---- Public, localized views -----------------------------------------------------------------

/// A statement of her rights, with its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RightsStatement {
    /// Content id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The statement.
    pub body: String,
    /// Where it comes from.
    pub sources: Vec<Source>,
    /// When it was last checked against its sources (YYYY-MM-DD).
    pub verified_on: String,
    /// False when something in it could not be confirmed: the text then says "as of" its
    /// date, and a shell may show it as unconfirmed.
    pub verified: bool,
}

/// The rights information for the region, in `locale`.
pub fn rights(locale: Locale) -> Result<Vec<RightsStatement>> {
    Ok(content()?
        .rights
        .statements
        .iter()
        .map(|s| RightsStatement {
            id: s.id.clone(),
            title: s.title.get(locale).to_owned(),
            body: s.body.get(locale).to_owned(),
            sources: s.sources.clone(),
            verified_on: s.verified_on.clone(),
            verified: s.verification == Verification::Verified,
        })
        .collect())
}

/// One sign that advocates and research link to escalation. No score: each stands alone.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DangerSign {
    /// Content id.
    pub id: String,
    /// The sign, as a question or statement.
    pub text: String,
    /// Why it matters.
    pub why: String,
    /// A plain next step.
    pub next_step: String,
    /// Where it comes from.
    pub sources: Vec<Source>,
}

/// The danger-sign reflection page, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DangerSigns {
    /// Shown before the signs.
    pub intro: String,
    /// The signs, in content order.
    pub signs: Vec<DangerSign>,
    /// Shown after the signs.
    pub closing: String,
}

/// The danger signs, in `locale`.
pub fn danger_signs(locale: Locale) -> Result<DangerSigns> {
    let d = &content()?.danger;
    Ok(DangerSigns {
        intro: d.intro.get(locale).to_owned(),
        signs: d
            .signs
            .iter()
            .map(|s| DangerSign {
                id: s.id.clone(),
                text: s.text.get(locale).to_owned(),
                why: s.why.get(locale).to_owned(),
                next_step: s.next_step.get(locale).to_owned(),
                sources: s.sources.clone(),
            })
            .collect(),
        closing: d.closing.get(locale).to_owned(),
    })
}

/// A list of choices the shells offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChoiceList {
    /// Kinds of incident (journal).
    IncidentKinds,
    /// Kinds of protection order.
    OrderKinds,
    /// Statuses of a protection order.
    OrderStatus,
    /// What a trusted contact can do.
    ContactCapabilities,
    /// How a trusted contact is related to her.
    Relations,
    /// Kinds of attachment.
    AttachmentKinds,
    /// Types of service in the directory.
    ServiceTypes,
}

/// One choice: the id the core stores and the label to show.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Choice {
    /// Stored id.
    pub id: String,
    /// Label in the requested language.
    pub label: String,
}

/// The choices of `list` in `locale`, in content order (ids sorted).
pub fn choices(list: ChoiceList, locale: Locale) -> Result<Vec<Choice>> {
    let l = &content()?.labels;
    let map = match list {
        ChoiceList::OrderKinds => {
            return Ok(l
                .order_kinds
                .iter()
                .map(|(id, k)| Choice {
                    id: id.clone(),
                    label: k.name.get(locale).to_owned(),
                })
                .collect())
        }
        ChoiceList::IncidentKinds => &l.incident_kinds,
        ChoiceList::OrderStatus => &l.order_status,
        ChoiceList::ContactCapabilities => &l.contact_capabilities,
        ChoiceList::Relations => &l.relations,
        ChoiceList::AttachmentKinds => &l.attachment_kinds,
        ChoiceList::ServiceTypes => &l.service_types,
    };
    Ok(map
        .iter()
        .map(|(id, text)| Choice {
            id: id.clone(),
            label: text.get(locale).to_owned(),
        })
        .collect())
}

/// The localized text for a validation message key (see `labels.json` "validation"), if any.
pub fn validation_text(key: &str, locale: Locale) -> Result<Option<String>> {
    Ok(content()?
        .labels
        .validation
        .get(key)
        .map(|t| t.get(locale).to_owned()))
}

/// Checks that `id` is in `list` (for ids she picks from a list).
pub(crate) fn ensure_choice(list: ChoiceList, id: &str, field: &'static str) -> Result<()> {
    let l = &content()?.labels;
    let known = match list {
        ChoiceList::OrderKinds => l.order_kinds.contains_key(id),
        ChoiceList::IncidentKinds => l.incident_kinds.contains_key(id),
        ChoiceList::OrderStatus => l.order_status.contains_key(id),
        ChoiceList::ContactCapabilities => l.contact_capabilities.contains_key(id),
        ChoiceList::Relations => l.relations.contains_key(id),
        ChoiceList::AttachmentKinds => l.attachment_kinds.contains_key(id),
        ChoiceList::ServiceTypes => l.service_types.contains_key(id),
    };
    if known {
        Ok(())
    } else {
        Err(Error::invalid(field, "is not one of the offered choices"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_file_parses_with_the_expected_schema() {
        let c = content().unwrap();
        assert_eq!(c.plan.schema, SCHEMA);
        assert_eq!(c.rights.schema, SCHEMA);
        assert_eq!(c.danger.schema, SCHEMA);
        assert_eq!(c.labels.schema, SCHEMA);
        assert_eq!(c.rights.region, "KZ");
    }

    #[test]
    fn every_string_exists_in_every_locale() {
        let c = content().unwrap();
        let strings = c.all_strings();
        assert!(strings.len() > 100, "suspiciously little content");
        for (path, text) in strings {
            for locale in Locale::ALL {
                assert!(
                    !text.get(locale).trim().is_empty(),
                    "{path} is empty in {locale}"
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_plan_items_are_prefixed_by_their_section() {
        let c = content().unwrap();
        let mut seen = HashSet::new();
        for s in &c.plan.sections {
            assert!(seen.insert(s.id.clone()), "duplicate section {}", s.id);
            for i in &s.items {
                assert!(seen.insert(i.id.clone()), "duplicate item {}", i.id);
                assert!(i.id.starts_with(&format!("{}.", s.id)), "{}", i.id);
            }
        }
        let rights: HashSet<_> = c.rights.statements.iter().map(|s| &s.id).collect();
        assert_eq!(rights.len(), c.rights.statements.len());
        let signs: HashSet<_> = c.danger.signs.iter().map(|s| &s.id).collect();
        assert_eq!(signs.len(), c.danger.signs.len());
    }

    #[test]
    fn the_plan_has_the_fifteen_standard_sections_in_order() {
        let ids: Vec<&str> = content()
            .unwrap()
            .plan
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "warning_signs",
                "safety_at_home",
                "escape_routes",
                "emergency_contacts",
                "code_words",
                "go_bag",
                "money",
                "where_to_go",
                "children",
                "pets",
                "digital_safety",
                "legal_protection",
                "after_leaving",
                "emotional_support",
                "review_date"
            ]
        );
    }

    /// Every source in the content, with where it is.
    fn all_sources(c: &Content) -> Vec<(String, &Source)> {
        let mut out = Vec::new();
        for s in &c.rights.statements {
            out.extend(s.sources.iter().map(|x| (format!("rights.{}", s.id), x)));
        }
        for s in &c.danger.signs {
            out.extend(s.sources.iter().map(|x| (format!("danger.{}", s.id), x)));
        }
        for (id, k) in &c.labels.order_kinds {
            out.extend(k.sources.iter().map(|x| (format!("order_kinds.{id}"), x)));
        }
        out
    }

    fn is_date(s: &str) -> bool {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
    }

    #[test]
    fn every_statement_sign_and_order_kind_has_dated_sources() {
        let c = content().unwrap();
        let year = regex::Regex::new(r"^\d{4}$").unwrap();
        for (at, src) in all_sources(c) {
            assert!(
                !src.title.trim().is_empty() && !src.publisher.trim().is_empty(),
                "{at}"
            );
            assert!(
                is_date(&src.date) || year.is_match(&src.date),
                "{at}: source date {:?} is neither YYYY-MM-DD nor YYYY",
                src.date
            );
        }
        for (id, k) in &c.labels.order_kinds {
            assert!(!k.sources.is_empty(), "order kind {id} has no source");
        }
        for s in &c.rights.statements {
            assert!(is_date(&s.verified_on), "{}", s.id);
            if s.verification == Verification::Unverified {
                assert!(
                    s.notes.as_deref().is_some_and(|n| !n.trim().is_empty()),
                    "{} is unverified but its notes do not say what is missing",
                    s.id
                );
            }
        }
    }

    #[test]
    fn no_statement_cites_a_law_without_its_status_date() {
        let c = content().unwrap();
        // A source that is a law, a code or an article of one must say when its status was
        // last checked. (News reports about a law are not laws.)
        let law = regex::Regex::new(
            r"(?i)^(закон |law of |law no|уголовный кодекс|кодекс|article \d+\.)",
        )
        .unwrap();
        for (at, src) in all_sources(c) {
            if law.is_match(&src.title) {
                let checked = src.status_as_of.as_deref().unwrap_or_default();
                assert!(
                    is_date(checked),
                    "{at}: {:?} has no status_as_of",
                    src.title
                );
                assert!(src.status.is_some(), "{at}: {:?} has no status", src.title);
            }
        }
        // A law number in the text (e.g. № 214-IV, No. 72-VIII) must be among the statement's
        // sources, with a status date.
        let number = regex::Regex::new(r"\b(\d{1,4}-[IVX]{1,5})\b").unwrap();
        for s in &c.rights.statements {
            for locale in Locale::ALL {
                for m in number.captures_iter(s.body.get(locale)) {
                    let n = &m[1];
                    assert!(
                        s.sources.iter().any(|x| x.title.contains(n)
                            && x.status_as_of.as_deref().is_some_and(is_date)),
                        "rights.{} ({locale}) cites {n} without a dated source for it",
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn no_bare_zorlyq_in_kazakh() {
        // «зорлық» alone reads as coercion or rape; the term for violence is «зорлық-зомбылық»
        // (and its forms: зорлық-зомбылыққа, зорлық-зомбылығы, ...).
        let word = regex::Regex::new(r"(?i)зорлық(-зомбыл)?").unwrap();
        let c = content().unwrap();
        for (path, text) in c.all_strings() {
            for m in word.captures_iter(&text.kk) {
                assert!(m.get(1).is_some(), "{path}: bare «зорлық» in {:?}", text.kk);
            }
        }
        assert!(word.captures("зорлық жасаған").unwrap().get(1).is_none());
        assert!(word.captures("зорлық-зомбылығы").unwrap().get(1).is_some());
    }

    #[test]
    fn kazakh_calques_fixed_in_the_review_stay_fixed() {
        let c = content().unwrap();
        for (path, text) in c.all_strings() {
            for calque in [
                "күнге дейін әрекет етеді",
                "психоактивті",
                "қол жетерлік жерде",
            ] {
                assert!(!text.kk.contains(calque), "{path}: {calque}");
            }
            assert!(!text.ru.contains("через лифт"), "{path}");
        }
    }

    #[test]
    fn every_revision_action_has_a_label() {
        use crate::journal::RevisionAction as A;
        let labels = &content().unwrap().labels;
        let all = [A::Create, A::Edit, A::Attach, A::Hide, A::Restore, A::Erase];
        for action in all {
            // A new action makes this match fail to compile, so the list above stays whole.
            match action {
                A::Create | A::Edit | A::Attach | A::Hide | A::Restore | A::Erase => {}
            }
            assert!(
                labels.revision_actions.contains_key(action.id()),
                "{}",
                action.id()
            );
        }
        assert_eq!(labels.revision_actions.len(), all.len());
    }

    #[test]
    fn almaty_is_utc_plus_five_from_2024_onward() {
        // Kazakhstan moved to a single zone, UTC+5, on 1 March 2024 (tzdata 2024a). Reports
        // show local times with chrono-tz: a build with old tz data would print them an hour off.
        use chrono::{Offset, TimeZone};
        let almaty = chrono_tz::Asia::Almaty;
        for (y, m, d) in [
            (2024, 5, 1),
            (2024, 12, 31),
            (2025, 7, 1),
            (2026, 1, 15),
            (2030, 6, 1),
        ] {
            let t = almaty.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap();
            assert_eq!(t.offset().fix().local_minus_utc(), 5 * 3600, "{y}-{m}-{d}");
            assert!(t.to_rfc3339().ends_with("+05:00"));
        }
        let before = almaty.with_ymd_and_hms(2024, 2, 1, 12, 0, 0).unwrap();
        assert_eq!(before.offset().fix().local_minus_utc(), 6 * 3600);
    }

    #[test]
    fn every_statement_and_sign_has_a_source() {
        let c = content().unwrap();
        for s in &c.rights.statements {
            assert!(!s.sources.is_empty(), "{}", s.id);
            assert!(
                chrono::NaiveDate::parse_from_str(&s.verified_on, "%Y-%m-%d").is_ok(),
                "{}",
                s.id
            );
        }
        for s in &c.danger.signs {
            assert!(!s.sources.is_empty(), "{}", s.id);
        }
    }
}
