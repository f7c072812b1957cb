//! `vigil payees …` and `vigil pay …`: the payee book and before-you-pay checks (issue 6).
//!
//! Choices (relationship, channel, step, outcome…) are taken as text and parsed by the core, so a
//! wrong value is an `invalid_input` error object like any other bad input, not a usage error.

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use vigil_core::{
    payments::{
        engine::{self, StepInput},
        evidence::evidence_pack,
        history::{history, stats},
        money::Money,
        payee::{
            add_payee, add_phone, list_payees, remove_payee, remove_phone, rename_payee, NewPayee,
            PayeeSummary,
        },
        reminders::due_reminders,
        request::RequestInput,
        settings::set_threshold,
        view::{show_check, CheckView},
    },
    vault::Vault,
    Error,
};

use crate::{
    context::{format_time, Ctx},
    output::Output,
};

#[derive(Subcommand)]
pub enum PayeesCommand {
    /// Add someone to the payee book, with a call-back number you got yourself.
    Add {
        #[arg(long)]
        name: String,
        /// family, friend, colleague, boss, business, institution, stranger, long_lost
        #[arg(long)]
        relationship: String,
        #[arg(long)]
        phone: String,
        /// in_person, official_website, card_back, contract, previous_call, other
        #[arg(long)]
        phone_source: String,
        #[arg(long)]
        account: Option<String>,
        #[arg(long, requires = "account")]
        bank: Option<String>,
    },
    /// List the payee book (accounts by their last 4 digits only).
    List,
    /// Add another call-back number you got yourself.
    AddPhone {
        #[arg(long)]
        payee: String,
        #[arg(long)]
        phone: String,
        /// in_person, official_website, card_back, contract, previous_call, other
        #[arg(long)]
        phone_source: String,
    },
    /// Forget a call-back number that no longer reaches the payee (the last one stays).
    RemovePhone {
        #[arg(long)]
        payee: String,
        #[arg(long)]
        phone: String,
    },
    /// Give a payee a new name.
    Rename {
        #[arg(long)]
        payee: String,
        #[arg(long)]
        name: String,
    },
    /// Remove a payee (refused while an open check relies on it).
    Remove {
        #[arg(long)]
        payee: String,
    },
}

#[derive(Args)]
pub struct CheckArgs {
    /// A payee-book id.
    #[arg(long, conflicts_with = "name")]
    payee: Option<String>,
    /// The requester's name as the request gave it (then --relationship is required).
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    relationship: Option<String>,
    /// sms, wechat, weibo, qq, email, voice_call, video_call, in_person, other
    #[arg(long)]
    channel: String,
    /// A plain decimal such as 5000.00.
    #[arg(long, allow_hyphen_values = true)]
    amount: String,
    /// ISO 4217, e.g. CNY.
    #[arg(long)]
    currency: String,
    #[arg(long)]
    account: Option<String>,
    #[arg(long, requires = "account")]
    bank: Option<String>,
    /// The text of the request, as received.
    #[arg(long)]
    text: Option<String>,
    /// The requester pressed you to hurry.
    #[arg(long)]
    urgent: bool,
    /// The requester asked you to keep it secret.
    #[arg(long)]
    secret: bool,
}

#[derive(Subcommand)]
pub enum PayCommand {
    /// Check a request for money: prints the required steps and red flags.
    Check(CheckArgs),
    /// Record what you did for a step (call_back, second_party, account_changed, delayed_transfer, reverify).
    Step {
        check: String,
        step: String,
        /// The number you called.
        #[arg(long)]
        number: Option<String>,
        /// Where that number came from: payee_book, message, search, other.
        #[arg(long)]
        source: Option<String>,
        /// confirmed, denied, unreachable.
        #[arg(long)]
        outcome: Option<String>,
        /// Who confirmed (second_party).
        #[arg(long)]
        party: Option<String>,
    },
    /// Show a check as it stands.
    Show { check: String },
    /// Skip the open steps with a typed reason (kept in the audit trail).
    Override {
        check: String,
        #[arg(long)]
        reason: String,
    },
    /// You sent the money.
    Sent { check: String },
    /// The money arrived as intended (after the re-check, if one is required).
    Completed { check: String },
    /// You cancelled the transfer with your bank.
    Cancelled { check: String },
    /// You decided not to pay.
    Abandon { check: String },
    /// Reminders to schedule, soonest first; `is_due` marks those due now.
    Due,
    /// The evidence pack for the police (96110 / 110) or your bank. Printed, never sent.
    Evidence { check: String },
    /// Every check, newest first.
    History,
    /// Simple stats.
    Stats,
    /// Set the amount above which transfers must be delayed and re-verified.
    Threshold {
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long)]
        currency: String,
    },
}

