//! `vigil alerts …` end to end, through the built binary.

use std::{path::Path, process::Command};

use serde_json::Value;
use vigil_core::{
    alerts::minisign::SecretKey,
    vault::{Vault, VaultOptions},
};

const SENDER: &str = "alerts@police.example.cn";
const NOW: &str = "2026-11-28T10:00:00+08:00";

struct Env {
    dir: tempfile::TempDir,
    key: SecretKey,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        Vault::create(
            &dir.path().join("vault"),
            "pw",
            &VaultOptions::fast_for_tests(),
        )
        .unwrap();
        Env {
            dir,
            key: SecretKey::from_seed(&[4; 32], *b"cli-test"),
        }
    }

    fn vigil(&self, args: &[&str]) -> (Value, i32) {
        let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
            .args(["--json", "--now", NOW, "--vault"])
            .arg(self.dir.path().join("vault"))
            .args(args)
            .env("VIGIL_PASSPHRASE", "pw")
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let json = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|_| panic!("one JSON object, got {stdout:?}"));
        (json, out.status.code().unwrap())
    }

    /// Write `xml` and its signature under `name`; returns the feed path.
    fn signed(&self, name: &str, xml: &str, seq: u64) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, xml).unwrap();
        let comment = format!("seq={seq} expires=2026-11-29T10:00:00+08:00");
        std::fs::write(
            sig_path(&path),
            self.key.sign(xml.as_bytes(), &comment).to_text(),
        )
        .unwrap();
        path.to_str().unwrap().to_owned()
    }

    fn trust(&self) -> String {
        let key = self.key.public_key().to_base64();
        let (json, code) = self.vigil(&[
            "alerts", "trust", "--name", "Police", "--key", &key, "--scope", SENDER,
        ]);
        assert_eq!(code, 0, "{json}");
        json["publisher_id"].as_str().unwrap().to_owned()
    }
}

fn sig_path(path: &Path) -> String {
    format!("{}.minisig", path.display())
}

fn alert(id: &str, status: &str) -> String {
    format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>{SENDER}</sender><sent>2026-11-28T09:00:00+08:00</sent><status>{status}</status><msgType>Alert</msgType><scope>Public</scope><info><language>en-US</language><category>Security</category><event>Refund scam</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>2026-12-05T09:00:00+08:00</expires><headline>Beware fake courier refund calls</headline></info></alert>"#
    )
}

