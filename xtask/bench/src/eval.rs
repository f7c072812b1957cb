//! The screening evaluation (issue 7) over the shared corpus. Until screening exists this checks the
//! corpus is readable and fails: an evaluation that cannot evaluate must not look like a pass.

use std::{fs, path::Path, process::ExitCode};

pub fn run(corpus: &Path) -> ExitCode {
    let entries = match fs::read_dir(corpus) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("eval: cannot read corpus {}: {e}", corpus.display());
            return ExitCode::FAILURE;
        }
    };
    let mut samples = 0usize;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "jsonl") {
            match fs::read_to_string(&path) {
                Ok(text) => {
                    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
                    eprintln!("eval: {}: {lines} samples", path.display());
                    samples += lines;
                }
                Err(e) => {
                    eprintln!("eval: cannot read {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    eprintln!("eval: read {samples} samples, but screening is not built yet: nothing evaluated");
    ExitCode::FAILURE
}
