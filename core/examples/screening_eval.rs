//! Tuning aid: prints every corpus item the checkers get wrong (the scored eval is `cargo xtask eval`).
use std::fs;
use vigil_core::screening::{check_message, check_url, Risk};
use vigil_core::Locale;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/corpus".into());
    for line in fs::read_to_string(format!("{dir}/messages.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let r = check_message(
            v["text"].as_str().unwrap(),
            v["sender"].as_str(),
            &[],
            Locale::En,
        );
        let scam = v["label"] == "scam";
        let fams: Vec<_> = r.families.iter().map(|f| f.code()).collect();
        let bad = (scam && r.risk == Risk::Low) || (!scam && r.risk > Risk::Low);
        let fam_ok = !scam || fams.contains(&v["family"].as_str().unwrap());
        if bad || !fam_ok {
            let codes: Vec<_> = r.signals.iter().map(|s| s.code.as_str()).collect();
            println!(
                "{} {} {:?} fam={:?} want={} {:?}",
                v["id"], v["label"], r.risk, fams, v["family"], codes
            );
        }
    }
    for line in fs::read_to_string(format!("{dir}/urls.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let r = check_url(v["url"].as_str().unwrap(), &[], Locale::En);
        let legit = v["label"] == "legit";
        match r {
            Ok(r) => {
                if (legit && r.risk > Risk::Low) || (!legit && r.risk == Risk::Low) {
                    let codes: Vec<_> = r.signals.iter().map(|s| s.code.as_str()).collect();
                    println!(
                        "{} {} {} {:?} {:?} {:?}",
                        v["id"], v["label"], v["url"], r.risk, r.imitates, codes
                    );
                }
            }
            Err(e) => println!("{} error {e}", v["id"]),
        }
    }
}
