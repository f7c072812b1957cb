//! `vigil-bench bench` prints one JSON figure per line (`{"name","value","unit"}`); `vigil-bench
//! eval CORPUS` runs the screening evaluation. Run through `cargo xtask bench` / `cargo xtask eval`,
//! which build it in release mode.

mod alerts;
mod eval;
mod figure;
mod i18n;
mod inventory;
mod screening;
mod vault;

use figure::Figure;
use std::process::ExitCode;

/// One entry per feature: its name and the function that measures it.
type Suite = (&'static str, fn() -> Vec<Figure>);

const SUITES: &[Suite] = &[
    ("i18n", i18n::run),
    ("vault", vault::run),
    ("screening", screening::run),
    ("inventory", inventory::run),
    ("alerts", alerts::run),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => {
            // `bench SUITE…` runs only the named suites (for profiling one feature).
            let only = &args[1..];
            for (suite, run) in SUITES
                .iter()
                .filter(|(s, _)| only.is_empty() || only.iter().any(|o| o == s))
            {
                eprintln!("bench: {suite}");
                for figure in run() {
                    println!("{}", figure.to_json_line());
                }
            }
            ExitCode::SUCCESS
        }
        Some("eval") => match args.get(1) {
            Some(corpus) => eval::run(std::path::Path::new(corpus)),
            None => {
                eprintln!("usage: vigil-bench eval CORPUS_DIR");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: vigil-bench bench | vigil-bench eval CORPUS_DIR");
            ExitCode::from(2)
        }
    }
}
