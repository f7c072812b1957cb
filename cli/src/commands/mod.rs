//! One module per command group; `run` dispatches.

mod demo;
mod vault;

use clap::Subcommand;
use vigil_core::Error;

use crate::{context::Ctx, output::Output};

#[derive(Subcommand)]
pub enum Command {
    /// Walk through every capability on a throwaway vault in a temporary directory.
    Demo,
    /// Create a new vault and print its recovery code (once).
    Init,
    /// Vault maintenance: status, passphrase, recovery, rekey, verify, backups.
    #[command(subcommand)]
    Vault(vault::VaultCommand),
}

pub fn run(ctx: &Ctx, command: Command) -> Result<Output, Error> {
    match command {
        Command::Demo => demo::run(ctx),
        Command::Init => vault::init(ctx),
        Command::Vault(c) => vault::run(ctx, c),
    }
}
