//! Reminders the core computes and the shells schedule as notifications: re-verify a delayed
//! transfer before it lands, retry an unreachable call-back, cancel after a denied re-check.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::{
    rules::{StepCode, LAST_CHANCE_BEFORE_ARRIVAL},
    state::{Check, Outcome, Status, StepState},
    view::timestamp,
};
use crate::codes::code_enum;
use crate::{
    error::Result,
    i18n::{tr_args, Locale},
    vault::{Store, TxnExt},
};

code_enum! {
    /// What a reminder is for.
    ReminderKind, "reason-field-reminder" {
        Reverify => "reverify",
        ReverifyLastChance => "reverify_last_chance",
        ConfirmArrival => "confirm_arrival",
        CallBackRetry => "call_back_retry",
        CancelNow => "cancel_now",
    }
}

/// Long enough for someone who did not pick up to become reachable, short enough that the
/// request is still fresh.
pub const CALL_BACK_RETRY_AFTER: Duration = Duration::minutes(30);

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    pub check_id: String,
    pub kind: ReminderKind,
    /// RFC 3339, and the same instant in Unix seconds for the shells' schedulers.
    pub due_at: String,
    pub due_at_unix: i64,
    /// Whether it is due now (at or before the `now` asked about).
    pub is_due: bool,
    pub text: String,
}

/// The reminders one check calls for, whatever their time.
fn reminders_of(check: &Check) -> Vec<(ReminderKind, OffsetDateTime)> {
    let mut out = Vec::new();
    let reverify = check.step(StepCode::Reverify);
    if check.status == Status::Sent {
        match (
            reverify.map(|s| s.state),
            check.reverify_due_at,
            check.arrives_at,
        ) {
            (Some(StepState::Pending), Some(due), Some(arrives)) => {
                out.push((ReminderKind::Reverify, due));
                out.push((
                    ReminderKind::ReverifyLastChance,
                    arrives - LAST_CHANCE_BEFORE_ARRIVAL,
                ));
            }
            (Some(StepState::Denied), _, _) => {
                let denied_at = reverify.and_then(|s| s.entries.last()).map(|e| e.at);
                out.extend(denied_at.map(|at| (ReminderKind::CancelNow, at)));
            }
            (_, _, Some(arrives)) => out.push((ReminderKind::ConfirmArrival, arrives)),
            _ => {}
        }
    }
    let phase_open = |code: StepCode| {
        if code.after_sending() {
            check.status == Status::Sent
        } else {
            matches!(check.status, Status::Verifying | Status::Blocked)
        }
    };
    for step in check
        .steps
        .iter()
        .filter(|s| s.state == StepState::Pending && phase_open(s.code))
    {
        if let Some(last) = step
            .entries
            .last()
            .filter(|e| e.outcome == Outcome::Unreachable && e.number_in_book)
        {
            out.push((ReminderKind::CallBackRetry, last.at + CALL_BACK_RETRY_AFTER));
        }
    }
    out
}

/// Every pending reminder, soonest first; `is_due` marks those already due at `now`.
pub fn due_reminders<S: Store>(
    store: &S,
    now: OffsetDateTime,
    locale: Locale,
) -> Result<Vec<Reminder>> {
    let checks: Vec<Check> = store.read(|txn| txn.list())?;
    let mut reminders: Vec<Reminder> = checks
        .iter()
        .flat_map(|check| {
            reminders_of(check)
                .into_iter()
                .map(move |(kind, due)| Reminder {
                    check_id: check.id.clone(),
                    kind,
                    due_at: timestamp(due),
                    due_at_unix: due.unix_timestamp(),
                    is_due: due <= now,
                    text: tr_args(
                        locale,
                        &format!("payments-reminder-{}", kind.as_str().replace('_', "-")),
                        &[("amount", check.request.money.to_string().into())],
                    ),
                })
        })
        .collect();
    reminders.sort_by(|a, b| {
        a.due_at_unix
            .cmp(&b.due_at_unix)
            .then_with(|| a.check_id.cmp(&b.check_id))
    });
    Ok(reminders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        payments::{
            engine::{create_check, mark_sent, record_step, StepInput},
            payee::{add_payee, NewPayee, PhoneSource, Relationship},
            request::RequestInput,
            state::NumberSource,
        },
        vault::MemoryStore,
    };
    use time::macros::datetime;

    #[test]
    fn reminders_follow_the_check_through_its_life() {
        let store = MemoryStore::new();
        let t0 = datetime!(2026-11-28 09:00 UTC);
        let new = NewPayee {
            name: "Dad".into(),
            relationship: Relationship::Family,
            phone: "13800138001".into(),
            phone_source: PhoneSource::InPerson,
            account: None,
            bank: None,
        };
        let payee = add_payee(&store, new, t0).unwrap();
        let input = RequestInput {
            channel: "wechat".into(),
            payee_id: Some(payee),
            amount: "8000".into(),
            currency: "CNY".into(),
            ..RequestInput::default()
        };
        let t1 = t0 + Duration::hours(1);
        let check = create_check(&store, &input, t1).unwrap();
        assert!(due_reminders(&store, t1, Locale::En).unwrap().is_empty());
        let call = |outcome| StepInput {
            number: Some("13800138001".into()),
            source: Some(NumberSource::PayeeBook),
            outcome: Some(outcome),
            party: None,
        };
        record_step(
            &store,
            &check.id,
            "call_back",
            &call(Outcome::Unreachable),
            t1,
        )
        .unwrap();
        let r = due_reminders(&store, t1, Locale::En).unwrap();
        assert_eq!(
            (r.len(), r[0].kind, r[0].is_due),
            (1, ReminderKind::CallBackRetry, false)
        );
        assert!(due_reminders(&store, t1 + CALL_BACK_RETRY_AFTER, Locale::En).unwrap()[0].is_due);
        record_step(
            &store,
            &check.id,
            "call_back",
            &call(Outcome::Confirmed),
            t1,
        )
        .unwrap();
        record_step(
            &store,
            &check.id,
            "delayed_transfer",
            &StepInput::default(),
            t1,
        )
        .unwrap();
        let sent = mark_sent(&store, &check.id, t1).unwrap();
        let r = due_reminders(&store, t1, Locale::ZhCn).unwrap();
        let kinds: Vec<_> = r.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![ReminderKind::Reverify, ReminderKind::ReverifyLastChance]
        );
        assert_eq!(
            r[0].due_at_unix,
            sent.reverify_due_at.unwrap().unix_timestamp()
        );
        assert!(r[0].text.contains("CNY 8000.00"), "{}", r[0].text);
        record_step(
            &store,
            &check.id,
            "reverify",
            &call(Outcome::Confirmed),
            t1 + Duration::hours(2),
        )
        .unwrap();
        let r = due_reminders(&store, t1 + Duration::hours(2), Locale::En).unwrap();
        assert_eq!(
            r.iter().map(|r| r.kind).collect::<Vec<_>>(),
            vec![ReminderKind::ConfirmArrival]
        );
    }
}
