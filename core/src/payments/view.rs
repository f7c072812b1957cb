//! What the shells show for a check, localized: the object `vigil pay check` prints and the FFI
//! returns, built in one place.

use serde::Serialize;
use time::{format_description::well_known::Rfc3339, OffsetDateTime};

use super::{
    payee::{Payee, Relationship},
    red_flags::{excerpt, FlagCode, FlagOrigin, RedFlag, TextSpan},
    request::{Channel, Requester},
    rules::StepCode,
    state::{Check, Status, Step, StepState},
};
use crate::{
    error::Result,
    i18n::{tr, tr_args, Arg, Locale},
    vault::{Store, TxnExt},
};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StepView {
    /// The step's id within its check (the same as its code).
    pub id: String,
    pub code: StepCode,
    pub done: bool,
    pub state: StepState,
    pub after_sending: bool,
    pub reason: String,
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FlagView {
    pub code: FlagCode,
    pub origin: FlagOrigin,
    pub detail: String,
    /// Chars (Unicode scalar values) of the request text; none for what the user reported.
    pub span: Option<TextSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OverrideView {
    pub at: String,
    pub reason: String,
    pub steps: Vec<StepCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CheckView {
    pub id: String,
    pub status: Status,
    pub required_steps: Vec<StepView>,
    pub flags: Vec<FlagView>,
    /// Standing advice first, then what the situation calls for.
    pub advice: Vec<String>,
    pub channel: Channel,
    pub requester: String,
    pub payee_id: Option<String>,
    pub relationship: Relationship,
    pub amount: String,
    pub currency: String,
    pub account_last4: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub reverify_due_at: Option<String>,
    pub arrives_at: Option<String>,
    pub overrides: Vec<OverrideView>,
}

pub(crate) fn timestamp(t: OffsetDateTime) -> String {
    t.format(&Rfc3339)
        .expect("an OffsetDateTime always formats as RFC 3339")
}

fn text_id(prefix: &str, code: &str) -> String {
    format!("payments-{prefix}-{}", code.replace('_', "-"))
}

pub(crate) fn channel_text(channel: Channel, locale: Locale) -> String {
    tr(locale, &text_id("channel", channel.as_str()))
}

pub(crate) fn relationship_text(relationship: Relationship, locale: Locale) -> String {
    tr(locale, &text_id("relationship", relationship.as_str()))
}

/// The requester as the user knows them: the book's name, or the name the request gave.
pub(crate) fn requester_name(check: &Check, payee: Option<&Payee>) -> String {
    match (&check.request.requester, payee) {
        (Requester::Named { name }, _) => name.clone(),
        (Requester::Payee { .. }, Some(payee)) => payee.name.clone(),
        (Requester::Payee { payee_id }, None) => payee_id.clone(),
    }
}

fn step_reason(check: &Check, step: &Step, name: &str, locale: Locale) -> String {
    let request = &check.request;
    let amount = request.money.to_string();
    match step.code {
        StepCode::CallBack => tr_args(
            locale,
            "payments-step-call-back",
            &[
                ("channel", channel_text(request.channel, locale).into()),
                ("name", name.into()),
            ],
        ),
        StepCode::SecondParty => tr_args(
            locale,
            "payments-step-second-party",
            &[(
                "relationship",
                relationship_text(request.relationship, locale).into(),
            )],
        ),
        StepCode::AccountChanged => {
            let new = request
                .account
                .as_deref()
                .map(super::payee::last4)
                .unwrap_or_default();
            let old = check.previous_account_last4.clone().unwrap_or_default();
            tr_args(
                locale,
                "payments-step-account-changed",
                &[("new", new.into()), ("old", old.into())],
            )
        }
        StepCode::StopAndReport => tr(locale, "payments-step-stop-and-report"),
        StepCode::DelayedTransfer => match &check.threshold {
            Some(threshold) => tr_args(
                locale,
                "payments-step-delayed-transfer",
                &[
                    ("amount", amount.into()),
                    ("threshold", threshold.to_string().into()),
                ],
            ),
            None => tr_args(
                locale,
                "payments-step-delayed-transfer-no-threshold",
                &[("currency", request.money.currency().code().into())],
            ),
        },
        StepCode::Reverify => match (check.reverify_due_at, check.arrives_at) {
            (Some(due), Some(arrives)) => tr_args(
                locale,
                "payments-step-reverify-due",
                &[
                    ("due", timestamp(due).into()),
                    ("arrives", timestamp(arrives).into()),
                ],
            ),
            _ => tr(locale, "payments-step-reverify"),
        },
    }
}

pub(crate) fn flag_detail(flag: &RedFlag, text: Option<&str>, locale: Locale) -> String {
    let description: Arg = tr(locale, &text_id("flag", flag.code.as_str())).into();
    match (flag.origin, flag.span, text) {
        (FlagOrigin::Text, Some(span), Some(text)) => tr_args(
            locale,
            "payments-flag-quoted",
            &[
                ("description", description),
                ("excerpt", excerpt(text, span).into()),
            ],
        ),
        (FlagOrigin::Screening, _, _) => tr_args(
            locale,
            "payments-flag-screened",
            &[("description", description)],
        ),
        _ => tr_args(
            locale,
            "payments-flag-reported",
            &[("description", description)],
        ),
    }
}

fn advice(check: &Check, locale: Locale) -> Vec<String> {
    let mut ids = vec![
        "payments-advice-never-share-code",
        "payments-advice-genuine-app",
    ];
    let denied = check.steps.iter().any(|s| s.state == StepState::Denied);
    if check.status == Status::Sent && denied {
        ids.push("payments-advice-cancel");
    }
    if check.status == Status::Blocked || denied || !check.flags.is_empty() {
        ids.push("payments-advice-report");
    }
    ids.into_iter().map(|id| tr(locale, id)).collect()
}

/// The check as the shells show it. `payee` is the book entry when the requester is one.
pub fn check_view(check: &Check, payee: Option<&Payee>, locale: Locale) -> CheckView {
    let name = requester_name(check, payee);
    let request = &check.request;
    CheckView {
        id: check.id.clone(),
        status: check.status,
        required_steps: check
            .steps
            .iter()
            .map(|step| StepView {
                id: step.code.as_str().to_owned(),
                code: step.code,
                done: step.is_done(),
                state: step.state,
                after_sending: step.code.after_sending(),
                reason: step_reason(check, step, &name, locale),
                attempts: step.entries.len() as u32,
            })
            .collect(),
        flags: check
            .flags
            .iter()
            .map(|flag| FlagView {
                code: flag.code,
                origin: flag.origin,
                detail: flag_detail(flag, request.text.as_deref(), locale),
                span: flag.span,
            })
            .collect(),
        advice: advice(check, locale),
        channel: request.channel,
        requester: name,
        payee_id: match &request.requester {
            Requester::Payee { payee_id } => Some(payee_id.clone()),
            Requester::Named { .. } => None,
        },
        relationship: request.relationship,
        amount: request.money.amount_text(),
        currency: request.money.currency().code().to_owned(),
        account_last4: request.account.as_deref().map(super::payee::last4),
        created_at: timestamp(check.created_at),
        sent_at: check.sent_at.map(timestamp),
        reverify_due_at: check.reverify_due_at.map(timestamp),
        arrives_at: check.arrives_at.map(timestamp),
        overrides: check
            .overrides()
            .map(|(at, reason, steps)| OverrideView {
                at: timestamp(*at),
                reason: reason.to_owned(),
                steps: steps.to_vec(),
            })
            .collect(),
    }
}

/// The payee-book entry a check refers to, if any (it may have been removed since).
pub(crate) fn payee_of(txn: &mut dyn crate::vault::Txn, check: &Check) -> Result<Option<Payee>> {
    match &check.request.requester {
        Requester::Payee { payee_id } => txn.get(payee_id),
        Requester::Named { .. } => Ok(None),
    }
}

/// Reads a check and shows it.
pub fn show_check<S: Store>(store: &S, check_id: &str, locale: Locale) -> Result<CheckView> {
    store.read(|txn| {
        let check: Check = txn.require(check_id, "reason-thing-check")?;
        let payee = payee_of(txn, &check)?;
        Ok(check_view(&check, payee.as_ref(), locale))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_id_exists_in_both_locales() {
        let prefixed = |prefix: &str, codes: Vec<&str>| {
            codes
                .into_iter()
                .map(|c| text_id(prefix, c))
                .collect::<Vec<_>>()
        };
        let mut ids = Vec::new();
        ids.extend(prefixed(
            "channel",
            Channel::ALL.iter().map(|c| c.as_str()).collect(),
        ));
        ids.extend(prefixed(
            "relationship",
            Relationship::ALL.iter().map(|c| c.as_str()).collect(),
        ));
        ids.extend(prefixed(
            "flag",
            FlagCode::ALL.iter().map(|c| c.as_str()).collect(),
        ));
        ids.extend(prefixed(
            "step",
            StepCode::ALL.iter().map(|c| c.as_str()).collect(),
        ));
        for id in ids {
            assert!(crate::i18n::has_message(&id), "missing {id}");
        }
    }
}
