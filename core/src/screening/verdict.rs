//! What every check returns: a risk level and the signals that explain it, in the user's language.

use serde::{Deserialize, Serialize};

use crate::i18n::{tr_args, Arg, Locale};

/// How worried the user should be.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    #[default]
    Low,
    Medium,
    High,
}

impl Risk {
    pub fn code(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::Medium => "medium",
            Risk::High => "high",
        }
    }
}

/// A range of characters (Unicode scalar values, not bytes) in the checked text: `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// One reason behind a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Signal {
    /// Stable snake_case code, e.g. `homoglyph` or `code_request`.
    pub code: String,
    /// How much this signal alone weighs: `low` signals explain, they do not warn.
    pub severity: Risk,
    /// The explanation a person reads, in the requested locale.
    pub detail: String,
    /// Where in the checked text the evidence is, for messages.
    pub span: Option<Span>,
}

/// A signal before localisation: its code, weight and the arguments its text needs.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub code: &'static str,
    pub severity: Risk,
    pub args: Vec<(&'static str, String)>,
    pub span: Option<Span>,
}

impl Finding {
    pub fn new(code: &'static str, severity: Risk) -> Self {
        Finding {
            code,
            severity,
            args: Vec::new(),
            span: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn localize(&self, locale: Locale) -> Signal {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Arg::from(v.as_str())))
            .collect();
        Signal {
            code: self.code.to_owned(),
            severity: self.severity,
            detail: tr_args(locale, &message_id(self.code), &args),
            span: self.span,
        }
    }
}

/// The Fluent id of a signal's text.
pub(crate) fn message_id(code: &str) -> String {
    format!("screening-signal-{}", code.replace('_', "-"))
}
