//! `vigil check …` end to end: the built binary, `--json` output shape, exit codes.

use std::process::Command;

use serde_json::Value;

fn vigil(args: &[&str]) -> (Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(args)
        // Screening needs no vault: a named vault that does not exist is simply not used.
        .env("VIGIL_VAULT", "/nonexistent/vigil-vault")
        .output()
        .expect("the vigil binary runs");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    (
        serde_json::from_str(&stdout).expect("stdout is JSON"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn url_reports_site_and_imitated_target() {
    let (v, code) = vigil(&[
        "--json",
        "check",
        "url",
        "https://www.ccb.com.secure-verify.top/",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["risk"], "high");
    assert_eq!(v["registrable_domain"], "secure-verify.top");
    assert_eq!(v["imitates"], "ccb.com");
    assert!(v["signals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["code"] == "target_embedding" && s["detail"].is_string()));

    let (v, _) = vigil(&["--json", "check", "url", "https://www.ccb.com/cn/home/"]);
    assert_eq!(v["risk"], "low");
    assert_eq!(v["imitates"], Value::Null);
}

#[test]
fn message_reports_families_and_locale() {
    let (v, code) = vigil(&[
        "--json",
        "--locale",
        "zh-CN",
        "check",
        "message",
        "--sender",
        "+8613900000000",
        "刚才我手机号填错了，你收到的验证码转发给我一下",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["risk"], "high");
    assert!(v["families"]
        .as_array()
        .unwrap()
        .contains(&Value::from("otp_theft")));
    let detail = v["signals"][0]["detail"].as_str().unwrap();
    assert!(
        detail
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "zh-CN text: {detail}"
    );

    let (v, _) = vigil(&[
        "--json",
        "check",
        "message",
        "--sender",
        "95588",
        "【工商银行】验证码123456，请勿告诉他人。",
    ]);
    assert_eq!(v["risk"], "low");
    assert_eq!(v["families"], Value::Array(vec![]));
}

#[test]
fn qr_classifies_the_payload() {
    let (v, _) = vigil(&["--json", "check", "qr", "WIFI:S:Free;T:nopass;;"]);
    assert_eq!(v["kind"]["type"], "wifi");
    assert_eq!(v["risk"], "medium");
    let (v, _) = vigil(&["--json", "check", "qr", "https://icbc.com.cn-login.xyz/"]);
    assert_eq!(v["kind"]["type"], "url");
    assert_eq!(v["url"]["imitates"], "icbc.com.cn");
}

#[test]
fn a_non_link_is_a_clear_error() {
    let (v, code) = vigil(&["--json", "check", "url", "   "]);
    assert_eq!(v["error"]["code"], "invalid_input");
    assert_ne!(code, 0);
}

#[test]
fn demo_includes_screening() {
    let (v, code) = vigil(&["--json", "demo"]);
    assert_eq!(code, 0);
    assert!(
        v["screening"]["checks"]
            .as_array()
            .is_some_and(|c| c.len() >= 4),
        "{v}"
    );
}

#[test]
fn with_inventory_protects_the_holders_websites() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let vault = dir.path().join("vault");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(args)
            .env("VIGIL_VAULT", &vault)
            .env("VIGIL_PASSPHRASE", "correct horse battery")
            .output()
            .expect("the vigil binary runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        serde_json::from_slice::<Value>(&out.stdout).expect("stdout is JSON")
    };
    run(&["--json", "init"]);
    run(&[
        "--json",
        "inventory",
        "add-holder",
        "--name",
        "Northwind Insurance",
        "--category",
        "app",
        "--website",
        "northwind-insurance.com",
    ]);
    let lookalike = "https://northwind-insurance.com.claims-center.top/";
    // No vault named: only the built-in targets.
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["--json", "check", "url", lookalike])
        .env_remove("VIGIL_VAULT")
        .output()
        .expect("the vigil binary runs");
    let plain: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(plain["imitates"], Value::Null);
    // A named vault (here VIGIL_VAULT) adds the holders' websites, as does --with-inventory.
    for protected in [
        run(&["--json", "check", "url", lookalike]),
        run(&["--json", "check", "url", "--with-inventory", lookalike]),
    ] {
        assert_eq!(protected["imitates"], "northwind-insurance.com");
        assert_eq!(protected["risk"], "high");
    }
}
