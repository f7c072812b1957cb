//! `vigil inventory …`: who holds which of my details, exposure, leak tracing, breaches, letters.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{json, Value};
use vigil_core::inventory::{
    breach::BreachImpact,
    import::InventoryImportFormat,
    letters::{DeletionLaw, DeletionRequestStatus},
    trace::QuotedDetail,
    BreachSource, DetailKind, DisclosureStatus, Holding, Inventory, NewDetail, NewDisclosure,
    NewHolder,
};
use vigil_core::{vault::Vault, Error};

use crate::{context::Ctx, output::Output};

#[derive(Subcommand)]
pub enum InventoryCommand {
    /// Record a personal detail (validated: ID check digit, Luhn, E.164…).
    AddDetail {
        /// id_number, full_name, phone, home_address, work_unit, position, bank_card, id_photo,
        /// email, passport, payment_account, social_account, date_of_birth, license_plate, face_data, other
        #[arg(long)]
        kind: String,
        #[arg(long)]
        value: String,
        /// A name for the detail (required for kind other).
        #[arg(long)]
        label: Option<String>,
        /// Keep a value the validators reject (e.g. a foreign ID number).
        #[arg(long)]
        unchecked: bool,
    },
    /// Record someone who holds details: a bank, an app, a landlord…
    AddHolder(AddHolder),
    /// Record that a holder was given a detail.
    Disclose(Disclose),
    /// Who has a detail, or any detail of a kind.
    WhoHas {
        #[arg(long, conflicts_with = "kind", required_unless_present = "kind")]
        detail: Option<String>,
        #[arg(long)]
        kind: Option<String>,
    },
    /// A caller or message quoted your details: who could have leaked them?
    TheyKnew {
        /// Quoted kinds, comma-separated (id_number,phone,…).
        #[arg(long, value_delimiter = ',')]
        kinds: Vec<String>,
        /// A quoted value as KIND=VALUE (repeatable); matched exactly, never stored.
        #[arg(long = "value")]
        values: Vec<String>,
        /// What happened, for your records.
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark a holder breached: flags what it held and says what to do.
    Breach {
        #[arg(long)]
        holder: String,
        /// The breach came from a safety alert rather than your own knowledge.
        #[arg(long)]
        from_alert: bool,
    },
    /// Write a deletion request letter (PIPL Art. 47 in Chinese, GDPR Art. 17 in English).
    Letter {
        #[arg(long)]
        holder: String,
        /// pipl or gdpr
        #[arg(long)]
        law: String,
    },
    /// Record a holder's answer to a deletion request.
    CloseRequest {
        #[arg(long)]
        request: String,
        /// completed or refused
        #[arg(long)]
        outcome: String,
    },
    /// Change a disclosure's status by hand (active, deletion_requested, deleted, breached).
    SetStatus {
        #[arg(long)]
        disclosure: String,
        #[arg(long)]
        status: String,
    },
    /// Remove a detail or a holder entered by mistake, with its disclosures.
    Remove {
        #[arg(long, conflicts_with = "holder", required_unless_present = "holder")]
        detail: Option<String>,
        #[arg(long)]
        holder: Option<String>,
    },
    /// Details, holders, risky patterns and overdue deletion requests; or what one holder has.
    List {
        #[arg(long)]
        holder: Option<String>,
    },
    /// Exposure score per detail and overall, explained.
    Score,
    /// Search details and holders.
    Search { query: String },
    /// Everything that happened, latest first.
    Timeline,
    /// Import details, holders and disclosures from CSV or JSON, all or nothing.
    Import {
        file: PathBuf,
        /// csv or json (default: from the file extension).
        #[arg(long)]
        format: Option<String>,
    },
}

#[derive(Args)]
pub struct AddHolder {
    #[arg(long)]
    name: String,
    /// bank, telecom, employer, government, ecommerce, courier, hotel, healthcare, app, school,
    /// landlord, individual, stranger, unknown
    #[arg(long)]
    category: String,
    /// Official website (its domain becomes a protected target for link screening).
    #[arg(long)]
    website: Option<String>,
    /// Official phone number.
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// This holder is your own phone (its gallery and files).
    #[arg(long)]
    own_device: bool,
}

#[derive(Args)]
pub struct Disclose {
    #[arg(long)]
    detail: String,
    #[arg(long)]
    holder: String,
    /// online_form, app_signup, paper_copy, id_photo, verbal, screenshot, unknown
    #[arg(long, default_value = "unknown")]
    channel: String,
    /// YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    purpose: Option<String>,
    /// You think the holder did not need it.
    #[arg(long)]
    unnecessary: bool,
    #[arg(long)]
    evidence: Option<String>,
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("inventory views serialise to JSON")
}

pub fn run(ctx: &Ctx, command: InventoryCommand) -> Result<Output, Error> {
    let vault = ctx.open_vault()?;
    let inv = Inventory::load(&vault)?;
    execute(ctx, &vault, &inv, command)
}

fn execute(
    ctx: &Ctx,
    vault: &Vault,
    inv: &Inventory,
    command: InventoryCommand,
) -> Result<Output, Error> {
    use InventoryCommand as C;
    let now = ctx.now;
    let locale = ctx.locale;
    match command {
        C::AddDetail {
            kind,
            value,
            label,
            unchecked,
        } => {
            let new = NewDetail {
                kind: kind.parse()?,
                value,
                label,
                unchecked,
            };
            let added = inv.add_detail(vault, &new, now)?;
            let view = inv.detail(&added.id)?;
            let verb = if added.created {
                "Added"
            } else {
                "Already recorded"
            };
            let text = format!(
                "{verb}: {} {} ({})",
                view.kind.as_str(),
                view.masked,
                added.id
            );
            Ok(Output::new(
                json!({"id": added.id, "created": added.created, "masked": view.masked}),
                text,
            ))
        }
        C::AddHolder(h) => {
            let new = NewHolder {
                name: h.name,
                category: h.category.parse()?,
                website: h.website,
                phone: h.phone,
                notes: h.notes,
                own_device: h.own_device,
            };
            let id = inv.add_holder(vault, &new, now)?;
            Ok(Output::new(json!({"id": id}), format!("Added holder {id}")))
        }
        C::Disclose(d) => {
            let new = NewDisclosure {
                detail_id: d.detail,
                holder_id: d.holder,
                date: d.date,
                channel: d.channel.parse()?,
                purpose: d.purpose,
                necessary: !d.unnecessary,
                evidence: d.evidence,
            };
            let id = inv.disclose(vault, &new, now)?;
            Ok(Output::new(
                json!({"id": id}),
                format!("Recorded disclosure {id}"),
            ))
        }
        C::WhoHas { detail, kind } => {
            let holdings = match (detail, kind) {
                (Some(id), _) => inv.who_has_detail(&id)?,
                (None, Some(kind)) => inv.who_has_kind(kind.parse::<DetailKind>()?),
                (None, None) => return Err(Error::invalid("reason-cli-detail-or-kind")),
            };
            Ok(holders_output(&holdings))
        }
        C::TheyKnew {
            kinds,
            values,
            note,
        } => {
            let mut quoted = kinds
                .iter()
                .filter(|k| !k.trim().is_empty())
                .map(|k| Ok(QuotedDetail::Kind { kind: k.parse()? }))
                .collect::<Result<Vec<_>, Error>>()?;
            for v in values {
                let (kind, value) = v
                    .split_once('=')
                    .ok_or_else(|| Error::invalid("reason-cli-value-format"))?;
                quoted.push(QuotedDetail::Value {
                    kind: kind.parse()?,
                    value: value.to_owned(),
                });
            }
            let result = inv.they_knew(vault, &quoted, note.as_deref(), now)?;
            let mut text = String::new();
            for c in &result.candidates {
                let names = |ks: &[DetailKind]| {
                    ks.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                };
                text.push_str(&format!(
                    "{} {} [{}] had: {}; missing: {}\n",
                    if c.complete { "*" } else { "-" },
                    c.name,
                    c.category.as_str(),
                    names(&c.matched),
                    names(&c.missing)
                ));
            }
            if result.candidates.is_empty() {
                text.push_str("No recorded holder had any of these details.\n");
            }
            Ok(Output::new(to_json(&result), text))
        }
        C::Breach { holder, from_alert } => {
            let source = if from_alert {
                BreachSource::Alert
            } else {
                BreachSource::Manual
            };
            let impact = inv.mark_breached(vault, &holder, source, now, locale)?;
            Ok(Output::new(to_json(&impact), breach_text(&impact)))
        }
        C::Letter { holder, law } => {
            let letter = inv.request_deletion(vault, &holder, law.parse::<DeletionLaw>()?, now)?;
            let text = format!(
                "{}\n\n{}\n\n(request {}, answer due {})",
                letter.subject, letter.body, letter.request_id, letter.due
            );
            Ok(Output::new(to_json(&letter), text))
        }
        C::CloseRequest { request, outcome } => {
            let outcome = match outcome.trim() {
                "completed" => DeletionRequestStatus::Completed,
                "refused" => DeletionRequestStatus::Refused,
                _ => return Err(Error::invalid("reason-cli-outcome")),
            };
            inv.close_request(vault, &request, outcome, now)?;
            Ok(Output::new(json!({"closed": true}), "Request closed."))
        }
        C::SetStatus { disclosure, status } => {
            let status: DisclosureStatus = status.parse()?;
            inv.set_status(vault, &disclosure, status, now)?;
            Ok(Output::new(
                json!({"id": disclosure, "status": status}),
                format!("Status set to {}", status.as_str()),
            ))
        }
        C::Remove { detail, holder } => {
            match (detail, holder) {
                (Some(id), _) => inv.remove_detail(vault, &id)?,
                (None, Some(id)) => inv.remove_holder(vault, &id)?,
                (None, None) => return Err(Error::invalid("reason-cli-detail-or-holder")),
            }
            Ok(Output::new(json!({"removed": true}), "Removed."))
        }
        C::List {
            holder: Some(holder),
        } => {
            let holdings = inv.holdings_of(&holder)?;
            let text = holdings
                .iter()
                .map(holding_line)
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Output::new(
                json!({"holder": to_json(&inv.holder(&holder)?), "holdings": to_json(&holdings)}),
                text,
            ))
        }
        C::List { holder: None } => {
            let details = inv.details();
            let holders = inv.holders();
            let patterns = inv.risky_patterns(locale);
            let reminders = inv.deletion_reminders(vault, now, locale)?;
            let mut text = String::from("Details:\n");
            for d in &details {
                text.push_str(&format!(
                    "  {} {} — {} holder(s) ({})\n",
                    d.kind.as_str(),
                    d.masked,
                    d.holder_count,
                    d.id
                ));
            }
            text.push_str("Holders:\n");
            for h in &holders {
                let breached = if h.breached { " BREACHED" } else { "" };
                text.push_str(&format!(
                    "  {} [{}]{breached} ({})\n",
                    h.name,
                    h.category.as_str(),
                    h.id
                ));
            }
            for p in &patterns {
                text.push_str(&format!(
                    "! {}\n  {}\n  → {}\n",
                    p.title, p.explanation, p.advice
                ));
            }
            for r in &reminders {
                text.push_str(&format!("⏰ {}\n", r.text));
            }
            let json = json!({
                "details": to_json(&details), "holders": to_json(&holders),
                "patterns": to_json(&patterns), "reminders": to_json(&reminders),
            });
            Ok(Output::new(json, text))
        }
        C::Score => {
            let report = inv.exposure(locale);
            let mut text = format!("{}\n", report.summary);
            for d in &report.details {
                text.push_str(&format!(
                    "{:>3}  {} {}\n",
                    d.score,
                    d.kind.as_str(),
                    d.masked
                ));
                for f in &d.factors {
                    text.push_str(&format!("       {}\n", f.text));
                }
            }
            Ok(Output::new(to_json(&report), text))
        }
        C::Search { query } => {
            let hits = inv.search(&query);
            let text = hits
                .iter()
                .map(|h| format!("{:?} {} ({})", h.hit, h.title, h.id))
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Output::new(json!({"hits": to_json(&hits)}), text))
        }
        C::Timeline => {
            let events = inv.timeline(vault, locale)?;
            let text = events
                .iter()
                .map(|e| format!("{}  {}", e.date, e.text))
                .collect::<Vec<_>>()
                .join("\n");
            Ok(Output::new(json!({"events": to_json(&events)}), text))
        }
        C::Import { file, format } => {
            let format = import_format(&file, format.as_deref())?;
            let text = std::fs::read_to_string(&file)
                .map_err(|_| Error::invalid("reason-cli-import-utf8"))?;
            let report = inv.import(vault, &text, format, now)?;
            let summary = format!(
                "Imported {} new details ({} already known), {} holders, {} disclosures.",
                report.details_created, report.details_reused, report.holders, report.disclosures
            );
            Ok(Output::new(to_json(&report), summary))
        }
    }
}

