//! `cargo xtask bench` and `cargo xtask eval`: both run the release-built `vigil-bench`.

use crate::{
    bindings::{self, Profile},
    run::{banner, capture, cmd, execute, fail, root, Failure, Result},
};
use serde_json::{json, Value};
use std::{fs, path::PathBuf, process::Stdio};

const MIB: f64 = 1024.0 * 1024.0;

pub fn run() -> Result {
    banner("release build of libvigil_ffi.so");
    execute(&mut cmd(
        "cargo",
        &["build", "--release", "-p", "vigil-ffi"],
    ))?;
    let bench_dir = root().join("target").join("bench");
    fs::create_dir_all(&bench_dir)
        .map_err(|e| Failure(format!("could not create target/bench: {e}")))?;

    banner("benchmarks (vigil-bench, release)");
    let mut figures = bench_figures()?;
    figures.extend(stripped_library_figures(&bench_dir)?);

    let results = bench_dir.join("results.json");
    let text = serde_json::to_string_pretty(&figures).expect("figures are plain JSON values");
    fs::write(&results, text + "\n")
        .map_err(|e| Failure(format!("could not write {}: {e}", results.display())))?;

    banner("results");
    print_table(&figures);
    println!("\nwritten to {}", results.display());
    Ok(())
}

/// Runs `vigil-bench bench`, which prints one `{"name","value","unit"}` JSON object per line.
fn bench_figures() -> Result<Vec<Value>> {
    let mut command = cmd(
        "cargo",
        &["run", "--release", "-q", "-p", "vigil-bench", "--", "bench"],
    );
    command.stderr(Stdio::inherit());
    println!("$ cargo run --release -q -p vigil-bench -- bench");
    let output = capture(&mut command)?;
    if !output.status.success() {
        return fail(format!("vigil-bench exited with {}", output.status));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let figure: Value = serde_json::from_str(line).map_err(|e| {
                Failure(format!(
                    "vigil-bench printed a line that is not JSON ({e}): {line}"
                ))
            })?;
            let well_formed = figure["name"].is_string()
                && figure["value"].is_number()
                && figure["unit"].is_string();
            if well_formed {
                Ok(figure)
            } else {
                fail(format!("figure lacks name/value/unit: {line}"))
            }
        })
        .collect()
}

/// The size that ships: a copy of the release library with every symbol stripped.
fn stripped_library_figures(bench_dir: &std::path::Path) -> Result<Vec<Value>> {
    let stripped = bench_dir.join("libvigil_ffi.stripped.so");
    let library = bindings::library(Profile::Release);
    let mut strip = cmd("strip", &["--strip-all", "-o"]);
    strip.arg(&stripped).arg(&library);
    execute(&mut strip)?;
    let unstripped_bytes = size(&library)?;
    let stripped_bytes = size(&stripped)?;
    Ok(vec![
        json!({"name": "ffi_so_bytes", "value": unstripped_bytes, "unit": "bytes"}),
        json!({"name": "ffi_so_stripped_bytes", "value": stripped_bytes, "unit": "bytes"}),
        json!({"name": "ffi_so_stripped_mb", "value": round2(stripped_bytes as f64 / MIB), "unit": "MiB"}),
    ])
}

fn size(path: &std::path::Path) -> Result<u64> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| Failure(format!("could not read size of {}: {e}", path.display())))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn print_table(figures: &[Value]) {
    let width = figures
        .iter()
        .filter_map(|f| f["name"].as_str().map(str::len))
        .max()
        .unwrap_or(4);
    println!("{:<width$}  {:>16}  unit", "name", "value");
    for figure in figures {
        let name = figure["name"].as_str().unwrap_or_default();
        let unit = figure["unit"].as_str().unwrap_or_default();
        println!(
            "{name:<width$}  {:>16}  {unit}",
            figure["value"].to_string()
        );
    }
}

/// `cargo xtask eval [CORPUS]`: the screening evaluation over the shared corpus.
pub fn eval(args: &[String]) -> Result {
    let corpus = match args.first() {
        Some(path) => PathBuf::from(path),
        None => default_corpus()?,
    };
    banner(&format!("screening evaluation over {}", corpus.display()));
    let mut command = cmd(
        "cargo",
        &["run", "--release", "-q", "-p", "vigil-bench", "--", "eval"],
    );
    command.arg(&corpus);
    execute(&mut command)
}

/// `shared/corpus` beside the checkout (CI and `/work/main`) or beside one of its parents (worktrees).
fn default_corpus() -> Result<PathBuf> {
    root()
        .ancestors()
        .skip(1)
        .map(|dir| dir.join("shared").join("corpus"))
        .find(|candidate| candidate.is_dir())
        .ok_or_else(|| {
            Failure(
                "no shared/corpus found beside the checkout; pass its path: cargo xtask eval PATH"
                    .into(),
            )
        })
}
