//! The engine's behaviour, written once over `S: Store` and run against every store.

use time::{macros::datetime, Duration, OffsetDateTime};

use super::{
    engine::*,
    payee::{add_payee, get_payee, NewPayee, PhoneSource, Relationship},
    request::RequestInput,
    rules::StepCode,
    state::{AuditEvent, Check, NumberSource, Outcome, Status, StepState},
};
use crate::{error::Error, vault::Store};

const T0: OffsetDateTime = datetime!(2026-11-28 09:00 UTC);
const MUM_PHONE: &str = "13800138000";
const MUM_ACCOUNT: &str = "6222020200001234";

fn mum<S: Store>(store: &S) -> String {
    let new = NewPayee {
        name: "Mum".into(),
        relationship: Relationship::Family,
        phone: MUM_PHONE.into(),
        phone_source: PhoneSource::InPerson,
        account: Some(MUM_ACCOUNT.into()),
        bank: Some("ICBC".into()),
    };
    add_payee(store, new, T0).unwrap()
}

fn from_payee(payee: &str, channel: &str, amount: &str, account: Option<&str>) -> RequestInput {
    RequestInput {
        channel: channel.into(),
        payee_id: Some(payee.into()),
        amount: amount.into(),
        currency: "CNY".into(),
        account: account.map(str::to_owned),
        ..RequestInput::default()
    }
}

fn call(number: &str, source: NumberSource, outcome: Outcome) -> StepInput {
    StepInput {
        number: Some(number.into()),
        source: Some(source),
        outcome: Some(outcome),
        party: None,
    }
}

fn party(name: &str, outcome: Outcome) -> StepInput {
    StepInput {
        party: Some(name.into()),
        outcome: Some(outcome),
        ..StepInput::default()
    }
}

fn codes(check: &Check) -> Vec<StepCode> {
    check.steps.iter().map(|s| s.code).collect()
}

fn later(minutes: i64) -> OffsetDateTime {
    T0 + Duration::days(1) + Duration::minutes(minutes)
}

pub(super) fn call_back_only_counts_with_a_book_number<S: Store>(store: &S) {
    let mum = mum(store);
    let check = create_check(
        store,
        &from_payee(&mum, "wechat", "800", Some(MUM_ACCOUNT)),
        later(0),
    )
    .unwrap();
    assert_eq!(
        (check.status, codes(&check)),
        (Status::Verifying, vec![StepCode::CallBack])
    );
    // The number in the message, even if the user claims it is from the book, does not count.
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call("13900000000", NumberSource::PayeeBook, Outcome::Confirmed),
        later(1),
    )
    .unwrap();
    assert_eq!(
        (c.status, c.steps[0].state),
        (Status::Verifying, StepState::Pending)
    );
    assert!(!c.steps[0].entries[0].number_in_book);
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call(
            "+86 138 0013 8000",
            NumberSource::PayeeBook,
            Outcome::Unreachable,
        ),
        later(2),
    )
    .unwrap();
    assert_eq!(c.status, Status::Verifying);
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call(
            "+86 138 0013 8000",
            NumberSource::PayeeBook,
            Outcome::Confirmed,
        ),
        later(3),
    )
    .unwrap();
    assert_eq!(
        (c.status, c.steps[0].state),
        (Status::Cleared, StepState::Satisfied)
    );
    assert_eq!(c.steps[0].entries.len(), 3, "every attempt is kept");
    let c = mark_sent(store, &c.id, later(4)).unwrap();
    assert_eq!(c.status, Status::Sent);
    assert!(
        c.reverify_due_at.is_none(),
        "below threshold: no delayed transfer"
    );
    assert_eq!(
        mark_completed(store, &c.id, later(5)).unwrap().status,
        Status::Completed
    );
}

