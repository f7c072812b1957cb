//! `vigil`: the command-line shell. Built directly on `vigil-core` (not on the FFI crate): the CLI
//! is Rust, so it uses the Rust API with its rich types and pays nothing for marshalling.

mod commands;
mod context;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::{commands::Command, context::Ctx, output::Output};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  invalid input or not found (invalid_input, not_found, already_exists, invalid_transition)
  2  usage error (unknown command or flag)
  3  access refused (wrong_passphrase, locked, key_unavailable, key_provider_failed)
  4  integrity failure (tampered, not_a_vault, signature_invalid and other alert rejections)
  5  storage or network failure (disk_full, storage, incompatible_version, network, timeout)
  10 internal error (a bug: please report it)

With --json, every command prints exactly one JSON object on stdout; a failure prints
{\"error\": {\"code\": \"<snake_case>\", \"message\": \"…\"}}.";

/// Vigil: an on-device companion against telecom and online fraud.
#[derive(Parser)]
#[command(name = "vigil", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(flatten)]
    global: context::GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = match Ctx::new(cli.global) {
        Ok(ctx) => ctx,
        Err(e) => return Output::failure(false, vigil_core::Locale::En, &e),
    };
    match commands::run(&ctx, cli.command) {
        Ok(out) => out.print(ctx.json),
        Err(e) => Output::failure(ctx.json, ctx.locale, &e),
    }
}
