#![no_main]
//! Any text as a decoded QR payload (Wi-Fi escapes, payment schemes, links): never panics.

use libfuzzer_sys::fuzz_target;
use vigil_core::{screening::check_qr, Locale};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = check_qr(text, &[], Locale::En);
    }
});