pub(super) fn a_number_added_after_the_request_does_not_count<S: Store>(store: &S) {
    let check = create_check(
        store,
        &RequestInput {
            name: Some("Boss Wang".into()),
            relationship: Some("boss".into()),
            ..from_payee("", "sms", "100", None)
        }
        .without_payee(),
        later(0),
    )
    .unwrap();
    // The scammer's number entered into the book after the request arrived.
    let late = NewPayee {
        name: "Boss Wang".into(),
        relationship: Relationship::Boss,
        phone: "13911112222".into(),
        phone_source: PhoneSource::Other,
        account: None,
        bank: None,
    };
    add_payee(store, late, later(1)).unwrap();
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call("13911112222", NumberSource::PayeeBook, Outcome::Confirmed),
        later(2),
    )
    .unwrap();
    assert_eq!(
        (c.status, c.steps[0].state),
        (Status::Verifying, StepState::Pending)
    );
    // A number recorded before the request, in any entry, counts for a named requester.
    mum(store);
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
        later(3),
    );
    // mum() records at T0, before the request: satisfied.
    assert_eq!(c.unwrap().status, Status::Cleared);
}

pub(super) fn a_changed_account_is_a_hard_stop_until_called_back<S: Store>(store: &S) {
    let mum = mum(store);
    let new_account = "6222 0202 0000 9999";
    let check = create_check(
        store,
        &from_payee(&mum, "in_person", "100", Some(new_account)),
        later(0),
    )
    .unwrap();
    assert_eq!(codes(&check), vec![StepCode::AccountChanged]);
    assert_eq!(check.previous_account_last4.as_deref(), Some("1234"));
    let refused = override_check(store, &check.id, "I trust her, she told me", later(1));
    assert!(
        matches!(refused, Err(Error::InvalidTransition { .. })),
        "{refused:?}"
    );
    assert_eq!(
        get_check(store, &check.id).unwrap(),
        check,
        "a refused override changes nothing"
    );
    let c = record_step(
        store,
        &check.id,
        "account_changed",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
        later(2),
    )
    .unwrap();
    assert_eq!(c.status, Status::Cleared);
    let payee = get_payee(store, &mum).unwrap();
    assert_eq!(
        payee.last_verified_account().unwrap().last4,
        "9999",
        "the book learns the confirmed account"
    );
    // The next request to the confirmed account raises no flag.
    let next = create_check(
        store,
        &from_payee(&mum, "in_person", "100", Some(new_account)),
        later(3),
    )
    .unwrap();
    assert!(next.steps.is_empty() && next.status == Status::Cleared);
}

pub(super) fn red_flags_block_until_overridden_with_a_reason<S: Store>(store: &S) {
    let mum = mum(store);
    let input = RequestInput {
        text: Some("妈，我出事了，马上转到这个账户，不要告诉爸爸".into()),
        ..from_payee(&mum, "wechat", "800", None)
    };
    let check = create_check(store, &input, later(0)).unwrap();
    assert_eq!(check.status, Status::Blocked);
    assert_eq!(
        codes(&check),
        vec![StepCode::StopAndReport, StepCode::CallBack]
    );
    let flagged: Vec<_> = check.flags.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(flagged, vec!["urgency", "secrecy"]);
    assert!(matches!(
        record_step(
            store,
            &check.id,
            "stop_and_report",
            &StepInput::default(),
            later(1)
        ),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        mark_sent(store, &check.id, later(1)),
        Err(Error::InvalidTransition { .. })
    ));
    // A confirmed call-back alone does not lift the block.
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
        later(2),
    )
    .unwrap();
    assert_eq!(c.status, Status::Blocked);
    for short in ["", "   ", "ok", "好的"] {
        assert!(matches!(
            override_check(store, &check.id, short, later(3)),
            Err(Error::InvalidInput(_))
        ));
    }
    let c = override_check(
        store,
        &check.id,
        "Called mum on her saved number, she confirmed",
        later(4),
    )
    .unwrap();
    assert_eq!(c.status, Status::Cleared);
    let overrides: Vec<_> = c
        .overrides()
        .map(|(_, reason, steps)| (reason.to_owned(), steps.to_vec()))
        .collect();
    assert_eq!(
        overrides,
        vec![(
            "Called mum on her saved number, she confirmed".to_owned(),
            vec![StepCode::StopAndReport]
        )]
    );
}

