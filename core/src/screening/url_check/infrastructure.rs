//! Signals about how a link is built, whoever it imitates: IP hosts, shorteners, userinfo tricks,
//! plain-http login pages, punycode and mixed scripts.

use unicode_security::{RestrictionLevel, RestrictionLevelDetection};

use super::parse::{DomainParts, HostKind, ParsedUrl};
use crate::screening::verdict::{Finding, Risk};

/// Public link shorteners: the real destination is hidden until opened.
const SHORTENERS: &[&str] = &[
    "url.cn",
    "t.cn",
    "dwz.cn",
    "suo.im",
    "sohu.gg",
    "w.url.cn",
    "is.gd",
    "v.gd",
    "bit.ly",
    "tinyurl.com",
    "goo.gl",
    "t.co",
    "ow.ly",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "rb.gy",
    "s.id",
    "tiny.cc",
    "shorturl.at",
    "t.ly",
    "bl.ink",
    "lnkd.in",
    "u.to",
    "x.gd",
    "qrco.de",
];

/// Words of pages that take credentials or card details.
const CREDENTIAL_WORDS: &[&str] = &[
    "login", "logon", "signin", "sign-in", "verify", "account", "password", "passwd", "auth",
    "unlock", "secure", "bank", "card", "wallet", "kyc", "otp", "update", "qingcha", "jifen",
    "refund", "tuikuan",
];

/// Cheap top-level domains that phishing kits favour; alone they prove nothing.
const CHEAP_TLDS: &[&str] = &[
    "top", "xyz", "cc", "tk", "ml", "ga", "cf", "gq", "icu", "buzz", "help", "info", "live",
    "click", "link", "shop", "vip", "work", "rest", "fit", "loan", "win", "bid", "monster", "cyou",
    "sbs", "club", "online", "site", "store", "cfd",
];

pub fn check(url: &ParsedUrl, registrable: Option<&str>) -> Vec<Finding> {
    let mut findings = Vec::new();
    match &url.host {
        HostKind::Ipv4 {
            addr,
            written_dotted: true,
        } => findings.push(Finding::new("ip_literal", Risk::Medium).arg("host", addr.to_string())),
        HostKind::Ipv4 {
            addr,
            written_dotted: false,
        } => findings.push(Finding::new("obfuscated_ip", Risk::High).arg("host", addr.to_string())),
        HostKind::Ipv6(addr) => {
            findings.push(Finding::new("ip_literal", Risk::Medium).arg("host", addr.to_string()))
        }
        HostKind::Domain(d) => domain_findings(d, registrable, &mut findings),
    }
    if url.has_userinfo {
        findings.push(Finding::new("userinfo_trick", Risk::High));
    }
    if let Some(port) = url.port.filter(|p| ![80, 443].contains(p)) {
        findings.push(Finding::new("unusual_port", Risk::Low).arg("port", port.to_string()));
    }
    if url.explicit_scheme.as_deref() == Some("http") && asks_for_credentials(url) {
        findings.push(Finding::new("http_login", Risk::Medium));
    }
    findings
}

fn domain_findings(d: &DomainParts, registrable: Option<&str>, findings: &mut Vec<Finding>) {
    if registrable.is_some_and(|r| SHORTENERS.contains(&r))
        || SHORTENERS.contains(&d.ascii.as_str())
    {
        findings.push(Finding::new("shortener", Risk::Medium).arg("host", d.ascii.clone()));
    }
    if d.ascii.split('.').any(|l| l.starts_with("xn--")) {
        findings.push(Finding::new("punycode", Risk::Low).arg("host", d.unicode.clone()));
    }
    let mixed = d.unicode.split('.').any(|label| {
        !label.is_ascii() && label.detect_restriction_level() > RestrictionLevel::HighlyRestrictive
    });
    if mixed {
        findings.push(Finding::new("mixed_script", Risk::High).arg("host", d.unicode.clone()));
    }
    let tld = d.suffix.rsplit('.').next().unwrap_or("");
    if CHEAP_TLDS.contains(&tld) {
        findings.push(Finding::new("cheap_tld", Risk::Low).arg("tld", tld.to_owned()));
    }
}

fn asks_for_credentials(url: &ParsedUrl) -> bool {
    let host = match &url.host {
        HostKind::Domain(d) => d.ascii.as_str(),
        _ => "",
    };
    CREDENTIAL_WORDS
        .iter()
        .any(|w| url.path_and_query.contains(w) || host.contains(w))
}
