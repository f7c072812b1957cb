//! `vigil demo`: a readable tour of every capability, on a throwaway vault.

use serde_json::json;
use vigil_core::Error;

use crate::{context::Ctx, output::Output};

pub fn run(ctx: &Ctx) -> Result<Output, Error> {
    let mut text = String::from("Vigil demo\n");
    let mut sections = Vec::new();
    let screening = super::check::demo(ctx)?;
    text.push_str(&screening.text);
    sections.push(screening.json);
    Ok(Output::new(json!({"sections": sections}), text))
}