pub(super) fn a_denial_blocks_for_good<S: Store>(store: &S) {
    let mum = mum(store);
    let check = create_check(
        store,
        &from_payee(&mum, "voice_call", "800", None),
        later(0),
    )
    .unwrap();
    let c = record_step(
        store,
        &check.id,
        "call_back",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Denied),
        later(1),
    )
    .unwrap();
    assert_eq!(
        (c.status, c.steps[0].state),
        (Status::Blocked, StepState::Denied)
    );
    assert!(matches!(
        record_step(
            store,
            &check.id,
            "call_back",
            &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
            later(2)
        ),
        Err(Error::InvalidTransition { .. })
    ));
    assert!(matches!(
        override_check(store, &check.id, "she must be confused", later(3)),
        Err(Error::InvalidTransition { .. })
    ));
    assert_eq!(
        abandon(store, &check.id, later(4)).unwrap().status,
        Status::Abandoned
    );
    assert!(matches!(
        abandon(store, &check.id, later(5)),
        Err(Error::InvalidTransition { .. })
    ));
}

pub(super) fn strangers_need_two_independent_confirmations<S: Store>(store: &S) {
    let input = RequestInput {
        name: Some("Old classmate Zhang".into()),
        relationship: Some("long_lost".into()),
        ..from_payee("", "in_person", "300", None).without_payee()
    };
    let check = create_check(store, &input, later(0)).unwrap();
    assert_eq!(codes(&check), vec![StepCode::SecondParty]);
    assert!(matches!(
        record_step(
            store,
            &check.id,
            "second_party",
            &party("old classmate  zhang", Outcome::Confirmed),
            later(1)
        ),
        Err(Error::InvalidInput(_))
    ));
    let c = record_step(
        store,
        &check.id,
        "second_party",
        &party("Teacher Li", Outcome::Confirmed),
        later(1),
    )
    .unwrap();
    assert_eq!(c.status, Status::Verifying);
    let c = record_step(
        store,
        &check.id,
        "second_party",
        &party("teacher  li", Outcome::Confirmed),
        later(2),
    )
    .unwrap();
    assert_eq!(
        c.status,
        Status::Verifying,
        "the same person twice is one confirmation"
    );
    let c = record_step(
        store,
        &check.id,
        "second_party",
        &party("Class WeChat group admin", Outcome::Unreachable),
        later(3),
    )
    .unwrap();
    assert_eq!(c.status, Status::Verifying);
    let c = record_step(
        store,
        &check.id,
        "second_party",
        &party("His sister", Outcome::Confirmed),
        later(4),
    )
    .unwrap();
    assert_eq!(c.status, Status::Cleared);
}

pub(super) fn large_sums_are_delayed_and_reverified<S: Store>(store: &S) {
    let mum = mum(store);
    let check = create_check(
        store,
        &from_payee(&mum, "in_person", "5000.01", Some(MUM_ACCOUNT)),
        later(0),
    )
    .unwrap();
    assert_eq!(
        codes(&check),
        vec![StepCode::DelayedTransfer, StepCode::Reverify]
    );
    assert!(
        matches!(
            record_step(
                store,
                &check.id,
                "reverify",
                &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
                later(1)
            ),
            Err(Error::InvalidTransition { .. })
        ),
        "reverify only after sending"
    );
    let c = record_step(
        store,
        &check.id,
        "delayed_transfer",
        &StepInput::default(),
        later(1),
    )
    .unwrap();
    assert_eq!(
        c.status,
        Status::Cleared,
        "reverify is not needed before sending"
    );
    let c = mark_sent(store, &c.id, later(2)).unwrap();
    assert_eq!(c.reverify_due_at, Some(later(2) + Duration::hours(2)));
    assert_eq!(c.arrives_at, Some(later(2) + Duration::hours(24)));
    assert!(matches!(
        mark_completed(store, &c.id, later(3)),
        Err(Error::InvalidTransition { .. })
    ));
    let c = record_step(
        store,
        &c.id,
        "reverify",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
        later(130),
    )
    .unwrap();
    assert_eq!(c.status, Status::Sent);
    assert_eq!(
        mark_completed(store, &c.id, later(131)).unwrap().status,
        Status::Completed
    );
}

