//! The one public error across the FFI boundary: small, stable, free of personal data.
//!
//! All conversion from the core's rich [`vigil_core::Error`] happens here, in one place.

use vigil_core::{Error, ErrorCode, Locale};

/// What the shells see. Every variant carries an English text without personal data; the
/// shells show their own localized text (or call `localized_text("error-<code>")`).
/// No field may be called `message`: it clashes with `Throwable.message` in the generated Kotlin.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum ApiError {
    #[error("wrong passphrase or key")]
    WrongPassphrase,
    #[error("record failed authentication: {table}/{record_id}")]
    Tampered { table: String, record_id: String },
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    #[error("not found: {what}")]
    NotFound { what: String },
    #[error("the vault is locked")]
    Locked,
    #[error("device key temporarily unavailable")]
    KeyUnavailable,
    #[error("device key provider failed")]
    KeyProviderFailed,
    #[error("the vault was written by a newer version")]
    IncompatibleVersion,
    #[error("not a vault or backup, or damaged beyond reading")]
    NotAVault,
    #[error("disk full")]
    DiskFull,
    #[error("rejected: {code}")]
    Rejected { code: String, detail: String },
    #[error("storage or network failure: {code}")]
    Unavailable { code: String, detail: String },
    #[error("internal error: {detail}")]
    Internal { detail: String },
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let detail = e.localized(Locale::En);
        match e.code() {
            // Bad passphrase, recovery code or device key: the caller may retry with another slot.
            ErrorCode::WrongPassphrase => ApiError::WrongPassphrase,
            // Only table and id cross: they are structural, never the user's data.
            ErrorCode::Tampered => match e {
                Error::Vault(vigil_core::vault::VaultError::Tampered { table, id }) => {
                    ApiError::Tampered {
                        table,
                        record_id: id,
                    }
                }
                _ => ApiError::Tampered {
                    table: String::new(),
                    record_id: String::new(),
                },
            },
            // The reason names the field and the rule, never the value entered. English like every
            // other variant's text; shells localize by code or call the core with a locale.
            ErrorCode::InvalidInput | ErrorCode::AlreadyExists | ErrorCode::InvalidTransition => {
                ApiError::InvalidInput { reason: detail }
            }
            ErrorCode::NotFound => ApiError::NotFound {
                what: e.to_string(),
            },
            ErrorCode::Locked => ApiError::Locked,
            // Transient: the shell should retry later (e.g. after the user unlocks the phone).
            ErrorCode::KeyUnavailable => ApiError::KeyUnavailable,
            // Permanent: the shell should fall back to the passphrase or the recovery code.
            ErrorCode::KeyProviderFailed => ApiError::KeyProviderFailed,
            ErrorCode::IncompatibleVersion => ApiError::IncompatibleVersion,
            ErrorCode::NotAVault => ApiError::NotAVault,
            ErrorCode::DiskFull => ApiError::DiskFull,
            // Signature and feed rejections keep their distinct code so shells can explain them.
            ErrorCode::SignatureInvalid
            | ErrorCode::LegacySignature
            | ErrorCode::UnknownKey
            | ErrorCode::OutOfScope
            | ErrorCode::Rollback
            | ErrorCode::FastForward
            | ErrorCode::FeedExpired
            | ErrorCode::TooLarge => ApiError::Rejected {
                code: e.code().as_str().to_owned(),
                detail,
            },
            ErrorCode::TrustedCommentTampered | ErrorCode::KeyRevoked | ErrorCode::Unsigned => {
                ApiError::Rejected {
                    code: e.code().as_str().to_owned(),
                    detail,
                }
            }
            // Worth retrying later; the code says which.
            ErrorCode::Storage | ErrorCode::Network | ErrorCode::Timeout => ApiError::Unavailable {
                code: e.code().as_str().to_owned(),
                detail,
            },
            ErrorCode::Internal => ApiError::Internal { detail },
        }
    }
}

/// A foreign trait implementation threw something it did not declare (a Kotlin RuntimeException,
/// a Python exception of another type). UniFFI hands us its text; we keep it out of the message
/// because foreign texts may contain anything.
impl From<uniffi::UnexpectedUniFFICallbackError> for ApiError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ApiError::Internal {
            detail: "a platform callback failed unexpectedly".into(),
        }
    }
}
