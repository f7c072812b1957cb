//! Tools the tasks need, installed on a fresh Debian machine through apt or cargo when missing.

use crate::run::{capture, cmd, execute, fail, Result};
use std::{process::Command, sync::Once};

/// Whether `program` can be started (found on PATH).
pub fn available(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

fn apt_update_once() -> Result {
    static UPDATED: Once = Once::new();
    let mut outcome = Ok(());
    UPDATED.call_once(|| outcome = execute(&mut cmd("apt-get", &["update", "-q"])));
    outcome
}

/// Installs the Debian package `package` unless `program` is already on PATH.
pub fn ensure_apt(program: &str, package: &str) -> Result {
    if available(program) {
        return Ok(());
    }
    if !available("apt-get") {
        return fail(format!(
            "`{program}` is missing; install the `{package}` package"
        ));
    }
    println!("`{program}` is missing: installing Debian package `{package}`");
    apt_update_once()?;
    execute(
        cmd("apt-get", &["install", "-y", "-q", package]).env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Installs `cargo-<subcommand>` from crates.io (`--locked`) unless cargo already knows it.
pub fn ensure_cargo_subcommand(subcommand: &str) -> Result {
    let known = capture(&mut cmd("cargo", &[subcommand, "--version"]))?;
    if known.status.success() {
        return Ok(());
    }
    execute(&mut cmd(
        "cargo",
        &["install", &format!("cargo-{subcommand}"), "--locked"],
    ))
}
