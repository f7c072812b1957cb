//! Which fraud scripts the signals add up to. Each rule names the topic and the ask that make
//! the script; a topic alone (a bank notice mentioning 冻结) is not a family.

use super::{cues::Cue, signals::Evidence};
use crate::screening::{family::Family, verdict::Finding};

pub fn classify(e: &Evidence, findings: &[Finding]) -> Vec<Family> {
    let has = |code: &str| findings.iter().any(|f| f.code == code);
    let mentions = |cue: Cue| e.mentions(cue);
    let money_ask = has("transfer_request") || has("pay_to_release") || has("gift_card");
    let bad_link = has("suspicious_link") || has("link_brand_mismatch") || has("unknown_link");
    let contact_ask = has("off_platform") || has("screen_share") || has("secrecy");

    let rules: [(Family, bool); 13] = [
        (Family::OtpTheft, has("code_request")),
        (Family::SafeAccount, has("safe_account")),
        (
            Family::PoliceImpersonation,
            (mentions(Cue::Authority) || has("suspect_claim"))
                && (has("suspect_claim") || money_ask || contact_ask || has("safe_account")),
        ),
        (
            Family::Refund,
            (mentions(Cue::Refund) || has("service_charge_claim"))
                && !mentions(Cue::Tax)
                && (money_ask || has("off_platform") || bad_link || has("service_charge_claim")),
        ),
        (
            Family::Loan,
            mentions(Cue::Loan) && (has("pay_to_release") || has("loan_lure") || bad_link),
        ),
        (
            Family::BossImpersonation,
            (mentions(Cue::Boss) || mentions(Cue::Relative) || has("new_identity"))
                && (money_ask || has("secrecy"))
                && !has("code_request"),
        ),
        (Family::Brushing, has("task_for_pay")),
        (
            Family::Investment,
            mentions(Cue::Invest)
                && (has("investment_lure") || has("pay_to_release") || has("off_platform")),
        ),
        (
            Family::DeactivationLink,
            has("expiry_with_link") || (mentions(Cue::Expiry) && has("link_brand_mismatch")),
        ),
        (Family::CardRental, has("card_trade")),
        (
            Family::FakeOfficialSms,
            has("official_rule_break")
                || (has("signature_from_personal_number")
                    && (has("off_platform") || mentions(Cue::Authority))),
        ),
        (
            Family::ParcelFee,
            mentions(Cue::Parcel) && (mentions(Cue::Prepay) || mentions(Cue::Transfer)) && bad_link,
        ),
        (
            Family::TaxRefund,
            mentions(Cue::Tax)
                && (mentions(Cue::Refund) || mentions(Cue::Release))
                && (bad_link || has("personal_data_request")),
        ),
    ];
    rules
        .into_iter()
        .filter(|(_, hit)| *hit)
        .map(|(f, _)| f)
        .collect()
}
