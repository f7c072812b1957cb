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
    let candidate = Candidate::new(d);
    let detectors: [fn(&Candidate<'_>, &IndexedTarget) -> Option<Finding>; 6] = [
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
        if let Some((finding, target)) = index
            .iter()
            .find_map(|t| detector(&candidate, t).map(|f| (f, t)))
        {
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

/// The checked domain with what every comparison needs computed once, not once per target.
struct Candidate<'d> {
    d: &'d DomainParts,
    label: Option<&'d str>,
    label_skeleton: String,
    host_skeleton: Option<String>,
    /// The site label and each subdomain label, split into words once.
    label_words: Option<LabelWords<'d>>,
    subdomain_words: Vec<LabelWords<'d>>,
    /// Where a name may start in the host: its start and after every '.' or '-'.
    boundaries: Vec<usize>,
}

/// A label's '-'-separated words, and whether each is a squat word (brand-independent).
struct LabelWords<'a> {
    words: Vec<&'a str>,
    squat: Vec<bool>,
}

impl<'a> LabelWords<'a> {
    fn new(label: &'a str) -> Self {
        let words: Vec<&str> = label.split('-').filter(|w| !w.is_empty()).collect();
        let squat = words.iter().map(|w| SQUAT_WORDS.contains(w)).collect();
        LabelWords { words, squat }
    }
}

impl<'d> Candidate<'d> {
    fn new(d: &'d DomainParts) -> Self {
        let label = d.site_label();
        let host_skeleton = (!d.unicode.is_ascii())
            .then(|| skeleton(d.unicode.strip_prefix("www.").unwrap_or(&d.unicode)));
        let boundaries = std::iter::once(0)
            .chain(d.ascii.match_indices(['.', '-']).map(|(at, _)| at + 1))
            .collect();
        Candidate {
            d,
            label,
            label_skeleton: label.map(skeleton).unwrap_or_default(),
            host_skeleton,
            label_words: label.map(LabelWords::new),
            subdomain_words: d
                .subdomain_labels()
                .into_iter()
                .map(LabelWords::new)
                .collect(),
            boundaries,
        }
    }
}

/// `www.ccb.com.secure-verify.top`, `icbc.com.cn-login.xyz`: the whole official name, then more.
fn embedded(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let host = c.d.ascii.as_str();
    let found = c.boundaries.iter().any(|&at| {
        host[at..]
            .strip_prefix(t.domain.as_str())
            .is_some_and(|after| after.starts_with('.') || after.starts_with('-'))
    });
    found.then(|| Finding::new("target_embedding", Risk::High).arg("target", t.domain.clone()))
}

/// Non-ASCII characters that fold (TS#39 skeleton) onto a target's name.
fn homoglyph(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let host_skeleton = c.host_skeleton.as_deref()?;
    let whole = host_skeleton == t.domain_skeleton;
    let label = !t.label.is_empty() && c.label.is_some() && c.label_skeleton == t.label_skeleton;
    (whole || label).then(|| Finding::new("homoglyph", Risk::High).arg("target", t.domain.clone()))
}

/// ASCII lookalikes: `paypa1`, `l0086`, `rn` for `m`.
fn lookalike_ascii(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let label = c.label?;
    let hit = label.is_ascii()
        && label.len() >= 3
        && !t.label.is_empty()
        && label != t.label
        && c.label_skeleton == t.label_skeleton;
    hit.then(|| Finding::new("lookalike_characters", Risk::High).arg("target", t.domain.clone()))
}

/// One character added, dropped, changed or two swapped. Short names collide by chance, so a
/// name under five characters counts only on the target's own suffix.
fn typo(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let label = c.label?;
    if t.label.is_empty()
        || label == t.label
        || !label.is_ascii()
        || label.len().abs_diff(t.label.len()) > 3
    {
        return None;
    }
    let long_enough = t.label.len() >= 5 || (label.len() >= 4 && c.d.suffix == t.suffix);
    // `wwwicbc.com.cn`: the dot after "www" left out.
    let glued_www = label.strip_prefix("www") == Some(t.label.as_str());
    let hit = glued_www || (long_enough && edit_distance(label, &t.label, 1) == 1);
    hit.then(|| Finding::new("typosquat", Risk::High).arg("target", t.domain.clone()))
}

/// The brand as a whole word of the site's own name: `alipay-refund.cc`, `appleid-unlock.blogspot.com`.
fn brand_in_site_label(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let has_squat_word = brand_words(c.label_words.as_ref()?, &t.label)?;
    let (code, risk) = if c.d.private_suffix {
        ("brand_on_free_host", Risk::High)
    } else if has_squat_word {
        ("combo_squat", Risk::High)
    } else {
        ("brand_in_domain", Risk::Medium)
    };
    Some(Finding::new(code, risk).arg("target", t.domain.clone()))
}

/// The brand's name as a subdomain of someone else's site: `royalmail.parcel-fee.com`.
fn brand_in_subdomain(c: &Candidate, t: &IndexedTarget) -> Option<Finding> {
    let hit = c
        .subdomain_words
        .iter()
        .any(|l| brand_words(l, &t.label).is_some());
    hit.then(|| Finding::new("brand_in_subdomain", Risk::High).arg("target", t.domain.clone()))
}

/// `Some` when `label` spells the brand as one of its '-'-separated words, alone or glued to a
/// squat word (`appleid`, `paypalsecure`); inside, whether a squat word accompanies it.
fn brand_words(label: &LabelWords, brand: &str) -> Option<bool> {
    if brand.is_empty() {
        return None;
    }
    let mut has_brand = false;
    let mut has_squat = false;
    for (word, &squat) in label.words.iter().zip(&label.squat) {
        if *word == brand {
            has_brand = true;
        } else if glued_remainder(word, brand).is_some() {
            has_brand = true;
            has_squat = true;
        } else if squat {
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
