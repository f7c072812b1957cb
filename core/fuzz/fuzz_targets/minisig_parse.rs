//! `.minisig` files and public keys come from outside. Whatever the text: no panic, and a
//! signature that parses writes back to text that parses to the same signature.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_core::alerts::minisign::{PublicKey, Signature, TrustedComment};

fuzz_target!(|text: &str| {
    if let Ok(signature) = Signature::parse(text) {
        let again = Signature::parse(&signature.to_text()).expect("our own output parses");
        assert_eq!(again, signature, "parse . to_text round-trips");
    }
    if let Ok(key) = PublicKey::parse(text) {
        assert_eq!(PublicKey::parse(&key.to_base64()).ok(), Some(key), "keys round-trip");
    }
    let _ = TrustedComment::parse(text);
});
