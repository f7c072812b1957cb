//! `vigil alerts …`: trust publishers, import and sync signed feeds, read alerts, check SMS.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde_json::json;
use vigil_core::{
    alerts::{
        self,
        cap::{CapCategory, CapSeverity},
        trust, view, AlertFilter, AlertSummary, AlertView, ReadState, RelevanceProfile,
    },
    i18n::{tr, tr_args},
    inventory::Inventory,
    screening::Family,
    vault::Vault,
    Error,
};

use time::{format_description::well_known::Rfc3339, OffsetDateTime};

use crate::{
    context::{format_time, Ctx},
    output::Output,
};

#[derive(Subcommand)]
pub enum AlertsCommand {
    /// Trust a publisher's minisign public key for the given CAP senders.
    Trust {
        #[arg(long)]
        name: String,
        /// The minisign public key (`RW…`) or a path to its `.pub` file.
        #[arg(long)]
        key: String,
        /// A CAP sender (or `@domain`) this key may speak for; repeat for several.
        #[arg(long)]
        scope: Vec<String>,
    },
    /// Stop trusting a publisher.
    Revoke { publisher_id: String },
    /// Publishers and the freshness of their feeds ("stale since").
    Status,
    /// Import a signed feed file (CAP alert or Atom feed) and its detached minisign signature.
    Import {
        file: PathBuf,
        /// The `.minisig` file (default: FILE.minisig).
        #[arg(long)]
        sig: Option<PathBuf>,
    },
    /// Fetch subscribed feeds (or subscribe to URL and fetch it) over HTTPS and ingest them.
    Sync { url: Option<String> },
    /// List alerts: active real ones by default.
    List {
        /// Include expired, withdrawn, superseded and archived alerts.
        #[arg(long, conflicts_with = "exercises")]
        all: bool,
        /// Show tests and exercises instead (never mixed with real alerts).
        #[arg(long)]
        exercises: bool,
        /// CAP category (Security, Met, Geo, …).
        #[arg(long)]
        category: Option<String>,
        /// Minimum severity (Extreme, Severe, Moderate, Minor).
        #[arg(long)]
        severity: Option<String>,
        /// Scam family code (refund, otp_theft, …).
        #[arg(long)]
        family: Option<String>,
        /// Words that must all appear.
        #[arg(long)]
        search: Option<String>,
    },
    /// Show one alert and mark it read.
    Read { id: String },
    /// Archive an alert.
    Archive { id: String },
    /// Check an SMS that claims to come from an official number; plausible ones are kept.
    IngestSms {
        #[arg(long)]
        sender: String,
        #[arg(long)]
        text: String,
        /// When it arrived (RFC 3339; default: now).
        #[arg(long)]
        received: Option<String>,
    },
}

