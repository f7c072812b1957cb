//! `cargo xtask bindings`: the host library and the Kotlin, Python and Swift bindings generated from it.

use crate::run::{cmd, execute, root, Failure, Result};
use std::path::PathBuf;

#[derive(Clone, Copy)]
pub enum Profile {
    Debug,
    Release,
}

impl Profile {
    pub fn from_args(args: &[String]) -> Profile {
        if args.iter().any(|a| a == "--release") {
            Profile::Release
        } else {
            Profile::Debug
        }
    }

    pub fn dir_name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

/// Where each language's generated files go (all git-ignored build outputs).
pub const KOTLIN_OUT: &str = "tests/kotlin/src/main/kotlin/generated";
pub const PYTHON_OUT: &str = "tests/python/generated";
pub const SWIFT_OUT: &str = "target/bindings/swift";

/// The host `.so` bindgen reads in library mode (unstripped: bindgen needs its metadata symbols).
pub fn library(profile: Profile) -> PathBuf {
    root()
        .join("target")
        .join(profile.dir_name())
        .join("libvigil_ffi.so")
}

/// Builds the host library and regenerates every language's bindings from it.
pub fn generate(profile: Profile) -> Result {
    let mut build = cmd("cargo", &["build", "-p", "vigil-ffi"]);
    if let Profile::Release = profile {
        build.arg("--release");
    }
    execute(&mut build)?;
    let library = library(profile);
    let library = library.to_string_lossy();
    for (language, out_dir) in [
        ("kotlin", KOTLIN_OUT),
        ("python", PYTHON_OUT),
        ("swift", SWIFT_OUT),
    ] {
        // Clear old output: a module removed from the Rust side must not linger as a stale file.
        let out_path = root().join(out_dir);
        if out_path.exists() {
            std::fs::remove_dir_all(&out_path)
                .map_err(|e| Failure(format!("could not clear {out_dir}: {e}")))?;
        }
        execute(&mut cmd(
            "cargo",
            &[
                "run",
                "-q",
                "-p",
                "uniffi-bindgen",
                "--",
                "generate",
                "--library",
                &library,
                "--language",
                language,
                "--out-dir",
                out_dir,
                "--no-format",
            ],
        ))?;
    }
    Ok(())
}
