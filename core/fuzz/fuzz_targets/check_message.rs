#![no_main]
//! Any text as a message (first line as sender): a verdict whose spans lie inside the text.

use libfuzzer_sys::fuzz_target;
use vigil_core::{screening::check_message, Locale};

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (sender, text) = input
        .split_once('\n')
        .map_or((None, input), |(s, t)| (Some(s), t));
    let verdict = check_message(text, sender, &[], Locale::ZhCn);
    let len = text.chars().count() as u32;
    for signal in &verdict.signals {
        if let Some(span) = signal.span {
            assert!(
                span.start < span.end && span.end <= len,
                "span outside the text"
            );
        }
    }
});
