//! Protected targets prepared for matching: registrable domain, site label, skeletons. The
//! built-in list is prepared once per process; a caller's extra targets are prepared per call.

use std::sync::OnceLock;

use super::{parse, similarity::skeleton};
use crate::screening::targets::{built_in, ProtectedTarget};

#[derive(Debug, Clone)]
pub struct IndexedTarget {
    pub domain: String,
    pub registrable: String,
    /// The label left of the public suffix: `icbc` for `icbc.com.cn`, `qq` for `weixin.qq.com`;
    /// empty when that label says nothing about the brand (`www` in `www.gov.cn`).
    pub label: String,
    pub label_skeleton: String,
    pub domain_skeleton: String,
    pub suffix: String,
    /// Brand names, lowercased for matching.
    pub names: Vec<String>,
}

impl IndexedTarget {
    fn new(target: &ProtectedTarget) -> Option<Self> {
        let parsed = parse::parse(&target.domain).ok()?;
        let parse::HostKind::Domain(d) = parsed.host else {
            return None;
        };
        let registrable = d.registrable.clone()?;
        let label = d
            .site_label()
            .filter(|l| *l != "www")
            .unwrap_or_default()
            .to_owned();
        Some(IndexedTarget {
            domain: d.ascii.trim_start_matches("www.").to_owned(),
            label_skeleton: skeleton(&label),
            domain_skeleton: skeleton(&d.unicode),
            label,
            registrable,
            suffix: d.suffix,
            names: target.names.iter().map(|n| n.to_lowercase()).collect(),
        })
    }
}

/// The built-in targets followed by the caller's.
pub struct TargetIndex {
    built_in: &'static [IndexedTarget],
    extra: Vec<IndexedTarget>,
}

impl TargetIndex {
    pub fn new(extra: &[ProtectedTarget]) -> Self {
        static BUILT_IN: OnceLock<Vec<IndexedTarget>> = OnceLock::new();
        let built_in =
            BUILT_IN.get_or_init(|| built_in().iter().filter_map(IndexedTarget::new).collect());
        TargetIndex {
            built_in,
            extra: extra.iter().filter_map(IndexedTarget::new).collect(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &IndexedTarget> {
        self.built_in.iter().chain(self.extra.iter())
    }

    /// The target whose registrable domain this is, preferring the most specific domain.
    pub fn owner_of(&self, host: &str, registrable: &str) -> Option<&IndexedTarget> {
        let mut owners: Vec<&IndexedTarget> = self
            .iter()
            .filter(|t| t.registrable == registrable)
            .collect();
        owners.sort_by_key(|t| std::cmp::Reverse(usize::from(host_is_within(host, &t.domain))));
        owners.into_iter().next()
    }
}

/// `host` is `domain` or one of its subdomains.
pub fn host_is_within(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|p| p.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_targets_all_index() {
        let index = TargetIndex::new(&[]);
        assert_eq!(
            index.iter().count(),
            built_in().len(),
            "every built-in target parses"
        );
        let weixin = index.owner_of("weixin.qq.com", "qq.com").unwrap();
        assert_eq!(weixin.domain, "weixin.qq.com");
        assert_eq!(
            index.owner_of("mail.qq.com", "qq.com").unwrap().registrable,
            "qq.com"
        );
    }

    #[test]
    fn extra_targets_join_the_built_in_ones() {
        let extra = [ProtectedTarget::new("examplebank.co.uk", &["Example Bank"])];
        let index = TargetIndex::new(&extra);
        let added = index.iter().last().unwrap();
        assert_eq!(
            (added.label.as_str(), added.registrable.as_str()),
            ("examplebank", "examplebank.co.uk")
        );
    }
}
