//! Signals that a domain imitates a protected target: homoglyphs, typos, the target's name
//! embedded in another domain, brand plus "login"/"kefu"-style words, brands on free hosting.

use super::{
    parse::{DomainParts, ParsedUrl},
    similarity::{edit_distance, skeleton},
    target_index::{host_is_within, IndexedTarget, TargetIndex},
};
use crate::screening::verdict::{Finding, Risk};

/// Words squatters put next to a brand to look like one of its services.
const SQUAT_WORDS: &[&str] = &[
    "login",
    "logon",
    "signin",
    "sign",
    "verify",
    "verification",
    "secure",
    "security",
    "safe",
    "safety",
    "account",
    "accounts",
    "update",
    "confirm",
    "auth",
    "support",
    "service",
    "services",
    "help",
    "helpdesk",
    "desk",
    "center",
    "centre",
    "kefu",
    "refund",
    "tuikuan",
    "tuishui",
    "jf",
    "jifen",
    "dh",
    "duihuan",
    "points",
    "reward",
    "rewards",
    "bonus",
    "gift",
    "pay",
    "payment",
    "billing",
    "alert",
    "alerts",
    "unlock",
    "unblock",
    "recover",
    "recovery",
    "id",
    "online",
    "mobile",
    "web",
    "official",
    "customer",
    "care",
    "claim",
    "prize",
    "vip",
    "ebank",
    "wallet",
    "cn",
    "check",
    "notice",
    "delivery",
    "track",
    "parcel",
    "fee",
    "cancel",
    "order",
    "limit",
    "tisheng",
    "ka",
];

/// Suffixes only governments can register: any domain under them is official.
const GOVERNMENT_SUFFIXES: &[&str] = &["gov.cn", "gov.uk", "gov", "gov.hk", "gov.mo", "gov.tw"];

/// The outcome: findings, and the official domain imitated if one was found.
pub struct Imitation {
    pub findings: Vec<Finding>,
    pub imitates: Option<String>,
    /// The host belongs to a protected target (or a government): nothing to imitate.
    pub official: bool,
}

pub fn check(d: &DomainParts, index: &TargetIndex) -> Imitation {
    let Some(registrable) = d.registrable.as_deref() else {
        return Imitation {
            findings: Vec::new(),
            imitates: None,
            official: false,
        };
    };
    if let Some(owner) = index.owner_of(&d.ascii, registrable) {
        let finding = Finding::new("official_site", Risk::Low).arg("domain", owner.domain.clone());
        return Imitation {
            findings: vec![finding],
            imitates: None,
            official: true,
        };
    }
    if GOVERNMENT_SUFFIXES
        .iter()
        .any(|s| host_is_within(registrable, s))
    {
        let finding =
            Finding::new("government_site", Risk::Low).arg("domain", registrable.to_owned());
        return Imitation {
            findings: vec![finding],
            imitates: None,
            official: true,
        };
    }
    let detectors: [fn(&DomainParts, &IndexedTarget) -> Option<Finding>; 6] = [
        embedded,
        homoglyph,
        lookalike_ascii,
        typo,
        brand_in_site_label,
        brand_in_subdomain,
    ];
    let mut findings = Vec::new();
    let mut imitates = None;
    for detector in detectors {
        if let Some((finding, target)) = index.iter().find_map(|t| detector(d, t).map(|f| (f, t))) {
            imitates.get_or_insert_with(|| target.domain.clone());
            findings.push(finding);
        }
    }
    Imitation {
        findings,
        imitates,
        official: false,
    }
}

/// `www.ccb.com.secure-verify.top`, `icbc.com.cn-login.xyz`: the whole official name, then more.
fn embedded(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    let host = d.ascii.as_str();
    let found = host.match_indices(t.domain.as_str()).any(|(at, m)| {
        let before_ok = at == 0 || host[..at].ends_with('.') || host[..at].ends_with('-');
        let after = &host[at + m.len()..];
        before_ok && (after.starts_with('.') || after.starts_with('-'))
    });
    found.then(|| Finding::new("target_embedding", Risk::High).arg("target", t.domain.clone()))
}

