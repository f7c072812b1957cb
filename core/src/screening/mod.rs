//! Screening of links, messages and QR payloads against fraud patterns, on the device, in
//! microseconds, with reasons a person understands. No network, no model.
//!
//! - [`check_url`]: is this the site it pretends to be (protected targets, PSL, TS#39 skeletons)?
//! - [`check_message`]: does this text follow a fraud script ([`Family`])?
//! - [`check_qr`]: what a decoded QR code is, and the check its kind needs;
//! - [`check_wifi`]: is this network safe to use?
//!
//! Protected targets are a built-in list ([`built_in_targets`]) plus the caller's, e.g. the
//! websites of the holders in the user's inventory.

pub mod advice;
mod family;
mod message;
mod qr;
mod targets;
mod url_check;
mod verdict;
mod wifi;

pub use family::Family;
pub use message::{check_message, MessageVerdict, MAX_MESSAGE_CHARS};
pub use qr::{check_qr, PaymentProvider, QrKind, QrVerdict};
pub use targets::{built_in as built_in_targets, ProtectedTarget};
pub use url_check::{check_url, UrlVerdict, MAX_URL_CHARS};
pub use verdict::{Risk, Signal, Span};
pub use wifi::{check_wifi, WifiNetwork, WifiSecurity, WifiVerdict};
