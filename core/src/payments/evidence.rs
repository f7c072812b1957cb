//! The evidence pack: a timeline of the request, numbers, accounts, messages and steps, as text
//! (zh-CN or en) and JSON, for the police (96110 / 110) or the bank. It is only ever returned to
//! the caller: nothing here sends anything anywhere.

use serde::Serialize;
use serde_json::{json, Value};
use time::OffsetDateTime;

use super::{
    rules::StepCode,
    state::{AuditEvent, Check},
    view::{channel_text, flag_detail, payee_of, relationship_text, requester_name, timestamp},
};
use crate::{
    error::Result,
    i18n::{tr, tr_args, Arg, Locale},
    vault::{Store, TxnExt},
};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EvidencePack {
    pub check_id: String,
    /// A readable report, one timeline line each.
    pub text: String,
    /// The same timeline as a JSON document (`{"check_id", "generated_at", "timeline": [...]}`).
    pub json: String,
}

struct Line {
    at: OffsetDateTime,
    text: String,
    json: Value,
}

fn line(
    locale: Locale,
    at: OffsetDateTime,
    id: &str,
    mut args: Vec<(&str, Arg)>,
    json: Value,
) -> Line {
    args.push(("at", timestamp(at).into()));
    Line {
        at,
        text: tr_args(locale, id, &args),
        json,
    }
}

fn timeline(check: &Check, name: &str, locale: Locale) -> Vec<Line> {
    let request = &check.request;
    let at = check.created_at;
    let amount = request.money.to_string();
    let mut lines = vec![line(
        locale,
        at,
        "payments-evidence-request",
        vec![
            ("channel", channel_text(request.channel, locale).into()),
            ("name", name.into()),
            (
                "relationship",
                relationship_text(request.relationship, locale).into(),
            ),
            ("amount", amount.clone().into()),
        ],
        json!({"at": timestamp(at), "event": "request", "channel": request.channel, "requester": name,
               "relationship": request.relationship, "amount": request.money.amount_text(),
               "currency": request.money.currency().code()}),
    )];
    if let Some(account) = &request.account {
        let bank = request.bank.clone().unwrap_or_default();
        lines.push(line(
            locale,
            at,
            "payments-evidence-account",
            vec![("account", account.clone().into()), ("bank", bank.clone().into())],
            json!({"at": timestamp(at), "event": "account", "account": account, "bank": request.bank}),
        ));
    }
    if let Some(text) = &request.text {
        lines.push(line(
            locale,
            at,
            "payments-evidence-text",
            vec![("text", text.clone().into())],
            json!({"at": timestamp(at), "event": "message", "text": text}),
        ));
    }
    for flag in &check.flags {
        let detail = flag_detail(flag, request.text.as_deref(), locale);
        lines.push(line(
            locale,
            at,
            "payments-evidence-flag",
            vec![("detail", detail.clone().into())],
            json!({"at": timestamp(at), "event": "red_flag", "code": flag.code, "span": flag.span, "detail": detail}),
        ));
    }
    let yes_no = |b: bool| {
        tr(
            locale,
            if b {
                "payments-evidence-yes"
            } else {
                "payments-evidence-no"
            },
        )
    };
    for step in &check.steps {
        for entry in &step.entries {
            let common = vec![
                ("step", step.code.as_str().into()),
                ("outcome", entry.outcome.as_str().into()),
            ];
            let (id, mut args) = match (&entry.number, &entry.party) {
                (Some(number), _) => (
                    "payments-evidence-call",
                    vec![
                        ("number", number.clone().into()),
                        (
                            "source",
                            entry.number_source.map_or("", |s| s.as_str()).into(),
                        ),
                        ("in_book", yes_no(entry.number_in_book).into()),
                    ],
                ),
                (None, Some(party)) => (
                    "payments-evidence-party",
                    vec![("party", party.clone().into())],
                ),
                (None, None) => ("payments-evidence-choice", Vec::new()),
            };
            args.extend(common);
            lines.push(line(
                locale,
                entry.at,
                id,
                args,
                json!({"at": timestamp(entry.at), "event": "step", "step": step.code, "outcome": entry.outcome,
                       "number": entry.number, "number_source": entry.number_source,
                       "number_in_book": entry.number_in_book, "party": entry.party}),
            ));
        }
    }
    for entry in &check.audit {
        match &entry.event {
            AuditEvent::Transition { to, .. } => lines.push(line(
                locale,
                entry.at,
                "payments-evidence-status",
                vec![("status", to.as_str().into())],
                json!({"at": timestamp(entry.at), "event": "status", "status": to}),
            )),
            AuditEvent::Override { reason, steps } => {
                let codes: Vec<&str> = steps.iter().map(|s: &StepCode| s.as_str()).collect();
                lines.push(line(
                    locale,
                    entry.at,
                    "payments-evidence-override",
                    vec![("steps", codes.join(", ").into()), ("reason", reason.clone().into())],
                    json!({"at": timestamp(entry.at), "event": "override", "steps": steps, "reason": reason}),
                ))
            }
            AuditEvent::StepRecorded { .. } => {}
        }
    }
    // Stable: events at the same instant keep the order above (request, then what followed).
    lines.sort_by_key(|l| l.at);
    lines
}

