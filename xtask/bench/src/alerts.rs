//! Safety alerts: ingesting a signed 1,000-alert feed (verify + parse + dedupe + store) into the
//! encrypted vault and into the in-memory store, parsing one CAP alert, and rekeying the vault
//! those feeds filled.

use crate::figure::{measure, Figure};
use vigil_core::{
    alerts::{cap, ingest_feed, minisign::SecretKey, trust},
    vault::{MemoryStore, Store, Vault, VaultOptions},
};

const ALERTS_PER_FEED: usize = 1_000;
/// `measure` runs a tenth as many warm-up iterations plus five rounds: one fresh feed each.
const FEEDS: usize = 6;
const SENDER: &str = "alerts@police.example.cn";

fn alert(id: &str) -> String {
    format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{id}</identifier><sender>{SENDER}</sender><sent>2026-11-28T09:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><language>zh-CN</language><category>Security</category><event>冒充客服退款诈骗</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>2026-12-05T09:00:00+08:00</expires><headline>警惕冒充快递客服退款</headline><description>骗子自称快递客服，以理赔为由诱导共享屏幕。</description><area><areaDesc>上海市</areaDesc><geocode><valueName>GB2260</valueName><value>310000</value></geocode></area></info></alert>"#
    )
}

/// Signed Atom feeds of distinct alerts, with growing `seq`.
fn feeds(key: &SecretKey) -> Vec<(Vec<u8>, String)> {
    (0..FEEDS)
        .map(|feed| {
            let entries: String = (0..ALERTS_PER_FEED)
                .map(|n| {
                    format!(
                        r#"<entry><content type="application/cap+xml">{}</content></entry>"#,
                        alert(&format!("B-{feed}-{n}"))
                    )
                })
                .collect();
            let xml = format!(r#"<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>"#)
                .into_bytes();
            let comment = format!("seq={} expires=2030-01-01T00:00:00Z", feed + 1);
            let signature = key.sign(&xml, &comment).to_text();
            (xml, signature)
        })
        .collect()
}

fn ingest_figure<S: Store>(name: &str, store: &S, key: &SecretKey) -> Figure {
    trust::trust(
        store,
        "Bench",
        &key.public_key().to_base64(),
        &[SENDER.to_owned()],
    )
    .expect("a fresh store trusts the key");
    let feeds = feeds(key);
    let mut next = feeds.iter();
    let now = time::macros::datetime!(2026-11-28 10:00 +08:00);
    let per_feed = measure(name, 1, || {
        let (xml, signature) = next.next().expect("one feed per run");
        let report = ingest_feed(store, xml, signature, now).expect("the bench feed is valid");
        assert_eq!(report.accepted as usize, ALERTS_PER_FEED);
    });
    Figure::new(
        name,
        ALERTS_PER_FEED as f64 * 1e9 / per_feed.value,
        "alerts/s",
    )
}

pub fn run() -> Vec<Figure> {
    let key = SecretKey::from_seed(&[42; 32], *b"benchkey");
    let dir = std::env::temp_dir().join(format!("vigil-bench-alerts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (vault, _recovery) =
        Vault::create(&dir, "bench", &VaultOptions::fast_for_tests()).expect("a temporary vault");
    let in_vault = ingest_figure("alerts_ingest_per_s", &vault, &key);
    // Rekey rewrites every record of the vault the feeds filled: quadratic before migration 0004
    // (every freed alert body scanned `records`), in place since 0005.
    let started = std::time::Instant::now();
    let rekeyed = vault
        .rekey("bench", None, &mut |_, _| {})
        .expect("the bench vault rekeys");
    let rekey = Figure::new(
        "alerts_vault_rekey_ms",
        started.elapsed().as_secs_f64() * 1e3,
        "ms",
    );
    assert!(rekeyed.records as usize >= FEEDS * ALERTS_PER_FEED);
    drop(vault);
    let _ = std::fs::remove_dir_all(&dir);
    let in_memory = ingest_figure("alerts_ingest_memory_per_s", &MemoryStore::new(), &key);

    let one = alert("P-1");
    let parse_ns = measure("cap_parse", 20_000, || {
        cap::parse_alert(one.as_bytes()).expect("valid CAP")
    });
    let cap_parse_us = Figure::new("cap_parse_us", parse_ns.value / 1_000.0, "us");
    // What the whole pipeline costs per alert over parsing alone (alerts/s inverted to ns/alert).
    let ingest_ns_per_alert = Figure::new("ingest_ns", 1e9 / in_vault.value, "ns");
    vec![
        Figure::ratio("alerts_ingest_vault_vs_memory", &in_memory, &in_vault),
        Figure::ratio(
            "alerts_ingest_vs_cap_parse",
            &ingest_ns_per_alert,
            &parse_ns,
        ),
        in_vault,
        in_memory,
        cap_parse_us,
        rekey,
    ]
}
