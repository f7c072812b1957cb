//! The text of a payment request comes from outside (a message the user pastes) and feeds the
//! red-flag analyser; the amount and numbers typed with it feed their parsers. Whatever the
//! bytes: no panic, spans inside the text and in order, and only positive amounts accepted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_core::payments::{
    money::Money,
    payee::{normalise_account, normalise_phone},
    red_flags::{excerpt, request_text_flags, MAX_ANALYSED_CHARS},
};

fuzz_target!(|text: &str| {
    let analysed = text.chars().count().min(MAX_ANALYSED_CHARS) as u32;
    let mut previous_start = 0;
    for flag in request_text_flags(text) {
        // Flags from the screening message check name a scam family, not a place in the text.
        let Some(span) = flag.span else { continue };
        assert!(span.start < span.end && span.end <= analysed, "span outside the text");
        assert!(span.start >= previous_start, "flags come in text order");
        previous_start = span.start;
        assert!(!excerpt(text, span).is_empty());
    }
    if let Ok(money) = Money::parse(text, "CNY") {
        assert!(money.amount().is_sign_positive() && !money.amount().is_zero());
        assert_eq!(Money::parse(&money.amount_text(), "CNY").ok(), Some(money), "formatted amounts parse back");
    }
    if let Ok(phone) = normalise_phone(text) {
        assert_eq!(normalise_phone(&phone).ok(), Some(phone.clone()), "normalising is idempotent");
    }
    if let Ok(account) = normalise_account(text) {
        assert_eq!(normalise_account(&account).ok(), Some(account.clone()), "normalising is idempotent");
    }
});