/// Builds the evidence pack for a check, at `now`, in `locale`.
pub fn evidence_pack<S: Store>(
    store: &S,
    check_id: &str,
    now: OffsetDateTime,
    locale: Locale,
) -> Result<EvidencePack> {
    store.read(|txn| {
        let check: Check = txn.require(check_id, "reason-thing-check")?;
        let payee = payee_of(txn, &check)?;
        let name = requester_name(&check, payee.as_ref());
        let lines = timeline(&check, &name, locale);
        let mut text = tr_args(
            locale,
            "payments-evidence-title",
            &[("amount", check.request.money.to_string().into())],
        );
        text.push('\n');
        text.push_str(&tr(locale, "payments-evidence-where"));
        text.push_str("\n\n");
        for l in &lines {
            text.push_str(&l.text);
            text.push('\n');
        }
        let document = json!({
            "check_id": check.id,
            "generated_at": timestamp(now),
            "status": check.status,
            "report_to": ["96110", "110"],
            "timeline": lines.into_iter().map(|l| l.json).collect::<Vec<_>>(),
        });
        Ok(EvidencePack {
            check_id: check.id,
            text,
            json: document.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        payments::{
            engine::{create_check, record_step, StepInput},
            request::RequestInput,
            state::{NumberSource, Outcome},
        },
        vault::MemoryStore,
    };
    use time::macros::datetime;

    #[test]
    fn the_pack_holds_the_whole_story_in_text_and_json() {
        let store = MemoryStore::new();
        let t = datetime!(2026-11-28 09:00 UTC);
        let input = RequestInput {
            channel: "voice_call".into(),
            name: Some("Officer Chen".into()),
            relationship: Some("stranger".into()),
            amount: "30000".into(),
            currency: "CNY".into(),
            account: Some("6217 0000 1111 2222".into()),
            text: Some("你涉嫌洗钱，把钱转到安全账户".into()),
            ..RequestInput::default()
        };
        let check = create_check(&store, &input, t).unwrap();
        let call = StepInput {
            number: Some("010-12345678".into()),
            source: Some(NumberSource::Message),
            outcome: Some(Outcome::Confirmed),
            party: None,
        };
        record_step(
            &store,
            &check.id,
            "call_back",
            &call,
            t + time::Duration::minutes(5),
        )
        .unwrap();
        for locale in Locale::ALL {
            let pack = evidence_pack(&store, &check.id, t, locale).unwrap();
            for needle in [
                "6217000011112222",
                "01012345678",
                "安全账户",
                "96110",
                "Officer Chen",
            ] {
                assert!(
                    pack.text.contains(needle),
                    "{locale:?} text lacks {needle}:\n{}",
                    pack.text
                );
            }
            let doc: Value = serde_json::from_str(&pack.json).unwrap();
            let events: Vec<&str> = doc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["event"].as_str().unwrap())
                .collect();
            assert_eq!(events.first(), Some(&"request"));
            assert!(
                events.contains(&"red_flag")
                    && events.contains(&"step")
                    && events.contains(&"status")
            );
            let step = doc["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["event"] == "step")
                .unwrap();
            assert_eq!(
                (
                    step["number_in_book"].as_bool(),
                    step["number_source"].as_str()
                ),
                (Some(false), Some("message"))
            );
        }
    }
}
