//! `vigil demo`: a readable tour of every capability, on a throwaway vault.

use serde_json::json;
use vigil_core::{
    vault::{Vault, VaultOptions},
    Error,
};

use crate::{context::Ctx, output::Output};

pub fn run(ctx: &Ctx) -> Result<Output, Error> {
    let dir =
        tempfile::tempdir().map_err(|_| Error::Internal("demo: no temporary directory".into()))?;
    let (vault, _) = Vault::create(
        dir.path(),
        "demo passphrase",
        &VaultOptions::fast_for_tests(),
    )?;
    let sections = [super::payments::demo(ctx, &vault)?];
    let mut text = String::from("Vigil demo\n");
    for section in &sections {
        text.push('\n');
        text.push_str(&section.text);
    }
    let json = json!({"sections": sections.iter().map(|s| s.json.clone()).collect::<Vec<_>>()});
    Ok(Output::new(json, text))
}