pub fn run_payees(ctx: &Ctx, command: PayeesCommand) -> Result<Output, Error> {
    let vault = ctx.open_vault()?;
    match command {
        PayeesCommand::Add {
            name,
            relationship,
            phone,
            phone_source,
            account,
            bank,
        } => {
            let new = NewPayee {
                name,
                relationship: relationship.parse()?,
                phone,
                phone_source: phone_source.parse()?,
                account,
                bank,
            };
            let id = add_payee(&vault, new, ctx.now)?;
            Ok(Output::new(
                json!({ "id": id }),
                format!("Added to the payee book: {id}"),
            ))
        }
        PayeesCommand::List => {
            let payees: Vec<PayeeSummary> = list_payees(&vault)?
                .iter()
                .map(PayeeSummary::from)
                .collect();
            let text = payees.iter().map(payee_line).collect::<Vec<_>>().join("\n");
            Ok(Output::new(json!({ "payees": payees }), text))
        }
        PayeesCommand::AddPhone {
            payee,
            phone,
            phone_source,
        } => {
            add_phone(&vault, &payee, &phone, phone_source.parse()?, ctx.now)?;
            Ok(Output::new(
                json!({ "id": payee }),
                "Call-back number added.",
            ))
        }
        PayeesCommand::RemovePhone { payee, phone } => {
            remove_phone(&vault, &payee, &phone)?;
            Ok(Output::new(
                json!({ "id": payee }),
                "Call-back number removed.",
            ))
        }
        PayeesCommand::Rename { payee, name } => {
            rename_payee(&vault, &payee, &name)?;
            Ok(Output::new(json!({ "id": payee }), "Payee renamed."))
        }
        PayeesCommand::Remove { payee } => {
            remove_payee(&vault, &payee)?;
            Ok(Output::new(json!({ "removed": payee }), "Payee removed."))
        }
    }
}

fn payee_line(payee: &PayeeSummary) -> String {
    let accounts: Vec<String> = payee
        .account_last4s
        .iter()
        .map(|last4| format!("…{last4}"))
        .collect();
    format!(
        "{}  {} ({})  {}",
        payee.id,
        payee.name,
        payee.relationship.as_str(),
        accounts.join(" ")
    )
}

fn check_output(view: CheckView) -> Output {
    let mut text = format!(
        "Check {}: {} {} — {}\n",
        view.id,
        view.currency,
        view.amount,
        view.status.as_str()
    );
    for step in &view.required_steps {
        text.push_str(&format!(
            "  [{}] {}: {}\n",
            if step.done { "x" } else { " " },
            step.code.as_str(),
            step.reason
        ));
    }
    for flag in &view.flags {
        text.push_str(&format!("  ! {}\n", flag.detail));
    }
    for advice in &view.advice {
        text.push_str(&format!("  * {advice}\n"));
    }
    Output::new(
        serde_json::to_value(&view).expect("a check view serialises"),
        text,
    )
}

