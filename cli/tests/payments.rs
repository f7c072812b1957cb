//! `vigil payees` and `vigil pay`, end to end through the binary on a real (encrypted) vault.

use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

const T0: &str = "2026-11-01T09:00:00Z";
const T1: &str = "2026-11-28T09:00:00Z";
const T2: &str = "2026-11-28T09:10:00Z";

struct Cli {
    dir: TempDir,
}

impl Cli {
    fn new() -> Cli {
        let cli = Cli {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        let (ok, _) = cli.run(T0, &["init"]);
        assert!(ok, "vigil init failed");
        cli
    }

    /// Runs `vigil --json …` at time `now`; returns success and the one JSON object printed.
    fn run(&self, now: &str, args: &[&str]) -> (bool, Value) {
        let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(["--json", "--now", now, "--vault"])
            .arg(self.dir.path().join("vault"))
            .args(args)
            .env("VIGIL_PASSPHRASE", "correct horse battery")
            .output()
            .expect("vigil runs");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "exactly one JSON object on stdout: {stdout}"
        );
        (
            out.status.success(),
            serde_json::from_str(lines[0]).expect("stdout is JSON"),
        )
    }

    fn ok(&self, now: &str, args: &[&str]) -> Value {
        let (ok, value) = self.run(now, args);
        assert!(ok, "{args:?} failed: {value}");
        value
    }

    fn error_code(&self, now: &str, args: &[&str]) -> String {
        let (ok, value) = self.run(now, args);
        assert!(!ok, "{args:?} should fail: {value}");
        value["error"]["code"]
            .as_str()
            .expect("an error code")
            .to_owned()
    }

    fn add_mum(&self) -> String {
        let added = self.ok(
            T0,
            &[
                "payees",
                "add",
                "--name",
                "Mum",
                "--relationship",
                "family",
                "--phone",
                "+86 138 0013 8000",
                "--phone-source",
                "in_person",
                "--account",
                "6222020200001234",
                "--bank",
                "ICBC",
            ],
        );
        added["id"].as_str().expect("an id").to_owned()
    }
}

fn step<'a>(check: &'a Value, code: &str) -> &'a Value {
    check["required_steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code)
        .expect("the step is listed")
}

#[test]
fn a_wechat_request_clears_only_after_a_call_back_on_the_book_number() {
    let cli = Cli::new();
    let mum = cli.add_mum();
    let check = cli.ok(
        T1,
        &[
            "pay",
            "check",
            "--payee",
            &mum,
            "--channel",
            "wechat",
            "--amount",
            "800.00",
            "--currency",
            "CNY",
        ],
    );
    let id = check["id"].as_str().unwrap();
    assert_eq!(check["status"], "verifying");
    let call_back = step(&check, "call_back");
    assert_eq!(
        (call_back["id"].as_str(), call_back["done"].as_bool()),
        (Some("call_back"), Some(false))
    );
    assert!(call_back["reason"].as_str().unwrap().contains("WeChat"));
    assert_eq!(check["flags"], Value::Array(vec![]));

    let from_message = cli.ok(
        T2,
        &[
            "pay",
            "step",
            id,
            "call_back",
            "--number",
            "13900001111",
            "--source",
            "message",
            "--outcome",
            "confirmed",
        ],
    );
    assert_eq!(
        (
            from_message["status"].as_str(),
            step(&from_message, "call_back")["done"].as_bool()
        ),
        (Some("verifying"), Some(false))
    );
    let from_book = cli.ok(
        T2,
        &[
            "pay",
            "step",
            id,
            "call_back",
            "--number",
            "13800138000",
            "--source",
            "payee_book",
            "--outcome",
            "confirmed",
        ],
    );
    assert_eq!(from_book["status"], "cleared");
    assert_eq!(cli.ok(T2, &["pay", "sent", id])["status"], "sent");
    assert_eq!(cli.ok(T2, &["pay", "show", id])["status"], "sent");
    assert_eq!(
        cli.error_code(T2, &["pay", "sent", id]),
        "invalid_transition"
    );
}

