//! Operations on checks. Each reads what it needs and writes the new check (and, when a call
//! confirms an account, the payee) in one `Store::write`: all or nothing.

use time::OffsetDateTime;

use super::{
    payee::{clean_name, normalise_phone, Payee, PHONE_INDEX},
    red_flags::{request_text_flags, FlagCode, FlagOrigin, RedFlag},
    request::{RemittanceRequest, RequestInput, Requester},
    rules::{
        account_changed, delayed_schedule, required_steps, Evidence, RuleInput, StepCode,
        REQUIRED_PARTIES,
    },
    settings,
    state::{AuditEvent, Check, NumberSource, Outcome, Status, Step, StepEntry, StepState},
};
use crate::{
    error::{Error, ReasonArg, Result},
    vault::{new_id, Store, Txn, TxnExt},
};

/// What the user records for a step. Calls need `number`, `source` and `outcome`; second-party
/// confirmations `party` and `outcome`; `delayed_transfer` nothing (or `outcome = confirmed`).
#[derive(Debug, Clone, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StepInput {
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub number: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub source: Option<NumberSource>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub outcome: Option<Outcome>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub party: Option<String>,
}

/// Every flag a request raises: its text's red flags, then what the user reported.
fn request_flags(request: &RemittanceRequest) -> Vec<RedFlag> {
    let mut flags = request
        .text
        .as_deref()
        .map(request_text_flags)
        .unwrap_or_default();
    let claimed = [
        (request.claimed_urgency, FlagCode::Urgency),
        (request.claimed_secrecy, FlagCode::Secrecy),
    ];
    flags.extend(
        claimed
            .into_iter()
            .filter(|(claimed, _)| *claimed)
            .map(|(_, code)| RedFlag {
                code,
                origin: FlagOrigin::Reported,
                span: None,
            }),
    );
    flags
}

/// Creates a check from a request and starts verifying it: `draft` → `verifying`, then straight on
/// to `blocked` or `cleared` when the steps say so.
pub fn create_check<S: Store>(
    store: &S,
    input: &RequestInput,
    now: OffsetDateTime,
) -> Result<Check> {
    store.write(|txn| {
        let payee = input
            .payee_id
            .as_deref()
            .map(|id| txn.require::<Payee>(id, "reason-thing-payee"))
            .transpose()?;
        let request = input.validate(payee.as_ref().map(|p| p.relationship))?;
        let settings = settings::load(txn)?;
        let threshold = settings.threshold(request.money.currency()).cloned();
        let flags = request_flags(&request);
        let rules = RuleInput {
            request: &request,
            payee: payee.as_ref(),
            threshold: threshold.as_ref(),
            flags: &flags,
        };
        let steps = required_steps(&rules)
            .into_iter()
            .map(|code| Step {
                code,
                state: StepState::Pending,
                entries: Vec::new(),
            })
            .collect();
        let previous_account_last4 = account_changed(&rules);
        let mut check = Check {
            id: new_id(),
            created_at: now,
            request,
            flags,
            steps,
            status: Status::Draft,
            threshold,
            previous_account_last4,
            sent_at: None,
            reverify_due_at: None,
            arrives_at: None,
            audit: Vec::new(),
        };
        check.log(
            now,
            AuditEvent::Transition {
                from: None,
                to: Status::Draft,
            },
        );
        check.transition(Status::Verifying, now)?;
        check.settle(now)?;
        txn.put(&check)?;
        Ok(check)
    })
}

pub fn get_check<S: Store>(store: &S, check_id: &str) -> Result<Check> {
    store.read(|txn| txn.require(check_id, "reason-thing-check"))
}

/// Runs `change` on the stored check and saves the result, in one transaction; on error nothing
/// is written.
fn update<S: Store>(
    store: &S,
    check_id: &str,
    change: impl FnOnce(&mut dyn Txn, &mut Check) -> Result<()>,
) -> Result<Check> {
    store.write(|txn| {
        let mut check: Check = txn.require(check_id, "reason-thing-check")?;
        change(txn, &mut check)?;
        txn.put(&check)?;
        Ok(check)
    })
}

