//! Search input normalization: whatever is typed, the FTS5 expression is a list of quoted
//! prefix terms with no FTS syntax inside, and folding is idempotent.
#![no_main]

use haven_core::directory::{fold, fts_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let folded = fold(&text);
    assert_eq!(fold(&folded), folded);
    assert!(!folded.contains("  ") && !folded.starts_with(' ') && !folded.ends_with(' '));
    if let Some(expr) = fts_query(&text) {
        for term in expr.split(' ') {
            let inner = term
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix("\"*"))
                .expect("every term is a quoted prefix");
            assert!(!inner.is_empty());
            assert!(inner.chars().all(char::is_alphanumeric), "{inner:?}");
        }
    }
});
