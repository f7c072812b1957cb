//! The vault across FFI: lifecycle, key slots and maintenance. Feature objects (inventory, alerts,
//! payments) are built from an `Arc<Vault>`.
//!
//! Passphrases and recovery codes arrive as foreign strings, which the shells cannot zeroize;
//! on this side they are moved into `Zeroizing` buffers at once.

use std::{path::PathBuf, sync::Arc};

use vigil_core::{
    crypto::KdfParams,
    vault::{
        self as core_vault, ImportReport, KeyProviderError, VaultOptions, VaultStatus, VerifyReport,
    },
};
use zeroize::Zeroizing;

use crate::{
    progress::{forward, ProgressListener},
    ApiError,
};

/// The shell's hardware-backed key (Android Keystore, iOS Keychain + Secure Enclave). Throw
/// `ApiError.KeyUnavailable` for a transient failure (device locked, biometrics cancelled) and
/// `ApiError.KeyProviderFailed` when the hardware key is gone for good.
#[uniffi::export(with_foreign)]
pub trait KeyProvider: Send + Sync {
    fn wrap(&self, data_key: Vec<u8>) -> Result<Vec<u8>, ApiError>;
    fn unwrap(&self, blob: Vec<u8>) -> Result<Vec<u8>, ApiError>;
}

/// Adapts a foreign provider to the core's trait.
struct ForeignKeyProvider(Arc<dyn KeyProvider>);

fn provider_error(e: ApiError) -> KeyProviderError {
    match e {
        ApiError::KeyProviderFailed => KeyProviderError::Failed,
        // Anything else, an undeclared exception included, proves nothing about the key:
        // report it as transient so no slot is given up on a platform hiccup.
        _ => KeyProviderError::Unavailable,
    }
}

impl core_vault::KeyProvider for ForeignKeyProvider {
    fn wrap(&self, data_key: &[u8]) -> Result<Vec<u8>, KeyProviderError> {
        self.0.wrap(data_key.to_vec()).map_err(provider_error)
    }

    fn unwrap(&self, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyProviderError> {
        self.0
            .unwrap(blob.to_vec())
            .map(Zeroizing::new)
            .map_err(provider_error)
    }
}

#[derive(uniffi::Object)]
pub struct Vault {
    inner: core_vault::Vault,
}

/// A new vault and its recovery code, to show the user once.
#[derive(uniffi::Record)]
pub struct CreatedVault {
    pub vault: Arc<Vault>,
    pub recovery_code: String,
}

#[derive(uniffi::Record)]
pub struct RekeyResult {
    pub records: u64,
    /// The new recovery code (the old one no longer works): show it once.
    pub recovery_code: String,
    pub device_slot_kept: bool,
}

/// Argon2id parameters the vault uses by default (64 MiB, t = 3, p = 1).
#[uniffi::export]
pub fn default_kdf_params() -> KdfParams {
    KdfParams::default()
}

/// Create a vault in `dir`. `kdf` defaults to [`default_kdf_params`]; tests pass cheaper ones.
#[uniffi::export]
pub fn create_vault(
    dir: String,
    passphrase: String,
    kdf: Option<KdfParams>,
) -> Result<CreatedVault, ApiError> {
    let passphrase = Zeroizing::new(passphrase);
    let options = VaultOptions {
        kdf: kdf.unwrap_or_default(),
        ..VaultOptions::default()
    };
    let (inner, code) = core_vault::Vault::create(&PathBuf::from(dir), &passphrase, &options)?;
    Ok(CreatedVault {
        vault: Arc::new(Vault { inner }),
        recovery_code: code.to_string(),
    })
}

impl Vault {
    pub(crate) fn core(&self) -> &core_vault::Vault {
        &self.inner
    }
}

#[uniffi::export]
impl Vault {
    /// Open an existing vault, locked.
    #[uniffi::constructor]
    pub fn open(dir: String) -> Result<Arc<Self>, ApiError> {
        Ok(Arc::new(Vault {
            inner: core_vault::Vault::open(&PathBuf::from(dir))?,
        }))
    }

    pub fn unlock_with_passphrase(&self, passphrase: String) -> Result<(), ApiError> {
        Ok(self
            .inner
            .unlock_with_passphrase(&Zeroizing::new(passphrase))?)
    }

    pub fn unlock_with_recovery_code(&self, code: String) -> Result<(), ApiError> {
        Ok(self
            .inner
            .unlock_with_recovery_code(&Zeroizing::new(code))?)
    }

    pub fn unlock_with_device(&self, provider: Arc<dyn KeyProvider>) -> Result<(), ApiError> {
        Ok(self
            .inner
            .unlock_with_device(&ForeignKeyProvider(provider))?)
    }

    pub fn lock(&self) {
        self.inner.lock()
    }

    pub fn status(&self) -> Result<VaultStatus, ApiError> {
        Ok(self.inner.status()?)
    }

    pub fn change_passphrase(&self, old: String, new: String) -> Result<(), ApiError> {
        Ok(self
            .inner
            .change_passphrase(&Zeroizing::new(old), &Zeroizing::new(new), None)?)
    }

    pub fn reset_passphrase_with_recovery_code(
        &self,
        code: String,
        new: String,
    ) -> Result<(), ApiError> {
        Ok(self
            .inner
            .reset_passphrase_with_recovery_code(&Zeroizing::new(code), &Zeroizing::new(new))?)
    }

    /// Replace the recovery code; returns the new one (show it once).
    pub fn new_recovery_code(&self) -> Result<String, ApiError> {
        Ok(self.inner.new_recovery_code()?.to_string())
    }

    pub fn add_device_slot(&self, provider: Arc<dyn KeyProvider>) -> Result<(), ApiError> {
        Ok(self.inner.add_device_slot(&ForeignKeyProvider(provider))?)
    }

    pub fn remove_device_slot(&self) -> Result<bool, ApiError> {
        Ok(self.inner.remove_device_slot()?)
    }

    /// New data key, every record re-encrypted in one transaction.
    pub fn rekey(
        &self,
        passphrase: String,
        device: Option<Arc<dyn KeyProvider>>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<RekeyResult, ApiError> {
        let device = device.map(ForeignKeyProvider);
        let device_ref = device.as_ref().map(|d| d as &dyn core_vault::KeyProvider);
        let outcome = self.inner.rekey(
            &Zeroizing::new(passphrase),
            device_ref,
            &mut forward(&listener),
        )?;
        Ok(RekeyResult {
            records: outcome.records,
            recovery_code: outcome.recovery_code.to_string(),
            device_slot_kept: outcome.device_slot_kept,
        })
    }

    pub fn verify(
        &self,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<VerifyReport, ApiError> {
        Ok(self.inner.verify(&mut forward(&listener))?)
    }

    /// Write an encrypted backup of every record to `path`; returns the record count.
    pub fn export_backup(
        &self,
        path: String,
        backup_passphrase: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<u64, ApiError> {
        let passphrase = Zeroizing::new(backup_passphrase);
        Ok(self.inner.export(
            &PathBuf::from(path),
            &passphrase,
            KdfParams::default(),
            &mut forward(&listener),
        )?)
    }

    /// Merge a backup into this vault by record id.
    pub fn import_backup(
        &self,
        path: String,
        backup_passphrase: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportReport, ApiError> {
        let passphrase = Zeroizing::new(backup_passphrase);
        Ok(self
            .inner
            .import(&PathBuf::from(path), &passphrase, &mut forward(&listener))?)
    }
}
