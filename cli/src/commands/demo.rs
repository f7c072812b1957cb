//! `vigil demo`: a readable tour of every capability, on a throwaway vault.

use serde_json::json;
use vigil_core::Error;

use crate::{context::Ctx, output::Output};

pub fn run(_ctx: &Ctx) -> Result<Output, Error> {
    let text = String::from("Vigil demo\n");
    Ok(Output::new(json!({"sections": []}), text))
}