pub fn run(ctx: &Ctx, command: AlertsCommand) -> Result<Output, Error> {
    let vault = ctx.open_vault()?;
    let profile = RelevanceProfile::default();
    match command {
        AlertsCommand::Trust { name, key, scope } => {
            let key = key_text(&key)?;
            let publisher = trust::trust(&vault, &name, &key, &scope)?;
            let text = tr_args(
                ctx.locale,
                "alerts-trusted",
                &[
                    ("name", publisher.name.clone().into()),
                    ("key_id", publisher.key_id.clone().into()),
                ],
            );
            Ok(Output::new(
                json!({"publisher_id": publisher.id, "key_id": publisher.key_id}),
                text,
            ))
        }
        AlertsCommand::Revoke { publisher_id } => {
            trust::revoke(&vault, &publisher_id)?;
            Ok(Output::new(
                json!({"revoked": publisher_id}),
                tr(ctx.locale, "alerts-revoked"),
            ))
        }
        AlertsCommand::Status => {
            let status = alerts::feed_status(&vault, ctx.now)?;
            let lines: Vec<String> = status
                .iter()
                .map(|s| match &s.stale_since {
                    Some(since) => tr_args(
                        ctx.locale,
                        "alerts-status-stale",
                        &[
                            ("name", s.name.clone().into()),
                            ("since", since.clone().into()),
                        ],
                    ),
                    None => tr_args(
                        ctx.locale,
                        "alerts-status-fresh",
                        &[
                            ("name", s.name.clone().into()),
                            ("seq", s.last_seq.unwrap_or(0).into()),
                        ],
                    ),
                })
                .collect();
            let json: Vec<_> = status
                .iter()
                .map(|s| {
                    json!({"publisher_id": s.publisher_id, "name": s.name, "revoked": s.revoked, "last_seq": s.last_seq,
                           "last_feed_at": s.last_feed_at, "feed_expires": s.feed_expires, "stale_since": s.stale_since})
                })
                .collect();
            Ok(Output::new(json!({"publishers": json}), lines.join("\n")))
        }
        AlertsCommand::Import { file, sig } => {
            let sig = sig.unwrap_or_else(|| with_extension(&file, "minisig"));
            let feed = read_capped(&file, alerts::feed::MAX_FEED_BYTES)?;
            let signature =
                String::from_utf8(read_capped(&sig, alerts::feed::MAX_SIGNATURE_BYTES)?)
                    .map_err(|_| Error::invalid("reason-cli-signature-file"))?;
            let report = alerts::ingest_feed(&vault, &feed, &signature, ctx.now)?;
            let output = Output::new(json!(report), report_text(ctx, &report));
            with_breach_impact(ctx, &vault, output)
        }
        AlertsCommand::Sync { url } => {
            let options = alerts::SyncOptions::default();
            let mut progress = ctx.progress("sync");
            let reports = match url {
                Some(url) => vec![alerts::sync_url(
                    &vault,
                    &url,
                    ctx.now,
                    &options,
                    &mut progress,
                )?],
                None => alerts::sync_all(&vault, ctx.now, &options, &mut progress)?,
            };
            let text = reports
                .iter()
                .map(|r| sync_text(ctx, r))
                .collect::<Vec<_>>()
                .join("\n");
            with_breach_impact(ctx, &vault, Output::new(json!({"reports": reports}), text))
        }
        AlertsCommand::List {
            all,
            exercises,
            category,
            severity,
            family,
            search,
        } => {
            let view = if exercises {
                AlertView::Exercises
            } else if all {
                AlertView::All
            } else {
                AlertView::Active
            };
            let filter = AlertFilter {
                view,
                category: category.as_deref().map(parse_category).transpose()?,
                min_severity: severity.as_deref().map(parse_severity).transpose()?,
                family: family.as_deref().map(parse_family).transpose()?,
                text: search,
            };
            let list = view::list(&vault, &filter, ctx.locale, ctx.now, &profile)?;
            let mut lines: Vec<String> = list.alerts.iter().map(|a| line(ctx, a)).collect();
            if lines.is_empty() {
                lines.push(tr(ctx.locale, "alerts-none"));
            }
            if list.damaged > 0 {
                lines.push(tr_args(
                    ctx.locale,
                    "alerts-damaged",
                    &[("count", list.damaged.into())],
                ));
            }
            Ok(Output::new(
                json!({"alerts": list.alerts, "damaged": list.damaged}),
                lines.join("\n"),
            ))
        }
        AlertsCommand::Read { id } => {
            let before = view::get(&vault, &id, ctx.locale, ctx.now, &profile)?;
            if before.state == ReadState::Unread {
                view::set_state(&vault, &id, ReadState::Read)?;
            }
            let alert = view::get(&vault, &id, ctx.locale, ctx.now, &profile)?;
            Ok(Output::new(json!({"alert": alert}), detail(ctx, &alert)))
        }
        AlertsCommand::Archive { id } => {
            view::set_state(&vault, &id, ReadState::Archived)?;
            Ok(Output::new(
                json!({"archived": id}),
                tr(ctx.locale, "alerts-archived"),
            ))
        }
        AlertsCommand::IngestSms {
            sender,
            text,
            received,
        } => {
            let received = match received {
                Some(r) => OffsetDateTime::parse(&r, &Rfc3339)
                    .map_err(|_| Error::invalid("reason-cli-received"))?,
                None => ctx.now,
            };
            let check = alerts::ingest_sms(&vault, &sender, &text, received, ctx.locale)?;
            let mut json = json!(check);
            json["received"] = json!(format_time(received));
            Ok(Output::new(json, check.explanation.clone()))
        }
    }
}

