//! Passphrase stretching with Argon2id (memory-hard; OWASP's first choice for password storage).

use argon2::{Algorithm, Argon2, Params, Version};
use zeroize::Zeroizing;

use super::keys::SlotKek;

/// Argon2id cost parameters, stored in each passphrase slot so they can be raised later without
/// breaking old vaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for KdfParams {
    /// 64 MiB, t = 3, p = 1: OWASP's Argon2id options trade memory for passes (m = 46 MiB with
    /// t = 1 or m = 19 MiB with t = 2 are its minimums); 64 MiB with three passes sits above them
    /// and still unlocks in well under a second on a mid-range phone. p = 1 because phones
    /// throttle background threads and extra lanes buy an attacker with GPUs nothing.
    fn default() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// The cheapest parameters accepted: for tests and benchmarks only, never for real vaults.
    pub const FAST_INSECURE: KdfParams = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    /// Bounds for parameters read from a file or given by a caller: low enough that a tampered
    /// slot cannot make unlock allocate gigabytes, high enough to stay memory-hard.
    pub fn is_acceptable(&self) -> bool {
        (1024..=1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
    }

    pub(crate) fn to_bytes(self) -> [u8; 12] {
        let mut out = [0u8; 12];
        out[..4].copy_from_slice(&self.memory_kib.to_le_bytes());
        out[4..8].copy_from_slice(&self.iterations.to_le_bytes());
        out[8..].copy_from_slice(&self.parallelism.to_le_bytes());
        out
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let word = |i: usize| Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
        let params = KdfParams {
            memory_kib: word(0)?,
            iterations: word(4)?,
            parallelism: word(8)?,
        };
        params.is_acceptable().then_some(params)
    }
}

/// Derives a slot key-encryption key from a passphrase.
pub struct PassphraseKek;

impl PassphraseKek {
    /// # Examples
    /// ```
    /// use vigil_core::crypto::{KdfParams, PassphraseKek};
    /// let salt = [1u8; 16];
    /// let a = PassphraseKek::derive("correct horse", KdfParams::FAST_INSECURE, &salt).unwrap();
    /// let b = PassphraseKek::derive("correct horse", KdfParams::FAST_INSECURE, &salt).unwrap();
    /// assert_eq!(format!("{a:?}"), "SlotKek(..)");
    /// # let _ = b;
    /// ```
    pub fn derive(passphrase: &str, params: KdfParams, salt: &[u8; 16]) -> Option<SlotKek> {
        if !params.is_acceptable() {
            return None;
        }
        let argon_params = Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(32),
        )
        .ok()?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.as_bytes(), salt, &mut out[..])
            .ok()?;
        Some(SlotKek(*out))
    }
}
