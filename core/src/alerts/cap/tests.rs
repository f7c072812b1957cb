use std::path::PathBuf;

use time::macros::datetime;

use super::*;
use crate::Locale;

/// `shared/` sits beside the repository (`../shared` from its root); worktrees nest one level
/// deeper, so look in each ancestor of the crate.
fn vectors_dir() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/vectors/cap"))
        .find(|dir| dir.is_dir())
        .expect("shared/vectors/cap next to the repository")
}

fn vector(name: &str) -> Alert {
    let bytes = std::fs::read(vectors_dir().join(name)).expect("shared CAP vector present");
    parse_alert(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_shared_vector_parses() {
    let mut seen = 0;
    for entry in std::fs::read_dir(vectors_dir()).expect("shared/vectors/cap exists") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let alert = parse_alert(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!alert.identifier.is_empty() && !alert.sender.is_empty());
        assert!(!alert.infos.is_empty(), "{} has an info", path.display());
        seen += 1;
    }
    assert!(seen >= 8, "expected the 8 shared vectors, saw {seen}");
}

/// The whole model of every shared vector, pinned in `pinned/<vector>.json` (written by the
/// DOM parser this streaming one replaced, so a change to what is read shows up here).
#[test]
fn every_shared_vector_matches_its_pinned_model() {
    let pinned = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/alerts/cap/pinned");
    let mut seen = 0;
    for entry in std::fs::read_dir(vectors_dir()).expect("shared/vectors/cap exists") {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned() + ".json";
        let expected: Alert = serde_json::from_slice(
            &std::fs::read(pinned.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}")),
        )
        .unwrap();
        assert_eq!(
            parse_alert(&std::fs::read(&path).unwrap()).unwrap(),
            expected,
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(
        seen,
        std::fs::read_dir(&pinned).unwrap().count(),
        "one pin per vector"
    );
}

#[test]
fn tsunami_update_carries_three_references_and_a_circle() {
    let a = vector("google-PAAQ-4-mg5a94.xml");
    assert_eq!(a.version, CapVersion::V1_2);
    assert_eq!(
        (a.identifier.as_str(), a.sender.as_str()),
        ("PAAQ-4-mg5a94", "wcatwc@noaa.gov")
    );
    assert_eq!(a.sent, datetime!(2013-01-05 10:58:23 UTC));
    assert_eq!(
        (a.status, a.msg_type, a.scope),
        (CapStatus::Actual, CapMsgType::Update, CapScope::Public)
    );
    assert_eq!(a.references.len(), 3);
    assert_eq!(a.references[1].identifier, "PAAQ-2-mg5a94");
    assert_eq!(a.references[2].sent, datetime!(2013-01-05 10:17:31 UTC));
    let info = &a.infos[0];
    assert_eq!(info.categories, vec![CapCategory::Geo]);
    assert_eq!(
        (info.urgency, info.severity, info.certainty),
        (
            CapUrgency::Past,
            CapSeverity::Unknown,
            CapCertainty::Unlikely
        )
    );
    assert_eq!(info.language, "en-US");
    assert!(info
        .parameters
        .iter()
        .any(|p| p.name == "EventPreliminaryMagnitude" && p.value == "7.5"));
    // `&gt;` inside a parameter value is unescaped.
    assert!(info
        .parameters
        .iter()
        .any(|p| p.name == "NWSUGC" && p.value.contains("AKZ026>029")));
    let circle = &info
        .areas
        .iter()
        .flat_map(|a| &a.circles)
        .next()
        .expect("a circle");
    assert_eq!(
        (circle.lat, circle.lon, circle.radius_km),
        (55.3, -134.9, 0.0)
    );
    assert!(a.lenience.is_empty());
}

#[test]
fn ipaws_ignores_the_enveloped_xml_signature_and_reads_geocodes() {
    let a = vector("ipaws-5e6dd964023f1930ef638846.xml");
    assert_eq!(a.identifier, "309104501346800");
    assert_eq!(a.sent, datetime!(2019-01-04 10:33:15 -08:00));
    let info = &a.infos[0];
    assert_eq!(
        info.event_codes,
        vec![NamedValue {
            name: "SAME".into(),
            value: "ADR".into()
        }]
    );
    assert_eq!(info.expires, Some(datetime!(2019-01-04 12:33:15 -08:00)));
    assert_eq!(info.headline.as_deref(), Some("ADR Test Message"));
    let codes: Vec<_> = info.areas[0]
        .geocodes
        .iter()
        .map(|g| g.value.as_str())
        .collect();
    assert_eq!(codes, ["053011", "041005", "041009", "041051", "041067"]);
}

#[test]
fn nws_cap_1_1_blizzard_warning() {
    let a = vector("nws-5c2cf27b1f56885d61654dc47fa411d5.xml");
    assert_eq!(a.version, CapVersion::V1_1);
    assert_eq!(a.sender, "w-nws.webmaster@noaa.gov");
    assert!(a
        .note
        .as_deref()
        .unwrap()
        .starts_with("Alert for Southern Cook"));
    let info = &a.infos[0];
    assert_eq!(
        (info.event.as_str(), info.severity),
        ("Blizzard Warning", CapSeverity::Severe)
    );
    assert_eq!(info.categories, vec![CapCategory::Met]);
    assert_eq!(info.expires, Some(datetime!(2021-12-27 18:00:00 -06:00)));
    // An empty <polygon/> is no polygon, not an error.
    assert!(info.areas[0].polygons.is_empty());
    assert!(info.areas[0]
        .geocodes
        .iter()
        .any(|g| g.name == "UGC" && g.value == "MNZ020"));
}

#[test]
fn spec_appendix_examples() {
    let a11 = vector("v1dot1_appendix_adot1.xml");
    let a12 = vector("v1dot2_appendix_adot1.xml");
    assert_eq!(
        (a11.version, a12.version),
        (CapVersion::V1_1, CapVersion::V1_2)
    );
    assert_eq!(a12.identifier, "43b080713727");
    assert_eq!(a12.sent, datetime!(2003-04-02 14:39:01 -05:00));
    assert_eq!(a12.infos[0].categories, vec![CapCategory::Security]);

    let storm = vector("v1dot2_appendix_adot2.xml");
    let polygon = &storm.infos[0].areas[0].polygons[0];
    assert_eq!(polygon.len(), 5);
    assert_eq!(polygon[0], (38.47, -120.14));
    assert_eq!(
        storm.infos[0].expires,
        Some(datetime!(2003-06-17 16:00:00 -07:00))
    );

    let quake = vector("v1dot2_appendix_adot3.xml");
    assert_eq!(quake.msg_type, CapMsgType::Update);
    assert_eq!(quake.references[0].identifier, "TRI13970876.1");
    assert_eq!(quake.infos[0].areas[0].circles[0].lat, 32.9525);

    let amber = vector("v1dot2_appendix_adot4.xml");
    assert_eq!(amber.infos.len(), 2);
    assert_eq!(amber.infos[1].event, "Abducción de Niño");
    assert_eq!(amber.info_for(Locale::En).unwrap().language, "en-US");
    // No Chinese info: fall back to the sender's first.
    assert_eq!(amber.info_for(Locale::ZhCn).unwrap().language, "en-US");
}

pub(crate) fn fraud_alert_xml(
    identifier: &str,
    sent: &str,
    msg_type: &str,
    references: &str,
    expires: &str,
) -> String {
    let refs = if references.is_empty() {
        String::new()
    } else {
        format!("<references>{references}</references>")
    };
    format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>{identifier}</identifier><sender>alerts@police.example.cn</sender><sent>{sent}</sent><status>Actual</status><msgType>{msg_type}</msgType><scope>Public</scope>{refs}<info><language>zh-CN</language><category>Security</category><event>冒充客服退款诈骗</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>{expires}</expires><headline>警惕冒充快递客服退款</headline><description>骗子自称快递客服，以理赔为由诱导共享屏幕。</description></info><info><language>en-US</language><category>Security</category><event>Refund scam</event><urgency>Immediate</urgency><severity>Severe</severity><certainty>Observed</certainty><eventCode><valueName>x-antifraud</valueName><value>refund</value></eventCode><expires>{expires}</expires><headline>Beware fake courier refund calls</headline><area><areaDesc>Shanghai</areaDesc><geocode><valueName>GB2260</valueName><value>310000</value></geocode></area></info></alert>"#
    )
}

#[test]
fn fraud_warning_names_its_family_and_locale_picks_info() {
    let xml = fraud_alert_xml(
        "F-1",
        "2026-11-28T09:00:00+08:00",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    );
    let a = parse_alert(xml.as_bytes()).unwrap();
    assert_eq!(a.fraud_family_code(), Some("refund"));
    assert_eq!(
        a.info_for(Locale::ZhCn).unwrap().headline.as_deref(),
        Some("警惕冒充快递客服退款")
    );
    assert_eq!(
        a.info_for(Locale::En).unwrap().headline.as_deref(),
        Some("Beware fake courier refund calls")
    );
    assert_eq!(
        a.info_for(Locale::En).unwrap().areas[0].geocodes[0].value,
        "310000"
    );
}

#[test]
fn atom_feed_with_inline_cap_entries() {
    let entry = |id: &str| {
        format!(
            r#"<entry><id>urn:{id}</id><title>t</title><updated>2026-11-28T01:00:00Z</updated><content type="application/cap+xml">{}</content></entry>"#,
            fraud_alert_xml(
                id,
                "2026-11-28T09:00:00+08:00",
                "Alert",
                "",
                "2026-12-05T09:00:00+08:00"
            )
        )
    };
    let feed = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Police</title>{}{}</feed>"#,
        entry("A-1"),
        entry("A-2")
    );
    let alerts = parse_document(feed.as_bytes()).unwrap();
    let ids: Vec<_> = alerts.iter().map(|a| a.identifier.as_str()).collect();
    assert_eq!(ids, ["A-1", "A-2"]);

    let wrong_type = feed.replace("application/cap+xml", "text/html");
    assert_eq!(
        parse_document(wrong_type.as_bytes()).unwrap_err(),
        CapError::AtomContent
    );
}

#[test]
fn utc_z_is_accepted_and_recorded() {
    let xml = fraud_alert_xml(
        "Z-1",
        "2026-11-28T01:00:00Z",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    );
    let a = parse_alert(xml.as_bytes()).unwrap();
    assert_eq!(a.sent, datetime!(2026-11-28 01:00:00 UTC));
    assert_eq!(a.lenience, vec![Lenience::UtcDesignatorZ]);
}

#[test]
fn invalid_documents_name_the_problem() {
    let good = fraud_alert_xml(
        "B-1",
        "2026-11-28T09:00:00+08:00",
        "Alert",
        "",
        "2026-12-05T09:00:00+08:00",
    );
    let cases = [
        (
            good.replace("<sender>alerts@police.example.cn</sender>", ""),
            CapError::Missing("sender"),
        ),
        (
            good.replace("<status>Actual</status>", "<status>Real</status>"),
            CapError::Invalid("status"),
        ),
        (
            good.replace("2026-11-28T09:00:00+08:00", "yesterday"),
            CapError::Invalid("sent"),
        ),
        (good.replace("cap:1.2", "cap:9.9"), CapError::NotCap),
        (
            good.replace(
                "<category>Security</category>",
                "<category>Scams</category>",
            ),
            CapError::Invalid("category"),
        ),
    ];
    for (xml, expected) in cases {
        assert_eq!(parse_alert(xml.as_bytes()).unwrap_err(), expected);
    }
    let bad_ref = fraud_alert_xml(
        "B-2",
        "2026-11-28T09:00:00+08:00",
        "Update",
        "only,two",
        "2026-12-05T09:00:00+08:00",
    );
    assert_eq!(
        parse_alert(bad_ref.as_bytes()).unwrap_err(),
        CapError::Invalid("references")
    );
}

proptest::proptest! {
    #[test]
    fn trim_is_str_trim(text in "[ \t\x0B\r\n\u{3000}\u{a0}\u{85}a-z警。]{0,6}") {
        proptest::prop_assert_eq!(super::parse::trim(&text), text.trim());
    }

    #[test]
    fn parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512)) {
        let _ = parse_document(&bytes);
    }

    #[test]
    fn parser_never_panics_on_mutated_cap(cut in 0usize..1500, byte in proptest::num::u8::ANY) {
        let mut xml = fraud_alert_xml("P-1", "2026-11-28T09:00:00+08:00", "Alert", "", "2026-12-05T09:00:00+08:00").into_bytes();
        let at = cut % xml.len();
        xml[at] = byte;
        let _ = parse_document(&xml);
    }
}
