//! Running commands: print what runs, propagate failures with the stage that failed.

use std::{
    fmt,
    path::{Path, PathBuf},
    process::{Command, Output},
};

/// Why a task stopped: which step, and what happened.
#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T = ()> = std::result::Result<T, Failure>;

pub fn fail<T>(message: impl Into<String>) -> Result<T> {
    Err(Failure(message.into()))
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// Variables `cargo run` sets for xtask itself. Build scripts (ring's, for one) watch some of them
/// with `rerun-if-env-changed`, so passing them on would make every cargo run from xtask rebuild
/// what a plain `cargo build` built, and the other way round.
fn is_cargo_run_variable(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_MANIFEST_LINKS"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
        )
}

/// A command that starts in the workspace root unless told otherwise, without xtask's own
/// `cargo run` variables.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root());
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_cargo_run_variable) {
            command.env_remove(name);
        }
    }
    command
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs `command` with inherited stdio; a non-zero exit is a failure naming the command.
pub fn execute(command: &mut Command) -> Result {
    let text = describe(command);
    println!("$ {text}");
    let status = command
        .status()
        .map_err(|e| Failure(format!("could not start `{text}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        fail(format!("`{text}` exited with {status}"))
    }
}

/// Runs `command` quietly and returns its output, whatever its exit status.
pub fn capture(command: &mut Command) -> Result<Output> {
    let text = describe(command);
    command
        .output()
        .map_err(|e| Failure(format!("could not start `{text}`: {e}")))
}

/// A banner between stages, so a long log shows where each part starts.
pub fn banner(title: &str) {
    let line = "=".repeat(72);
    println!("\n{line}\n== {title}\n{line}");
}
