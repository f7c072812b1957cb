//! Cryptography for the vault. See `README.md` beside this file for the key hierarchy.
//!
//! Naming follows bitwarden-crypto: everything here is *safe* to call with any input (wrong keys
//! and tampered bytes give errors, never panics or wrong plaintext). The primitives come from
//! `ring` (AES-256-GCM, HKDF-SHA256, HMAC-SHA256) and `argon2` (passphrase stretching).

mod aead;
mod kdf;
mod keys;
mod recovery;

pub use aead::{open_record, seal_record, seal_record_with, AeadError, Nonces, RecordPlace};
pub use kdf::{KdfParams, PassphraseKek};
pub use keys::{DataKey, RecordKeys, SlotKek};
pub use recovery::RecoveryCode;

use ring::rand::{SecureRandom, SystemRandom};

/// Bytes from the OS CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    SystemRandom::new()
        .fill(&mut out)
        .expect("the OS random number generator is available");
    out
}