#[test]
fn trust_import_list_read() {
    let env = Env::new();
    let publisher_id = env.trust();
    assert_eq!(publisher_id.len(), 32);

    let feed = env.signed("feed.xml", &alert("A-1", "Actual"), 1);
    let (json, code) = env.vigil(&["alerts", "import", &feed]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        (json["accepted"].as_u64(), json["duplicates"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(json["rejected"], serde_json::json!([]));

    let (json, _) = env.vigil(&["alerts", "list"]);
    assert_eq!(json["damaged"], 0);
    let alerts = json["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    let a = &alerts[0];
    assert_eq!(a["identifier"], "A-1");
    assert_eq!(a["sender"], SENDER);
    assert_eq!(a["sent"], "2026-11-28T09:00:00+08:00");
    assert_eq!(
        (a["msg_type"].as_str(), a["status"].as_str()),
        (Some("Alert"), Some("Actual"))
    );
    assert_eq!(
        (a["active"].as_bool(), a["family"].as_str()),
        (Some(true), Some("refund"))
    );
    assert_eq!(a["headline"], "Beware fake courier refund calls");
    assert_eq!(a["state"], "unread");

    let id = a["id"].as_str().unwrap();
    let (json, code) = env.vigil(&["alerts", "read", id]);
    assert_eq!(code, 0);
    assert_eq!(json["alert"]["state"], "read");
    let (json, code) = env.vigil(&["alerts", "read", "0000"]);
    assert_eq!(
        (json["error"]["code"].as_str(), code),
        (Some("not_found"), 1)
    );

    let (json, _) = env.vigil(&["alerts", "status"]);
    assert_eq!(json["publishers"][0]["last_seq"], 1);
    assert_eq!(json["publishers"][0]["stale_since"], Value::Null);
}

#[test]
fn refusals_are_error_objects_with_their_codes() {
    let env = Env::new();
    env.trust();
    let feed = env.signed("feed.xml", &alert("A-1", "Actual"), 5);
    assert_eq!(env.vigil(&["alerts", "import", &feed]).1, 0);

    let old = env.signed("old.xml", &alert("A-0", "Actual"), 4);
    let (json, code) = env.vigil(&["alerts", "import", &old]);
    assert_eq!(
        (json["error"]["code"].as_str(), code),
        (Some("rollback"), 4)
    );
    assert!(json["error"]["message"].as_str().unwrap().contains("older"));

    let tampered = env.signed("t.xml", &alert("A-2", "Actual"), 6);
    std::fs::write(&tampered, alert("A-3", "Actual")).unwrap();
    let (json, code) = env.vigil(&["alerts", "import", &tampered]);
    assert_eq!(
        (json["error"]["code"].as_str(), code),
        (Some("signature_invalid"), 4)
    );

    let stranger = SecretKey::from_seed(&[5; 32], *b"stranger");
    let path = env.dir.path().join("s.xml");
    let xml = alert("A-4", "Actual");
    std::fs::write(&path, &xml).unwrap();
    std::fs::write(
        sig_path(&path),
        stranger
            .sign(xml.as_bytes(), "seq=7 expires=2026-11-29T10:00:00+08:00")
            .to_text(),
    )
    .unwrap();
    let (json, _) = env.vigil(&["alerts", "import", path.to_str().unwrap()]);
    assert_eq!(json["error"]["code"], "unknown_key");

    let (json, _) = env.vigil(&["alerts", "import", "/nonexistent.xml"]);
    assert_eq!(json["error"]["code"], "not_found");
}

#[test]
fn exercises_have_their_own_list_and_zh_cn_texts_exist() {
    let env = Env::new();
    env.trust();
    let feed = env.signed("drill.xml", &alert("D-1", "Exercise"), 1);
    assert_eq!(env.vigil(&["alerts", "import", &feed]).1, 0);
    assert_eq!(
        env.vigil(&["alerts", "list", "--all"]).0["alerts"],
        serde_json::json!([])
    );
    let (json, _) = env.vigil(&["alerts", "list", "--exercises"]);
    assert_eq!(json["alerts"][0]["identifier"], "D-1");

    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["--locale", "zh-CN", "--now", NOW, "--vault"])
        .arg(env.dir.path().join("vault"))
        .args(["alerts", "list"])
        .env("VIGIL_PASSPHRASE", "pw")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "没有预警。");
}

#[test]
fn ingest_sms_flags_a_forged_early_warning() {
    let env = Env::new();
    let forged = "【反诈中心】您涉嫌洗钱，请添加民警微信号：police_110zz 配合调查";
    let (json, code) = env.vigil(&[
        "alerts",
        "ingest-sms",
        "--sender",
        "12381",
        "--text",
        forged,
    ]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["verdict"], "forged");
    assert_eq!(json["flags"], serde_json::json!(["messenger_id"]));
    let genuine = "【国家反诈中心】您正在接听的电话可能涉嫌诈骗，请立即挂断！";
    let (json, _) = env.vigil(&[
        "alerts",
        "ingest-sms",
        "--sender",
        "12381",
        "--text",
        genuine,
        "--received",
        "2026-11-28T09:59:00+08:00",
    ]);
    assert_eq!(
        (json["verdict"].as_str(), json["received"].as_str()),
        (Some("plausible"), Some("2026-11-28T09:59:00+08:00"))
    );
    let (json, _) = env.vigil(&["alerts", "list"]);
    assert_eq!(json["alerts"][0]["door"], "sms");
    assert_eq!(json["alerts"][0]["verified"], false);
    let (json, code) = env.vigil(&[
        "alerts",
        "ingest-sms",
        "--sender",
        "12381",
        "--text",
        "x",
        "--received",
        "noon",
    ]);
    assert_eq!(
        (json["error"]["code"].as_str(), code),
        (Some("invalid_input"), 1)
    );
}

#[test]
fn sync_fetches_a_signed_feed_from_a_local_server() {
    use std::{
        io::{Read, Write},
        net::TcpListener,
    };
    let env = Env::new();
    env.trust();
    let xml = alert("H-1", "Actual");
    let sig = env
        .key
        .sign(xml.as_bytes(), "seq=1 expires=2026-11-29T10:00:00+08:00")
        .to_text();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut request = [0u8; 2048];
            let n = stream.read(&mut request).unwrap();
            let head = String::from_utf8_lossy(&request[..n]);
            let body = if head.starts_with("GET /feed.xml.minisig ") {
                sig.as_bytes()
            } else {
                xml.as_bytes()
            };
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(reply.as_bytes()).unwrap();
            stream.write_all(body).unwrap();
        }
    });
    let (json, code) = env.vigil(&["alerts", "sync", &url]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["reports"][0]["feed_report"]["accepted"], 1);
    let (json, _) = env.vigil(&["alerts", "list"]);
    assert_eq!(json["alerts"][0]["identifier"], "H-1");
    let (json, code) = env.vigil(&["alerts", "sync", "http://example.invalid/feed.xml"]);
    assert_eq!(
        (json["error"]["code"].as_str(), code),
        (Some("invalid_input"), 1)
    );
}

