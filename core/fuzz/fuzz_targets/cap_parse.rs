//! CAP documents (a lone `<alert>` or an Atom feed) come from outside. Whatever the bytes: no
//! panic, and every alert the parser accepts has the fields CAP requires.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_core::alerts::cap::parse_document;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(alerts) = parse_document(bytes) {
        for alert in alerts {
            assert!(!alert.identifier.is_empty() && !alert.sender.is_empty(), "required fields are present");
            for info in &alert.infos {
                assert!(!info.categories.is_empty(), "an info has a category");
            }
        }
    }
});
