//! The recovery code: 128 random bits shown once at creation, written as Crockford base32 in
//! groups of four with a check character, so a person can copy it by hand and typos are caught.

use std::{fmt, str::FromStr};

use ring::hkdf;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::keys::SlotKek;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Crockford's check symbols: the 32 digits plus five more, for a checksum modulo the prime 37.
const CHECK_ALPHABET: &[u8; 37] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";
const DATA_CHARS: usize = 26; // ceil(128 / 5)

#[derive(Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct RecoveryCode([u8; 16]);

impl RecoveryCode {
    pub fn generate() -> Self {
        RecoveryCode(super::random_bytes::<16>())
    }

    /// The key-encryption key for the recovery slot. The code already carries 128 bits of
    /// entropy, so HKDF suffices: no memory-hard stretching is needed.
    pub fn kek(&self, salt: &[u8; 16]) -> SlotKek {
        let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(&self.0);
        let mut out = [0u8; 32];
        prk.expand(&[b"vigil/v1/recovery-slot"], hkdf::HKDF_SHA256)
            .and_then(|okm| okm.fill(&mut out))
            .expect("32-byte output is within HKDF's limit");
        let kek = SlotKek(out);
        out.zeroize();
        kek
    }

    fn chars(&self) -> Vec<u8> {
        let value = u128::from_be_bytes(self.0);
        let mut chars: Vec<u8> = (0..DATA_CHARS)
            .rev()
            .map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize])
            .collect();
        chars.push(CHECK_ALPHABET[checksum(&chars)]);
        chars
    }
}

fn checksum(chars: &[u8]) -> usize {
    // Position-weighted sum modulo a prime larger than every weight and digit: any single
    // substitution changes it, and so does any swap of two different adjacent characters.
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| (i + 1) * value_of(*c).unwrap_or(0) as usize)
        .sum::<usize>()
        % 37
}

fn value_of(c: u8) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        other => other,
    };
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

/// Shows the code grouped for writing down: `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXX`.
impl fmt::Display for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chars = self.chars();
        let groups: Vec<&str> = chars
            .chunks(4)
            .map(|g| std::str::from_utf8(g).expect("alphabet is ASCII"))
            .collect();
        f.write_str(&groups.join("-"))
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a valid recovery code (check for typos)")]
pub struct InvalidRecoveryCode;

impl FromStr for RecoveryCode {
    type Err = InvalidRecoveryCode;

    /// Accepts any grouping, lower case, and the look-alikes O→0, I/L→1.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let chars: Vec<u8> = s.bytes().filter(|b| !matches!(b, b'-' | b' ')).collect();
        if chars.len() != DATA_CHARS + 1 {
            return Err(InvalidRecoveryCode);
        }
        let mut value: u128 = 0;
        let mut canonical = Vec::with_capacity(DATA_CHARS);
        for &c in &chars[..DATA_CHARS] {
            let v = value_of(c).ok_or(InvalidRecoveryCode)?;
            canonical.push(ALPHABET[v as usize]);
            value = value.checked_mul(32).ok_or(InvalidRecoveryCode)? | v as u128;
        }
        let check = match value_of(chars[DATA_CHARS]) {
            Some(v) => v as usize,
            None => CHECK_ALPHABET
                .iter()
                .position(|&a| a == chars[DATA_CHARS].to_ascii_uppercase())
                .ok_or(InvalidRecoveryCode)?,
        };
        if checksum(&canonical) != check {
            return Err(InvalidRecoveryCode);
        }
        Ok(RecoveryCode(value.to_be_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn display_parses_back(bytes in any::<[u8; 16]>()) {
            let code = RecoveryCode(bytes);
            let shown = code.to_string();
            prop_assert_eq!(shown.len(), 27 + 6);
            prop_assert!(shown.parse::<RecoveryCode>().unwrap() == code);
            prop_assert!(shown.to_lowercase().replace('-', " ").parse::<RecoveryCode>().unwrap() == code);
        }

        #[test]
        fn a_single_typo_is_caught(bytes in any::<[u8; 16]>(), pos in 0usize..27, delta in 1u8..32) {
            let shown: Vec<u8> = RecoveryCode(bytes).to_string().bytes().filter(|&b| b != b'-').collect();
            let mut typo = shown.clone();
            if pos < DATA_CHARS {
                let v = value_of(typo[pos]).unwrap();
                typo[pos] = ALPHABET[((v + delta) % 32) as usize];
            } else {
                let v = CHECK_ALPHABET.iter().position(|&a| a == typo[pos]).unwrap();
                typo[pos] = CHECK_ALPHABET[(v + delta as usize) % 37];
            }
            // The first character holds only 3 bits of the 128: larger values overflow and are rejected.
            prop_assert!(String::from_utf8(typo).unwrap().parse::<RecoveryCode>().is_err());
        }
    }

    #[test]
    fn garbage_is_rejected() {
        for bad in ["", "1234", "!!!!-!!!!", &"Z".repeat(27)] {
            assert!(bad.parse::<RecoveryCode>().is_err(), "{bad}");
        }
    }
}
