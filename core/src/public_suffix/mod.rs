//! The Public Suffix List: where the part of a host name its owner registered begins.
//!
//! `paypal.com.evil.cn` is registered under `evil.cn`, and `bank.github.io` is one of many
//! sites under the private suffix `github.io`: link screening, holder websites and official SMS
//! checks all need that split. The list ships as deflated text (`core/data/public_suffix_list.dat`,
//! see `packed_text`) and is parsed once, on first use, into a map from rule to kind: 39 KB in the
//! library, where a list compiled into code took 0.65 MB.
//!
//! Matching follows <https://publicsuffix.org/list/>: the rule matching the most labels wins, an
//! exception rule (`!www.ck`) wins over everything, and a host no rule matches falls back to
//! the implicit `*` rule (its last label is the suffix), reported as not known.

use crate::packed_text::{self, packed_text};
use std::{collections::HashMap, sync::OnceLock};

const LIST: &[u8] = packed_text!("public_suffix_list.dat");

/// Which part of the list a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Delegated by registries (`com`, `com.cn`, `kobe.jp`).
    Icann,
    /// Submitted by companies that hand out subdomains (`github.io`, `myqcloud.com`): the
    /// registrable domain belongs to one customer, not to the company.
    Private,
}

/// The public suffix of a host: a slice of it, and the section of the rule that matched (`None`
/// when only the implicit `*` rule did).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suffix<'a> {
    pub name: &'a str,
    pub section: Option<Section>,
}

impl Suffix<'_> {
    /// Whether a listed rule matched, rather than the fallback for unknown top-level names.
    pub fn is_known(&self) -> bool {
        self.section.is_some()
    }
}

/// The registrable domain of a host (its suffix plus one label) and that suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain<'a> {
    pub name: &'a str,
    pub suffix: Suffix<'a>,
}

/// The public suffix of `host` (lower case, no trailing dot, as URL parsers give it; Unicode
/// and punycode labels both work). `None` for an empty host or one with an empty label.
///
/// # Examples
/// ```
/// use vigil_core::public_suffix::{suffix, Section};
/// let s = suffix("www.icbc.com.cn").unwrap();
/// assert_eq!((s.name, s.section), ("com.cn", Some(Section::Icann)));
/// assert!(!suffix("intranet.corp").unwrap().is_known());
/// ```
pub fn suffix(host: &str) -> Option<Suffix<'_>> {
    if host.is_empty() || host.split('.').any(str::is_empty) {
        return None;
    }
    let rules = rules();
    let mut best = Suffix {
        name: last_labels(host, 1),
        section: None,
    };
    // The previous, one label shorter candidate and its rules: one map lookup per label.
    let mut parent: Option<(&str, Option<&Rules>)> = None;
    for labels in 1..=host.split('.').count() {
        let candidate = last_labels(host, labels);
        let here = rules.get(candidate);
        if let Some(section) = here.and_then(|r| r.exception) {
            // An exception names a registrable domain inside a wildcard: its parent is the
            // suffix, and no longer rule can override it.
            let (name, _) = parent.expect("exception rules have at least two labels");
            return Some(Suffix {
                name,
                section: Some(section),
            });
        }
        let wildcard = parent.and_then(|(_, r)| r).and_then(|r| r.wildcard);
        if let Some(section) = here.and_then(|r| r.normal).or(wildcard) {
            best = Suffix {
                name: candidate,
                section: Some(section),
            };
        }
        parent = Some((candidate, here));
    }
    Some(best)
}

/// The registrable domain of `host`: its public suffix plus the label before it. `None` when the
/// host is itself a public suffix (`com.cn`, `github.io`) or malformed.
///
/// # Examples
/// ```
/// use vigil_core::public_suffix::registrable_domain;
/// assert_eq!(registrable_domain("icbc.com.cn.evil.cn").unwrap().name, "evil.cn");
/// assert_eq!(registrable_domain("bank.github.io").unwrap().name, "bank.github.io");
/// assert!(registrable_domain("github.io").is_none());
/// ```
pub fn registrable_domain(host: &str) -> Option<Domain<'_>> {
    domain_under(host, suffix(host)?)
}

/// The registrable domain of `host` given its already computed [`suffix`].
pub fn domain_under<'a>(host: &'a str, suffix: Suffix<'a>) -> Option<Domain<'a>> {
    let before = host.strip_suffix(suffix.name)?.strip_suffix('.')?;
    let label = before.rsplit('.').next()?;
    let start = host.len() - suffix.name.len() - 1 - label.len();
    Some(Domain {
        name: &host[start..],
        suffix,
    })
}

/// The last `count` labels of a host with at least that many.
fn last_labels(host: &str, count: usize) -> &str {
    let start = host
        .rmatch_indices('.')
        .nth(count - 1)
        .map_or(0, |(dot, _)| dot + 1);
    &host[start..]
}

/// What the list says about one name: a rule for the name itself (`com.cn`), a wildcard for its
/// children (`*.kobe.jp` is stored under `kobe.jp`), an exception (`!city.kobe.jp`).
#[derive(Default)]
struct Rules {
    normal: Option<Section>,
    wildcard: Option<Section>,
    exception: Option<Section>,
}

fn rules() -> &'static HashMap<String, Rules> {
    static RULES: OnceLock<HashMap<String, Rules>> = OnceLock::new();
    RULES.get_or_init(|| parse(&packed_text::inflate(LIST)))
}

fn parse(list: &str) -> HashMap<String, Rules> {
    let mut rules: HashMap<String, Rules> = HashMap::with_capacity(10_000);
    let mut section = Section::Icann;
    for line in list.lines() {
        let line = line.trim();
        if line.starts_with("// ===BEGIN PRIVATE DOMAINS===") {
            section = Section::Private;
        }
        // The format: one rule per line, up to the first whitespace; `//` starts a comment.
        let Some(rule) = line
            .split_whitespace()
            .next()
            .filter(|r| !r.starts_with("//"))
        else {
            continue;
        };
        let (name, slot): (&str, fn(&mut Rules) -> &mut Option<Section>) =
            if let Some(name) = rule.strip_prefix('!') {
                (name, |r| &mut r.exception)
            } else if let Some(name) = rule.strip_prefix("*.") {
                (name, |r| &mut r.wildcard)
            } else {
                (rule, |r| &mut r.normal)
            };
        let name = name.to_lowercase();
        // Hosts reach us in punycode (from URL parsers) or in Unicode (from message text):
        // every internationalised rule is stored both ways.
        if !name.is_ascii() {
            let punycode = url::quirks::domain_to_ascii(&name);
            if !punycode.is_empty() {
                *slot(rules.entry(punycode).or_default()) = Some(section);
            }
        }
        *slot(rules.entry(name).or_default()) = Some(section);
    }
    rules
}

#[cfg(test)]
mod tests;
