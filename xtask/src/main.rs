//! `cargo xtask`: the project's build and test tasks, in Rust so they run wherever cargo does.
//!
//! Subcommands: `bindings [--release]`, `test`, `fuzz [SECONDS]`, `bench`, `eval [CORPUS]`.

mod bench;
mod bindings;
mod fuzz;
mod run;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  bindings [--release]  build libvigil_ffi.so and generate Kotlin, Python and Swift bindings
  test                  everything CI checks: fmt, clippy, Rust tests, forbidden dependencies,
                        bindings, Kotlin (JVM) and Python tests, tree-sitter syntax check
  fuzz [SECONDS]        run every cargo-fuzz target in core/fuzz briefly (default 10 s each)
  bench                 release benchmarks and the stripped .so size -> target/bench/results.json
  eval [CORPUS]         screening evaluation over the shared corpus (default ../shared/corpus)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let outcome = match command {
        "bindings" => {
            run::banner("bindings");
            bindings::generate(bindings::Profile::from_args(rest))
        }
        "test" => test::run(),
        "fuzz" => fuzz::run(rest),
        "bench" => bench::run(),
        "eval" => bench::eval(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("\nxtask {command}: FAILED: {failure}");
            ExitCode::FAILURE
        }
    }
}
