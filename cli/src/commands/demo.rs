//! `vigil demo`: a readable tour of every capability, on a throwaway vault.

use serde_json::json;
use vigil_core::{
    vault::{Vault, VaultOptions},
    Error,
};

use crate::{commands::inventory, context::Ctx, output::Output};

pub fn run(ctx: &Ctx) -> Result<Output, Error> {
    let dir = tempfile::tempdir()
        .map_err(|_| Error::Internal("cannot create a temporary directory".into()))?;
    // A throwaway vault deleted on exit: a slow key derivation would protect nothing.
    let (vault, _code) = Vault::create(
        dir.path(),
        "demo passphrase",
        &VaultOptions::fast_for_tests(),
    )?;
    // One section per feature, each on the same throwaway vault.
    let sections = vec![inventory::demo(ctx, &vault)?];
    let mut text = String::from("Vigil demo\n");
    for section in &sections {
        text.push('\n');
        text.push_str(&section.text);
    }
    let sections: Vec<_> = sections.into_iter().map(|s| s.json).collect();
    Ok(Output::new(json!({"sections": sections}), text))
}
