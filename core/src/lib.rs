//! Vigil's core: all domain logic behind the three shells (Android, iOS, CLI).
//!
//! Modules, one job each:
//! - [`vault`]: the encrypted record store every feature keeps its data in;
//! - [`i18n`]: user-facing texts in zh-CN and en;
//! - [`public_suffix`]: where the registered part of a host name begins;
//! - [`screening`]: links, messages and QR payloads checked against fraud patterns;
//! - [`error`]: the error type and its stable codes.

pub mod alerts;
mod binary;
mod codes;
pub mod crypto;
pub mod error;
mod hex;
pub mod i18n;
pub mod inventory;
mod packed_text;
pub mod payments;
pub mod public_suffix;
pub mod screening;
pub mod vault;

pub use error::{Error, ErrorCode, Result};
pub use i18n::Locale;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("vigil_core");
