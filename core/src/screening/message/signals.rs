//! Structural signals: an action requested of the reader joined with its object (a code, money,
//! a link, a screen), outside any warning; plus what the sender and the links say.

use super::{
    cues::Cue,
    scan::{Hit, Scanned},
    sender::{Sender, SenderKind},
    tokens::LinkToken,
};
use crate::screening::{
    url_check::{TargetIndex, UrlAnalysis},
    verdict::{Finding, Risk, Span},
};

/// How far apart (chars) an action and its object may be and still belong together.
const PAIR_REACH: usize = 40;

/// Cues the sender's display name can contribute ("qq:经侦民警", "wechat:赵总").
const SENDER_CUES: &[Cue] = &[
    Cue::Authority,
    Cue::Boss,
    Cue::Relative,
    Cue::Invest,
    Cue::Task,
    Cue::CustomerService,
    Cue::Loan,
];

pub struct Evidence<'a> {
    pub scanned: &'a Scanned,
    pub sender: &'a Sender,
    pub sender_cues: Vec<Cue>,
    pub links: &'a [(LinkToken, UrlAnalysis)],
    pub phones: &'a [(usize, usize)],
    pub brand_domains: Vec<String>,
    pub brand_span: Option<Span>,
}

impl<'a> Evidence<'a> {
    pub fn new(
        scanned: &'a Scanned,
        sender: &'a Sender,
        links: &'a [(LinkToken, UrlAnalysis)],
        phones: &'a [(usize, usize)],
        index: &TargetIndex,
    ) -> Self {
        let sender_scan = super::scan::scan(&sender.name);
        let sender_cues = sender_scan
            .hits
            .iter()
            .map(|h| h.cue)
            .filter(|c| SENDER_CUES.contains(c))
            .collect();
        let (brand_domains, brand_span) = named_brands(&scanned.chars, sender, index);
        Evidence {
            scanned,
            sender,
            sender_cues,
            links,
            phones,
            brand_domains,
            brand_span,
        }
    }

    /// In the text (outside warnings) or in the sender's name.
    pub fn mentions(&self, cue: Cue) -> bool {
        self.scanned.live(cue).is_some() || self.sender_cues.contains(&cue)
    }

    fn unofficial_links(&self) -> impl Iterator<Item = &(LinkToken, UrlAnalysis)> {
        self.links.iter().filter(|(_, a)| !a.official)
    }

    pub fn has_unofficial_link(&self) -> bool {
        self.unofficial_links().next().is_some()
    }
}

fn span(start: usize, end: usize) -> Span {
    Span {
        start: start as u32,
        end: end as u32,
    }
}

fn hit_span(a: &Hit, b: &Hit) -> Span {
    span(a.start.min(b.start), a.end.max(b.end))
}

/// Two live cues within reach of each other; the span covers both.
fn pair(s: &Scanned, a: Cue, b: Cue) -> Option<Span> {
    s.of(a).filter(|h| !h.negated).find_map(|x| {
        s.of(b)
            .filter(|h| !h.negated)
            .find(|y| x.start.abs_diff(y.start) <= PAIR_REACH)
            .map(|y| hit_span(x, y))
    })
}

fn single(s: &Scanned, cue: Cue, code: &'static str, severity: Risk) -> Option<Finding> {
    s.live(cue)
        .map(|h| Finding::new(code, severity).span(span(h.start, h.end)))
}

