//! The screening evaluation (issue 7) over the shared corpus: per-label precision and recall for
//! messages (`scam` / `legit`) and links (`lookalike` / `suspicious` / `legit`), family recall,
//! and the goals with PASS/FAIL. Exit status is failure when a goal is missed or the
//! corpus cannot be read: an evaluation that cannot evaluate must not look like a pass.

use std::{collections::BTreeMap, fs, path::Path, process::ExitCode};

use serde_json::Value;
use vigil_core::{
    screening::{check_message, check_url, Risk, UrlVerdict},
    Locale,
};

/// Signals that say *which* official site a link imitates (as opposed to how it is built).
const IMITATION_SIGNALS: &[&str] = &[
    "homoglyph",
    "lookalike_characters",
    "typosquat",
    "combo_squat",
    "target_embedding",
    "brand_on_free_host",
    "brand_in_subdomain",
    "brand_in_domain",
    "mixed_script",
];

/// (expected label, predicted label) pairs.
type Outcomes = Vec<(String, String)>;

pub fn run(corpus: &Path) -> ExitCode {
    let messages = match read_jsonl(&corpus.join("messages.jsonl")) {
        Ok(rows) => rows,
        Err(e) => return fail(&e),
    };
    let urls = match read_jsonl(&corpus.join("urls.jsonl")) {
        Ok(rows) => rows,
        Err(e) => return fail(&e),
    };
    let mut ok = true;

    let mut message_outcomes = Outcomes::new();
    let mut high = BTreeMap::<String, (usize, usize)>::new();
    let mut families = (0usize, 0usize);
    for row in &messages {
        let (Some(text), Some(label)) = (row["text"].as_str(), row["label"].as_str()) else {
            return fail("a message row lacks text or label");
        };
        let verdict = check_message(
            text,
            row["sender"].as_str().filter(|s| !s.is_empty()),
            &[],
            Locale::En,
        );
        let predicted = if verdict.risk >= Risk::Medium {
            "scam"
        } else {
            "legit"
        };
        message_outcomes.push((label.to_owned(), predicted.to_owned()));
        let entry = high.entry(label.to_owned()).or_default();
        entry.0 += usize::from(verdict.risk == Risk::High);
        entry.1 += 1;
        if label == "scam" {
            let expected = row["family"].as_str().unwrap_or_default();
            families.1 += 1;
            families.0 += usize::from(verdict.families.iter().any(|f| f.code() == expected));
        }
    }
    println!("messages ({} samples)", messages.len());
    print_table(&message_outcomes);
    println!(
        "  family recall (expected family among those found): {}",
        percent(families.0, families.1)
    );

    let mut url_outcomes = Outcomes::new();
    for row in &urls {
        let (Some(url), Some(label)) = (row["url"].as_str(), row["label"].as_str()) else {
            return fail("a url row lacks url or label");
        };
        let predicted = match check_url(url, &[], Locale::En) {
            Ok(verdict) => url_label(&verdict),
            // Not a link at all: nothing to open, so not flagged.
            Err(_) => "legit",
        };
        url_outcomes.push((label.to_owned(), predicted.to_owned()));
    }
    println!("links ({} samples)", urls.len());
    print_table(&url_outcomes);

    let flagged = |outcomes: &Outcomes, labels: &[&str]| {
        let rows: Vec<_> = outcomes
            .iter()
            .filter(|(e, _)| labels.contains(&e.as_str()))
            .collect();
        (
            rows.iter().filter(|(_, p)| p != "legit").count(),
            rows.len(),
        )
    };
    let (scam_hit, scam_n) = flagged(&message_outcomes, &["scam"]);
    let (legit_high, legit_n) = high.get("legit").copied().unwrap_or_default();
    let (bad_hit, bad_n) = flagged(&url_outcomes, &["lookalike", "suspicious"]);
    let (legit_flagged, legit_url_n) = flagged(&url_outcomes, &["legit"]);
    println!("goals");
    ok &= goal(
        "scam messages rated medium or high",
        scam_hit,
        scam_n,
        |r| r >= 0.95,
        ">= 95%",
    );
    ok &= goal(
        "legit messages rated high",
        legit_high,
        legit_n,
        |r| r <= 0.03,
        "<= 3%",
    );
    ok &= goal(
        "lookalike/suspicious links rated medium or high",
        bad_hit,
        bad_n,
        |r| r >= 0.95,
        ">= 95%",
    );
    ok &= goal(
        "legit links flagged",
        legit_flagged,
        legit_url_n,
        |r| r <= 0.02,
        "<= 2%",
    );
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn url_label(verdict: &UrlVerdict) -> &'static str {
    if verdict.risk == Risk::Low {
        "legit"
    } else if verdict.imitates.is_some()
        && verdict
            .signals
            .iter()
            .any(|s| IMITATION_SIGNALS.contains(&s.code.as_str()))
    {
        "lookalike"
    } else {
        "suspicious"
    }
}

fn read_jsonl(path: &Path) -> Result<Vec<Value>, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

fn fail(message: &str) -> ExitCode {
    eprintln!("eval: {message}");
    ExitCode::FAILURE
}

fn percent(n: usize, d: usize) -> String {
    if d == 0 {
        "n/a".into()
    } else {
        format!("{:.1}% ({n}/{d})", 100.0 * n as f64 / d as f64)
    }
}

fn print_table(outcomes: &Outcomes) {
    let mut labels: Vec<&str> = outcomes
        .iter()
        .flat_map(|(e, p)| [e.as_str(), p.as_str()])
        .collect();
    labels.sort_unstable();
    labels.dedup();
    println!("  {:<12} {:>22} {:>22}", "label", "precision", "recall");
    for label in labels {
        let true_pos = outcomes
            .iter()
            .filter(|(e, p)| e == label && p == label)
            .count();
        let predicted = outcomes.iter().filter(|(_, p)| p == label).count();
        let actual = outcomes.iter().filter(|(e, _)| e == label).count();
        println!(
            "  {label:<12} {:>22} {:>22}",
            percent(true_pos, predicted),
            percent(true_pos, actual)
        );
    }
}

fn goal(name: &str, n: usize, d: usize, pass: impl Fn(f64) -> bool, target: &str) -> bool {
    let ratio = if d == 0 {
        f64::NAN
    } else {
        n as f64 / d as f64
    };
    let passed = d > 0 && pass(ratio);
    println!(
        "  [{}] {name}: {} (goal {target})",
        if passed { "PASS" } else { "FAIL" },
        percent(n, d)
    );
    passed
}
