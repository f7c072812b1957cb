//! Record encryption: AES-256-GCM with a random 96-bit nonce, plaintext padded to 64-byte
//! buckets, and associated data that binds each ciphertext to its place.
//!
//! Stored form: `version (1 byte) || nonce (12) || ciphertext || tag (16)`.

use ring::aead::{Aad, LessSafeKey, Nonce, NONCE_LEN};

const FORMAT_V1: u8 = 1;
/// Padding bucket: hides exact lengths (a 3-digit vs an 18-digit value) at little space cost.
const BUCKET: usize = 64;
const TAG_LEN: usize = 16;

/// Where a ciphertext lives. Bound into the AEAD's associated data, so a ciphertext copied to
/// another vault, table, record or column fails to open.
#[derive(Debug, Clone, Copy)]
pub struct RecordPlace<'a> {
    pub vault_id: &'a [u8],
    pub table: &'a str,
    pub record_id: &'a str,
    pub column: &'a str,
}

impl RecordPlace<'_> {
    fn aad(&self) -> Vec<u8> {
        const DOMAIN: &[u8] = b"vigil/record/v1";
        let parts = [
            self.vault_id,
            self.table.as_bytes(),
            self.record_id.as_bytes(),
            self.column.as_bytes(),
        ];
        // Sized exactly: one allocation per seal or open.
        let len = DOMAIN.len() + parts.iter().map(|p| 4 + p.len()).sum::<usize>();
        let mut aad = Vec::with_capacity(len);
        aad.extend_from_slice(DOMAIN);
        for part in parts {
            // Length prefixes: no two different places serialise to the same bytes.
            aad.extend_from_slice(&(part.len() as u32).to_le_bytes());
            aad.extend_from_slice(part);
        }
        aad
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AeadError {
    #[error("ciphertext failed authentication")]
    Unauthentic,
    #[error("plaintext too large")]
    TooLarge,
}

/// Random nonces for a run of seals, drawn from the OS a batch at a time.
///
/// A nonce costs a system call when drawn alone, which was one per record written: more than
/// sealing the record. Each nonce is still 96 fresh bits from the OS CSPRNG, handed out once;
/// there is no way to put chosen bytes in, so a `Nonces` cannot repeat one. Keep one per
/// transaction (not per process: a forked copy would hand out the same nonces twice).
pub struct Nonces {
    pool: [u8; Nonces::POOL],
    /// Bytes of `pool` handed out; the pool is refilled when all are.
    used: usize,
}

impl Nonces {
    /// 32 nonces per system call: a 1,000-alert feed makes 32 calls instead of 1,000.
    const POOL: usize = 32 * NONCE_LEN;

    /// No system call until the first nonce is taken.
    pub fn new() -> Nonces {
        Nonces {
            pool: [0; Nonces::POOL],
            used: Nonces::POOL,
        }
    }

    fn take(&mut self) -> [u8; NONCE_LEN] {
        if self.used == Nonces::POOL {
            self.pool = super::random_bytes();
            self.used = 0;
        }
        let mut nonce = [0; NONCE_LEN];
        nonce.copy_from_slice(&self.pool[self.used..self.used + NONCE_LEN]);
        self.used += NONCE_LEN;
        nonce
    }
}

impl Default for Nonces {
    fn default() -> Self {
        Nonces::new()
    }
}

/// Encrypt `plaintext` for `place`. To seal many records, [`seal_record_with`] one `Nonces`.
///
/// # Examples
/// ```
/// use vigil_core::crypto::{open_record, seal_record, RecordPlace};
/// # let key = ring::aead::LessSafeKey::new(ring::aead::UnboundKey::new(&ring::aead::AES_256_GCM, &[7; 32]).unwrap());
/// let here = RecordPlace { vault_id: b"v1", table: "details", record_id: "a", column: "body" };
/// let sealed = seal_record(&key, here, b"110105199001010021").unwrap();
/// assert_eq!(open_record(&key, here, &sealed).unwrap(), b"110105199001010021");
/// let elsewhere = RecordPlace { record_id: "b", ..here };
/// assert!(open_record(&key, elsewhere, &sealed).is_err());
/// ```
pub fn seal_record(
    key: &LessSafeKey,
    place: RecordPlace<'_>,
    plaintext: &[u8],
) -> Result<Vec<u8>, AeadError> {
    seal_record_with(&mut Nonces::new(), key, place, plaintext)
}

/// [`seal_record`] with a nonce from `nonces`.
pub fn seal_record_with(
    nonces: &mut Nonces,
    key: &LessSafeKey,
    place: RecordPlace<'_>,
    plaintext: &[u8],
) -> Result<Vec<u8>, AeadError> {
    let len = u32::try_from(plaintext.len()).map_err(|_| AeadError::TooLarge)?;
    let padded_len = (4 + plaintext.len()).div_ceil(BUCKET) * BUCKET;
    let nonce_bytes = nonces.take();
    let mut out = Vec::with_capacity(1 + NONCE_LEN + padded_len + TAG_LEN);
    out.push(FORMAT_V1);
    out.extend_from_slice(&nonce_bytes);
    let body_start = out.len();
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(plaintext);
    out.resize(body_start + padded_len, 0);
    let tag = key
        .seal_in_place_separate_tag(
            Nonce::assume_unique_for_key(nonce_bytes),
            Aad::from(place.aad()),
            &mut out[body_start..],
        )
        .map_err(|_| AeadError::TooLarge)?;
    out.extend_from_slice(tag.as_ref());
    Ok(out)
}

/// Decrypt what [`seal_record`] produced for the same `place`. Any change to the bytes, the key
/// or the place gives `Unauthentic`; it never panics and never returns wrong plaintext.
pub fn open_record(
    key: &LessSafeKey,
    place: RecordPlace<'_>,
    sealed: &[u8],
) -> Result<Vec<u8>, AeadError> {
    if sealed.len() < 1 + NONCE_LEN + 4 + TAG_LEN || sealed[0] != FORMAT_V1 {
        return Err(AeadError::Unauthentic);
    }
    let nonce = Nonce::try_assume_unique_for_key(&sealed[1..1 + NONCE_LEN])
        .map_err(|_| AeadError::Unauthentic)?;
    let mut buf = sealed[1 + NONCE_LEN..].to_vec();
    let plain = key
        .open_in_place(nonce, Aad::from(place.aad()), &mut buf)
        .map_err(|_| AeadError::Unauthentic)?;
    let len = u32::from_le_bytes(plain[..4].try_into().expect("checked length above")) as usize;
    // Authenticated but malformed padding can only come from a bug; treat it like tampering.
    if 4 + len > plain.len() {
        return Err(AeadError::Unauthentic);
    }
    Ok(plain[4..4 + len].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ring::aead::{UnboundKey, AES_256_GCM};

    fn key(b: u8) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &[b; 32]).unwrap())
    }
    const HERE: RecordPlace<'static> = RecordPlace {
        vault_id: b"vault-a",
        table: "t",
        record_id: "r1",
        column: "body",
    };

    #[test]
    fn lengths_are_padded_to_buckets() {
        let short = seal_record(&key(1), HERE, b"123").unwrap();
        let longer = seal_record(&key(1), HERE, &[b'x'; 59]).unwrap();
        assert_eq!(short.len(), longer.len(), "3 and 59 bytes share a bucket");
        let next = seal_record(&key(1), HERE, &[b'x'; 61]).unwrap();
        assert_eq!(next.len(), short.len() + 64);
    }

    #[test]
    fn every_part_of_the_place_is_bound() {
        let sealed = seal_record(&key(1), HERE, b"secret").unwrap();
        for other in [
            RecordPlace {
                vault_id: b"vault-b",
                ..HERE
            },
            RecordPlace { table: "u", ..HERE },
            RecordPlace {
                record_id: "r2",
                ..HERE
            },
            RecordPlace {
                column: "other",
                ..HERE
            },
        ] {
            assert_eq!(
                open_record(&key(1), other, &sealed),
                Err(AeadError::Unauthentic)
            );
        }
        assert_eq!(
            open_record(&key(2), HERE, &sealed),
            Err(AeadError::Unauthentic)
        );
    }

    #[test]
    fn nonces_from_one_pool_are_distinct_across_refills() {
        let mut nonces = Nonces::new();
        let drawn: std::collections::HashSet<_> = (0..Nonces::POOL / NONCE_LEN * 3 + 1)
            .map(|_| nonces.take())
            .collect();
        assert_eq!(drawn.len(), Nonces::POOL / NONCE_LEN * 3 + 1);
        // And sealing with them stays openable, each with its own nonce.
        let a = seal_record_with(&mut nonces, &key(5), HERE, b"same").unwrap();
        let b = seal_record_with(&mut nonces, &key(5), HERE, b"same").unwrap();
        assert_ne!(a[1..1 + NONCE_LEN], b[1..1 + NONCE_LEN]);
        assert_eq!(open_record(&key(5), HERE, &b).unwrap(), b"same");
    }

    proptest! {
        #[test]
        fn flipping_any_byte_is_detected(plain in proptest::collection::vec(any::<u8>(), 0..200), pos in any::<usize>(), bit in 0u8..8) {
            let mut sealed = seal_record(&key(3), HERE, &plain).unwrap();
            let i = pos % sealed.len();
            sealed[i] ^= 1 << bit;
            prop_assert_eq!(open_record(&key(3), HERE, &sealed), Err(AeadError::Unauthentic));
        }

        #[test]
        fn truncation_and_garbage_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..120)) {
            prop_assert!(open_record(&key(3), HERE, &bytes).is_err());
        }

        #[test]
        fn round_trips(plain in proptest::collection::vec(any::<u8>(), 0..500)) {
            let sealed = seal_record(&key(4), HERE, &plain).unwrap();
            prop_assert_eq!(open_record(&key(4), HERE, &sealed).unwrap(), plain);
        }
    }
}