pub(super) fn a_denied_reverify_leaves_only_cancellation<S: Store>(store: &S) {
    let mum = mum(store);
    let check = create_check(
        store,
        &from_payee(&mum, "in_person", "9000", None),
        later(0),
    )
    .unwrap();
    record_step(
        store,
        &check.id,
        "delayed_transfer",
        &StepInput::default(),
        later(1),
    )
    .unwrap();
    mark_sent(store, &check.id, later(2)).unwrap();
    let c = record_step(
        store,
        &check.id,
        "reverify",
        &call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Denied),
        later(3),
    )
    .unwrap();
    assert_eq!(c.status, Status::Sent);
    assert!(mark_completed(store, &check.id, later(4)).is_err());
    assert!(override_check(store, &check.id, "ignore the denial", later(4)).is_err());
    assert_eq!(
        mark_cancelled(store, &check.id, later(5)).unwrap().status,
        Status::Cancelled
    );
}

pub(super) fn bad_input_changes_nothing<S: Store>(store: &S) {
    let mum = mum(store);
    for bad in [
        from_payee(&mum, "wechat", "-5", None),
        from_payee(&mum, "wechat", "12.345", None),
        from_payee(&mum, "carrier_pigeon", "5", None),
        RequestInput {
            currency: "XYZ".into(),
            ..from_payee(&mum, "wechat", "5", None)
        },
        RequestInput {
            name: Some("Both".into()),
            ..from_payee(&mum, "wechat", "5", None)
        },
        RequestInput {
            name: Some("No relationship".into()),
            ..from_payee("", "wechat", "5", None).without_payee()
        },
    ] {
        assert!(matches!(
            create_check(store, &bad, later(0)),
            Err(Error::InvalidInput(_))
        ));
    }
    assert!(matches!(
        create_check(store, &from_payee("nope", "wechat", "5", None), later(0)),
        Err(Error::NotFound(_))
    ));
    assert!(list_checks(store).unwrap().is_empty());
    let check = create_check(store, &from_payee(&mum, "wechat", "5", None), later(0)).unwrap();
    for (step, input) in [
        (
            "teleport",
            call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed),
        ),
        ("second_party", party("X", Outcome::Confirmed)),
        (
            "call_back",
            StepInput {
                number: Some("not a number".into()),
                ..call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed)
            },
        ),
        (
            "call_back",
            StepInput {
                outcome: None,
                ..call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed)
            },
        ),
        (
            "call_back",
            StepInput {
                party: Some("X".into()),
                ..call(MUM_PHONE, NumberSource::PayeeBook, Outcome::Confirmed)
            },
        ),
    ] {
        assert!(
            matches!(
                record_step(store, &check.id, step, &input, later(1)),
                Err(Error::InvalidInput(_))
            ),
            "{step}"
        );
    }
    assert_eq!(get_check(store, &check.id).unwrap(), check);
}

impl RequestInput {
    fn without_payee(self) -> Self {
        RequestInput {
            payee_id: None,
            ..self
        }
    }
}

/// Runs every scenario, each on a fresh store lent by `$with_store(|store| …)`.
macro_rules! engine_suite {
    ($with_store:path) => {
        #[test]
        fn call_back_only_counts_with_a_book_number() {
            $with_store(|store| {
                $crate::payments::engine_tests::call_back_only_counts_with_a_book_number(store)
            });
        }
        #[test]
        fn a_number_added_after_the_request_does_not_count() {
            $with_store(|store| {
                $crate::payments::engine_tests::a_number_added_after_the_request_does_not_count(
                    store,
                )
            });
        }
        #[test]
        fn a_changed_account_is_a_hard_stop_until_called_back() {
            $with_store(|store| {
                $crate::payments::engine_tests::a_changed_account_is_a_hard_stop_until_called_back(
                    store,
                )
            });
        }
        #[test]
        fn red_flags_block_until_overridden_with_a_reason() {
            $with_store(|store| {
                $crate::payments::engine_tests::red_flags_block_until_overridden_with_a_reason(
                    store,
                )
            });
        }
        #[test]
        fn a_denial_blocks_for_good() {
            $with_store(|store| $crate::payments::engine_tests::a_denial_blocks_for_good(store));
        }
        #[test]
        fn strangers_need_two_independent_confirmations() {
            $with_store(|store| {
                $crate::payments::engine_tests::strangers_need_two_independent_confirmations(store)
            });
        }
        #[test]
        fn large_sums_are_delayed_and_reverified() {
            $with_store(|store| {
                $crate::payments::engine_tests::large_sums_are_delayed_and_reverified(store)
            });
        }
        #[test]
        fn a_denied_reverify_leaves_only_cancellation() {
            $with_store(|store| {
                $crate::payments::engine_tests::a_denied_reverify_leaves_only_cancellation(store)
            });
        }
        #[test]
        fn bad_input_changes_nothing() {
            $with_store(|store| $crate::payments::engine_tests::bad_input_changes_nothing(store));
        }
    };
}

