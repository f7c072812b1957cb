//! Which steps a request requires before (and after) the money moves, and why.

use time::{Duration, OffsetDateTime};

use super::{
    money::Money,
    payee::{Payee, Relationship},
    red_flags::RedFlag,
    request::RemittanceRequest,
};
use crate::codes::code_enum;

code_enum! {
    /// A required step. Each code appears at most once in a check, so the code is also its id.
    StepCode, "reason-field-step" {
        CallBack => "call_back",
        SecondParty => "second_party",
        AccountChanged => "account_changed",
        StopAndReport => "stop_and_report",
        DelayedTransfer => "delayed_transfer",
        Reverify => "reverify",
    }
}

/// What it takes to satisfy a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// A call to a number from the payee book recorded before the request, with its outcome.
    Call,
    /// Confirmations from independent people or institutions.
    Parties,
    /// The user's confirmation that they chose a delayed transfer.
    Choice,
    /// Nothing the user records: only an override with a typed reason lifts it.
    OverrideOnly,
}

/// Independent confirmations `second_party` needs.
pub const REQUIRED_PARTIES: usize = 2;

impl StepCode {
    pub fn evidence(self) -> Evidence {
        match self {
            StepCode::CallBack | StepCode::AccountChanged | StepCode::Reverify => Evidence::Call,
            StepCode::SecondParty => Evidence::Parties,
            StepCode::DelayedTransfer => Evidence::Choice,
            StepCode::StopAndReport => Evidence::OverrideOnly,
        }
    }

    /// `reverify` happens after sending, before the money lands; everything else before sending.
    pub fn after_sending(self) -> bool {
        self == StepCode::Reverify
    }

    /// A changed account is the classic takeover fraud: no typed reason can skip its call-back.
    pub fn overridable(self) -> bool {
        self != StepCode::AccountChanged
    }
}

/// Everything the rules look at.
pub struct RuleInput<'a> {
    pub request: &'a RemittanceRequest,
    pub payee: Option<&'a Payee>,
    /// The user's threshold in the request's currency; `None` when none is set for it.
    pub threshold: Option<&'a Money>,
    pub flags: &'a [RedFlag],
}

/// The required steps, in the order the user should take them.
pub fn required_steps(input: &RuleInput<'_>) -> Vec<StepCode> {
    let request = input.request;
    let mut steps = Vec::new();
    if !input.flags.is_empty() {
        steps.push(StepCode::StopAndReport);
    }
    if account_changed(input).is_some() {
        steps.push(StepCode::AccountChanged);
    }
    if request.channel.is_remote() {
        steps.push(StepCode::CallBack);
    }
    if matches!(
        request.relationship,
        Relationship::Stranger | Relationship::LongLost
    ) {
        steps.push(StepCode::SecondParty);
    }
    if above_threshold(&request.money, input.threshold) {
        steps.push(StepCode::DelayedTransfer);
        steps.push(StepCode::Reverify);
    }
    steps
}

/// Without a threshold in this currency there is nothing to compare with (no exchange rates on
/// the device), so the amount counts as large: the safe side.
fn above_threshold(money: &Money, threshold: Option<&Money>) -> bool {
    threshold.and_then(|t| money.exceeds(t)).unwrap_or(true)
}

/// The last 4 of the last verified account, when the request names a different account for a
/// payee-book contact.
pub fn account_changed(input: &RuleInput<'_>) -> Option<String> {
    let account = input.request.account.as_deref()?;
    let last = input.payee?.last_verified_account()?;
    (last.number != account).then(|| last.last4.clone())
}

/// Funds sent with next-day arrival (次日到账) land this long after sending; an ATM transfer to
/// someone else is held as long and can be cancelled meanwhile.
pub const ARRIVAL_DELAY: Duration = Duration::hours(24);
/// The re-check is due once the pressure of the moment has passed, leaving most of the window
/// to cancel if the answer is wrong.
pub const REVERIFY_AFTER: Duration = Duration::hours(2);
/// A last reminder this long before the money lands, if the re-check is still open.
pub const LAST_CHANCE_BEFORE_ARRIVAL: Duration = Duration::hours(2);