pub fn detect(e: &Evidence) -> Vec<Finding> {
    let s = e.scanned;
    let mut out: Vec<Finding> = Vec::new();
    // A code asked for; gift-card codes are a different story told by `gift_card`.
    if !s.has(Cue::GiftCard) {
        if let Some(sp) = pair(s, Cue::CodeObject, Cue::ShareVerb) {
            out.push(Finding::new("code_request", Risk::High).span(sp));
        }
    }
    out.extend(single(s, Cue::SafeAccount, "safe_account", Risk::High));
    out.extend(single(s, Cue::ScreenShare, "screen_share", Risk::High));
    if let Some(sp) =
        pair(s, Cue::CardTradeVerb, Cue::CardObject).filter(|sp| sp.end - sp.start <= 14)
    {
        out.push(Finding::new("card_trade", Risk::High).span(sp));
    }
    if let Some(sp) = pair(s, Cue::Prepay, Cue::Release) {
        out.push(Finding::new("pay_to_release", Risk::High).span(sp));
    }
    out.extend(requested_transfer(s));
    out.extend(single(s, Cue::OffPlatform, "off_platform", Risk::Medium));
    if !s.has(Cue::CodeObject) {
        out.extend(single(s, Cue::Secrecy, "secrecy", Risk::Medium));
    }
    out.extend(single(s, Cue::GiftCard, "gift_card", Risk::Medium));
    // Alone, a new number is common ("存一下我的新号"); it weighs with what is asked next.
    out.extend(single(s, Cue::NewIdentity, "new_identity", Risk::Low));
    if let Some(sp) = pair(s, Cue::PersonalData, Cue::Transfer).or_else(|| {
        s.live(Cue::PersonalData)
            .filter(|_| e.has_unofficial_link())
            .map(|h| span(h.start, h.end))
    }) {
        out.push(Finding::new("personal_data_request", Risk::Medium).span(sp));
    }
    if let Some(h) = s.live(Cue::Suspect) {
        let authority = e.mentions(Cue::Authority);
        out.push(
            Finding::new(
                "suspect_claim",
                if authority { Risk::Medium } else { Risk::Low },
            )
            .span(span(h.start, h.end)),
        );
    }
    out.extend(lure(
        e,
        Cue::Task,
        &[Cue::Returns, Cue::Release, Cue::Prepay],
        "task_for_pay",
    ));
    out.extend(lure(e, Cue::Invest, &[Cue::Returns], "investment_lure"));
    out.extend(lure(e, Cue::Loan, &[Cue::LoanLure], "loan_lure"));
    if e.mentions(Cue::CustomerService) {
        out.extend(single(
            s,
            Cue::ServiceCharge,
            "service_charge_claim",
            Risk::Medium,
        ));
    }
    out.extend(install(e));
    out.extend(single(s, Cue::Authority, "authority_claim", Risk::Low));
    out.extend(single(s, Cue::Urgency, "urgency", Risk::Low));
    out.extend(single(s, Cue::Threat, "threat", Risk::Low));
    out.extend(link_findings(e));
    out.extend(sender_findings(e));
    out
}

/// A transfer the reader is asked to make: a request word earlier in the clause, or the
/// transfer verb opening its clause ("Pay the fee…"). Receipts and reports ("财务下周打款") have neither.
fn requested_transfer(s: &Scanned) -> Option<Finding> {
    s.of(Cue::Transfer).filter(|h| !h.negated).find_map(|t| {
        let asked = s
            .of(Cue::Request)
            .any(|r| r.clause == t.clause && r.start < t.start)
            || opens_clause(&s.chars, t.start);
        asked.then(|| Finding::new("transfer_request", Risk::Medium).span(span(t.start, t.end)))
    })
}

fn opens_clause(chars: &[char], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_none_or(|c| "，,。.!！?？；;：:\n".contains(*c))
}

/// A topic cue (tasks, investing, loans) paired with a promise of easy money.
fn lure(e: &Evidence, topic: Cue, promises: &[Cue], code: &'static str) -> Option<Finding> {
    let s = e.scanned;
    let promise = promises.iter().find_map(|p| s.live(*p))?;
    if let Some(t) = s.live(topic) {
        return Some(Finding::new(code, Risk::Medium).span(hit_span(t, promise)));
    }
    e.sender_cues
        .contains(&topic)
        .then(|| Finding::new(code, Risk::Medium).span(span(promise.start, promise.end)))
}

fn install(e: &Evidence) -> Option<Finding> {
    let h = e.scanned.live(Cue::Install)?;
    let severity = if e.has_unofficial_link() {
        Risk::Medium
    } else {
        Risk::Low
    };
    Some(Finding::new("install_request", severity).span(span(h.start, h.end)))
}

