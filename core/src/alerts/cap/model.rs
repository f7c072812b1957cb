//! The CAP 1.2 / 1.1 message model: what Vigil keeps of an `<alert>`.
//!
//! Stored alerts are sealed in the binary form of `alerts::compact`. The serde derives remain for
//! the alerts earlier builds stored as JSON (absent and empty fields left out, or written as
//! `null` and `[]`: both read) and for the pinned test models.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// CAP's closed vocabularies: each value keeps its exact CAP spelling for parsing and display.
macro_rules! cap_vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_cap(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            pub fn from_cap(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}

cap_vocabulary!(
    /// Whether the message is real: only `Actual` is ever shown as a real alert.
    CapStatus { Actual => "Actual", Exercise => "Exercise", System => "System", Test => "Test", Draft => "Draft", }
);
cap_vocabulary!(CapMsgType { Alert => "Alert", Update => "Update", Cancel => "Cancel", Ack => "Ack", Error => "Error", });
cap_vocabulary!(CapScope { Public => "Public", Restricted => "Restricted", Private => "Private", });
cap_vocabulary!(CapCategory {
    Geo => "Geo", Met => "Met", Safety => "Safety", Security => "Security", Rescue => "Rescue",
    Fire => "Fire", Health => "Health", Env => "Env", Transport => "Transport", Infra => "Infra",
    Cbrne => "CBRNE", Other => "Other",
});
cap_vocabulary!(CapUrgency { Immediate => "Immediate", Expected => "Expected", Future => "Future", Past => "Past", Unknown => "Unknown", });
cap_vocabulary!(
    /// Ordered from most to least severe, so sorting puts `Extreme` first.
    CapSeverity { Extreme => "Extreme", Severe => "Severe", Moderate => "Moderate", Minor => "Minor", Unknown => "Unknown", }
);
cap_vocabulary!(CapCertainty { Observed => "Observed", Likely => "Likely", Possible => "Possible", Unlikely => "Unlikely", Unknown => "Unknown", });

/// Where the parser was more forgiving than the standard, recorded rather than hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lenience {
    /// A date-time used `Z` for UTC; CAP requires a numeric offset. Real feeds (NWS Atom, many
    /// aggregators) do this, and the instant is unambiguous, so it is accepted.
    UtcDesignatorZ,
    /// CAP 1.1 certainty `Very Likely`, read as `Likely` as CAP 1.2 prescribes.
    VeryLikely,
}

/// A `valueName`/`value` pair (eventCode, parameter, geocode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedValue {
    pub name: String,
    pub value: String,
}

/// Another message this one refers to: `sender,identifier,sent`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reference {
    pub sender: String,
    pub identifier: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Circle {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub description: String,
    /// Each polygon is a closed ring of (latitude, longitude) points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polygons: Vec<Vec<(f64, f64)>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub circles: Vec<Circle>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub geocodes: Vec<NamedValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// RFC 3066 tag; CAP's default when absent is `en-US`.
    pub language: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CapCategory>,
    pub event: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_codes: Vec<NamedValue>,
    pub urgency: CapUrgency,
    pub severity: CapSeverity,
    pub certainty: CapCertainty,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub effective: Option<OffsetDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub onset: Option<OffsetDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub expires: Option<OffsetDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<NamedValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
}

/// The eventCode name that carries a fraud warning's scam family.
pub const ANTIFRAUD_CODE: &str = "x-antifraud";

impl Info {
    /// The scam family code of a fraud warning (category `Security` + eventCode `x-antifraud`).
    pub fn fraud_family_code(&self) -> Option<&str> {
        if !self.categories.contains(&CapCategory::Security) {
            return None;
        }
        self.event_codes
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(ANTIFRAUD_CODE))
            .map(|c| c.value.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CapVersion {
    V1_1,
    V1_2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub version: CapVersion,
    pub identifier: String,
    pub sender: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent: OffsetDateTime,
    pub status: CapStatus,
    pub msg_type: CapMsgType,
    pub scope: CapScope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infos: Vec<Info>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lenience: Vec<Lenience>,
}

impl Alert {
    /// The identity replay protection and references use: sender, identifier and sent instant.
    pub fn key(&self) -> Reference {
        Reference {
            sender: self.sender.clone(),
            identifier: self.identifier.clone(),
            sent: self.sent,
        }
    }

    /// The `info` in the user's language, else the first one (CAP orders them by the sender's preference).
    pub fn info_for(&self, locale: crate::Locale) -> Option<&Info> {
        self.infos
            .iter()
            .find(|i| locale.matches_tag(&i.language))
            .or_else(|| self.infos.first())
    }

    /// The latest `expires` over all infos; `None` if any info never expires.
    pub fn expires(&self) -> Option<OffsetDateTime> {
        let mut latest = None;
        for info in &self.infos {
            let expires = info.expires?;
            latest = Some(latest.map_or(expires, |l: OffsetDateTime| l.max(expires)));
        }
        latest
    }

    pub fn fraud_family_code(&self) -> Option<&str> {
        self.infos.iter().find_map(Info::fraud_family_code)
    }
}
