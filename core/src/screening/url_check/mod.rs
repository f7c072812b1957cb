//! Link checks: is this the site it pretends to be, and is it built like a phishing link?
//!
//! Risk is the strongest signal's severity; two independent medium signals make it high
//! (e.g. an IP host serving a plain-http login page). `low` signals only explain.

mod infrastructure;
mod parse;
mod similarity;
mod squatting;
mod target_index;

use serde::{Deserialize, Serialize};

pub use parse::MAX_URL_CHARS;
pub(crate) use target_index::TargetIndex;

use super::{
    advice,
    targets::ProtectedTarget,
    verdict::{Finding, Risk, Signal},
};
use crate::{Locale, Result};

/// The verdict on one link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UrlVerdict {
    pub risk: Risk,
    /// The site the link really belongs to (eTLD+1 in Unicode), e.g. `secure-verify.top`.
    pub registrable_domain: Option<String>,
    /// The official domain this link imitates, if any.
    pub imitates: Option<String>,
    pub signals: Vec<Signal>,
    pub advice: Vec<String>,
}

/// Checks a link (with or without a scheme) against the built-in targets and `extra_targets`.
/// Fails with `InvalidInput` only when the text is not a link at all.
pub fn check_url(
    url: &str,
    extra_targets: &[ProtectedTarget],
    locale: Locale,
) -> Result<UrlVerdict> {
    let index = TargetIndex::new(extra_targets);
    Ok(analyse(url, &index)?.localize(locale))
}

/// The verdict before localisation; the message and QR checks reuse it.
pub(crate) struct UrlAnalysis {
    pub risk: Risk,
    pub registrable_domain: Option<String>,
    pub imitates: Option<String>,
    pub official: bool,
    pub findings: Vec<Finding>,
}

impl UrlAnalysis {
    pub fn localize(&self, locale: Locale) -> UrlVerdict {
        UrlVerdict {
            risk: self.risk,
            registrable_domain: self.registrable_domain.clone(),
            imitates: self.imitates.clone(),
            signals: self.findings.iter().map(|f| f.localize(locale)).collect(),
            advice: advice::for_url(self.risk, locale),
        }
    }
}

pub(crate) fn analyse(url: &str, index: &TargetIndex) -> Result<UrlAnalysis> {
    let parsed = parse::parse(url)?;
    let (registrable_ascii, registrable_domain) = match &parsed.host {
        parse::HostKind::Domain(d) => (d.registrable.clone(), d.registrable_unicode.clone()),
        _ => (None, None),
    };
    let mut findings = Vec::new();
    let mut imitates = None;
    let mut official = false;
    if let parse::HostKind::Domain(d) = &parsed.host {
        let imitation = squatting::check(d, index);
        findings.extend(imitation.findings);
        imitates = imitation.imitates;
        official = imitation.official;
    }
    if !official {
        if let Some(target) = squatting::brand_in_path(&parsed, index) {
            imitates.get_or_insert_with(|| target.domain.clone());
            findings.push(
                Finding::new("brand_in_path", Risk::Medium).arg("target", target.domain.clone()),
            );
        }
    }
    findings.extend(infrastructure::check(&parsed, registrable_ascii.as_deref()));
    Ok(UrlAnalysis {
        risk: combined_risk(&findings),
        registrable_domain,
        imitates,
        official,
        findings,
    })
}

