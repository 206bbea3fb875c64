//! What people say, mapped to the kinds of help that answer it.
//!
//! Why: she does not type the directory's words. She types "убежище", "избил", "ұрып-соқты",
//! "lawyer", "домашнее насилие" — and the entry is called "Кризисный центр «Шанс»" or "Юридическая
//! консультация". A word or phrase of this small vocabulary widens its part of the query to every
//! service of the listed types (the words still match the text too, so ranking prefers services
//! that say them). The list is short on purpose: each line is a promise that those types help
//! with that; keep it reviewed by people who work with survivors.
//!
//! Phrases are matched on word forms ([`super::stem`]), so inflections count: "избила", "побои",
//! "кризисного центра" match their lines.

use super::stem::{forms, words, Forms};
use super::ServiceType::{self, *};
use std::sync::OnceLock;

/// (phrase, kinds of help). Kazakh, Russian and English, in any order.
const VOCABULARY: &[(&str, &[ServiceType])] = &[
    // Violence at home: who can help right away.
    ("домашнее насилие", VIOLENCE),
    ("бытовое насилие", VIOLENCE),
    ("насилие", VIOLENCE),
    ("избил", VIOLENCE),
    ("избила", VIOLENCE),
    ("бьет", VIOLENCE),
    ("побои", VIOLENCE),
    ("абьюз", VIOLENCE),
    ("тиран", VIOLENCE),
    ("тұрмыстық зорлық", VIOLENCE),
    ("зорлық", VIOLENCE),
    ("зомбылық", VIOLENCE),
    ("ұрып соқты", VIOLENCE),
    ("ұрды", VIOLENCE),
    ("соқты", VIOLENCE),
    ("domestic violence", VIOLENCE),
    ("violence", VIOLENCE),
    ("abuse", VIOLENCE),
    ("beaten", VIOLENCE),
    // A safe place to stay.
    ("убежище", SHELTER),
    ("приют", SHELTER),
    ("ночлег", SHELTER),
    ("негде жить", SHELTER),
    ("баспана", SHELTER),
    ("пана", SHELTER),
    ("shelter", SHELTER),
    ("refuge", SHELTER),
    ("safe house", SHELTER),
    // Crisis centres.
    ("кризисный центр", &[CrisisCentre]),
    ("дағдарыс орталығы", &[CrisisCentre]),
    ("crisis centre", &[CrisisCentre]),
    ("crisis center", &[CrisisCentre]),
    // Legal help.
    ("юрист", &[LegalAid]),
    ("адвокат", &[LegalAid]),
    ("юридическая помощь", &[LegalAid]),
    ("заңгер", &[LegalAid]),
    ("заң көмегі", &[LegalAid]),
    ("lawyer", &[LegalAid]),
    ("legal", &[LegalAid]),
    ("attorney", &[LegalAid]),
    // Police.
    ("полиция", &[Police]),
    ("милиция", &[Police]),
    ("участковый", &[Police]),
    ("police", &[Police]),
    // Medical help.
    ("врач", &[Medical]),
    ("больница", &[Medical]),
    ("скорая", &[Medical]),
    ("дәрігер", &[Medical]),
    ("аурухана", &[Medical]),
    ("жедел жәрдем", &[Medical]),
    ("doctor", &[Medical]),
    ("hospital", &[Medical]),
    ("ambulance", &[Medical]),
    // Someone to talk to.
    ("психолог", TALK),
    ("поговорить", TALK),
    ("телефон доверия", TALK),
    ("горячая линия", TALK),
    ("сенім телефоны", TALK),
    ("психолог көмегі", TALK),
    ("psychologist", TALK),
    ("counselling", TALK),
    ("helpline", TALK),
    // Children.
    ("дети", &[ChildProtection]),
    ("ребенок", &[ChildProtection]),
    ("бала", &[ChildProtection]),
    ("child", &[ChildProtection]),
    ("children", &[ChildProtection]),
    // In danger now.
    ("помогите", DANGER),
    ("опасность", DANGER),
    ("көмектесіңдер", DANGER),
    ("қауіп", DANGER),
    ("danger", DANGER),
    ("emergency", DANGER),
];

const VIOLENCE: &[ServiceType] = &[CrisisCentre, Shelter, Hotline, Police, PsychologicalSupport];
const SHELTER: &[ServiceType] = &[Shelter, CrisisCentre];
const TALK: &[ServiceType] = &[PsychologicalSupport, Hotline];
const DANGER: &[ServiceType] = &[Emergency, Police, Hotline];

/// One vocabulary line, its words as forms.
#[derive(Debug)]
pub(crate) struct Intent {
    pub words: Vec<Forms>,
    pub types: &'static [ServiceType],
}

/// The vocabulary, longest phrases first (so "домашнее насилие" wins over "насилие").
pub(crate) fn vocabulary() -> &'static [Intent] {
    static V: OnceLock<Vec<Intent>> = OnceLock::new();
    V.get_or_init(|| {
        let mut v: Vec<Intent> = VOCABULARY
            .iter()
            .map(|(phrase, types)| Intent {
                words: words(phrase).flat_map(forms).collect(),
                types,
            })
            .collect();
        v.sort_by_key(|i| std::cmp::Reverse(i.words.len()));
        v
    })
}

/// Whether two words are the same word: equal folded spelling, or a shared stem.
pub(crate) fn same_word(a: &Forms, b: &Forms) -> bool {
    a.folded == b.folded
        || a.stems.contains(&b.folded)
        || b.stems.contains(&a.folded)
        || a.stems.iter().any(|s| b.stems.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(w: &str) -> Forms {
        forms(w).remove(0)
    }

    #[test]
    fn every_phrase_has_words_and_types() {
        for i in vocabulary() {
            assert!(!i.words.is_empty() && !i.types.is_empty());
        }
        // Longest first.
        let lens: Vec<usize> = vocabulary().iter().map(|i| i.words.len()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn inflected_forms_are_the_same_word() {
        assert!(same_word(&one("избил"), &one("избила")));
        assert!(same_word(&one("кризисный"), &one("кризисного")));
        assert!(same_word(&one("баспана"), &one("баспанасы")));
        assert!(!same_word(&one("полиция"), &one("приют")));
    }
}
