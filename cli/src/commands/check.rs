//! `vigil check message|url|qr`: screening, without a vault by default. When an existing vault is
//! named (`--vault DIR` or `VIGIL_VAULT`) or `--with-inventory` is given, the vault is opened and the
//! websites of the user's inventory holders become protected targets too, so a lookalike of the
//! user's own insurer or school is caught like one of a bank.

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use vigil_core::{
    i18n::tr,
    inventory,
    screening::{
        advice::family_name, check_message, check_qr, check_url, MessageVerdict, ProtectedTarget,
        QrVerdict, Risk, Signal, UrlVerdict,
    },
    Error, Locale,
};

use crate::{context::Ctx, output::Output};

#[derive(Subcommand)]
pub enum CheckCommand {
    /// Check an SMS, chat or e-mail text for fraud scripts.
    Message {
        /// Who sent it, as the phone shows it (a number, 95588, wechat:name…).
        #[arg(long)]
        sender: Option<String>,
        text: String,
        #[command(flatten)]
        targets: TargetArgs,
    },
    /// Check a link: does it imitate a bank, payment app, operator or other official site?
    Url {
        url: String,
        #[command(flatten)]
        targets: TargetArgs,
    },
    /// Check the decoded text of a QR code (link, payment code, Wi-Fi, contact, text).
    Qr {
        payload: String,
        #[command(flatten)]
        targets: TargetArgs,
    },
}

#[derive(Args)]
pub struct TargetArgs {
    /// Also protect the websites of the holders in your inventory (opens the vault).
    #[arg(long)]
    with_inventory: bool,
}

pub fn run(ctx: &Ctx, command: CheckCommand) -> Result<Output, Error> {
    let (CheckCommand::Message { targets, .. }
    | CheckCommand::Url { targets, .. }
    | CheckCommand::Qr { targets, .. }) = &command;
    // A named vault that exists is used; a named one that does not is no error, since screening
    // never needs a vault. `--with-inventory` insists on one.
    let named_vault = ctx.vault_given && vigil_core::vault::Vault::exists(&ctx.vault_dir);
    let extra = if targets.with_inventory || named_vault {
        inventory_targets(ctx)?
    } else {
        Vec::new()
    };
    with_targets(ctx, command, &extra)
}

/// The inventory holders' websites as protected targets.
fn inventory_targets(ctx: &Ctx) -> Result<Vec<ProtectedTarget>, Error> {
    let vault = ctx.open_vault()?;
    Ok(inventory::protected_targets(&vault)?
        .into_iter()
        .map(|h| ProtectedTarget {
            domain: h.domain,
            names: h.names,
        })
        .collect())
}

/// The same checks with extra protected targets (the websites of the user's inventory holders).
fn with_targets(
    ctx: &Ctx,
    command: CheckCommand,
    targets: &[ProtectedTarget],
) -> Result<Output, Error> {
    let locale = ctx.locale;
    Ok(match command {
        CheckCommand::Message { sender, text, .. } => message_output(
            &check_message(&text, sender.as_deref(), targets, locale),
            locale,
        ),
        CheckCommand::Url { url, .. } => url_output(&check_url(&url, targets, locale)?, locale),
        CheckCommand::Qr { payload, .. } => qr_output(&check_qr(&payload, targets, locale), locale),
    })
}

fn signals_json(signals: &[Signal]) -> Value {
    Value::Array(
        signals
            .iter()
            .map(|s| {
                json!({
                    "code": s.code,
                    "severity": s.severity,
                    "detail": s.detail,
                    "span": s.span.map(|sp| json!({"start": sp.start, "end": sp.end})),
                })
            })
            .collect(),
    )
}

fn risk_line(risk: Risk, locale: Locale) -> String {
    tr(locale, &format!("screening-risk-{}", risk.code()))
}

/// Risk, then the reasons that count (`low` explanations only when nothing else is said), then advice.
fn text_report(
    risk: Risk,
    head: &[String],
    signals: &[Signal],
    advice: &[String],
    locale: Locale,
) -> String {
    let mut text = risk_line(risk, locale);
    text.push('\n');
    for line in head {
        text.push_str(&format!("  {line}\n"));
    }
    for s in signals {
        text.push_str(&format!("  - {}\n", s.detail));
    }
    for a in advice {
        text.push_str(&format!("→ {a}\n"));
    }
    text
}

fn url_output(v: &UrlVerdict, locale: Locale) -> Output {
    let json = json!({
        "risk": v.risk,
        "registrable_domain": v.registrable_domain,
        "imitates": v.imitates,
        "signals": signals_json(&v.signals),
        "advice": v.advice,
    });
    let mut head = Vec::new();
    if let Some(d) = &v.registrable_domain {
        head.push(format!("{}: {d}", tr(locale, "screening-label-site")));
    }
    if let Some(t) = &v.imitates {
        head.push(format!("{}: {t}", tr(locale, "screening-label-imitates")));
    }
    Output::new(
        json,
        text_report(v.risk, &head, &v.signals, &v.advice, locale),
    )
}

fn message_output(v: &MessageVerdict, locale: Locale) -> Output {
    let json = json!({
        "risk": v.risk,
        "families": v.families,
        "signals": signals_json(&v.signals),
        "advice": v.advice,
    });
    let head: Vec<String> = v.families.iter().map(|f| family_name(*f, locale)).collect();
    Output::new(
        json,
        text_report(v.risk, &head, &v.signals, &v.advice, locale),
    )
}

fn qr_output(v: &QrVerdict, locale: Locale) -> Output {
    let json = json!({
        "risk": v.risk,
        "kind": v.kind,
        "url": v.url.as_ref().map(|u| json!({
            "registrable_domain": u.registrable_domain,
            "imitates": u.imitates,
            "risk": u.risk,
        })),
        "wifi": v.wifi,
        "signals": signals_json(&v.signals),
        "advice": v.advice,
    });
    Output::new(
        json,
        text_report(v.risk, &[], &v.signals, &v.advice, locale),
    )
}

/// Demo section: a real bank site, its lookalike, a code-theft message, a genuine code text and
/// an open Wi-Fi code. Needs no vault; returns the section's JSON (`title`, `checks`) and text.
pub fn demo(ctx: &Ctx) -> Result<Output, Error> {
    let locale = ctx.locale;
    let samples = [
        ("url", "https://www.icbc.com.cn/", None),
        ("url", "https://icbc.com.cn-login.xyz/verify", None),
        (
            "message",
            "我是你表哥，换号了。刚才注册时填错了手机号，你收到的6位验证码发我一下。",
            Some("+8613800000000"),
        ),
        (
            "message",
            "【工商银行】验证码493027，请勿告诉他人。",
            Some("95588"),
        ),
        ("qr", "WIFI:S:Free-Airport;T:nopass;;", None),
    ];
    let mut items = Vec::new();
    let mut text = String::new();
    for (kind, input, sender) in samples {
        let out = match kind {
            "url" => url_output(&check_url(input, &[], locale)?, locale),
            "message" => message_output(&check_message(input, sender, &[], locale), locale),
            _ => qr_output(&check_qr(input, &[], locale), locale),
        };
        text.push_str(&format!("$ vigil check {kind} {input:?}\n{}\n", out.text));
        items.push(json!({"command": kind, "input": input, "result": out.json}));
    }
    Ok(Output::new(
        json!({"title": tr(locale, "screening-demo-title"), "checks": items}),
        text,
    ))
}
