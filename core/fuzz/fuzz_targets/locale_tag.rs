//! `Locale::from_str` takes language tags from outside (CAP `<language>`, OS settings, `--locale`).
//! Whatever the bytes: no panic, and an accepted tag names the locale it was accepted as.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::str::FromStr;
use vigil_core::Locale;

fuzz_target!(|tag: &str| {
    if let Ok(locale) = Locale::from_str(tag) {
        assert!(locale.matches_tag(tag), "a parsed locale must match the tag it came from");
        assert_eq!(Locale::from_str(locale.tag()).ok(), Some(locale), "canonical tags round-trip");
    }
});
