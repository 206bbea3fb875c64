//! One searchable form for every script the directory is written and searched in.
//!
//! Why: a survivor types in whatever keyboard the phone has open — Kazakh Cyrillic, Russian,
//! the Latin Kazakh alphabet, or an English transliteration — often in a hurry and without the
//! special letters. "Алматы", "Almaty", "almaty" and "АЛМАТЫ" must find the same entries, and
//! "Қарағанды", "Qarağandy" and "Karagandy" too. Both the indexed text and the query go through
//! [`fold`], so the full-text index only ever sees one form: lowercase Latin letters and digits.
//!
//! The folding is deliberately lossy (қ/q/k → k, ғ/ğ/g → g, ң/ñ/n → n, ө/ö/o → o, ұ/ү/ū/ü/u → u,
//! і/ı/и/й/i → i, ә/ä/a → a, һ/х/h → h, ж/zh/j → j); a few extra matches cost nothing, a missed
//! shelter can. English spellings that are not a letter-for-letter transliteration
//! ("Kazakhstan" with "kh" for қ) only match by prefix.
//!
//! [`fts_query`] turns user input into a safe FTS5 expression: each folded token becomes a quoted
//! prefix term, so no user text is ever interpreted as FTS syntax (quotes, `*`, `^`, `:`,
//! parentheses, `NEAR`, `AND`/`OR`/`NOT`).

/// Longest query considered, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most tokens used from a query.
pub const MAX_QUERY_TOKENS: usize = 16;

/// Folds `text` to the searchable form: lowercase Latin letters and digits separated by single
/// spaces. Every other character separates tokens.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for lower in c.to_lowercase() {
            push_folded(&mut out, lower);
        }
    }
    // Latin transliterations of ж: "zh" (Russian, English) and "j" (Kazakh Latin).
    let out = if out.contains("zh") {
        out.replace("zh", "j")
    } else {
        out
    };
    let mut tokens = String::with_capacity(out.len());
    for token in out.split(' ').filter(|t| !t.is_empty()) {
        if !tokens.is_empty() {
            tokens.push(' ');
        }
        tokens.push_str(token);
    }
    tokens
}

fn push_folded(out: &mut String, c: char) {
    let mapped: &str = match c {
        'a'..='z' | '0'..='9' => {
            out.push(if c == 'q' { 'k' } else { c });
            return;
        }
        // Cyrillic (Russian and Kazakh).
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "j",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' | 'ў' => "u",
        'ф' => "f",
        'х' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ш' | 'щ' => "sh",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        // Latin letters of the Kazakh (2021), Turkish and other alphabets.
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'ç' | 'č' => "ch",
        'ć' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' | 'ǐ' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ǒ' => "o",
        'ŕ' | 'ř' => "r",
        'ś' => "s",
        'š' | 'ş' | 'ș' => "sh",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' => "z",
        'ž' => "j",
        'ß' => "ss",
        // Combining marks (e.g. the dot left by lowercasing "İ") vanish.
        '\u{0300}'..='\u{036f}' => "",
        // Any other letter or digit of another script stays as it is; the rest separates.
        other if other.is_alphanumeric() => {
            out.push(other);
            return;
        }
        _ => " ",
    };
    out.push_str(mapped);
}

/// Builds a safe FTS5 MATCH expression from what the user typed: the first
/// [`MAX_QUERY_CHARS`] characters, folded, each token a quoted prefix term, all required.
/// Returns `None` when nothing searchable is left (empty or punctuation only).
pub fn fts_query(input: &str) -> Option<String> {
    let capped: String = input.chars().take(MAX_QUERY_CHARS).collect();
    let folded = fold(&capped);
    let mut expr = String::with_capacity(folded.len() + 8);
    for token in folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .take(MAX_QUERY_TOKENS)
    {
        if !expr.is_empty() {
            expr.push(' ');
        }
        // `fold` leaves only letters and digits, so the token cannot contain a quote.
        expr.push('"');
        expr.push_str(token);
        expr.push_str("\"*");
    }
    (!expr.is_empty()).then_some(expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_names_fold_alike_in_every_script() {
        for s in ["Алматы", "Almaty", "almaty", "АЛМАТЫ", "ALMATY"] {
            assert_eq!(fold(s), "almaty", "{s}");
        }
        for s in ["Қарағанды", "Qarağandy", "Karagandy", "КАРАГАНДЫ"] {
            assert_eq!(fold(s), "karagandy", "{s}");
        }
        for s in ["Жезқазған", "Zhezkazgan", "Jezqazğan"] {
            assert_eq!(fold(s), "jezkazgan", "{s}");
        }
        assert_eq!(fold("Өскемен"), fold("Öskemen"));
        assert_eq!(fold("Шымкент"), fold("Şymkent"));
    }

    #[test]
    fn kazakh_letters_fold_to_their_base() {
        assert_eq!(fold("қ q k"), "k k k");
        assert_eq!(fold("ғ ğ g"), "g g g");
        assert_eq!(fold("ң ñ n"), "n n n");
        assert_eq!(fold("ө ö o"), "o o o");
        assert_eq!(fold("ұ ү u"), "u u u");
        assert_eq!(fold("і ı i"), "i i i");
        assert_eq!(fold("ә ä a"), "a a a");
        assert_eq!(fold("һ h"), "h h");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn punctuation_separates_tokens() {
        assert_eq!(fold("  Нұр-Сұлтан,  112! "), "nur sultan 112");
        assert_eq!(fold("\"*^:()"), "");
    }

    #[test]
    fn queries_become_quoted_prefix_terms() {
        assert_eq!(fts_query("Алм"), Some("\"alm\"*".to_string()));
        assert_eq!(
            fts_query("crisis AND NOT \"x\" NEAR(a b)"),
            Some("\"crisis\"* \"and\"* \"not\"* \"x\"* \"near\"* \"a\"* \"b\"*".to_string())
        );
        assert_eq!(fts_query("  *:^()\" "), None);
        assert_eq!(fts_query(""), None);
        let huge = "ab ".repeat(10_000);
        let q = fts_query(&huge).unwrap_or_default();
        assert_eq!(q.matches('*').count(), MAX_QUERY_TOKENS);
    }
}
