//! OASIS CAP 1.2 (and 1.1) messages, alone or inline in an Atom feed.
//!
//! The XML layer refuses DTDs and custom entities, so hostile documents cannot expand
//! or reach files. Dates: CAP requires numeric offsets; `Z` is accepted and recorded as a
//! [`Lenience`], since real feeds use it and the instant is unambiguous.

mod model;
mod parse;

pub use model::*;
pub use parse::{
    parse_alert, parse_date, parse_document, parse_document_each, parse_text_each, CapError,
    ATOM_NS, CAP_1_1_NS, CAP_1_2_NS,
};
pub use vigil_xml::XmlError;

#[cfg(test)]
pub(crate) mod tests;
