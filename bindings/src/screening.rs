//! Screening across FFI: stateless functions over the core's checks. Verdict records and enums
//! are derived in the core (`vigil_core` bindings module), so nothing is converted here.

use vigil_core::screening::{
    self, MessageVerdict, ProtectedTarget, QrVerdict, UrlVerdict, WifiVerdict,
};

use crate::{ApiError, Locale};

/// Checks a link against the built-in protected targets. Fails only when the text is not a link.
#[uniffi::export]
pub fn check_url(url: String, locale: Locale) -> Result<UrlVerdict, ApiError> {
    check_url_with_targets(url, Vec::new(), locale)
}

/// [`check_url`] with extra protected targets (e.g. the websites of the user's inventory holders).
#[uniffi::export]
pub fn check_url_with_targets(
    url: String,
    extra_targets: Vec<ProtectedTarget>,
    locale: Locale,
) -> Result<UrlVerdict, ApiError> {
    Ok(screening::check_url(&url, &extra_targets, locale)?)
}

/// Checks a message; `sender` is what the phone shows as its origin.
#[uniffi::export]
pub fn check_message(text: String, sender: Option<String>, locale: Locale) -> MessageVerdict {
    screening::check_message(&text, sender.as_deref(), &[], locale)
}

#[uniffi::export]
pub fn check_message_with_targets(
    text: String,
    sender: Option<String>,
    extra_targets: Vec<ProtectedTarget>,
    locale: Locale,
) -> MessageVerdict {
    screening::check_message(&text, sender.as_deref(), &extra_targets, locale)
}

/// Classifies and checks the decoded text of a QR code.
#[uniffi::export]
pub fn check_qr(payload: String, locale: Locale) -> QrVerdict {
    screening::check_qr(&payload, &[], locale)
}

#[uniffi::export]
pub fn check_qr_with_targets(
    payload: String,
    extra_targets: Vec<ProtectedTarget>,
    locale: Locale,
) -> QrVerdict {
    screening::check_qr(&payload, &extra_targets, locale)
}

/// Checks a Wi-Fi network before joining; `security` as the OS reports it, `None` when open.
#[uniffi::export]
pub fn check_wifi(
    ssid: String,
    security: Option<String>,
    hidden: bool,
    locale: Locale,
) -> WifiVerdict {
    screening::check_wifi(&ssid, security.as_deref(), hidden, locale)
}

/// The built-in protected targets, for display ("Vigil protects these sites").
#[uniffi::export]
pub fn built_in_protected_targets() -> Vec<ProtectedTarget> {
    screening::built_in_targets()
}
