//! Message checks: SMS, chat and e-mail texts, in Chinese and English.
//!
//! Scoring: each signal weighs by its severity (high 5, medium 3, low 1, counted once per
//! code). Risk is **high** with any high signal, a score of 6 or more (two independent
//! medium signals), or a recognised family with a score of 4 or more (a medium and a low
//! signal that together make a known script); **medium** with a score of 3 or more or any recognised family; **low**
//! otherwise. Warnings ("请勿告诉他人", "never share this code") negate the actions they cover,
//! so genuine notices stay low.

mod cues;
mod families;
mod scan;
mod sender;
mod signals;
mod tokens;

use serde::{Deserialize, Serialize};

use super::{
    advice,
    family::Family,
    targets::ProtectedTarget,
    url_check::{self, TargetIndex},
    verdict::{Finding, Risk, Signal},
};
use crate::Locale;

/// Longer texts are cut here: a message checker is not a document scanner, and the bound keeps
/// the check in microseconds on any input.
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MessageVerdict {
    pub risk: Risk,
    pub families: Vec<Family>,
    /// Signals with spans in characters of the checked text.
    pub signals: Vec<Signal>,
    pub advice: Vec<String>,
}

/// Checks a message; `sender` is what the phone shows as its origin (a number, `95588`, a chat
/// name). Never fails: any text gets a verdict.
pub fn check_message(
    text: &str,
    sender: Option<&str>,
    extra_targets: &[ProtectedTarget],
    locale: Locale,
) -> MessageVerdict {
    let index = TargetIndex::new(extra_targets);
    let (risk, families, findings) = analyse(text, sender, &index);
    MessageVerdict {
        risk,
        signals: findings.iter().map(|f| f.localize(locale)).collect(),
        advice: advice::for_message(risk, &families, locale),
        families,
    }
}

fn analyse(
    text: &str,
    sender: Option<&str>,
    index: &TargetIndex,
) -> (Risk, Vec<Family>, Vec<Finding>) {
    let text: String = text.chars().take(MAX_MESSAGE_CHARS).collect();
    let scanned = scan::scan(&text);
    let sender = sender::Sender::parse(sender);
    let links: Vec<_> = tokens::links(&scanned.chars)
        .into_iter()
        .filter_map(|t| url_check::analyse(&t.text, index).ok().map(|a| (t, a)))
        .collect();
    let phones = tokens::phone_numbers(&scanned.chars);
    let evidence = signals::Evidence::new(&scanned, &sender, &links, &phones, index);
    let findings = signals::detect(&evidence);
    let families = families::classify(&evidence, &findings);
    (risk_of(&findings, &families), families, findings)
}

fn weight(risk: Risk) -> u32 {
    match risk {
        Risk::Low => 1,
        Risk::Medium => 3,
        Risk::High => 5,
    }
}

fn risk_of(findings: &[Finding], families: &[Family]) -> Risk {
    let mut codes: Vec<(&str, Risk)> = findings.iter().map(|f| (f.code, f.severity)).collect();
    codes.sort_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    codes.dedup_by_key(|(c, _)| *c);
    let score: u32 = codes.iter().map(|(_, r)| weight(*r)).sum();
    let family_backed = !families.is_empty() && score >= 4;
    if codes.iter().any(|(_, r)| *r == Risk::High) || score >= 6 || family_backed {
        Risk::High
    } else if score >= 3 || !families.is_empty() {
        Risk::Medium
    } else {
        Risk::Low
    }
}

#[cfg(test)]
mod tests;
