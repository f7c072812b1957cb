//! One module per command group; `run` dispatches.

mod alerts;
pub mod check;
mod demo;
pub mod inventory;
mod payments;
mod vault;

use clap::Subcommand;
use vigil_core::Error;

use crate::{context::Ctx, output::Output};

#[derive(Subcommand)]
pub enum Command {
    /// Walk through every capability on a throwaway vault in a temporary directory.
    Demo,
    /// Safety alerts: trusted publishers, signed feeds, SMS checks.
    #[command(subcommand)]
    Alerts(alerts::AlertsCommand),
    /// Create a new vault and print its recovery code (once).
    Init,
    /// Vault maintenance: status, passphrase, recovery, rekey, verify, backups.
    #[command(subcommand)]
    Vault(vault::VaultCommand),
    /// Screen a message, link or QR payload for fraud (no vault needed).
    #[command(subcommand)]
    Check(check::CheckCommand),
    /// Exposure inventory: who holds which of your details; leak tracing, breaches, letters.
    #[command(subcommand)]
    Inventory(inventory::InventoryCommand),
    /// The payee book: contacts and call-back numbers recorded before any request.
    #[command(subcommand)]
    Payees(payments::PayeesCommand),
    /// Before you pay: checks, steps, overrides, reminders and evidence packs.
    #[command(subcommand)]
    Pay(payments::PayCommand),
}

pub fn run(ctx: &Ctx, command: Command) -> Result<Output, Error> {
    match command {
        Command::Demo => demo::run(ctx),
        Command::Alerts(command) => alerts::run(ctx, command),
        Command::Init => vault::init(ctx),
        Command::Vault(c) => vault::run(ctx, c),
        Command::Check(c) => check::run(ctx, c),
        Command::Inventory(c) => inventory::run(ctx, c),
        Command::Payees(c) => payments::run_payees(ctx, c),
        Command::Pay(c) => payments::run_pay(ctx, c),
    }
}
