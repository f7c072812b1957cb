//! `cargo xtask test`: everything CI checks, in order, stopping at the first failing stage.

use crate::{
    bindings::{self, Profile},
    run::{banner, capture, cmd, execute, fail, root, Failure, Result},
    tools,
};
use std::{
    fs,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

/// Crates that must never be in the dependency graph: Vigil uses rustls on ring, nothing else.
const FORBIDDEN_CRATES: [&str; 4] = ["aws-lc-rs", "aws-lc-sys", "openssl-sys", "openssl"];

/// Roots holding hand-written or generated `.kt` and `.swift` files for the syntax check.
const SYNTAX_ROOTS: [&str; 4] = ["android", "ios", "tests", bindings::SWIFT_OUT];

type Stage = (&'static str, fn() -> Result);

const STAGES: [Stage; 10] = [
    ("tools", install_tools),
    ("rustfmt", rustfmt),
    ("clippy", clippy),
    ("rust tests", rust_tests),
    ("forbidden dependencies", forbidden_dependencies),
    ("fuzz targets compile", fuzz_check),
    ("bindings", generate_bindings),
    ("kotlin tests (JVM)", kotlin_tests),
    ("python tests", python_tests),
    ("tree-sitter syntax check", syntax_check),
];

pub fn run() -> Result {
    let started = Instant::now();
    let mut timings: Vec<(&str, Duration)> = Vec::new();
    for (name, stage) in STAGES {
        banner(name);
        let stage_started = Instant::now();
        stage().map_err(|Failure(why)| Failure(format!("stage `{name}`: {why}")))?;
        timings.push((name, stage_started.elapsed()));
    }
    banner("summary");
    for (name, took) in &timings {
        println!("  ok  {name:<28} {:>7.1} s", took.as_secs_f64());
    }
    println!(
        "all {} stages passed in {:.1} s",
        timings.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn install_tools() -> Result {
    // minisign: the alerts tests verify real signatures made by the reference tool.
    tools::ensure_apt("minisign", "minisign")?;
    // strace: the vault durability tests inject I/O errors with it.
    tools::ensure_apt("strace", "strace")?;
    tools::ensure_apt("java", "default-jdk-headless")?;
    tools::ensure_apt("mvn", "maven")?;
    tools::ensure_apt("python3", "python3")?;
    tools::ensure_apt("strip", "binutils")
}

fn rustfmt() -> Result {
    execute(&mut cmd("cargo", &["fmt", "--all", "--check"]))
}

fn clippy() -> Result {
    execute(&mut cmd(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))
}

fn rust_tests() -> Result {
    execute(&mut cmd("cargo", &["test", "--workspace"]))
}

/// `cargo tree -i X` fails with "did not match any packages" exactly when X is absent; that
/// failure is the pass. Any other outcome (X found, or another error) fails the stage.
fn forbidden_dependencies() -> Result {
    for krate in FORBIDDEN_CRATES {
        let args = ["tree", "--workspace", "--target", "all", "-i", krate];
        println!("$ cargo {}", args.join(" "));
        let output = capture(&mut cmd("cargo", &args))?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            print!("{}", String::from_utf8_lossy(&output.stdout));
            return fail(format!(
                "forbidden crate `{krate}` is in the dependency graph (tree above)"
            ));
        }
        if !stderr.contains("did not match any packages") {
            eprint!("{stderr}");
            return fail(format!("`cargo tree -i {krate}` failed for another reason"));
        }
        println!("  absent: {krate}");
    }
    Ok(())
}

/// Type-checks the fuzz crate (its own workspace, so `--workspace` above does not reach it):
/// a fuzz target broken by an API change fails here, not weeks later in a fuzzing run.
fn fuzz_check() -> Result {
    let target_dir = root().join("target").join("fuzz-check");
    execute(
        cmd(
            "cargo",
            &["check", "--bins", "--manifest-path", "core/fuzz/Cargo.toml"],
        )
        .env("CARGO_TARGET_DIR", &target_dir),
    )
}

fn generate_bindings() -> Result {
    bindings::generate(Profile::Debug)
}

fn kotlin_tests() -> Result {
    let library_dir = root().join("target").join(Profile::Debug.dir_name());
    let library_path = format!("-Dvigil.lib.dir={}", library_dir.display());
    execute(
        cmd(
            "mvn",
            &["-B", "--no-transfer-progress", "test", &library_path],
        )
        .current_dir(root().join("tests/kotlin")),
    )
}

fn venv_python() -> PathBuf {
    root().join("tests/python/.venv/bin/python")
}

/// Creates `tests/python/.venv` and installs the pinned requirements when they changed.
fn python_env() -> Result {
    let python_dir = root().join("tests/python");
    let venv = python_dir.join(".venv");
    if !venv_python().exists() {
        let created = execute(&mut cmd(
            "python3",
            &["-m", "venv", &venv.to_string_lossy()],
        ));
        if created.is_err() {
            // Debian's own python3 ships venv's ensurepip separately.
            let _ = fs::remove_dir_all(&venv);
            tools::ensure_apt("no-such-program-forces-install", "python3-venv")?;
            execute(&mut cmd(
                "python3",
                &["-m", "venv", &venv.to_string_lossy()],
            ))?;
        }
    }
    let requirements = python_dir.join("requirements.txt");
    let stamp = venv.join("requirements.installed");
    let wanted = read(&requirements)?;
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        println!("python venv is up to date ({})", venv.display());
        return Ok(());
    }
    let python = venv_python();
    let python = python.to_string_lossy();
    execute(&mut cmd(
        &python,
        &[
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            &requirements.to_string_lossy(),
        ],
    ))?;
    fs::write(&stamp, wanted)
        .map_err(|e| Failure(format!("could not write {}: {e}", stamp.display())))
}

fn python_tests() -> Result {
    python_env()?;
    // uniffi's Python loader looks for the library next to the generated module.
    let library = bindings::library(Profile::Debug);
    let beside_module = root().join(bindings::PYTHON_OUT).join("libvigil_ffi.so");
    fs::copy(&library, &beside_module).map_err(|e| {
        Failure(format!(
            "could not copy {} into {}: {e}",
            library.display(),
            bindings::PYTHON_OUT
        ))
    })?;
    execute(
        cmd(
            &venv_python().to_string_lossy(),
            &["-m", "pytest", "-v", "-p", "no:cacheprovider"],
        )
        .current_dir(root().join("tests/python")),
    )
}

fn syntax_check() -> Result {
    python_env()?;
    let mut command = cmd(
        &venv_python().to_string_lossy(),
        &["tests/syntax/check_syntax.py"],
    );
    command.args(SYNTAX_ROOTS.iter().filter(|r| root().join(r).exists()));
    execute(&mut command)
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|e| Failure(format!("could not read {}: {e}", path.display())))
}
