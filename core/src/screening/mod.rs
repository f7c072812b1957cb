//! Screening of links, messages and QR payloads against fraud patterns, on the device.

mod family;

pub use family::Family;