/// Breach alerts that just arrived flag the named holders' disclosures in the inventory at once;
/// the output gains `breach_impacts` (empty when no holder was newly affected).
fn with_breach_impact(ctx: &Ctx, vault: &Vault, mut output: Output) -> Result<Output, Error> {
    // Loading the inventory decrypts all of it: skip that when no breach alert exists at all.
    let notices = alerts::breach::breach_notices(vault)?;
    let impacts = if notices.is_empty() {
        Vec::new()
    } else {
        let inventory = Inventory::load(vault)?;
        let impacts = inventory.apply_breach_notices(vault, &notices, ctx.now, ctx.locale)?;
        for impact in &impacts {
            let name = inventory
                .holder(&impact.holder_id)
                .map(|h| h.name)
                .unwrap_or_default();
            output.text.push_str(&format!(
                "\n\nBreach alert about {name}: {}",
                super::inventory::breach_text(impact)
            ));
        }
        impacts
    };
    output.json["breach_impacts"] = json!(impacts);
    Ok(output)
}

/// A key given inline (`RW…`) or as the path of a `.pub` file.
fn key_text(key: &str) -> Result<String, Error> {
    let path = Path::new(key);
    if !key.starts_with("RW") && path.is_file() {
        let bytes = read_capped(path, 4096)?;
        return String::from_utf8(bytes).map_err(|_| Error::invalid("reason-cli-key-file"));
    }
    Ok(key.to_owned())
}

fn with_extension(file: &Path, extension: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Read a file, refusing it before reading if it is over `limit` bytes.
fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    let missing = |_| Error::NotFound("reason-thing-file");
    let len = std::fs::metadata(path).map_err(missing)?.len();
    if len > limit as u64 {
        return Err(alerts::AlertsError::TooLarge { limit }.into());
    }
    std::fs::read(path).map_err(missing)
}

fn parse_category(text: &str) -> Result<CapCategory, Error> {
    CapCategory::ALL
        .iter()
        .copied()
        .find(|c| c.as_cap().eq_ignore_ascii_case(text))
        .ok_or_else(|| Error::invalid("reason-cli-cap-category"))
}

fn parse_severity(text: &str) -> Result<CapSeverity, Error> {
    CapSeverity::ALL
        .iter()
        .copied()
        .find(|s| s.as_cap().eq_ignore_ascii_case(text))
        .ok_or_else(|| Error::invalid("reason-cli-severity"))
}

fn parse_family(text: &str) -> Result<Family, Error> {
    Family::from_code(&text.to_ascii_lowercase()).ok_or_else(|| Error::invalid("reason-cli-family"))
}

fn report_text(ctx: &Ctx, report: &alerts::FeedReport) -> String {
    if report.unchanged {
        return tr(ctx.locale, "alerts-unchanged");
    }
    let mut text = tr_args(
        ctx.locale,
        "alerts-imported",
        &[
            ("accepted", u64::from(report.accepted).into()),
            ("duplicates", u64::from(report.duplicates).into()),
            ("rejected", report.rejected.len().into()),
        ],
    );
    for r in &report.rejected {
        text.push_str(&format!("\n  {} [{}]", r.identifier, r.code));
    }
    text
}

fn sync_text(ctx: &Ctx, report: &alerts::SyncReport) -> String {
    let outcome = match (&report.error, &report.feed_report) {
        (Some(code), _) => tr_args(
            ctx.locale,
            "alerts-sync-failed",
            &[("code", code.clone().into())],
        ),
        (None, Some(import)) => report_text(ctx, import),
        (None, None) => tr(ctx.locale, "alerts-unchanged"),
    };
    format!("{}: {outcome}", report.url)
}

fn line(ctx: &Ctx, a: &AlertSummary) -> String {
    let headline = a.headline.clone().unwrap_or_else(|| a.event.clone());
    let mark = if a.state == ReadState::Unread {
        "●"
    } else {
        " "
    };
    let status = if a.active {
        String::new()
    } else {
        format!(" ({})", tr(ctx.locale, "alerts-inactive"))
    };
    format!(
        "{mark} {} [{}] {headline}{status}\n    {} · {}",
        a.id,
        a.severity.as_cap(),
        a.sender,
        a.sent
    )
}

fn detail(ctx: &Ctx, a: &AlertSummary) -> String {
    let mut text = line(ctx, a);
    for part in [&a.description, &a.instruction, &a.web]
        .into_iter()
        .flatten()
    {
        text.push_str("\n\n");
        text.push_str(part);
    }
    if !a.verified {
        text.push_str("\n\n");
        text.push_str(&tr(ctx.locale, "alerts-unverified"));
    }
    text
}