mod on_memory_store {
    fn with_store(run: impl FnOnce(&crate::vault::MemoryStore)) {
        run(&crate::vault::MemoryStore::new());
    }
    engine_suite!(with_store);
}

mod on_encrypted_vault {
    use crate::vault::{Vault, VaultOptions};

    fn with_store(run: impl FnOnce(&Vault)) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (vault, _) = Vault::create(dir.path(), "pw", &VaultOptions::fast_for_tests())
            .expect("vault created");
        run(&vault);
    }
    engine_suite!(with_store);
}

/// The audit trail records every transition from `draft` on.
#[test]
fn the_audit_trail_starts_at_draft() {
    let store = crate::vault::MemoryStore::new();
    let check = create_check(
        &store,
        &from_payee(&mum(&store), "in_person", "1", None),
        later(0),
    )
    .unwrap();
    let transitions: Vec<_> = check
        .audit
        .iter()
        .filter_map(|e| match e.event {
            AuditEvent::Transition { from, to } => Some((from, to)),
            _ => None,
        })
        .collect();
    assert_eq!(
        transitions,
        vec![
            (None, Status::Draft),
            (Some(Status::Draft), Status::Verifying),
            (Some(Status::Verifying), Status::Cleared)
        ]
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::vault::MemoryStore;

    #[derive(Debug, Clone)]
    enum Op {
        Step {
            code: usize,
            book_number: bool,
            outcome: usize,
            party: usize,
        },
        Override {
            typed: bool,
        },
        Sent,
        Complete,
        Cancel,
        Abandon,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..StepCode::ALL.len(), any::<bool>(), 0..3usize, 0..3usize)
                .prop_map(|(code, book_number, outcome, party)| Op::Step { code, book_number, outcome, party }),
            1 => any::<bool>().prop_map(|typed| Op::Override { typed }),
            1 => Just(Op::Sent),
            1 => Just(Op::Complete),
            1 => Just(Op::Cancel),
            1 => Just(Op::Abandon),
        ]
    }

    fn apply(store: &MemoryStore, id: &str, op: &Op, at: OffsetDateTime) -> Result<Check, Error> {
        match *op {
            Op::Step {
                code,
                book_number,
                outcome,
                party: who,
            } => {
                let code = StepCode::ALL[code];
                let outcome = [Outcome::Confirmed, Outcome::Denied, Outcome::Unreachable][outcome];
                let input = match code {
                    StepCode::SecondParty => party(["Li", "Wang", "Zhao"][who], outcome),
                    StepCode::DelayedTransfer | StepCode::StopAndReport => StepInput::default(),
                    _ => call(
                        if book_number {
                            MUM_PHONE
                        } else {
                            "13900000000"
                        },
                        NumberSource::PayeeBook,
                        outcome,
                    ),
                };
                record_step(store, id, code.as_str(), &input, at)
            }
            Op::Override { typed } => {
                override_check(store, id, if typed { "typed reason here" } else { " " }, at)
            }
            Op::Sent => mark_sent(store, id, at),
            Op::Complete => mark_completed(store, id, at),
            Op::Cancel => mark_cancelled(store, id, at),
            Op::Abandon => abandon(store, id, at),
        }
    }

    /// Cleared, sent or completed only with every step of the passed phases satisfied, or
    /// overridden with the override in the audit trail; a changed account is never overridden.
    fn assert_invariants(check: &Check) -> Result<(), TestCaseError> {
        let overridden: Vec<StepCode> = check
            .overrides()
            .flat_map(|(_, _, steps)| steps.to_vec())
            .collect();
        for step in &check.steps {
            let must_be_done = match check.status {
                Status::Cleared | Status::Sent => !step.code.after_sending(),
                Status::Completed => true,
                _ => false,
            };
            if must_be_done {
                prop_assert!(step.is_done(), "{:?} in {:?}", step.code, check.status);
            }
            if step.state == StepState::Overridden {
                prop_assert!(overridden.contains(&step.code));
            }
            prop_assert!(
                !(step.code == StepCode::AccountChanged && step.state == StepState::Overridden)
            );
        }
        let last = check.audit.iter().rev().find_map(|e| match e.event {
            AuditEvent::Transition { to, .. } => Some(to),
            _ => None,
        });
        prop_assert_eq!(last, Some(check.status));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn never_cleared_or_sent_with_an_open_step_without_an_override(
            channel in prop::sample::select(vec!["in_person", "wechat", "voice_call"]),
            relationship in prop::sample::select(vec!["family", "stranger", "long_lost"]),
            amount in prop::sample::select(vec!["100", "5000", "20000"]),
            account in prop::sample::select(vec![None, Some(MUM_ACCOUNT), Some("6222020200009999")]),
            flagged in any::<bool>(),
            ops in prop::collection::vec(op(), 0..16),
        ) {
            let store = MemoryStore::new();
            let mum = mum(&store);
            let input = RequestInput {
                relationship: Some(relationship.into()),
                text: flagged.then(|| "urgent, keep it secret".into()),
                ..from_payee(&mum, channel, amount, account)
            };
            let mut check = create_check(&store, &input, later(0)).unwrap();
            assert_invariants(&check)?;
            for (i, op) in ops.iter().enumerate() {
                match apply(&store, &check.id, op, later(i as i64 + 1)) {
                    Ok(next) => check = next,
                    Err(_) => prop_assert_eq!(&get_check(&store, &check.id).unwrap(), &check, "a failed {:?} changed the check", op),
                }
                assert_invariants(&check)?;
            }
        }
    }
}