/// Records what the user did for a step (`step` is its code, which is also its id).
pub fn record_step<S: Store>(
    store: &S,
    check_id: &str,
    step: &str,
    input: &StepInput,
    now: OffsetDateTime,
) -> Result<Check> {
    let code: StepCode = step.parse()?;
    update(store, check_id, |txn, check| {
        let Some(current) = check.step(code) else {
            return Err(Error::invalid("reason-step-not-required"));
        };
        let open = if code.after_sending() {
            check.status == Status::Sent
        } else {
            matches!(check.status, Status::Verifying | Status::Blocked)
        };
        if !open {
            return Err(Error::InvalidTransition {
                from: check.status.as_str(),
                to: "step_recorded",
            });
        }
        if current.state != StepState::Pending {
            return Err(Error::InvalidTransition {
                from: current.state.as_str(),
                to: "step_recorded",
            });
        }
        let entry = match code.evidence() {
            Evidence::Call => call_entry(txn, check, input, now)?,
            Evidence::Parties => party_entry(check, input, now)?,
            Evidence::Choice => choice_entry(input, now)?,
            Evidence::OverrideOnly => return Err(Error::invalid("reason-stop-needs-override")),
        };
        let outcome = entry.outcome;
        let step = check.step_mut(code).expect("the step was found above");
        step.entries.push(entry);
        step.state = step_state(code, &step.entries);
        let state = step.state;
        check.log(
            now,
            AuditEvent::StepRecorded {
                step: code,
                outcome,
                state,
            },
        );
        if state == StepState::Satisfied && code.evidence() == Evidence::Call {
            confirm_account_in_book(txn, check, now)?;
        }
        check.settle(now)
    })
}

/// A step is denied by any denial, satisfied by enough confirmations that count, else pending.
fn step_state(code: StepCode, entries: &[StepEntry]) -> StepState {
    if entries.iter().any(|e| e.outcome == Outcome::Denied) {
        return StepState::Denied;
    }
    let confirmed = entries.iter().filter(|e| e.outcome == Outcome::Confirmed);
    let satisfied = match code.evidence() {
        Evidence::Call => confirmed.filter(|e| e.number_in_book).count() > 0,
        Evidence::Parties => {
            let mut parties: Vec<String> = confirmed
                .filter_map(|e| e.party.as_deref().map(party_key))
                .collect();
            parties.sort();
            parties.dedup();
            parties.len() >= REQUIRED_PARTIES
        }
        Evidence::Choice => confirmed.count() > 0,
        Evidence::OverrideOnly => false,
    };
    if satisfied {
        StepState::Satisfied
    } else {
        StepState::Pending
    }
}

