//! `vigil inventory …` end to end: the real binary on a real (fast-KDF) vault.

use std::process::Command;

use serde_json::Value;
use vigil_core::vault::{Vault, VaultOptions};

const PASSPHRASE: &str = "inventory test passphrase";

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Vault::create(dir.path(), PASSPHRASE, &VaultOptions::fast_for_tests()).unwrap();
        Cli { dir }
    }

    /// Run `vigil --json … inventory <args>`: (exit code, the one JSON object on stdout).
    fn run(&self, args: &[&str]) -> (i32, Value) {
        let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(["--json", "--now", "2025-06-01T10:00:00Z", "--vault"])
            .arg(self.dir.path())
            .arg("inventory")
            .args(args)
            .env("VIGIL_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(stdout.lines().count(), 1, "exactly one JSON line: {stdout}");
        (
            out.status.code().unwrap(),
            serde_json::from_str(&stdout).unwrap(),
        )
    }

    fn ok(&self, args: &[&str]) -> Value {
        let (code, json) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {json}");
        json
    }

    fn id(&self, args: &[&str]) -> String {
        self.ok(args)["id"].as_str().unwrap().to_owned()
    }
}

fn seeded() -> (Cli, [String; 4]) {
    let cli = Cli::new();
    let id = cli.id(&[
        "add-detail",
        "--kind",
        "id_number",
        "--value",
        "11010519491231002X",
    ]);
    let phone = cli.id(&["add-detail", "--kind", "phone", "--value", "138 1234 5678"]);
    let bank = cli.id(&[
        "add-holder",
        "--name",
        "ICBC",
        "--category",
        "bank",
        "--website",
        "www.icbc.com.cn",
    ]);
    let courier = cli.id(&["add-holder", "--name", "SF", "--category", "courier"]);
    for (d, h) in [(&id, &bank), (&phone, &bank), (&phone, &courier)] {
        cli.id(&[
            "disclose",
            "--detail",
            d,
            "--holder",
            h,
            "--date",
            "2024-01-02",
            "--channel",
            "paper_copy",
        ]);
    }
    (cli, [id, phone, bank, courier])
}

#[test]
fn who_has_and_they_knew_rank_holders() {
    let (cli, [id, phone, bank, courier]) = seeded();
    let who = cli.ok(&["who-has", "--detail", &phone]);
    let names: Vec<_> = who["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ICBC", "SF"]);
    assert_eq!(
        who["holders"][0]["holdings"][0]["masked"],
        "+86 138****5678"
    );
    let by_kind = cli.ok(&["who-has", "--kind", "id_number"]);
    assert_eq!(by_kind["holders"][0]["id"], bank.as_str());
    assert_eq!(
        cli.ok(&["who-has", "--detail", &id])["holders"],
        by_kind["holders"]
    );
    let knew = cli.ok(&["they-knew", "--kinds", "id_number,phone"]);
    let c = knew["candidates"].as_array().unwrap();
    assert_eq!(c[0]["holder_id"], bank.as_str());
    assert_eq!(c[0]["matched"], serde_json::json!(["id_number", "phone"]));
    assert_eq!(c[1]["holder_id"], courier.as_str());
    assert_eq!(c[1]["missing"], serde_json::json!(["id_number"]));
}

#[test]
fn invalid_input_and_unknown_ids_name_the_rule_not_the_value() {
    let cli = Cli::new();
    let (code, json) = cli.run(&[
        "add-detail",
        "--kind",
        "id_number",
        "--value",
        "110105194912310021",
    ]);
    assert_eq!(code, 1);
    assert_eq!(json["error"]["code"], "invalid_input");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("check digit") && !message.contains("110105194912310021"),
        "{message}"
    );
    let (_, json) = cli.run(&[
        "add-detail",
        "--kind",
        "id_number",
        "--value",
        "110105194912310021",
        "--locale",
        "zh-CN",
    ]);
    assert_eq!(json["error"]["code"], "invalid_input");
    assert_eq!(
        json["error"]["message"],
        "输入无效：身份证号校验码不符（GB 11643）"
    );
    let (_, json) = cli.run(&["add-detail", "--kind", "shoe_size", "--value", "42"]);
    assert_eq!(json["error"]["code"], "invalid_input");
    let (code, json) = cli.run(&["who-has", "--detail", "nope"]);
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (1, Some("not_found"))
    );
    let kept = cli.ok(&[
        "add-detail",
        "--kind",
        "id_number",
        "--value",
        "X1234567",
        "--unchecked",
    ]);
    assert_eq!(kept["created"], true);
    assert_eq!(cli.ok(&["list"])["details"][0]["checked"], false);
}

#[test]
fn breach_letter_score_list() {
    let (cli, [_, _, bank, courier]) = seeded();
    let breach = cli.ok(&["breach", "--holder", &courier]);
    assert_eq!(breach["newly_flagged"], 1);
    assert_eq!(breach["next_steps"][0]["kind"], "phone");
    let letter = cli.ok(&["letter", "--holder", &bank, "--law", "pipl"]);
    assert!(letter["body"].as_str().unwrap().contains("第四十七条"));
    assert_eq!(letter["due"], "2025-06-20");
    let score = cli.ok(&["score"]);
    assert!(score["overall"].as_u64().unwrap() > 0);
    let list = cli.ok(&["list"]);
    assert_eq!(list["holders"].as_array().unwrap().len(), 2);
    let (code, json) = cli.run(&["letter", "--holder", &bank, "--law", "ccpa"]);
    assert_eq!(
        (code, json["error"]["code"].as_str()),
        (1, Some("invalid_input"))
    );
}

#[test]
fn import_is_all_or_nothing() {
    let cli = Cli::new();
    let bad = cli.dir.path().join("bad.csv");
    std::fs::write(&bad, "record,ref,kind,value,name,category,detail,holder\ndetail,me,phone,13900001111,,,,\nholder,t,,,CMCC,telecom,,\ndisclosure,,,,,,me,t\ndetail,,bank_card,1234567812345678,,,,\n").unwrap();
    let (code, json) = cli.run(&["import", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("line 5: bank_card fails the Luhn check"),
        "{json}"
    );
    assert_eq!(cli.ok(&["list"])["details"].as_array().unwrap().len(), 0);
    let good = cli.dir.path().join("good.csv");
    std::fs::write(&good, "record,ref,kind,value,name,category,detail,holder\ndetail,me,phone,13900001111,,,,\nholder,t,,,CMCC,telecom,,\ndisclosure,,,,,,me,t\n").unwrap();
    let report = cli.ok(&["import", good.to_str().unwrap()]);
    assert_eq!(
        (
            report["details_created"].as_u64(),
            report["disclosures"].as_u64()
        ),
        (Some(1), Some(1))
    );
}