fn link_findings(e: &Evidence) -> Vec<Finding> {
    let mut out = Vec::new();
    for (token, analysis) in e.unofficial_links() {
        let sp = span(token.start, token.end);
        let site = analysis
            .registrable_domain
            .clone()
            .unwrap_or_else(|| token.text.clone());
        if analysis.risk > Risk::Low {
            let mut f = Finding::new("suspicious_link", analysis.risk)
                .span(sp)
                .arg("domain", site.clone());
            f = f.arg("target", analysis.imitates.clone().unwrap_or_default());
            out.push(f);
        } else if !e.brand_domains.is_empty() {
            out.push(
                Finding::new("link_brand_mismatch", Risk::High)
                    .span(sp)
                    .arg("domain", site.clone())
                    .arg("target", e.brand_domains.join(", ")),
            );
        } else {
            out.push(
                Finding::new("unknown_link", Risk::Low)
                    .span(sp)
                    .arg("domain", site),
            );
        }
    }
    if let Some(h) = e
        .scanned
        .live(Cue::Expiry)
        .filter(|_| e.has_unofficial_link())
    {
        out.push(Finding::new("expiry_with_link", Risk::Medium).span(span(h.start, h.end)));
    }
    out
}

fn sender_findings(e: &Evidence) -> Vec<Finding> {
    let mut out = Vec::new();
    let chars = &e.scanned.chars;
    let claims_anti_fraud_line = e.sender.is_anti_fraud_line() || tagged_as_anti_fraud(chars);
    if claims_anti_fraud_line {
        let contact = e
            .links
            .first()
            .map(|(t, _)| span(t.start, t.end))
            .or_else(|| e.phones.first().map(|&(a, b)| span(a, b)))
            .or_else(|| {
                e.scanned
                    .live(Cue::OffPlatform)
                    .map(|h| span(h.start, h.end))
            });
        if let Some(sp) = contact {
            out.push(Finding::new("official_rule_break", Risk::High).span(sp));
        }
    }
    if e.sender.kind == SenderKind::PersonalNumber {
        if let Some(end) = signature_end(chars, e) {
            out.push(
                Finding::new("signature_from_personal_number", Risk::Medium).span(span(0, end)),
            );
        }
    }
    out
}

/// `【12381】`, `【…反诈…】` at the start: the message presents itself as an anti-fraud warning.
fn tagged_as_anti_fraud(chars: &[char]) -> bool {
    let tag = leading_tag(chars)
        .map(|end| chars[..end].iter().collect::<String>())
        .unwrap_or_default();
    tag.contains("12381") || tag.contains("96110") || tag.contains("反诈")
}

/// End of a leading `【…】` signature.
fn leading_tag(chars: &[char]) -> Option<usize> {
    if chars.first() != Some(&'【') {
        return None;
    }
    chars
        .iter()
        .take(20)
        .position(|c| *c == '】')
        .map(|i| i + 1)
}

/// A business signature (`【…】`, or `Brand:` naming a protected brand) from a personal number:
/// businesses and agencies send from registered short codes, not from private phones.
fn signature_end(chars: &[char], e: &Evidence) -> Option<usize> {
    if let Some(end) = leading_tag(chars) {
        return Some(end);
    }
    let colon = chars
        .iter()
        .take(24)
        .position(|c| *c == ':' || *c == '：')?;
    (e.brand_span
        .is_some_and(|b| b.start == 0 && b.end as usize <= colon))
    .then_some(colon + 1)
}

/// Official domains of every brand the message or its sender names, and where the first name is.
fn named_brands(
    chars: &[char],
    sender: &Sender,
    index: &TargetIndex,
) -> (Vec<String>, Option<Span>) {
    let text: String = chars.iter().collect();
    let mut domains: Vec<String> = Vec::new();
    let mut first: Option<Span> = None;
    for target in index.iter() {
        for name in &target.names {
            let in_sender = !sender.name.is_empty() && sender.name == *name;
            let at = find_word(&text, name);
            if let Some(byte_at) = at {
                let start = text[..byte_at].chars().count();
                let sp = span(start, start + name.chars().count());
                if first.is_none_or(|f| sp.start < f.start) {
                    first = Some(sp);
                }
            }
            if (at.is_some() || in_sender) && !domains.contains(&target.domain) {
                domains.push(target.domain.clone());
            }
        }
    }
    (domains, first)
}

/// Byte offset of `needle` in `haystack`, as a whole word when it is Latin.
fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    let latin = needle
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    haystack.match_indices(needle).map(|(i, _)| i).find(|&i| {
        if !latin {
            return true;
        }
        let before = haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        let after = haystack[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        before && after
    })
}