/// Two confirmations from "Aunt  Li" and "aunt li" are one person.
fn party_key(party: &str) -> String {
    party
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `what_id` is the message naming what is missing.
fn require<T>(value: Option<T>, what_id: &'static str) -> Result<T> {
    value.ok_or_else(|| {
        Error::invalid_with("reason-step-needs", [("what", ReasonArg::message(what_id))])
    })
}

/// `what_id` is the message naming what was given but does not belong.
fn refuse_extra(present: bool, what_id: &'static str) -> Result<()> {
    if present {
        return Err(Error::invalid_with(
            "reason-step-refuses",
            [("what", ReasonArg::message(what_id))],
        ));
    }
    Ok(())
}

/// A call counts only if the core finds the number in the payee book, recorded before the
/// request: for a payee-book requester, in that payee's entry; for a named requester, in any.
fn call_entry(
    txn: &mut dyn Txn,
    check: &Check,
    input: &StepInput,
    now: OffsetDateTime,
) -> Result<StepEntry> {
    refuse_extra(input.party.is_some(), "reason-field-a-party")?;
    let number = normalise_phone(require(
        input.number.as_deref(),
        "reason-field-number-called",
    )?)?;
    let source = require(input.source, "reason-field-where-number-from")?;
    let outcome = require(input.outcome, "reason-field-call-outcome")?;
    let holders: Vec<Payee> = txn.find(PHONE_INDEX, &number)?;
    let number_in_book = holders.iter().any(|p| {
        let right_payee = match &check.request.requester {
            Requester::Payee { payee_id } => &p.id == payee_id,
            Requester::Named { .. } => true,
        };
        right_payee && p.phone_recorded_before(&number, check.created_at).is_some()
    });
    Ok(StepEntry {
        at: now,
        outcome,
        number: Some(number),
        number_source: Some(source),
        number_in_book,
        party: None,
    })
}

fn party_entry(check: &Check, input: &StepInput, now: OffsetDateTime) -> Result<StepEntry> {
    refuse_extra(
        input.number.is_some() || input.source.is_some(),
        "reason-field-a-number",
    )?;
    let party = clean_name(require(
        input.party.as_deref(),
        "reason-field-who-confirmed",
    )?)?;
    let outcome = require(input.outcome, "reason-field-the-outcome")?;
    if let Requester::Named { name } = &check.request.requester {
        if party_key(name) == party_key(&party) {
            return Err(Error::invalid("reason-requester-self-confirm"));
        }
    }
    Ok(StepEntry {
        at: now,
        outcome,
        number: None,
        number_source: None,
        number_in_book: false,
        party: Some(party),
    })
}

fn choice_entry(input: &StepInput, now: OffsetDateTime) -> Result<StepEntry> {
    refuse_extra(
        input.number.is_some() || input.source.is_some() || input.party.is_some(),
        "reason-field-a-number-or-party",
    )?;
    if input.outcome.is_some_and(|o| o != Outcome::Confirmed) {
        return Err(Error::invalid("reason-step-confirm-only"));
    }
    Ok(StepEntry {
        at: now,
        outcome: Outcome::Confirmed,
        number: None,
        number_source: None,
        number_in_book: false,
        party: None,
    })
}

/// A confirmed call-back to a book number also confirms the request's account, so the book
/// learns it, unless an `account_changed` stop is still open.
fn confirm_account_in_book(txn: &mut dyn Txn, check: &Check, now: OffsetDateTime) -> Result<()> {
    let (Requester::Payee { payee_id }, Some(account)) =
        (&check.request.requester, &check.request.account)
    else {
        return Ok(());
    };
    if check
        .step(StepCode::AccountChanged)
        .is_some_and(|s| !s.is_done())
    {
        return Ok(());
    }
    let mut payee: Payee = txn.require(payee_id, "reason-thing-payee")?;
    payee.mark_account_verified(account, check.request.bank.as_deref(), now);
    txn.put(&payee)
}

/// The shortest typed reason accepted: long enough that it cannot be an accidental key press
/// ("本人确认" is four characters).
pub const MIN_OVERRIDE_REASON_CHARS: usize = 4;
pub const MAX_OVERRIDE_REASON_CHARS: usize = 500;

/// Overrides every open step of the current phase with a typed reason, kept in the audit trail.
/// Refused while a step is denied or `account_changed` is open: those are hard stops.
pub fn override_check<S: Store>(
    store: &S,
    check_id: &str,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Check> {
    let reason = reason.trim();
    let length = reason.chars().filter(|c| !c.is_whitespace()).count();
    if length < MIN_OVERRIDE_REASON_CHARS || reason.chars().count() > MAX_OVERRIDE_REASON_CHARS {
        return Err(Error::invalid_with(
            "reason-override-reason-length",
            [
                ("min", MIN_OVERRIDE_REASON_CHARS.into()),
                ("max", MAX_OVERRIDE_REASON_CHARS.into()),
            ],
        ));
    }
    update(store, check_id, |_, check| {
        let after_sending = match check.status {
            Status::Verifying | Status::Blocked => false,
            Status::Sent => true,
            other => {
                return Err(Error::InvalidTransition {
                    from: other.as_str(),
                    to: "overridden",
                })
            }
        };
        let hard_stop =
            |s: &Step| s.state == StepState::Denied || (!s.code.overridable() && !s.is_done());
        if check
            .steps
            .iter()
            .filter(|s| s.code.after_sending() == after_sending)
            .any(hard_stop)
        {
            return Err(Error::InvalidTransition {
                from: check.status.as_str(),
                to: "overridden",
            });
        }
        let mut overridden = Vec::new();
        let open = check
            .steps
            .iter_mut()
            .filter(|s| s.code.after_sending() == after_sending && s.state == StepState::Pending);
        for step in open {
            step.state = StepState::Overridden;
            overridden.push(step.code);
        }
        if overridden.is_empty() {
            return Err(Error::InvalidTransition {
                from: check.status.as_str(),
                to: "overridden",
            });
        }
        check.log(
            now,
            AuditEvent::Override {
                reason: reason.to_owned(),
                steps: overridden,
            },
        );
        check.settle(now)
    })
}

/// The user sent the money: only from `cleared`. With a delayed transfer, the re-check and the
/// arrival are scheduled (see [`delayed_schedule`]).
pub fn mark_sent<S: Store>(store: &S, check_id: &str, now: OffsetDateTime) -> Result<Check> {
    update(store, check_id, |_, check| {
        check.transition(Status::Sent, now)?;
        check.sent_at = Some(now);
        if check.step(StepCode::DelayedTransfer).is_some() {
            let (reverify_due, arrives) = delayed_schedule(now);
            check.reverify_due_at = Some(reverify_due);
            check.arrives_at = Some(arrives);
        }
        Ok(())
    })
}

/// The money arrived as intended: only once the re-check (if required) is done.
pub fn mark_completed<S: Store>(store: &S, check_id: &str, now: OffsetDateTime) -> Result<Check> {
    update(store, check_id, |_, check| {
        if check.step(StepCode::Reverify).is_some_and(|s| !s.is_done()) {
            return Err(Error::InvalidTransition {
                from: check.status.as_str(),
                to: Status::Completed.as_str(),
            });
        }
        check.transition(Status::Completed, now)
    })
}

/// The user cancelled the transfer with their bank.
pub fn mark_cancelled<S: Store>(store: &S, check_id: &str, now: OffsetDateTime) -> Result<Check> {
    update(store, check_id, |_, check| {
        check.transition(Status::Cancelled, now)
    })
}

/// The user decided not to pay.
pub fn abandon<S: Store>(store: &S, check_id: &str, now: OffsetDateTime) -> Result<Check> {
    update(store, check_id, |_, check| {
        check.transition(Status::Abandoned, now)
    })
}

/// Every check, newest first.
pub fn list_checks<S: Store>(store: &S) -> Result<Vec<Check>> {
    let mut checks: Vec<Check> = store.read(|txn| txn.list())?;
    checks.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(checks)
}
