//! `vigil demo` tours every capability on a throwaway vault.

use std::process::Command;

#[test]
fn demo_tours_every_feature_and_leaves_nothing_behind() {
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["--json", "demo"])
        .output()
        .expect("vigil runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for section in ["vault", "inventory", "alerts", "payments", "screening"] {
        assert!(v.get(section).is_some(), "demo lacks the {section} section");
    }
    assert_eq!(v["vault"]["wrong_passphrase"], "wrong_passphrase");
    assert_eq!(v["vault"]["status"]["locked"], false);

    let text = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .arg("demo")
        .output()
        .expect("vigil runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("== vault ==") && text.contains("== screening =="),
        "{text}"
    );
}
