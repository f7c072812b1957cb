//! What to do next, in the user's language: general advice by risk, plus one line per family.

use super::{family::Family, verdict::Risk};
use crate::i18n::{tr, Locale};

fn by_risk(kind: &str, risk: Risk, locale: Locale) -> String {
    tr(locale, &format!("screening-advice-{kind}-{}", risk.code()))
}

pub fn for_url(risk: Risk, locale: Locale) -> Vec<String> {
    vec![by_risk("url", risk, locale)]
}

pub fn for_message(risk: Risk, families: &[Family], locale: Locale) -> Vec<String> {
    let mut lines = vec![by_risk("message", risk, locale)];
    lines.extend(families.iter().map(|f| tr(locale, &family_advice_id(*f))));
    lines
}

/// `extra` ids come from the QR classification (payment code, Wi-Fi) and are said after the
/// general line.
pub fn for_qr(risk: Risk, extra: &[&str], locale: Locale) -> Vec<String> {
    let mut lines = vec![by_risk("qr", risk, locale)];
    lines.extend(extra.iter().map(|id| tr(locale, id)));
    lines
}

pub(crate) fn family_advice_id(family: Family) -> String {
    format!(
        "screening-advice-family-{}",
        family.code().replace('_', "-")
    )
}

/// The name of a family in the user's language.
pub fn family_name(family: Family, locale: Locale) -> String {
    tr(
        locale,
        &format!("screening-family-{}", family.code().replace('_', "-")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_message;

    #[test]
    fn every_advice_and_family_text_exists_in_both_locales() {
        for kind in ["url", "message", "qr"] {
            for risk in [Risk::Low, Risk::Medium, Risk::High] {
                let id = format!("screening-advice-{kind}-{}", risk.code());
                assert!(has_message(&id), "{id}");
            }
        }
        for f in Family::ALL {
            assert!(has_message(&family_advice_id(f)), "{f:?}");
            assert!(
                has_message(&format!("screening-family-{}", f.code().replace('_', "-"))),
                "{f:?}"
            );
        }
    }
}
