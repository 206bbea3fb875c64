//! The service-type taxonomy: a closed list, because the shells filter and label by it and a
//! pack maintainer's typo ("shleter") must be an error, not a service nobody can find.
//!
//! HSDS links services to taxonomy terms through `attribute` records; the Haven profile
//! flattens that into a `service_types` list of these codes (taxonomy `haven-service-type`).
//! Each term's names in every locale are indexed for search, so "приют" finds shelters.

use crate::locale::Locale;
use std::fmt;
use std::str::FromStr;

/// What kind of help a service gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ServiceType {
    /// A shelter (address confidential, intake by phone).
    Shelter,
    /// A crisis centre.
    CrisisCentre,
    /// A telephone hotline.
    Hotline,
    /// Police.
    Police,
    /// Legal aid.
    LegalAid,
    /// Medical help.
    Medical,
    /// Psychological support.
    PsychologicalSupport,
    /// Child protection.
    ChildProtection,
    /// Emergency services (fire, ambulance, unified emergency number).
    Emergency,
}

impl ServiceType {
    /// Every service type, in display order.
    pub const ALL: [ServiceType; 9] = [
        ServiceType::Emergency,
        ServiceType::Hotline,
        ServiceType::Police,
        ServiceType::CrisisCentre,
        ServiceType::Shelter,
        ServiceType::PsychologicalSupport,
        ServiceType::LegalAid,
        ServiceType::Medical,
        ServiceType::ChildProtection,
    ];

    /// The code used in packs.
    pub fn code(self) -> &'static str {
        match self {
            ServiceType::Shelter => "shelter",
            ServiceType::CrisisCentre => "crisis_centre",
            ServiceType::Hotline => "hotline",
            ServiceType::Police => "police",
            ServiceType::LegalAid => "legal_aid",
            ServiceType::Medical => "medical",
            ServiceType::PsychologicalSupport => "psychological_support",
            ServiceType::ChildProtection => "child_protection",
            ServiceType::Emergency => "emergency",
        }
    }

    /// The label shown to the user.
    pub fn label(self, locale: Locale) -> &'static str {
        let [kk, ru, en] = self.labels();
        match locale {
            Locale::Kk => kk,
            Locale::Ru => ru,
            Locale::En => en,
        }
    }

    /// Labels in kk, ru, en; also indexed for search.
    fn labels(self) -> [&'static str; 3] {
        match self {
            ServiceType::Shelter => ["Уақытша баспана", "Приют (убежище)", "Shelter"],
            ServiceType::CrisisCentre => ["Дағдарыс орталығы", "Кризисный центр", "Crisis centre"],
            ServiceType::Hotline => ["Сенім телефоны", "Телефон доверия", "Hotline"],
            ServiceType::Police => ["Полиция", "Полиция", "Police"],
            ServiceType::LegalAid => ["Заң көмегі", "Юридическая помощь", "Legal aid"],
            ServiceType::Medical => ["Медициналық көмек", "Медицинская помощь", "Medical help"],
            ServiceType::PsychologicalSupport => [
                "Психологиялық қолдау",
                "Психологическая поддержка",
                "Psychological support",
            ],
            ServiceType::ChildProtection => {
                ["Балаларды қорғау", "Защита детей", "Child protection"]
            }
            ServiceType::Emergency => ["Шұғыл көмек", "Экстренная помощь", "Emergency"],
        }
    }

    /// Every label and the code, for the search index.
    pub(crate) fn search_text(self) -> String {
        let mut text = self.labels().join(" ");
        text.push(' ');
        text.push_str(&self.code().replace('_', " "));
        text
    }
}

impl FromStr for ServiceType {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        ServiceType::ALL
            .into_iter()
            .find(|t| t.code() == s)
            .ok_or(())
    }
}

impl fmt::Display for ServiceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
