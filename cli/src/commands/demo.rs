//! `vigil demo`: a readable tour of every capability, on a throwaway vault in a temporary
//! directory that is deleted afterwards.

use serde_json::{json, Value};
use vigil_core::{
    crypto::KdfParams,
    vault::{Vault, VaultOptions},
    Error,
};

use crate::{context::Ctx, output::Output};

const DEMO_PASSPHRASE: &str = "demo passphrase, not a real one";

pub fn run(ctx: &Ctx) -> Result<Output, Error> {
    let dir = tempfile::tempdir()
        .map_err(|_| Error::Internal("could not create a temporary directory".into()))?;
    let mut sections: Vec<(&str, Output)> = Vec::new();
    let (vault, vault_section) = vault_tour(dir.path())?;
    sections.push(("vault", vault_section));
    sections.push(("inventory", super::inventory::demo(ctx, &vault)?));
    sections.push(("payments", super::payments::demo(ctx, &vault)?));
    sections.push(("screening", super::check::demo(ctx)?));
    sections.push(("alerts", super::alerts::demo(ctx, &vault)?));
    // Last, so the backup carries what every section above stored.
    sections.push(("backup", backup_tour(&vault, dir.path())?));

    let mut text = String::from(
        "Vigil demo — a throwaway vault in a temporary directory, deleted at the end.\n",
    );
    let mut json_sections = serde_json::Map::new();
    for (name, section) in sections {
        text.push_str(&format!("\n== {name} ==\n{}\n", section.text.trim_end()));
        json_sections.insert(name.to_owned(), section.json);
    }
    Ok(Output::new(Value::Object(json_sections), text))
}

/// Create, lock, refuse a wrong passphrase, unlock.
fn vault_tour(dir: &std::path::Path) -> Result<(Vault, Output), Error> {
    let vault_dir = dir.join("vault");
    let (vault, code) = Vault::create(&vault_dir, DEMO_PASSPHRASE, &VaultOptions::default())?;
    let mut text =
        format!("Created an encrypted vault. Recovery code (shown once at creation): {code}\n");
    vault.lock();
    let wrong = vault
        .unlock_with_passphrase("guess")
        .expect_err("a wrong passphrase never unlocks");
    text.push_str(&format!(
        "Wrong passphrase → [{}] and nothing was changed.\n",
        wrong.code().as_str()
    ));
    vault.unlock_with_passphrase(DEMO_PASSPHRASE)?;
    let status = vault.status()?;
    text.push_str(&format!(
        "Unlocked with the passphrase (Argon2id, {} MiB). Key slots: {:?}.\n",
        KdfParams::default().memory_kib / 1024,
        status.slots
    ));
    let json = json!({"status": status, "wrong_passphrase": wrong.code()});
    Ok((vault, Output::new(json, text)))
}

/// Export everything to one encrypted file, re-import it, and refuse a tampered copy.
fn backup_tour(vault: &Vault, dir: &std::path::Path) -> Result<Output, Error> {
    let backup = dir.join("demo.vigil-backup");
    let exported = vault.export(
        &backup,
        "backup passphrase",
        KdfParams::default(),
        &mut |_, _| {},
    )?;
    let restored = vault.import(&backup, "backup passphrase", &mut |_, _| {})?;
    let mut bytes = std::fs::read(&backup)
        .map_err(|_| Error::Internal("could not read the demo backup".into()))?;
    // A bit in the records, past the header: a flip in the header's wrapped key would read as
    // a wrong passphrase, which the cipher cannot tell apart.
    let near_end = bytes.len() - 64;
    bytes[near_end] ^= 1;
    let tampered_path = dir.join("tampered.vigil-backup");
    std::fs::write(&tampered_path, bytes)
        .map_err(|_| Error::Internal("could not write the demo backup".into()))?;
    let tampered = vault
        .import(&tampered_path, "backup passphrase", &mut |_, _| {})
        .expect_err("a backup with a flipped bit never imports");
    let text = format!(
        "{exported} records exported to one encrypted file; re-import: {} added, {} unchanged.\n\
         The same file with one bit flipped → [{}], nothing imported.\n",
        restored.added,
        restored.unchanged,
        tampered.code().as_str()
    );
    let json = json!({"exported": exported, "reimported": restored, "tampered": tampered.code()});
    Ok(Output::new(json, text))
}