/// When a delayed transfer sent at `sent_at` is due to be re-verified, and when it lands.
pub fn delayed_schedule(sent_at: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
    (sent_at + REVERIFY_AFTER, sent_at + ARRIVAL_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payments::{
        payee::{CallBackNumber, PayeeAccount, PhoneSource},
        red_flags::FlagCode,
        request::{Channel, Requester},
    };
    use time::macros::datetime;

    fn request(
        channel: Channel,
        relationship: Relationship,
        amount: &str,
        account: Option<&str>,
    ) -> RemittanceRequest {
        RemittanceRequest {
            channel,
            requester: Requester::Named { name: "A".into() },
            relationship,
            money: Money::parse(amount, "CNY").unwrap(),
            account: account.map(str::to_owned),
            bank: None,
            text: None,
            claimed_urgency: false,
            claimed_secrecy: false,
        }
    }

    fn payee_with_account(number: &str) -> Payee {
        let at = datetime!(2026-01-01 0:00 UTC);
        Payee {
            id: "p".into(),
            name: "B".into(),
            relationship: Relationship::Family,
            phones: vec![CallBackNumber {
                number: "95588".into(),
                source: PhoneSource::CardBack,
                recorded_at: at,
            }],
            accounts: vec![PayeeAccount {
                number: number.into(),
                last4: number[number.len() - 4..].into(),
                bank: None,
                added_at: at,
                last_verified_at: Some(at),
            }],
            created_at: at,
        }
    }

    fn steps(req: &RemittanceRequest, payee: Option<&Payee>, flags: &[RedFlag]) -> Vec<StepCode> {
        let threshold = Money::parse("5000", "CNY").unwrap();
        required_steps(&RuleInput {
            request: req,
            payee,
            threshold: Some(&threshold),
            flags,
        })
    }

    #[test]
    fn in_person_family_below_threshold_needs_nothing() {
        assert!(steps(
            &request(Channel::InPerson, Relationship::Family, "100", None),
            None,
            &[]
        )
        .is_empty());
    }

    #[test]
    fn each_rule_adds_its_step() {
        use StepCode::*;
        let remote = request(Channel::Wechat, Relationship::Friend, "5000", None);
        assert_eq!(
            steps(&remote, None, &[]),
            vec![CallBack],
            "5000 is not above a 5000 threshold"
        );
        let stranger = request(Channel::VoiceCall, Relationship::LongLost, "5000.01", None);
        assert_eq!(
            steps(&stranger, None, &[]),
            vec![CallBack, SecondParty, DelayedTransfer, Reverify]
        );
        let flag = [RedFlag {
            code: FlagCode::Urgency,
            origin: crate::payments::red_flags::FlagOrigin::Reported,
            span: None,
        }];
        assert_eq!(
            steps(
                &request(Channel::InPerson, Relationship::Family, "1", None),
                None,
                &flag
            ),
            vec![StopAndReport]
        );
        let payee = payee_with_account("6222000011112222");
        let changed = request(
            Channel::InPerson,
            Relationship::Family,
            "1",
            Some("6222000099998888"),
        );
        assert_eq!(steps(&changed, Some(&payee), &[]), vec![AccountChanged]);
        let same = request(
            Channel::InPerson,
            Relationship::Family,
            "1",
            Some("6222000011112222"),
        );
        assert!(steps(&same, Some(&payee), &[]).is_empty());
    }

    #[test]
    fn a_currency_without_threshold_counts_as_large() {
        let mut req = request(Channel::InPerson, Relationship::Family, "1", None);
        req.money = Money::parse("1", "USD").unwrap();
        assert_eq!(
            steps(&req, None, &[]),
            vec![StepCode::DelayedTransfer, StepCode::Reverify]
        );
    }

    #[test]
    fn reverify_falls_inside_the_cancellation_window() {
        let sent = datetime!(2026-11-28 22:00 UTC);
        let (due, lands) = delayed_schedule(sent);
        assert!(sent < due && due + LAST_CHANCE_BEFORE_ARRIVAL < lands);
    }
}