fn combined_risk(findings: &[Finding]) -> Risk {
    let strongest = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Risk::Low);
    let mediums = findings
        .iter()
        .filter(|f| f.severity == Risk::Medium)
        .count();
    if mediums >= 2 {
        Risk::High
    } else {
        strongest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(url: &str) -> UrlVerdict {
        check_url(url, &[], Locale::En).unwrap()
    }

    fn codes(v: &UrlVerdict) -> Vec<&str> {
        v.signals.iter().map(|s| s.code.as_str()).collect()
    }

    #[test]
    fn official_sites_and_subdomains_stay_low() {
        for url in [
            "https://www.icbc.com.cn/",
            "https://mybank.icbc.com.cn/login",
            "http://www.ccb.com/cn/home",
            "https://weixin.qq.com/x",
            "https://www.gov.cn/fuwu/",
            "https://www.chinatax.gov.cn/",
            "https://etax.chinatax.gov.cn/",
            "https://docs.rust-lang.org/std/",
            "https://www.mozilla.org/",
            "https://xn--mnchen-3ya.de/",
            "https://login.microsoftonline.com/common/oauth2",
        ] {
            assert_eq!(
                verdict(url).risk,
                Risk::Low,
                "{url}: {:?}",
                codes(&verdict(url))
            );
        }
    }

    #[test]
    fn imitations_name_their_target() {
        for (url, target, code) in [
            (
                "https://www.ccb.com.secure-verify.top/",
                "ccb.com",
                "target_embedding",
            ),
            (
                "https://icbc.com.cn-login.xyz/",
                "icbc.com.cn",
                "target_embedding",
            ),
            ("https://paypаl.com/", "paypal.com", "homoglyph"),
            (
                "https://www.paypa1.com/",
                "paypal.com",
                "lookalike_characters",
            ),
            ("https://www.abcchina.com/", "abchina.com", "typosquat"),
            ("https://wechta.com/", "wechat.com", "typosquat"),
            ("https://wwwicbc.com.cn/", "icbc.com.cn", "typosquat"),
            ("https://cmbchina-kefu.com/", "cmbchina.com", "combo_squat"),
            (
                "https://icbc.github.io/",
                "icbc.com.cn",
                "brand_on_free_host",
            ),
            (
                "https://royalmail.parcel-fee.com/",
                "royalmail.com",
                "brand_in_subdomain",
            ),
        ] {
            let v = verdict(url);
            assert_eq!(v.risk, Risk::High, "{url}");
            assert_eq!(v.imitates.as_deref(), Some(target), "{url}");
            assert!(codes(&v).contains(&code), "{url}: {:?}", codes(&v));
        }
    }

    #[test]
    fn link_construction_tricks() {
        assert!(
            codes(&verdict("https://www.google.com@accounts-verify.top/"))
                .contains(&"userinfo_trick")
        );
        assert_eq!(
            verdict("https://www.google.com@accounts-verify.top/")
                .registrable_domain
                .as_deref(),
            Some("accounts-verify.top")
        );
        assert_eq!(verdict("http://3325256712/login").risk, Risk::High);
        assert!(verdict("http://[2001:db8::1]/").risk >= Risk::Medium);
        assert_eq!(verdict("https://bit.ly/abc").risk, Risk::Medium);
        assert_eq!(
            verdict("http://198.51.100.8/10086/jifen.html").risk,
            Risk::High
        );
        assert!(codes(&verdict("https://xn--mnchen-3ya.de/")).contains(&"punycode"));
    }

    #[test]
    fn extra_targets_are_protected_too() {
        let extra = [ProtectedTarget::new(
            "northwindbank.co.uk",
            &["Northwind Bank"],
        )];
        let v = check_url("https://northwindbank-login.com/", &extra, Locale::En).unwrap();
        assert_eq!(v.imitates.as_deref(), Some("northwindbank.co.uk"));
        assert_eq!(
            check_url("https://northwindbank-login.com/", &[], Locale::En)
                .unwrap()
                .risk,
            Risk::Low
        );
    }

    #[test]
    fn texts_exist_in_both_locales() {
        let v = check_url("https://www.ccb.com.secure-verify.top/", &[], Locale::ZhCn).unwrap();
        assert!(
            v.signals
                .iter()
                .all(|s| !s.detail.starts_with("screening-")),
            "{v:?}"
        );
        assert!(!v.advice.is_empty());
    }
}
