//! The HSDS importer: JSON (first byte even) or a CSV package (first byte odd; the rest split
//! into files at 0xFF bytes). Must never panic; whatever it accepts must survive a canonical
//! round trip unchanged and validate again.
#![no_main]

use haven_core::directory::hsds::{self, Content};
use libfuzzer_sys::fuzz_target;

fn roundtrip(content: &Content) {
    let canonical = content.to_canonical_json();
    let again = Content::from_json(&canonical).expect("accepted content must re-validate");
    assert_eq!(again.to_canonical_json(), canonical);
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if selector % 2 == 0 {
        if let Ok(content) = Content::from_json(rest) {
            roundtrip(&content);
        }
        return;
    }
    let parts: Vec<&[u8]> = rest.split(|b| *b == 0xFF).collect();
    let mut read = |name: &str| {
        let index = hsds::CSV_FILES.iter().position(|f| *f == name)?;
        parts.get(index).map(|p| p.to_vec())
    };
    if let Ok(content) = hsds::import_csv(&mut read, "Asia/Almaty") {
        roundtrip(&content);
    }
});
