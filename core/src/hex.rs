//! Lowercase hex for ids and digests: one allocation, no per-byte formatting.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes` as lowercase hex, two digits per byte.
pub(crate) fn lower(bytes: &[u8]) -> String {
    // Bytes first: `String::push` encodes each char as UTF-8, at several times the cost.
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.extend_from_slice(&[DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0x0f)]]);
    }
    String::from_utf8(out).expect("hex digits are ASCII")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn matches_formatting_each_byte(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(super::lower(&bytes), formatted);
        }
    }
}
