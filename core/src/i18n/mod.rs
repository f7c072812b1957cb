//! Every user-facing text the core produces, in zh-CN and en, from Fluent resources.
//!
//! Texts live in `core/locales/<lang>/*.ftl` (one file per feature, joined and deflated
//! at build time, see `packed_text`).
//! Callers pick the language with a [`Locale`] argument; nothing reads the OS locale.

use std::{borrow::Cow, str::FromStr, sync::OnceLock};

use crate::packed_text::{self, packed_text};

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::{langid, LanguageIdentifier};

const EN_FTL: &[u8] = packed_text!("en.ftl");
const ZH_CN_FTL: &[u8] = packed_text!("zh-CN.ftl");

/// The languages Vigil speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// A BCP 47 language tag as CAP `<language>` or an OS setting gives it ("zh", "zh-Hans-CN", "en-US").
    pub fn matches_tag(self, tag: &str) -> bool {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match self {
            Locale::En => primary == "en",
            Locale::ZhCn => primary == "zh",
        }
    }
}

impl FromStr for Locale {
    type Err = UnknownLocale;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Locale::ALL
            .into_iter()
            .find(|l| l.matches_tag(s))
            .ok_or(UnknownLocale)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown locale (expected zh-CN or en)")]
pub struct UnknownLocale;

type Bundle = FluentBundle<FluentResource>;

fn bundle(locale: Locale) -> &'static Bundle {
    static EN: OnceLock<Bundle> = OnceLock::new();
    static ZH: OnceLock<Bundle> = OnceLock::new();
    let (cell, source, id): (_, _, LanguageIdentifier) = match locale {
        Locale::En => (&EN, EN_FTL, langid!("en")),
        Locale::ZhCn => (&ZH, ZH_CN_FTL, langid!("zh-CN")),
    };
    cell.get_or_init(|| {
        let resource = FluentResource::try_new(packed_text::inflate(source))
            .expect("bundled .ftl files parse (checked by i18n tests)");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks around arguments confuse terminals and JSON consumers.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .expect("bundled .ftl files have no duplicate ids (checked by i18n tests)");
        bundle
    })
}

/// An argument for a message: text or a number.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n as f64)
    }
}

/// The text of message `id` in `locale`. An id missing from the bundle yields the id itself, so a
/// gap shows up in review instead of as an empty string; tests check that every id used exists.
pub fn tr(locale: Locale, id: &str) -> String {
    tr_args(locale, id, &[])
}

/// [`tr`] with named arguments.
pub fn tr_args(locale: Locale, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(locale);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let value: FluentValue = match value {
            Arg::Text(t) => FluentValue::String(Cow::Owned(t.clone())),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Whether `id` exists in every locale (used by tests of each feature).
pub fn has_message(id: &str) -> bool {
    Locale::ALL.into_iter().all(|l| bundle(l).has_message(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("ftl parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_locales_parse_and_define_the_same_ids() {
        let mut en = ids(&packed_text::inflate(EN_FTL));
        let mut zh = ids(&packed_text::inflate(ZH_CN_FTL));
        en.sort();
        zh.sort();
        let en_only: Vec<_> = en.iter().filter(|i| !zh.contains(i)).collect();
        let zh_only: Vec<_> = zh.iter().filter(|i| !en.contains(i)).collect();
        assert!(
            en_only.is_empty() && zh_only.is_empty(),
            "en only: {en_only:?}; zh-CN only: {zh_only:?}"
        );
        let mut dedup = en.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), en.len(), "duplicate message ids");
        // Building the bundles exercises the `expect`s in `bundle`.
        for l in Locale::ALL {
            assert!(bundle(l).has_message("error-wrong-passphrase"));
        }
    }

    #[test]
    fn locale_argument_selects_language() {
        assert_ne!(
            tr(Locale::En, "error-wrong-passphrase"),
            tr(Locale::ZhCn, "error-wrong-passphrase")
        );
        assert_eq!("zh-Hans-CN".parse::<Locale>().unwrap(), Locale::ZhCn);
        assert_eq!("en_US".parse::<Locale>().unwrap(), Locale::En);
        assert!("fr".parse::<Locale>().is_err());
    }

    #[test]
    fn arguments_are_substituted() {
        let s = tr_args(
            Locale::En,
            "error-tampered",
            &[("table", "details".into()), ("id", "abc".into())],
        );
        assert!(s.contains("details") && s.contains("abc"), "{s}");
        // A damaged backup file is not "a stored record": it gets its own words.
        for locale in [Locale::En, Locale::ZhCn] {
            let record = tr_args(
                locale,
                "error-tampered",
                &[("table", "details".into()), ("id", "3".into())],
            );
            let backup = tr_args(
                locale,
                "error-tampered",
                &[("table", "backup".into()), ("id", "3".into())],
            );
            assert!(
                backup.contains('3') && !backup.contains("backup /"),
                "{backup}"
            );
            assert_ne!(record.replace("details", "backup"), backup);
        }
    }
}