/// Non-ASCII characters that fold (TS#39 skeleton) onto a target's name.
fn homoglyph(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    if d.unicode.is_ascii() {
        return None;
    }
    let host = d.unicode.strip_prefix("www.").unwrap_or(&d.unicode);
    let whole = skeleton(host) == t.domain_skeleton;
    let label = !t.label.is_empty()
        && d.site_label()
            .is_some_and(|l| skeleton(l) == t.label_skeleton);
    (whole || label).then(|| Finding::new("homoglyph", Risk::High).arg("target", t.domain.clone()))
}

/// ASCII lookalikes: `paypa1`, `l0086`, `rn` for `m`.
fn lookalike_ascii(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    let label = d.site_label()?;
    let hit = label.is_ascii()
        && label.chars().count() >= 3
        && !t.label.is_empty()
        && label != t.label
        && skeleton(label) == t.label_skeleton;
    hit.then(|| Finding::new("lookalike_characters", Risk::High).arg("target", t.domain.clone()))
}

/// One character added, dropped, changed or two swapped. Short names collide by chance, so a
/// name under five characters counts only on the target's own suffix.
fn typo(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    let label = d.site_label()?;
    if t.label.is_empty() || label == t.label || !label.is_ascii() {
        return None;
    }
    let long_enough = t.label.len() >= 5 || (label.len() >= 4 && d.suffix == t.suffix);
    // `wwwicbc.com.cn`: the dot after "www" left out.
    let glued_www = label.strip_prefix("www") == Some(t.label.as_str());
    let hit = glued_www || (long_enough && edit_distance(label, &t.label, 1) == 1);
    hit.then(|| Finding::new("typosquat", Risk::High).arg("target", t.domain.clone()))
}

/// The brand as a whole word of the site's own name: `alipay-refund.cc`, `appleid-unlock.blogspot.com`.
fn brand_in_site_label(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    let label = d.site_label()?;
    let has_squat_word = brand_words(label, &t.label)?;
    let (code, risk) = if d.private_suffix {
        ("brand_on_free_host", Risk::High)
    } else if has_squat_word {
        ("combo_squat", Risk::High)
    } else {
        ("brand_in_domain", Risk::Medium)
    };
    Some(Finding::new(code, risk).arg("target", t.domain.clone()))
}

/// The brand's name as a subdomain of someone else's site: `royalmail.parcel-fee.com`.
fn brand_in_subdomain(d: &DomainParts, t: &IndexedTarget) -> Option<Finding> {
    let hit = d
        .subdomain_labels()
        .iter()
        .any(|l| brand_words(l, &t.label).is_some());
    hit.then(|| Finding::new("brand_in_subdomain", Risk::High).arg("target", t.domain.clone()))
}

/// `Some` when `label` spells the brand as one of its '-'-separated words, alone or glued to a
/// squat word (`appleid`, `paypalsecure`); inside, whether a squat word accompanies it.
fn brand_words(label: &str, brand: &str) -> Option<bool> {
    if brand.is_empty() {
        return None;
    }
    let words: Vec<&str> = label.split('-').filter(|w| !w.is_empty()).collect();
    let mut has_brand = false;
    let mut has_squat = false;
    for word in &words {
        if *word == brand {
            has_brand = true;
        } else if let Some(rest) = glued_remainder(word, brand) {
            has_brand = true;
            has_squat |= SQUAT_WORDS.contains(&rest);
        } else if SQUAT_WORDS.contains(word) {
            has_squat = true;
        }
    }
    has_brand.then_some(has_squat)
}

/// `appleid` → `id` for brand `apple`, when the remainder is a squat word.
fn glued_remainder<'w>(word: &'w str, brand: &str) -> Option<&'w str> {
    if brand.len() < 3 {
        return None;
    }
    let rest = word
        .strip_prefix(brand)
        .or_else(|| word.strip_suffix(brand))?;
    SQUAT_WORDS.contains(&rest).then_some(rest)
}

/// A path segment naming a target (`/ccb/logon.jsp`) on a host that is not the target's.
pub fn brand_in_path<'i>(url: &ParsedUrl, index: &'i TargetIndex) -> Option<&'i IndexedTarget> {
    let path = url.path_and_query.split('?').next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| s.len() >= 3).collect();
    index
        .iter()
        .find(|t| t.label.len() >= 3 && segments.iter().any(|s| *s == t.label))
}
