//! The plaintext layout inside a record's ciphertext: its index terms, then the feature's data.
//! Keeping the terms inside lets `verify` and `rekey` rebuild blind indexes without knowing any
//! feature's types.
//!
//! `u16 term count, then per term: u16 name length, name, u32 value length, value; then data`.

use super::store::RawRecord;

pub(crate) fn encode(record: &RawRecord) -> Vec<u8> {
    let mut out = Vec::with_capacity(record.data.len() + 32);
    out.extend_from_slice(&(record.terms.len() as u16).to_le_bytes());
    for (name, value) in &record.terms {
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out.extend_from_slice(&record.data);
    out
}

/// `None` for bytes that do not follow the layout (they authenticated, so only a bug makes them).
pub(crate) fn decode(id: &str, bytes: &[u8]) -> Option<RawRecord> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let count = u16::from_le_bytes(take(2)?.try_into().ok()?);
    let mut terms = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let name_len = u16::from_le_bytes(take(2)?.try_into().ok()?) as usize;
        let name = String::from_utf8(take(name_len)?.to_vec()).ok()?;
        let value_len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
        let value = String::from_utf8(take(value_len)?.to_vec()).ok()?;
        terms.push((name, value));
    }
    Some(RawRecord {
        id: id.to_owned(),
        terms,
        data: rest.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips(terms in proptest::collection::vec((".{0,8}", ".{0,20}"), 0..5), data in proptest::collection::vec(any::<u8>(), 0..64)) {
            let record = RawRecord { id: "x".into(), terms, data };
            prop_assert_eq!(decode("x", &encode(&record)), Some(record));
        }

        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode("x", &bytes);
        }
    }
}