#[test]
fn bad_input_is_invalid_input_and_changes_nothing() {
    let cli = Cli::new();
    let mum = cli.add_mum();
    let check = cli.ok(
        T1,
        &[
            "pay",
            "check",
            "--payee",
            &mum,
            "--channel",
            "sms",
            "--amount",
            "100",
            "--currency",
            "CNY",
        ],
    );
    let id = check["id"].as_str().unwrap();
    for amount in ["-5", "abc", "1.234", "0", "1e3"] {
        let args = [
            "pay",
            "check",
            "--payee",
            &mum,
            "--channel",
            "sms",
            "--amount",
            amount,
            "--currency",
            "CNY",
        ];
        assert_eq!(
            cli.error_code(T2, &args),
            "invalid_input",
            "amount {amount}"
        );
    }
    assert_eq!(
        cli.error_code(
            T2,
            &[
                "pay",
                "check",
                "--payee",
                &mum,
                "--channel",
                "sms",
                "--amount",
                "5",
                "--currency",
                "XYZ"
            ]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(
            T2,
            &[
                "pay",
                "check",
                "--payee",
                &mum,
                "--channel",
                "pigeon",
                "--amount",
                "5",
                "--currency",
                "CNY"
            ]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(
            T2,
            &["pay", "step", id, "teleport", "--outcome", "confirmed"]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(
            T2,
            &[
                "pay",
                "step",
                id,
                "call_back",
                "--number",
                "13800138000",
                "--source",
                "payee_book",
                "--outcome",
                "maybe"
            ]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(
            T2,
            &[
                "pay",
                "step",
                id,
                "call_back",
                "--number",
                "13800138000",
                "--source",
                "telepathy",
                "--outcome",
                "confirmed"
            ]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(
            T2,
            &[
                "payees",
                "add",
                "--name",
                "X",
                "--relationship",
                "cousin",
                "--phone",
                "1",
                "--phone-source",
                "other"
            ]
        ),
        "invalid_input"
    );
    assert_eq!(
        cli.error_code(T2, &["pay", "show", "no-such-check"]),
        "not_found"
    );
    assert_eq!(
        cli.ok(T2, &["pay", "show", id]),
        check,
        "the check is exactly as before"
    );
    assert_eq!(
        cli.ok(T2, &["pay", "history"])["checks"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        cli.ok(T2, &["payees", "list"])["payees"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn red_flags_block_until_a_typed_override_and_the_evidence_pack_tells_the_story() {
    let cli = Cli::new();
    let check = cli.ok(
        T1,
        &[
            "pay",
            "check",
            "--name",
            "Officer Chen",
            "--relationship",
            "stranger",
            "--channel",
            "voice_call",
            "--amount",
            "30000",
            "--currency",
            "CNY",
            "--account",
            "6217000011112222",
            "--text",
            "你涉嫌洗钱，马上把钱转到安全账户，不要告诉家人",
        ],
    );
    let id = check["id"].as_str().unwrap();
    assert_eq!(check["status"], "blocked");
    let flags: Vec<&str> = check["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // 涉嫌 and 洗钱 are two places in the text, each with its own span.
    assert_eq!(
        flags,
        vec![
            "police_or_court",
            "police_or_court",
            "urgency",
            "safe_account",
            "secrecy"
        ]
    );
    assert!(check["flags"][3]["detail"]
        .as_str()
        .unwrap()
        .contains("安全账户"));
    let codes: Vec<&str> = check["required_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec![
            "stop_and_report",
            "call_back",
            "second_party",
            "delayed_transfer",
            "reverify"
        ]
    );
    assert_eq!(
        cli.error_code(T2, &["pay", "override", id, "--reason", "ok"]),
        "invalid_input"
    );
    assert_eq!(cli.ok(T2, &["pay", "show", id])["status"], "blocked");

    let zh = cli.ok(T2, &["--locale", "zh-CN", "pay", "evidence", id]);
    let text = zh["text"].as_str().unwrap();
    for needle in ["96110", "6217000011112222", "安全账户", "Officer Chen"] {
        assert!(text.contains(needle), "evidence lacks {needle}: {text}");
    }
    assert_eq!(zh["report"]["timeline"][0]["event"], "request");

    let overridden = cli.ok(
        T2,
        &["pay", "override", id, "--reason", "I know this is my risk"],
    );
    assert_eq!(overridden["status"], "cleared");
    assert_eq!(
        overridden["overrides"][0]["reason"],
        "I know this is my risk"
    );
}

#[test]
fn a_large_transfer_is_re_verified_on_schedule() {
    let cli = Cli::new();
    let mum = cli.add_mum();
    let check = cli.ok(
        T1,
        &[
            "pay",
            "check",
            "--payee",
            &mum,
            "--channel",
            "in_person",
            "--amount",
            "9000",
            "--currency",
            "CNY",
            "--account",
            "6222020200001234",
        ],
    );
    let id = check["id"].as_str().unwrap();
    cli.ok(T1, &["pay", "step", id, "delayed_transfer"]);
    let sent = cli.ok(T1, &["pay", "sent", id]);
    assert_eq!(sent["reverify_due_at"], "2026-11-28T11:00:00Z");
    assert_eq!(sent["arrives_at"], "2026-11-29T09:00:00Z");
    let early = cli.ok(T2, &["pay", "due"]);
    assert_eq!(early["reminders"][0]["kind"], "reverify");
    assert_eq!(early["reminders"][0]["is_due"], false);
    let later = cli.ok("2026-11-28T11:00:00Z", &["pay", "due"]);
    assert_eq!(later["reminders"][0]["is_due"], true);
    assert_eq!(
        cli.error_code(T2, &["pay", "completed", id]),
        "invalid_transition"
    );
    cli.ok(
        "2026-11-28T11:05:00Z",
        &[
            "pay",
            "step",
            id,
            "reverify",
            "--number",
            "13800138000",
            "--source",
            "payee_book",
            "--outcome",
            "confirmed",
        ],
    );
    assert_eq!(
        cli.ok("2026-11-29T09:00:00Z", &["pay", "completed", id])["status"],
        "completed"
    );
    let stats = cli.ok("2026-11-29T09:00:00Z", &["pay", "stats"]);
    assert_eq!(stats["total"], 1);
}

#[test]
fn the_payee_book_can_be_kept_up_to_date() {
    let cli = Cli::new();
    let mum = cli.add_mum();
    cli.ok(
        T1,
        &["payees", "rename", "--payee", &mum, "--name", "Mother"],
    );
    let remove_first_number = [
        "payees",
        "remove-phone",
        "--payee",
        &mum,
        "--phone",
        "13800138000",
    ];
    assert_eq!(
        cli.error_code(T1, &remove_first_number),
        "invalid_input",
        "the last number stays"
    );
    cli.ok(
        T1,
        &[
            "payees",
            "add-phone",
            "--payee",
            &mum,
            "--phone",
            "139 0013 9000",
            "--phone-source",
            "card_back",
        ],
    );
    cli.ok(T1, &remove_first_number);
    let listed = cli.ok(T1, &["payees", "list"]);
    assert_eq!(listed["payees"][0]["name"], "Mother");

    let check = cli.ok(
        T2,
        &[
            "pay",
            "check",
            "--payee",
            &mum,
            "--channel",
            "wechat",
            "--amount",
            "10",
            "--currency",
            "CNY",
        ],
    );
    assert_eq!(
        cli.error_code(T2, &["payees", "remove", "--payee", &mum]),
        "invalid_input"
    );
    cli.ok(T2, &["pay", "abandon", check["id"].as_str().unwrap()]);
    cli.ok(T2, &["payees", "remove", "--payee", &mum]);
    assert_eq!(
        cli.ok(T2, &["payees", "list"])["payees"],
        serde_json::json!([])
    );
    assert_eq!(
        cli.error_code(T2, &["payees", "rename", "--payee", &mum, "--name", "x"]),
        "not_found"
    );
}