fn import_format(
    file: &std::path::Path,
    flag: Option<&str>,
) -> Result<InventoryImportFormat, Error> {
    let name = flag
        .map(str::to_owned)
        .or_else(|| file.extension().map(|e| e.to_string_lossy().to_lowercase()));
    match name.as_deref() {
        Some("csv") => Ok(InventoryImportFormat::Csv),
        Some("json") => Ok(InventoryImportFormat::Json),
        _ => Err(Error::invalid("reason-cli-import-format")),
    }
}

fn holding_line(h: &Holding) -> String {
    format!(
        "{}  {} {} → {} [{}] {}",
        h.date,
        h.kind.as_str(),
        h.masked,
        h.holder_name,
        h.category.as_str(),
        h.status.as_str()
    )
}

/// `{"holders": [{"id", "name", "category", "holdings": […]}]}`, one entry per holder.
fn holders_output(holdings: &[Holding]) -> Output {
    let mut holders: Vec<Value> = Vec::new();
    let mut order: Vec<&str> = Vec::new();
    for h in holdings {
        let entry = match order.iter().position(|id| *id == h.holder_id) {
            Some(i) => &mut holders[i],
            None => {
                order.push(&h.holder_id);
                holders.push(json!({"id": h.holder_id, "name": h.holder_name, "category": h.category, "holdings": []}));
                holders.last_mut().expect("just pushed")
            }
        };
        entry["holdings"]
            .as_array_mut()
            .expect("holdings is an array")
            .push(to_json(h));
    }
    let text = if holdings.is_empty() {
        "Nobody recorded holds this.".to_owned()
    } else {
        holdings
            .iter()
            .map(holding_line)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Output::new(json!({"holders": holders}), text)
}

pub fn breach_text(impact: &BreachImpact) -> String {
    let mut text = format!(
        "{} disclosure(s) flagged.\nExposed:\n",
        impact.newly_flagged
    );
    for e in &impact.exposed {
        text.push_str(&format!("  {} {}\n", e.kind.as_str(), e.masked));
    }
    text.push_str("Next steps:\n");
    for s in &impact.next_steps {
        text.push_str(&format!("  - {}\n", s.text));
    }
    text.push_str(&impact.warning);
    text
}

/// The website of a demo holder that the alerts demo then reports breached.
pub const DEMO_BREACHED_SITE: &str = "mall.example.com";

/// The inventory part of `vigil demo`, on the demo's throwaway vault.
pub fn demo(ctx: &Ctx, vault: &Vault) -> Result<Output, Error> {
    let inv = Inventory::load(vault)?;
    let now = ctx.now;
    let add = |kind, value: &str| {
        inv.add_detail(vault, &NewDetail::new(kind, value), now)
            .map(|a| a.id)
    };
    let id = add(DetailKind::IdNumber, "11010519491231002X")?;
    let card = add(DetailKind::BankCard, "6222021234567890128")?;
    let phone = add(DetailKind::Phone, "13812345678")?;
    let mut bank = NewHolder::new("ICBC", vigil_core::inventory::HolderCategory::Bank);
    bank.website = Some("icbc.com.cn".into());
    let bank = inv.add_holder(vault, &bank, now)?;
    let courier = inv.add_holder(
        vault,
        &NewHolder::new("Courier", vigil_core::inventory::HolderCategory::Courier),
        now,
    )?;
    for d in [&id, &card, &phone] {
        inv.disclose(vault, &NewDisclosure::new(d, &bank), now)?;
    }
    inv.disclose(vault, &NewDisclosure::new(&phone, &courier), now)?;
    // The alerts part of the demo receives a breach alert naming this shop's website.
    let mut shop = NewHolder::new(
        "Example Mall",
        vigil_core::inventory::HolderCategory::Ecommerce,
    );
    shop.website = Some(DEMO_BREACHED_SITE.into());
    let shop = inv.add_holder(vault, &shop, now)?;
    inv.disclose(vault, &NewDisclosure::new(&phone, &shop), now)?;
    let quoted = [
        QuotedDetail::Kind {
            kind: DetailKind::IdNumber,
        },
        QuotedDetail::Kind {
            kind: DetailKind::Phone,
        },
    ];
    let trace = inv.they_knew(vault, &quoted, None, now)?;
    let impact = inv.mark_breached(vault, &courier, BreachSource::Manual, now, ctx.locale)?;
    let report = inv.exposure(ctx.locale);
    let patterns = inv.risky_patterns(ctx.locale);
    let mut text = format!("Exposure inventory\n  {}\n", report.summary);
    for p in &patterns {
        text.push_str(&format!("  ! {}\n", p.title));
    }
    if let Some(top) = trace.candidates.first() {
        text.push_str(&format!(
            "  A caller quoting ID number + phone: most likely source {}\n",
            top.name
        ));
    }
    text.push_str(&breach_text(&impact));
    let json = json!({
        "name": "inventory", "score": to_json(&report), "patterns": to_json(&patterns),
        "they_knew": to_json(&trace), "breach": to_json(&impact),
    });
    Ok(Output::new(json, text))
}
