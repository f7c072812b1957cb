//! Why an alert or feed was refused. Each defence has its own code, so the user (and tests) can
//! tell a forgery from a replay from a stale mirror.

use super::{cap::CapError, minisign::MinisignError};
use crate::error::{ErrorCode, Reason};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlertsError {
    #[error("not a valid CAP document: {0}")]
    Cap(#[from] CapError),
    #[error("signature: {0}")]
    Signature(#[from] MinisignError),
    #[error("no trusted publisher has this key")]
    UnknownKey,
    #[error("the publisher of this key was revoked")]
    Revoked,
    #[error("the publisher may not speak for this sender")]
    OutOfScope,
    #[error("sequence number not newer than the last accepted one")]
    Rollback,
    #[error("sequence number jumps further ahead than allowed")]
    FastForward,
    #[error("the feed's signed expiry has passed")]
    FeedExpired,
    #[error("larger than the {limit}-byte limit")]
    TooLarge { limit: usize },
    #[error("the server did not answer in time")]
    Timeout,
    #[error("network: {0}")]
    Network(Reason),
    #[error("unsigned content is never trusted")]
    Unsigned,
}

impl AlertsError {
    /// The detail shown inside the code's message, for the variants whose message has one.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            AlertsError::Cap(e) => Some(e.reason()),
            AlertsError::Signature(e) => Some(e.reason()),
            AlertsError::Network(reason) => Some(reason.clone()),
            _ => None,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AlertsError::Cap(_) => ErrorCode::InvalidInput,
            AlertsError::Signature(e) => match e {
                MinisignError::Malformed(_) | MinisignError::TrustedCommentField(_) => {
                    ErrorCode::InvalidInput
                }
                MinisignError::LegacySignature => ErrorCode::LegacySignature,
                MinisignError::KeyIdMismatch => ErrorCode::UnknownKey,
                MinisignError::SignatureInvalid => ErrorCode::SignatureInvalid,
                MinisignError::TrustedCommentTampered => ErrorCode::TrustedCommentTampered,
            },
            AlertsError::UnknownKey => ErrorCode::UnknownKey,
            AlertsError::Revoked => ErrorCode::KeyRevoked,
            AlertsError::OutOfScope => ErrorCode::OutOfScope,
            AlertsError::Rollback => ErrorCode::Rollback,
            AlertsError::FastForward => ErrorCode::FastForward,
            AlertsError::FeedExpired => ErrorCode::FeedExpired,
            AlertsError::TooLarge { .. } => ErrorCode::TooLarge,
            AlertsError::Timeout => ErrorCode::Timeout,
            AlertsError::Network(_) => ErrorCode::Network,
            AlertsError::Unsigned => ErrorCode::Unsigned,
        }
    }
}
