//! The core's error type and its stable, snake_case codes.
//!
//! Each feature module has its own rich error (thiserror); they meet here in [`Error`], which is
//! what the public Rust API returns. Display texts are English and never contain the user's data
//! (values, names, passphrases, message bodies): only codes, table names and record ids.
//! [`Error::localized`] gives the text a person reads, in their language.

use serde::Serialize;

use crate::i18n::{tr, tr_args, Arg, Locale};

mod reason;

pub use reason::{Reason, ReasonArg};

macro_rules! error_codes {
    ($($variant:ident => $code:literal,)*) => {
        /// A stable machine-readable code: the CLI prints it as `{"error": {"code": …}}` and the
        /// FFI layer maps it to one `ApiError` variant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $($variant,)* }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)* }
            }
        }
    };
}

error_codes! {
    WrongPassphrase => "wrong_passphrase",
    Tampered => "tampered",
    InvalidInput => "invalid_input",
    NotFound => "not_found",
    AlreadyExists => "already_exists",
    Locked => "locked",
    KeyUnavailable => "key_unavailable",
    KeyProviderFailed => "key_provider_failed",
    IncompatibleVersion => "incompatible_version",
    NotAVault => "not_a_vault",
    DiskFull => "disk_full",
    Storage => "storage",
    InvalidTransition => "invalid_transition",
    SignatureInvalid => "signature_invalid",
    LegacySignature => "legacy_signature",
    UnknownKey => "unknown_key",
    OutOfScope => "out_of_scope",
    Rollback => "rollback",
    FastForward => "fast_forward",
    FeedExpired => "feed_expired",
    TooLarge => "too_large",
    Timeout => "timeout",
    Network => "network",
    Internal => "internal",
    TrustedCommentTampered => "trusted_comment_tampered",
    KeyRevoked => "key_revoked",
    Unsigned => "unsigned",
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Every error the core returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] crate::vault::VaultError),
    #[error(transparent)]
    Alerts(#[from] crate::alerts::AlertsError),
    #[error("invalid input: {0}")]
    InvalidInput(Reason),
    /// What was missing, as the message id of its name (`reason-thing-holder`): the name is
    /// shown in the user's language, and an id can never carry the id or value looked up.
    #[error("not found: {}", tr(Locale::En, .0))]
    NotFound(&'static str),
    #[error("impossible transition from {from} to {to}")]
    InvalidTransition {
        from: &'static str,
        to: &'static str,
    },
    /// A bug, never the user's fault. The text names the operation, never data.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// Invalid input for the reason with message id `reason_id` (no arguments).
    pub fn invalid(reason_id: &'static str) -> Self {
        Error::InvalidInput(Reason::new(reason_id))
    }

    /// Invalid input for a reason with arguments (limits, field names; never the user's values).
    pub fn invalid_with(
        reason_id: &'static str,
        args: impl IntoIterator<Item = (&'static str, ReasonArg)>,
    ) -> Self {
        Error::InvalidInput(Reason::with(reason_id, args))
    }

    /// An unknown code for an enum read from text: names the field and the accepted codes.
    pub(crate) fn unknown_code<'a>(
        field_id: &'static str,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let known: Vec<&str> = known.into_iter().collect();
        Error::invalid_with(
            "reason-unknown-code",
            [
                ("field", ReasonArg::message(field_id)),
                ("expected", ReasonArg::code(known.join(", "))),
            ],
        )
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Vault(e) => e.code(),
            Error::Alerts(e) => e.code(),
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidTransition { .. } => ErrorCode::InvalidTransition,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The text a person reads, in their language. Like `Display`, it carries no personal data.
    pub fn localized(&self, locale: Locale) -> String {
        let id = format!("error-{}", self.code().as_str().replace('_', "-"));
        let detail = match self {
            Error::InvalidInput(reason) => reason.localized(locale),
            Error::NotFound(what) => tr(locale, what),
            Error::Alerts(e) => e.reason().map(|r| r.localized(locale)).unwrap_or_default(),
            // The states are codes of the data model, shown as they are in both languages.
            Error::InvalidTransition { from, to } => Reason::with(
                "reason-transition",
                [
                    ("from", ReasonArg::code(*from)),
                    ("to", ReasonArg::code(*to)),
                ],
            )
            .localized(locale),
            other => other.to_string(),
        };
        let mut args: Vec<(&str, Arg)> = vec![("detail", detail.into())];
        if let Error::Vault(crate::vault::VaultError::Tampered { table, id: rid }) = self {
            args.push(("table", table.clone().into()));
            args.push(("id", rid.clone().into()));
        }
        tr_args(locale, &id, &args)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_text_in_both_locales() {
        for code in ErrorCode::ALL.iter().copied() {
            let id = format!("error-{}", code.as_str().replace('_', "-"));
            assert!(crate::i18n::has_message(&id), "missing {id}");
        }
    }

    #[test]
    fn a_chinese_invalid_input_message_has_a_chinese_reason() {
        let bad_check_digit = crate::inventory::detail::normalise(
            crate::inventory::DetailKind::IdNumber,
            "110105194912310021",
            false,
        )
        .unwrap_err();
        let zh = bad_check_digit.localized(Locale::ZhCn);
        assert!(
            zh.starts_with("输入无效：") && zh.contains("校验码"),
            "{zh}"
        );
        // Standard names such as "GB 11643" stay; English words would be lowercase.
        assert!(
            !zh.chars().any(|c| c.is_ascii_lowercase()),
            "English left in {zh}"
        );
        assert!(!zh.contains("110105194912310021"), "the value leaked: {zh}");
        assert_eq!(
            bad_check_digit.to_string(),
            "invalid input: id_number check digit does not match (GB 11643)"
        );
    }

    #[test]
    fn what_was_not_found_is_named_in_the_users_language() {
        let missing = Error::NotFound("reason-thing-holder");
        assert_eq!(missing.to_string(), "not found: holder");
        assert_eq!(missing.localized(Locale::ZhCn), "未找到：持有方");
    }

    #[test]
    fn refused_feeds_and_failed_downloads_explain_themselves_in_the_users_language() {
        use crate::alerts::{cap::CapError, AlertsError};
        let missing = Error::from(AlertsError::Cap(CapError::Missing("sent")));
        assert_eq!(
            missing.localized(Locale::ZhCn),
            "输入无效：缺少必需的元素 <sent>"
        );
        assert_eq!(
            missing.localized(Locale::En),
            "Invalid input: the required element <sent> is missing"
        );
        let offline = Error::from(AlertsError::Network(Reason::new(
            "reason-network-certificate",
        )));
        assert_eq!(
            offline.localized(Locale::ZhCn),
            "网络错误：服务器证书不受信任"
        );
    }

    #[test]
    fn an_impossible_step_names_both_states_in_the_users_language() {
        let refused = Error::InvalidTransition {
            from: "deleted",
            to: "active",
        };
        assert_eq!(
            refused.localized(Locale::ZhCn),
            "当前无法执行此步骤：无法从 deleted 变为 active"
        );
    }
}