pub fn run_pay(ctx: &Ctx, command: PayCommand) -> Result<Output, Error> {
    let vault = ctx.open_vault()?;
    let show = |id: &str| show_check(&vault, id, ctx.locale).map(check_output);
    match command {
        PayCommand::Check(args) => {
            let input = RequestInput {
                channel: args.channel,
                payee_id: args.payee,
                name: args.name,
                relationship: args.relationship,
                amount: args.amount,
                currency: args.currency,
                account: args.account,
                bank: args.bank,
                text: args.text,
                claimed_urgency: args.urgent,
                claimed_secrecy: args.secret,
            };
            let check = engine::create_check(&vault, &input, ctx.now)?;
            show(&check.id)
        }
        PayCommand::Step {
            check,
            step,
            number,
            source,
            outcome,
            party,
        } => {
            let input = StepInput {
                number,
                source: source.as_deref().map(str::parse).transpose()?,
                outcome: outcome.as_deref().map(str::parse).transpose()?,
                party,
            };
            engine::record_step(&vault, &check, &step, &input, ctx.now)?;
            show(&check)
        }
        PayCommand::Show { check } => show(&check),
        PayCommand::Override { check, reason } => {
            engine::override_check(&vault, &check, &reason, ctx.now)?;
            show(&check)
        }
        PayCommand::Sent { check } => {
            engine::mark_sent(&vault, &check, ctx.now)?;
            show(&check)
        }
        PayCommand::Completed { check } => {
            engine::mark_completed(&vault, &check, ctx.now)?;
            show(&check)
        }
        PayCommand::Cancelled { check } => {
            engine::mark_cancelled(&vault, &check, ctx.now)?;
            show(&check)
        }
        PayCommand::Abandon { check } => {
            engine::abandon(&vault, &check, ctx.now)?;
            show(&check)
        }
        PayCommand::Due => {
            let reminders = due_reminders(&vault, ctx.now, ctx.locale)?;
            let text = reminders
                .iter()
                .map(|r| {
                    format!(
                        "{} {} {}",
                        r.due_at,
                        if r.is_due { "DUE" } else { "   " },
                        r.text
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Output::new(
                json!({ "now": format_time(ctx.now), "reminders": reminders }),
                text,
            ))
        }
        PayCommand::Evidence { check } => {
            let pack = evidence_pack(&vault, &check, ctx.now, ctx.locale)?;
            let report: Value =
                serde_json::from_str(&pack.json).expect("the core builds the evidence JSON itself");
            Ok(Output::new(
                json!({ "check_id": pack.check_id, "text": pack.text, "report": report }),
                pack.text,
            ))
        }
        PayCommand::History => {
            let checks = history(&vault, ctx.locale)?;
            let text = checks
                .iter()
                .map(|c| {
                    format!(
                        "{}  {}  {} {}  {}",
                        c.created_at,
                        c.status.as_str(),
                        c.currency,
                        c.amount,
                        c.requester
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Output::new(json!({ "checks": checks }), text))
        }
        PayCommand::Stats => {
            let stats = stats(&vault)?;
            let value = serde_json::to_value(&stats).expect("stats serialise");
            let text = format!(
                "{} checks, {} flagged, {} overridden",
                stats.total, stats.flagged, stats.overridden
            );
            Ok(Output::new(value, text))
        }
        PayCommand::Threshold { amount, currency } => {
            let settings = set_threshold(&vault, Money::parse(&amount, &currency)?)?;
            let thresholds: Vec<Value> = settings
                .thresholds
                .iter()
                .map(|t| json!({"currency": t.currency().code(), "amount": t.amount_text()}))
                .collect();
            Ok(Output::new(
                json!({ "thresholds": thresholds }),
                format!("Threshold set: {currency} {amount}"),
            ))
        }
    }
}

/// The demo's payments section: a payee, a WeChat request with a changed account and red flags,
/// and what the checklist makes of it.
pub fn demo(ctx: &Ctx, vault: &Vault) -> Result<Output, Error> {
    let t0 = ctx.now - time::Duration::days(30);
    let mum = NewPayee {
        name: "Mum".into(),
        relationship: "family".parse()?,
        phone: "+86 138 0013 8000".into(),
        phone_source: "in_person".parse()?,
        account: Some("6222 0202 0000 1234".into()),
        bank: Some("ICBC".into()),
    };
    let payee = add_payee(vault, mum, t0)?;
    let input = RequestInput {
        channel: "wechat".into(),
        payee_id: Some(payee),
        amount: "20000.00".into(),
        currency: "CNY".into(),
        account: Some("6217 0000 9999 5678".into()),
        text: Some("妈，我手机坏了，用同学的微信。急用钱，马上转到这个新卡，别告诉爸爸".into()),
        ..RequestInput::default()
    };
    let check = engine::create_check(vault, &input, ctx.now)?;
    let mut output = check_output(show_check(vault, &check.id, ctx.locale)?);
    output.text = format!("Before you pay\n{}", output.text);
    Ok(output)
}
