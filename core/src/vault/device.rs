//! The device key slot's provider: implemented by the shells (Android Keystore, iOS Keychain with
//! the Secure Enclave). The core hands over the data key to wrap and gets it back on unlock; it
//! never sees the hardware key.

use zeroize::Zeroizing;

/// Why a provider could not wrap or unwrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyProviderError {
    /// Transient: the device is locked, the user cancelled biometrics, the keystore is busy.
    /// Retry later; the slot stays.
    #[error("device key unavailable right now")]
    Unavailable,
    /// Permanent: the hardware key was invalidated (new biometrics enrolled, device reset).
    /// The slot can no longer open the vault; use the passphrase or recovery code.
    #[error("device key failed permanently")]
    Failed,
}

pub trait KeyProvider: Send + Sync {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyProviderError>;
    fn unwrap(&self, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyProviderError>;
}
