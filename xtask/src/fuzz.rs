//! `cargo xtask fuzz [SECONDS]`: every cargo-fuzz target in `core/fuzz`, briefly, one after another.
//!
//! Runs on stable Rust: `--sanitizer none` drops the only nightly-only flag cargo-fuzz passes
//! (`-Zsanitizer`). libFuzzer's coverage instrumentation uses stable `-C passes`/`-C llvm-args`.

use crate::{
    run::{banner, capture, cmd, execute, fail, Failure, Result},
    tools,
};

const FUZZ_DIR: &str = "core/fuzz";
const DEFAULT_SECONDS: u32 = 10;

pub fn run(args: &[String]) -> Result {
    let seconds = match args.first() {
        None => DEFAULT_SECONDS,
        Some(text) => text
            .parse()
            .map_err(|_| Failure(format!("SECONDS must be a whole number, got `{text}`")))?,
    };
    tools::ensure_cargo_subcommand("fuzz")?;
    let targets = targets()?;
    if targets.is_empty() {
        return fail(format!("no fuzz targets in {FUZZ_DIR}"));
    }
    for target in &targets {
        banner(&format!("fuzz {target} ({seconds} s)"));
        execute(&mut cmd(
            "cargo",
            &[
                "fuzz",
                "run",
                "--sanitizer",
                "none",
                "--fuzz-dir",
                FUZZ_DIR,
                target,
                "--",
                &format!("-max_total_time={seconds}"),
            ],
        ))?;
    }
    println!(
        "\nfuzzed {} target(s) for {seconds} s each: no crash",
        targets.len()
    );
    Ok(())
}

fn targets() -> Result<Vec<String>> {
    let output = capture(&mut cmd("cargo", &["fuzz", "list", "--fuzz-dir", FUZZ_DIR]))?;
    if !output.status.success() {
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        return fail("`cargo fuzz list` failed");
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect())
}
