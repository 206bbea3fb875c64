//! Word forms: what one written word is indexed and searched as.
//!
//! Why: Russian and Kazakh inflect. The service text says "семьи", "детей", "баспанасы"; she
//! types "семья", "дети", "баспана". Prefix matching only helps when her word is a prefix of the
//! stored form, so every word is also reduced to stems, and the index and the query go through
//! the same [`forms`] function: a word typed exactly as it is stored always finds it again (the
//! property test in `tests/directory_meaning.rs` holds this).
//!
//! A word's forms are its folded spelling (see [`super::normalize`]) and up to three stems:
//!
//! * **Russian**: Snowball's Russian stemmer (`rust-stemmers`), run on the Cyrillic word before
//!   folding (Snowball needs the Cyrillic letters), then folded: "семьи" → "сем" → "sem".
//! * **English**: Snowball's English (Porter 2) stemmer on Latin words: "shelters" → "shelter".
//! * **Kazakh**: [`kazakh_stem`], a small documented suffix-stripping rule set on the folded
//!   form (Kazakh has no well-kept Snowball stemmer; its suffixes are regular enough that
//!   stripping the common case, plural and possessive endings finds the word's base).
//!
//! Every stemmer runs on every word: the index does not know which language a query is typed
//! in. A stem that happens to match an unrelated word is a few extra hits; a missed shelter is
//! the worse mistake.

use super::normalize::fold;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Shortest stem kept, in letters of the folded form: shorter stems match too much.
const MIN_STEM: usize = 3;

/// A word's searchable forms: its folded spelling, then its distinct stems (none equal to it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Forms {
    pub folded: String,
    pub stems: Vec<String>,
}

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Splits text into words the way [`fold`] separates tokens: runs of letters and digits.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The forms of one word (a run of letters and digits). A word that folds to several tokens
/// (rare: a letter outside every mapped script next to a mapped one) yields one entry per token.
pub(crate) fn forms(word: &str) -> Vec<Forms> {
    let lower = word.to_lowercase();
    let folded = fold(&lower);
    let mut out: Vec<Forms> = folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(|t| Forms {
            folded: t.to_string(),
            stems: Vec::new(),
        })
        .collect();
    if out.len() != 1 {
        return out;
    }
    let f = &mut out[0];
    let mut add = |stem: String| {
        if stem.len() >= MIN_STEM && stem != f.folded && !f.stems.contains(&stem) {
            f.stems.push(stem);
        }
    };
    let is_cyrillic = lower
        .chars()
        .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
    if is_cyrillic {
        add(fold(&russian().stem(&lower)));
    } else if lower.chars().all(|c| c.is_ascii_alphabetic()) {
        add(english().stem(&lower).into_owned());
    }
    add(kazakh_stem(&f.folded));
    out
}

/// Kazakh endings on the folded form (ы → y, і → i, ғ → g, қ → k, ң → n, ә → a, ө → o,
/// ұ/ү → u), longest first within each group. Kazakh is agglutinative and its endings come in a
/// fixed order (plural, possessive, case), so they are stripped from the end in that reverse
/// order: case, then possessive, then plural ("балаларымызға" → "bala"). Each group strips at
/// most one ending; the stem keeps at least [`MIN_STEM`] letters, and one-letter endings need
/// four. Derivational suffixes (-лық, -шы, …) are left alone: they change the word's meaning.
#[rustfmt::skip]
const CASE_ENDINGS: &[&str] = &[
    // locative + relative "-дағы/-дегі" ("Алматыдағы": the one in Almaty)
    "ndagy", "ndegi", "dagy", "degi", "tagy", "tegi",
    // ablative -дан/-ден/-тан/-тен/-нан/-нен
    "dan", "den", "tan", "ten", "nan", "nen",
    // genitive -ның/-нің/-дың/-дің/-тың/-тің
    "nyn", "nin", "dyn", "din", "tyn", "tin",
    // instrumental -мен/-бен/-пен
    "men", "ben", "pen",
    // locative -нда/-нде/-да/-де/-та/-те
    "nda", "nde", "da", "de", "ta", "te",
    // dative -ға/-ге/-қа/-ке/-на/-не
    "ga", "ge", "ka", "ke", "na", "ne",
    // accusative -ны/-ні/-ды/-ді/-ты/-ті
    "ny", "ni", "dy", "di", "ty", "ti",
    // dative/accusative after a possessive: -а/-е/-н
    "a", "e", "n",
];
#[rustfmt::skip]
const POSSESSIVE_ENDINGS: &[&str] = &[
    // 1st/2nd person plural, 3rd person -сы/-сі, 1st/2nd singular, 3rd -ы/-і
    "ymyz", "imiz", "myz", "miz", "ynyz", "iniz", "nyz", "niz", "sy", "si", "ym", "im", "yn",
    "in", "y", "i",
];
const PLURAL_ENDINGS: &[&str] = &["lar", "ler", "dar", "der", "tar", "ter"];