/// `vigil demo`'s alerts section: a publisher signs a feed, Vigil accepts it once, refuses a
/// replayed older feed and a tampered one, lists the warning, and unmasks a forged 12381 SMS.
pub fn demo(ctx: &Ctx, vault: &vigil_core::vault::Vault) -> Result<Output, Error> {
    use vigil_core::alerts::minisign::SecretKey;
    const SENDER: &str = "alerts@antifraud.example.cn";
    let key = SecretKey::from_seed(&[0x5a; 32], *b"demo-key");
    let publisher = trust::trust(
        vault,
        "Demo anti-fraud centre",
        &key.public_key().to_base64(),
        &[SENDER.to_owned()],
    )?;
    let sent = format_time(ctx.now);
    let expires = format_time(ctx.now + time::Duration::days(7));
    let feed = |id: &str| {
        format!(
            r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>{SENDER}</sender><sent>{sent}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>zh-CN</language><category>Security</category><event>冒充快递客服退款</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>{expires}</expires><headline>警惕冒充快递客服“理赔退款”</headline></info><info><language>en</language><category>Security</category><event>Courier refund scam</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>{expires}</expires><headline>Fake courier agents offer refunds to get your screen shared</headline></info></alert>"#
        )
    };
    let comment = |seq: u64| format!("seq={seq} expires={expires}");
    let first = feed("DEMO-1");
    let accepted = alerts::ingest_feed(
        vault,
        first.as_bytes(),
        &key.sign(first.as_bytes(), &comment(2)).to_text(),
        ctx.now,
    )?;
    let old = feed("DEMO-0");
    let rollback = alerts::ingest_feed(
        vault,
        old.as_bytes(),
        &key.sign(old.as_bytes(), &comment(1)).to_text(),
        ctx.now,
    )
    .expect_err("an older seq is refused");
    let signature = key.sign(first.as_bytes(), &comment(3)).to_text();
    let tampered = first.replace("DEMO-1", "DEMO-X");
    let forged = alerts::ingest_feed(vault, tampered.as_bytes(), &signature, ctx.now)
        .expect_err("tampering is detected");
    let sms = alerts::ingest_sms(
        vault,
        "12381",
        "【反诈中心】您涉嫌洗钱，请添加民警微信号：police_110zz 配合调查",
        ctx.now,
        ctx.locale,
    )?;
    let breached = format!(
        "<parameter><valueName>{}</valueName><value>{}</value></parameter>",
        alerts::breach::BREACHED_DOMAIN_PARAMETER,
        super::inventory::DEMO_BREACHED_SITE
    );
    let breach = format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>DEMO-B</identifier><sender>{SENDER}</sender><sent>{sent}</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>zh-CN</language><category>Security</category><event>数据泄露</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Observed</certainty><expires>{expires}</expires><headline>示例商城用户数据泄露</headline>{breached}</info><info><language>en</language><category>Security</category><event>Data breach</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Observed</certainty><expires>{expires}</expires><headline>Example Mall customer data leaked</headline>{breached}</info></alert>"#
    );
    let breach_report = alerts::ingest_feed(
        vault,
        breach.as_bytes(),
        &key.sign(breach.as_bytes(), &comment(3)).to_text(),
        ctx.now,
    )?;
    let breach = with_breach_impact(
        ctx,
        vault,
        Output::new(
            json!(breach_report),
            "Signed breach alert naming the demo's online mall.",
        ),
    )?;
    let list = view::list(
        vault,
        &AlertFilter::default(),
        ctx.locale,
        ctx.now,
        &RelevanceProfile::default(),
    )?;

    let mut text = format!("Trusted publisher key {} for {SENDER}.\n", publisher.key_id);
    text.push_str(&format!(
        "Signed feed seq 2: {}\n",
        report_text(ctx, &accepted)
    ));
    text.push_str(&format!(
        "Replayed older feed (seq 1) → [{}]\n",
        rollback.code().as_str()
    ));
    text.push_str(&format!("Tampered feed → [{}]\n", forged.code().as_str()));
    text.push_str(&format!(
        "SMS \"12381\" asking to add a WeChat id → {}\n",
        sms.explanation
    ));
    text.push_str(&breach.text);
    text.push_str("\n\n");
    for alert in &list.alerts {
        text.push_str(&line(ctx, alert));
        text.push('\n');
    }
    let json = json!({
        "publisher_id": publisher.id,
        "accepted": accepted,
        "rollback": rollback.code(),
        "tampered": forged.code(),
        "sms": sms,
        "breach_alert": breach.json,
        "alerts": list.alerts,
    });
    Ok(Output::new(json, text))
}
