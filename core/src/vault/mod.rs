//! The encrypted vault. See `core/src/crypto/README.md` for the key hierarchy.

mod memory;
pub mod store;

pub use memory::MemoryStore;
pub use store::{new_id, RawRecord, Record, Store, Txn, TxnExt};

use crate::error::ErrorCode;

/// What can go wrong opening, unlocking or using the vault. No variant carries user data.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("wrong passphrase or key")]
    WrongPassphrase,
    #[error("record failed authentication: table {table}, id {id}")]
    Tampered { table: String, id: String },
    #[error("the vault is locked")]
    Locked,
    #[error("device key temporarily unavailable")]
    KeyUnavailable,
    #[error("device key provider failed permanently")]
    KeyProviderFailed,
    #[error("vault schema version {found} is newer than this build supports ({supported})")]
    IncompatibleVersion { found: i64, supported: i64 },
    #[error("not a Vigil vault or damaged beyond reading")]
    NotAVault,
    #[error("disk full")]
    DiskFull,
    #[error("storage error: {0}")]
    Storage(String),
}

impl VaultError {
    pub fn code(&self) -> ErrorCode {
        match self {
            VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
            VaultError::Tampered { .. } => ErrorCode::Tampered,
            VaultError::Locked => ErrorCode::Locked,
            VaultError::KeyUnavailable => ErrorCode::KeyUnavailable,
            VaultError::KeyProviderFailed => ErrorCode::KeyProviderFailed,
            VaultError::IncompatibleVersion { .. } => ErrorCode::IncompatibleVersion,
            VaultError::NotAVault => ErrorCode::NotAVault,
            VaultError::DiskFull => ErrorCode::DiskFull,
            VaultError::Storage(_) => ErrorCode::Storage,
        }
    }
}
