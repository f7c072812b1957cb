//! Why input was refused, in words a person can read in their language.
//!
//! A [`Reason`] is a Fluent message id (`reason-…`, texts in `core/locales/<lang>/reasons.ftl`)
//! plus arguments. We chose a plain `&'static str` id over an enum of reasons: there are about a
//! hundred of them spread over every feature and the CLI, each used once next to the check it
//! explains, so an enum would be a long list far from its single use, and the CLI could not add
//! its own. A test scans the workspace's sources for `"reason-…"` literals and checks both locales
//! define each one (and that no reason text is left unused), so ids and texts cannot drift.
//!
//! Arguments are limited by type to what is safe to show: numbers (limits, counts, line numbers),
//! verbatim codes of a format (column names, accepted values, command-line flags), other messages
//! (a field's name) and nested reasons. Never the value the user entered.

use std::{borrow::Cow, fmt};

use crate::i18n::{tr, tr_args, Arg, Locale};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    id: &'static str,
    args: Vec<(&'static str, ReasonArg)>,
}

/// One named argument of a [`Reason`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonArg {
    /// A limit, a count or a line number.
    Number(i64),
    /// A token written the same in every language: a column name, accepted codes, a flag.
    Code(Cow<'static, str>),
    /// Another message, such as a field's name, rendered in the reason's locale.
    Message(Cow<'static, str>),
    /// Reasons rendered in the same locale and joined, like an import's problems line by line.
    Reasons(Vec<Reason>),
}

impl ReasonArg {
    pub fn code(code: impl Into<Cow<'static, str>>) -> Self {
        ReasonArg::Code(code.into())
    }

    pub fn message(id: impl Into<Cow<'static, str>>) -> Self {
        ReasonArg::Message(id.into())
    }

    fn localized(&self, locale: Locale) -> Arg {
        match self {
            ReasonArg::Number(n) => (*n).into(),
            ReasonArg::Code(code) => code.as_ref().into(),
            ReasonArg::Message(id) => tr(locale, id).into(),
            ReasonArg::Reasons(reasons) => reasons
                .iter()
                .map(|r| r.localized(locale))
                .collect::<Vec<_>>()
                .join(&tr(locale, "reason-list-separator"))
                .into(),
        }
    }
}

impl From<usize> for ReasonArg {
    fn from(n: usize) -> Self {
        ReasonArg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for ReasonArg {
    fn from(n: u64) -> Self {
        ReasonArg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for ReasonArg {
    fn from(n: u32) -> Self {
        ReasonArg::Number(n.into())
    }
}

impl Reason {
    pub fn new(id: &'static str) -> Self {
        Reason::with(id, [])
    }

    pub fn with(
        id: &'static str,
        args: impl IntoIterator<Item = (&'static str, ReasonArg)>,
    ) -> Self {
        Reason {
            id,
            args: args.into_iter().collect(),
        }
    }

    /// The Fluent message id: stable, so tests and callers can match on it.
    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn localized(&self, locale: Locale) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.localized(locale)))
            .collect();
        tr_args(locale, self.id, &args)
    }
}

/// English, for logs and for callers that have no locale (the FFI error texts).
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Locale::En))
    }
}

#[cfg(test)]
mod tests {
    use std::{collections::BTreeSet, fs, path::Path};

    use super::*;

    /// Every `"reason-…"` string literal in the Rust sources under `dir`.
    fn ids_in_sources(dir: &Path, found: &mut BTreeSet<String>) {
        for entry in fs::read_dir(dir).expect("source directory is readable") {
            let path = entry.expect("readable directory entry").path();
            if path.is_dir() {
                ids_in_sources(&path, found);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&path).expect("sources are UTF-8");
                for (start, _) in text.match_indices("\"reason-") {
                    let id: String = text[start + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    // Skips this file's own mentions of the bare prefix.
                    if id != "reason-" {
                        found.insert(id);
                    }
                }
            }
        }
    }

    #[test]
    fn every_reason_in_the_code_has_a_text_in_both_locales_and_every_text_is_used() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("core sits in the workspace");
        let mut used = BTreeSet::new();
        for crate_dir in ["core", "cli", "bindings"] {
            ids_in_sources(&workspace.join(crate_dir).join("src"), &mut used);
        }
        let missing: Vec<_> = used
            .iter()
            .filter(|id| !crate::i18n::has_message(id))
            .collect();
        assert!(missing.is_empty(), "reasons without a text: {missing:?}");

        let texts = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en/reasons.ftl"),
        )
        .expect("reasons.ftl exists");
        let unused: Vec<_> = texts
            .lines()
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .filter(|id| id.starts_with("reason-") && !used.contains(*id))
            .collect();
        assert!(unused.is_empty(), "reason texts no code uses: {unused:?}");
    }

    #[test]
    fn arguments_are_rendered_in_the_reasons_locale() {
        let reason = Reason::with(
            "reason-text-too-long",
            [
                ("field", ReasonArg::message("reason-field-note")),
                ("max", 2000usize.into()),
            ],
        );
        assert_eq!(reason.to_string(), "note is longer than 2000 characters");
        assert_eq!(reason.localized(Locale::ZhCn), "备注超过 2000 个字符");
    }
}