#[test]
fn demo_has_an_alerts_section() {
    let out = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .args(["--json", "--now", NOW, "demo"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let section = &json["alerts"];
    assert_eq!(section["accepted"]["accepted"], 1);
    assert_eq!(
        (section["rollback"].as_str(), section["tampered"].as_str()),
        (Some("rollback"), Some("signature_invalid"))
    );
    assert_eq!(section["sms"]["verdict"], "forged");
    assert_eq!(section["alerts"][0]["family"], "refund");
}

#[test]
fn a_breach_alert_flags_the_named_holders_disclosures() {
    let env = Env::new();
    env.trust();
    let id = |json: Value| json["id"].as_str().unwrap().to_owned();
    let phone = id(env
        .vigil(&[
            "inventory",
            "add-detail",
            "--kind",
            "phone",
            "--value",
            "13812345678",
        ])
        .0);
    let shop = id(env
        .vigil(&[
            "inventory",
            "add-holder",
            "--name",
            "Example Shop",
            "--category",
            "ecommerce",
            "--website",
            "shop.example.com",
        ])
        .0);
    let (json, code) = env.vigil(&[
        "inventory",
        "disclose",
        "--detail",
        &phone,
        "--holder",
        &shop,
    ]);
    assert_eq!(code, 0, "{json}");

    let plain = env.signed("plain.xml", &alert("A-1", "Actual"), 1);
    let (json, _) = env.vigil(&["alerts", "import", &plain]);
    assert_eq!(json["breach_impacts"], serde_json::json!([]));

    let breach = alert("B-1", "Actual").replace(
        "</info>",
        "<parameter><valueName>x-breached-domain</valueName><value>www.example.com</value></parameter></info>",
    );
    let feed = env.signed("breach.xml", &breach, 2);
    let (json, code) = env.vigil(&["alerts", "import", &feed]);
    assert_eq!(code, 0, "{json}");
    let impacts = json["breach_impacts"].as_array().unwrap();
    assert_eq!(impacts.len(), 1, "{json}");
    assert_eq!(impacts[0]["holder_id"], shop.as_str());
    assert_eq!(impacts[0]["newly_flagged"], 1);
    assert_eq!(impacts[0]["exposed"][0]["kind"], "phone");

    let (json, _) = env.vigil(&["inventory", "who-has", "--detail", &phone]);
    assert_eq!(
        json["holders"][0]["holdings"][0]["status"], "breached",
        "{json}"
    );
    // Importing again (a new feed with the same alert) changes nothing more.
    let again = env.signed("again.xml", &breach, 3);
    let (json, _) = env.vigil(&["alerts", "import", &again]);
    assert_eq!(json["breach_impacts"], serde_json::json!([]));
}