/// Strips Kazakh inflectional endings from a folded word (see [`CASE_ENDINGS`]). Returns the
/// word itself when nothing applies. Words with digits are left alone. A stem that lost an
/// ending and now ends in "g" or "b" gets back the "k" or "p" that Kazakh voices before a vowel
/// ending ("орталығы" → "ortalyk", as "орталық"; "кітабы" → "kitap", as "кітап").
pub(crate) fn kazakh_stem(folded: &str) -> String {
    if !folded.bytes().all(|b| b.is_ascii_lowercase()) {
        return folded.to_string();
    }
    let mut stem = folded;
    for group in [CASE_ENDINGS, POSSESSIVE_ENDINGS, PLURAL_ENDINGS] {
        for ending in group {
            let min = if ending.len() == 1 {
                MIN_STEM + 1
            } else {
                MIN_STEM
            };
            if stem.len() >= ending.len() + min && stem.ends_with(ending) {
                stem = &stem[..stem.len() - ending.len()];
                break;
            }
        }
    }
    if stem.len() == folded.len() {
        return stem.to_string();
    }
    let mut out = stem.to_string();
    match out.pop() {
        Some('g') => out.push('k'),
        Some('b') => out.push('p'),
        Some(c) => out.push(c),
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(w: &str) -> Vec<String> {
        forms(w).remove(0).stems
    }

    fn share_a_form(a: &str, b: &str) -> bool {
        let (a, b) = (forms(a).remove(0), forms(b).remove(0));
        let all = |f: &Forms| {
            let mut v = f.stems.clone();
            v.push(f.folded.clone());
            v
        };
        let (a, b) = (all(&a), all(&b));
        a.iter().any(|x| b.contains(x))
    }

    #[test]
    fn russian_inflections_share_a_stem() {
        for (a, b) in [
            ("семья", "семьи"),
            ("дети", "детей"),
            ("полиция", "полиции"),
            ("убежище", "убежища"),
            ("насилие", "насилия"),
            ("юрист", "юристы"),
        ] {
            assert!(
                share_a_form(a, b),
                "{a} / {b}: {:?} {:?}",
                stems(a),
                stems(b)
            );
        }
    }

    #[test]
    fn kazakh_inflections_share_a_stem() {
        for (a, b) in [
            ("баспана", "баспанасы"),
            ("бала", "балаларымызға"),
            ("Алматы", "Алматыдағы"),
            ("әйел", "әйелдерге"),
            ("орталық", "орталығы"),
            ("полиция", "полицияға"),
            ("кітап", "кітабы"),
        ] {
            assert!(
                share_a_form(a, b),
                "{a} / {b}: {:?} {:?}",
                stems(a),
                stems(b)
            );
        }
    }

    #[test]
    fn english_plurals_share_a_stem() {
        assert!(share_a_form("shelter", "shelters"));
        assert!(share_a_form("lawyer", "lawyers"));
    }

    #[test]
    fn kazakh_rules_keep_short_words_and_numbers() {
        assert_eq!(kazakh_stem("ana"), "ana");
        assert_eq!(kazakh_stem("112"), "112");
        assert_eq!(kazakh_stem("bala"), "bala");
        assert_eq!(kazakh_stem("balalar"), "bala");
    }

    #[test]
    fn words_split_like_fold() {
        let w: Vec<&str> = words("Нұр-Сұлтан, 112!").collect();
        assert_eq!(w, ["Нұр", "Сұлтан", "112"]);
    }
}
