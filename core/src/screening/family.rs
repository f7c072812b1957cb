//! The fraud families screening recognises; shared with the alerts feature, which tags its
//! warnings with the same codes.

use serde::{Deserialize, Serialize};

/// A known fraud script. Codes (serde, CLI JSON, FFI) are stable snake_case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Someone asks for a one-time code sent to your phone.
    OtpTheft,
    /// Fake police, prosecutors or courts: "you are a suspect".
    PoliceImpersonation,
    /// "Move your money to a safe / supervised account".
    SafeAccount,
    /// Fake customer service offering a refund, compensation or to cancel a charge.
    Refund,
    /// Fees or "unfreezing" payments before a loan is paid out.
    Loan,
    /// A boss, colleague or relative on a new account asks for money or secrecy.
    BossImpersonation,
    /// Paid tasks: likes, ratings, orders ("刷单").
    Brushing,
    /// Investment or crypto schemes, pay-to-withdraw.
    Investment,
    /// "Your card/ETC/points expire, update at this link".
    DeactivationLink,
    /// Renting, selling or buying bank cards or phone cards.
    CardRental,
    /// A message that claims to be an official notice but breaks the rules real ones follow.
    FakeOfficialSms,
    /// A parcel needs a small fee paid at a link.
    ParcelFee,
    /// A tax refund to claim at a link or by giving personal data.
    TaxRefund,
}

impl Family {
    pub const ALL: [Family; 13] = [
        Family::OtpTheft,
        Family::PoliceImpersonation,
        Family::SafeAccount,
        Family::Refund,
        Family::Loan,
        Family::BossImpersonation,
        Family::Brushing,
        Family::Investment,
        Family::DeactivationLink,
        Family::CardRental,
        Family::FakeOfficialSms,
        Family::ParcelFee,
        Family::TaxRefund,
    ];

    /// The stable code, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            Family::OtpTheft => "otp_theft",
            Family::PoliceImpersonation => "police_impersonation",
            Family::SafeAccount => "safe_account",
            Family::Refund => "refund",
            Family::Loan => "loan",
            Family::BossImpersonation => "boss_impersonation",
            Family::Brushing => "brushing",
            Family::Investment => "investment",
            Family::DeactivationLink => "deactivation_link",
            Family::CardRental => "card_rental",
            Family::FakeOfficialSms => "fake_official_sms",
            Family::ParcelFee => "parcel_fee",
            Family::TaxRefund => "tax_refund",
        }
    }

    /// The family with this code, if any.
    pub fn from_code(code: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_codes() {
        for f in Family::ALL {
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::json!(f.code())
            );
            assert_eq!(Family::from_code(f.code()), Some(f));
        }
        assert_eq!(Family::from_code("nope"), None);
    }
}
