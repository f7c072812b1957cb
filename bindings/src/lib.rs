//! The UniFFI surface of Vigil: thin wrappers over `vigil-core`, the public [`ApiError`], and the
//! foreign traits the shells implement. This layer is a bridge, not the API: logic lives in the core.
//!
//! One file per feature; each exports objects and functions with `#[uniffi::export]`.

mod alerts;
mod error;
mod inventory;
mod payments;
mod progress;
mod screening;
mod vault;

pub use alerts::{Alerts, SyncProgressListener};
pub use error::ApiError;
pub use inventory::Inventory;
pub use progress::ProgressListener;
pub use vault::{KeyProvider, Vault};
pub use vigil_core::Locale;

uniffi::setup_scaffolding!("vigil_ffi");

/// The core's version, for the shells' "about" screens and binding smoke tests.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// A user-facing text from the core's Fluent bundles (used by the shells for shared strings).
#[uniffi::export]
pub fn localized_text(locale: Locale, message_id: String) -> String {
    vigil_core::i18n::tr(locale, &message_id)
}
