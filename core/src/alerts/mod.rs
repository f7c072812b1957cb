//! Safety alerts: signed CAP feeds, push and SMS intake, and what the user sees of them.
//!
//! - [`cap`]: the CAP 1.2/1.1 parser and model (also CAP inline in Atom).
//! - [`minisign`]: minisign keys and prehashed detached signatures.
pub mod cap;
pub mod minisign;
