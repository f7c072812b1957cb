#![no_main]
//! Any bytes as a link: the checker returns a verdict or `InvalidInput`, never panics.

use libfuzzer_sys::fuzz_target;
use vigil_core::{screening::check_url, Locale};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = check_url(text, &[], Locale::En);
    }
});