/// The book can be kept up to date — renamed, a stale number dropped, a payee removed — but never
/// in a way that pulls the ground from under a check still in progress.
#[test]
fn the_payee_book_is_editable_except_under_an_open_check() {
    use super::payee::{add_phone, remove_payee, remove_phone, rename_payee};
    let store = crate::vault::MemoryStore::new();
    let mum = mum(&store);
    rename_payee(&store, &mum, "Mother").unwrap();
    assert_eq!(get_payee(&store, &mum).unwrap().name, "Mother");
    let invalid = |r: crate::Result<()>| r.unwrap_err().code();
    assert_eq!(
        invalid(remove_phone(&store, &mum, MUM_PHONE)),
        crate::ErrorCode::InvalidInput,
        "the last number stays"
    );
    add_phone(&store, &mum, "13900139000", PhoneSource::InPerson, T0).unwrap();
    remove_phone(&store, &mum, "+86 138 0013 8000").unwrap();
    let phones: Vec<_> = get_payee(&store, &mum)
        .unwrap()
        .phones
        .into_iter()
        .map(|p| p.number)
        .collect();
    assert_eq!(phones, ["+8613900139000"]);
    assert_eq!(
        invalid(remove_phone(&store, &mum, MUM_PHONE)),
        crate::ErrorCode::InvalidInput,
        "no longer known"
    );

    let check = create_check(&store, &from_payee(&mum, "wechat", "800", None), later(0)).unwrap();
    assert_eq!(
        invalid(remove_payee(&store, &mum)),
        crate::ErrorCode::InvalidInput,
        "an open check relies on it"
    );
    abandon(&store, &check.id, later(1)).unwrap();
    remove_payee(&store, &mum).unwrap();
    assert_eq!(
        invalid(remove_payee(&store, &mum)),
        crate::ErrorCode::NotFound
    );
    assert_eq!(
        get_check(&store, &check.id).unwrap().status,
        Status::Abandoned
    );
}
