//! `vigil init` and `vigil vault …`: create, inspect and maintain the encrypted vault.

use clap::Subcommand;
use serde_json::json;
use vigil_core::{
    crypto::KdfParams,
    vault::{Vault, VaultOptions},
    Error,
};

use crate::{context::Ctx, output::Output};

#[derive(Subcommand)]
pub enum VaultCommand {
    /// Show whether the vault is locked, its key slots and record count.
    Status,
    /// Change the passphrase (new one from VIGIL_NEW_PASSPHRASE or a prompt).
    Passwd,
    /// Forgotten passphrase: set a new one with the recovery code (from VIGIL_RECOVERY_CODE or a prompt).
    Recover,
    /// New data key; every record re-encrypted in one transaction. Prints a new recovery code.
    Rekey,
    /// Check every record; lists damaged ones, changes nothing.
    Verify,
    /// Write an encrypted backup (passphrase from VIGIL_BACKUP_PASSPHRASE or a prompt).
    Export { file: std::path::PathBuf },
    /// Merge a backup into this vault by record id.
    Import { file: std::path::PathBuf },
}

const MIN_PASSPHRASE_CHARS: usize = 8;

/// `vigil init`: a new vault, and its recovery code, shown this once.
pub fn init(ctx: &Ctx) -> Result<Output, Error> {
    let passphrase = ctx.passphrase("New vault passphrase: ")?;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid_with(
            "reason-cli-passphrase-short",
            [("min", MIN_PASSPHRASE_CHARS.into())],
        ));
    }
    let (_vault, code) = Vault::create(&ctx.vault_dir, &passphrase, &VaultOptions::default())?;
    let code = code.to_string();
    let text = format!(
        "Vault created in {}.\n\nRecovery code (shown only now; write it down and keep it apart from the phone):\n\n    {code}\n",
        ctx.vault_dir.display()
    );
    Ok(Output::new(
        json!({"vault": ctx.vault_dir, "recovery_code": code}),
        text,
    ))
}

pub fn run(ctx: &Ctx, command: VaultCommand) -> Result<Output, Error> {
    match command {
        VaultCommand::Status => {
            let vault = Vault::open(&ctx.vault_dir)?;
            let status = vault.status()?;
            let text = format!(
                "Vault {}\n  schema version {}\n  key slots: {}\n  records: {}\n  rekey recommended: {}",
                ctx.vault_dir.display(),
                status.schema_version,
                status.slots.iter().map(|s| format!("{s:?}").to_lowercase()).collect::<Vec<_>>().join(", "),
                status.records,
                if status.rekey_recommended { "yes" } else { "no" }
            );
            Ok(Output::new(
                serde_json::to_value(&status).expect("status serialises"),
                text,
            ))
        }
        VaultCommand::Passwd => {
            let vault = Vault::open(&ctx.vault_dir)?;
            let old = ctx.passphrase("Current passphrase: ")?;
            let new = ctx.secret("VIGIL_NEW_PASSPHRASE", "New passphrase: ")?;
            vault.change_passphrase(&old, &new, None)?;
            Ok(Output::new(json!({"changed": true}), "Passphrase changed."))
        }
        VaultCommand::Recover => {
            let vault = Vault::open(&ctx.vault_dir)?;
            let code = ctx.secret("VIGIL_RECOVERY_CODE", "Recovery code: ")?;
            let new = ctx.secret("VIGIL_NEW_PASSPHRASE", "New passphrase: ")?;
            vault.reset_passphrase_with_recovery_code(&code, &new)?;
            Ok(Output::new(
                json!({"recovered": true}),
                "Passphrase reset with the recovery code.",
            ))
        }
        VaultCommand::Rekey => {
            let vault = Vault::open(&ctx.vault_dir)?;
            let passphrase = ctx.passphrase("Vault passphrase: ")?;
            vault.unlock_with_passphrase(&passphrase)?;
            let outcome = vault.rekey(&passphrase, None, &mut ctx.progress("Re-encrypting"))?;
            let code = outcome.recovery_code.to_string();
            let text = format!(
                "Re-encrypted {} records with a new key.\nNew recovery code (the old one no longer works):\n\n    {code}\n",
                outcome.records
            );
            Ok(Output::new(
                json!({"records": outcome.records, "recovery_code": code}),
                text,
            ))
        }
        VaultCommand::Verify => {
            let vault = ctx.open_vault()?;
            let report = vault.verify(&mut ctx.progress("Verifying"))?;
            let mut text = format!("Checked {} records: ", report.records_checked);
            if report.problems.is_empty() {
                text.push_str("all intact.");
            } else {
                text.push_str(&format!(
                    "{} with problems (the others stay readable):",
                    report.problems.len()
                ));
                for p in &report.problems {
                    text.push_str(&format!("\n  {:?}: {} / {}", p.kind, p.table, p.record_id));
                }
            }
            Ok(Output::new(
                serde_json::to_value(&report).expect("report serialises"),
                text,
            ))
        }
        VaultCommand::Export { file } => {
            let vault = ctx.open_vault()?;
            let backup = ctx.secret("VIGIL_BACKUP_PASSPHRASE", "Backup passphrase: ")?;
            let count = vault.export(
                &file,
                &backup,
                KdfParams::default(),
                &mut ctx.progress("Exporting"),
            )?;
            Ok(Output::new(
                json!({"records": count, "file": file}),
                format!("Exported {count} records to {}.", file.display()),
            ))
        }
        VaultCommand::Import { file } => {
            let vault = ctx.open_vault()?;
            let backup = ctx.secret("VIGIL_BACKUP_PASSPHRASE", "Backup passphrase: ")?;
            let report = vault.import(&file, &backup, &mut ctx.progress("Importing"))?;
            let text = format!(
                "Imported: {} added, {} replaced, {} unchanged.",
                report.added, report.replaced, report.unchanged
            );
            Ok(Output::new(
                serde_json::to_value(report).expect("report serialises"),
                text,
            ))
        }
    }
}
