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

/// TEMPORARY: the streaming parser against the DOM parser it replaces, on every vector, on
/// generated alerts and feeds, and on mutations of both.
mod equivalence {
    use proptest::prelude::*;

    use super::*;
    use crate::alerts::cap::old_parse;

    fn same(bytes: &[u8]) {
        assert_eq!(
            parse_document(bytes),
            old_parse::parse_document(bytes),
            "parse_document on {:?}",
            String::from_utf8_lossy(bytes)
        );
        assert_eq!(
            parse_alert(bytes),
            old_parse::parse_alert(bytes),
            "parse_alert on {:?}",
            String::from_utf8_lossy(bytes)
        );
    }

    fn vectors() -> Vec<Vec<u8>> {
        let mut all: Vec<_> = std::fs::read_dir(vectors_dir())
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect();
        all.sort();
        all
    }

    /// A vector without its XML declaration, to go inside an Atom entry.
    fn body(vector: &[u8]) -> String {
        let text = String::from_utf8(vector.to_vec()).unwrap();
        match text.find("?>") {
            Some(end) if text.trim_start().starts_with("<?xml") => text[end + 2..].to_owned(),
            _ => text,
        }
    }

    fn feed(entries: &[String]) -> String {
        let entries: String = entries
            .iter()
            .map(|a| {
                format!(
                    r#"<entry><id>x</id><content type="application/cap+xml">{a}</content></entry>"#
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entries}</feed>"#
        )
    }

    #[test]
    fn vectors_alone_and_in_feeds() {
        let vectors = vectors();
        for v in &vectors {
            same(v);
            assert!(parse_alert(v).is_ok());
        }
        let bodies: Vec<_> = vectors.iter().map(|v| body(v)).collect();
        let all = feed(&bodies);
        same(all.as_bytes());
        assert_eq!(parse_document(all.as_bytes()).unwrap().len(), vectors.len());
    }

    #[test]
    fn hand_written_edge_cases() {
        let good = fraud_alert_xml(
            "E-1",
            "2026-11-28T09:00:00+08:00",
            "Alert",
            "",
            "2026-12-05T09:00:00+08:00",
        );
        let cases = [
            good.clone(),
            format!("  <!-- c -->\n{good}\n<!-- after -->  "),
            format!("{good}x"),
            format!("x{good}"),
            format!("{good}<a/>"),
            format!("{good}&#32;"),
            format!("&#32;{good}"),
            format!("{good}&amp;"),
            format!("<!DOCTYPE alert>{good}"),
            format!("{good}<!DOCTYPE alert>"),
            good.replace("<identifier>E-1", "<identifier><![CDATA[E<1]]>"),
            good.replace("<identifier>E-1", "<identifier> E&amp;&#x4E2D;<b>no</b>1 <!--c--> "),
            good.replace("<identifier>E-1", "<identifier>E&nope;1"),
            good.replace("<identifier>E-1</identifier>", "<identifier/>"),
            good.replace("<identifier>E-1</identifier>", "<identifier>  </identifier><identifier>E-2</identifier>"),
            good.replace("<identifier>E-1</identifier>", "<x:identifier xmlns:x=\"urn:x\">X</x:identifier>"),
            good.replace("<identifier>E-1</identifier>", "<identifier>E-1</identifier><identifier>E-2</identifier>"),
            good.replace("<status>Actual</status>", "<status>Real</status>").replace("</alert>", "</alert><b/>"),
            good.replace("<status>Actual</status>", "<status>Real</status>").replace("</alert>", "</alart>"),
            good.replace("<sender>alerts@police.example.cn</sender>", "").replace("</alert>", "&bogus;</alert>"),
            good.replace("<sender>", "<sender a=\"&bogus;\">"),
            good.replace("<sender>", "<sender a=\"1\" a=\"2\">"),
            good.replace("<sender>", "<y:sender>"),
            good.replace("Observed", "Very Likely"),
            good.replace("<category>Security</category>", "<category/>"),
            good.replace("<category>Security</category>", ""),
            good.replace("<valueName>x-antifraud</valueName>", ""),
            good.replace("<areaDesc>Shanghai</areaDesc>", "<polygon>1,2 3,4</polygon><circle> </circle>"),
            good.replace("<areaDesc>Shanghai</areaDesc>", "<circle>1,2 -1</circle>"),
            good.replace("2026-12-05T09:00:00+08:00", "2026-12-05T01:00:00Z"),
            good.replace("\"urn:oasis:names:tc:emergency:cap:1.2\"", "\"urn:oasis:names:tc:emergency:cap:1.1\""),
            good.replace("<alert xmlns=", "<alert xmlns:p=").replace("<info>", "<p:info>"),
            prefixed(&good),
            "<a/>".into(),
            "<a/>  ".into(),
            "<a/><b/>".into(),
            "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>".into(),
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>".into(),
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>".into(),
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\" application/cap+xml \"/></entry></feed>".into(),
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xmlns=\"urn:x\"/></feed>".into(),
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"application/cap+xml\"><x/>t<alert xmlns=\"urn:x\"/>{good}</content></entry></feed>"),
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"text\"/><content type=\"application/cap+xml\">{good}</content></entry></feed>"),
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"application/cap+xml\">{good}</content><content type=\"text\"/></entry></feed>"),
            format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><a:content xmlns:a=\"urn:a\" a:type=\"application/cap+xml\">{good}</a:content></entry></feed>"),
            "<a>".repeat(40) + &"</a>".repeat(40),
            "<a>".repeat(31) + "<b/>" + &"</a>".repeat(31),
            "<a>".repeat(32) + "<b/>" + &"</a>".repeat(32),
            "<a>".repeat(32) + &"</a>".repeat(32),
            "<a>".repeat(33) + &"</a>".repeat(33),
            "<a><b></a>".into(),
            "<a>".into(),
            "</a>".into(),
            "".into(),
            "<x:a/>".into(),
            "<a>\u{1}</a>".into(),
            "<a>&#0;</a>".into(),
            "<a>\r\n<![CDATA[\r\n]]></a>".into(),
        ];
        for case in &cases {
            same(case.as_bytes());
        }
        same(b"<a>\xff</a>");
        same(b"\xef\xbb\xbf<a/>");
    }

    /// Every element name prefixed `cap:`, bound to the alert's namespace.
    fn prefixed(xml: &str) -> String {
        let mut out = String::new();
        let mut chars = xml.chars().peekable();
        while let Some(c) = chars.next() {
            out.push(c);
            if c == '<' {
                if chars.peek() == Some(&'/') {
                    out.push(chars.next().unwrap());
                }
                if chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    out.push_str("cap:");
                }
            }
        }
        out.replacen("xmlns=", "xmlns:cap=", 1)
    }

    fn words() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "Actual",
            "Exercise",
            "Alert",
            "Update",
            "Cancel",
            "Public",
            "Private",
            "Security",
            "Geo",
            "CBRNE",
            "Immediate",
            "Severe",
            "Observed",
            "Very Likely",
            "Likely",
            "Unknown",
            "x-antifraud",
            "X-AntiFraud",
            "refund",
            "zh-CN",
            "en-US",
            "2026-11-28T09:00:00+08:00",
            "2026-11-28T01:00:00Z",
            "2026-11-28T01:00:00z",
            "2003-04-02T14:39:01-05:00",
            "yesterday",
            "38.47,-120.14 38.5,-119.7 38.55,-119.82 38.47,-120.14",
            "38.47,-120.14 38.47,-120.14",
            "91,0 0,0 0,0 91,0",
            "32.9,-115.5 0",
            "32.9,-115.5 -1",
            "NaN,0 1",
            "a@b.c,ID-1,2026-11-28T09:00:00+08:00 a@b.c,ID-2,2026-11-28T01:00:00Z",
            "only,two",
            ",x,2026-11-28T09:00:00+08:00",
            "冒充客服退款诈骗",
            "",
            "  ",
        ])
        .prop_map(String::from)
    }

    /// Text as XML may spell it: escaped, split, wrapped in CDATA, with comments and children.
    fn text() -> impl Strategy<Value = String> {
        (words(), 0..8usize).prop_map(|(w, how)| match how {
            0 => format!(" \r\n {w}\t"),
            1 => format!("<![CDATA[{w}]]>"),
            2 => format!("<!--c-->{w}<?pi x?>"),
            3 => format!("&#x20;{w}&amp;"),
            4 => format!("{w}<nested>{w}</nested>"),
            5 => format!("<![CDATA[ ]]>{w}&lt;"),
            _ => w,
        })
    }

    fn leaf(names: &'static [&'static str]) -> impl Strategy<Value = String> {
        (prop::sample::select(names), text()).prop_map(|(n, t)| format!("<{n}>{t}</{n}>"))
    }

    fn named(name: &'static str) -> impl Strategy<Value = String> {
        prop::collection::vec(leaf(&["valueName", "value", "other"]), 0..3)
            .prop_map(move |kids| format!("<{name}>{}</{name}>", kids.concat()))
    }

    fn area() -> impl Strategy<Value = String> {
        let kid = prop_oneof![
            leaf(&["areaDesc", "polygon", "circle", "altitude"]),
            named("geocode"),
        ];
        prop::collection::vec(kid, 0..5).prop_map(|kids| format!("<area>{}</area>", kids.concat()))
    }

    fn info() -> impl Strategy<Value = String> {
        let required = vec![
            "<category>Security</category>".to_owned(),
            "<event>e</event>".into(),
            "<urgency>Immediate</urgency>".into(),
            "<severity>Severe</severity>".into(),
            "<certainty>Observed</certainty>".into(),
        ];
        let kid = prop_oneof![
            leaf(&[
                "language",
                "category",
                "event",
                "urgency",
                "severity",
                "certainty",
                "effective",
                "onset",
                "expires",
                "senderName",
                "headline",
                "description",
                "instruction",
                "web",
                "contact",
                "audience",
            ]),
            named("eventCode"),
            named("parameter"),
            area(),
        ];
        kids(required, kid).prop_map(|k| format!("<info>{k}</info>"))
    }

    /// `required` children, some dropped, plus generated ones, in any order.
    fn kids(
        required: Vec<String>,
        extra: impl Strategy<Value = String>,
    ) -> impl Strategy<Value = String> {
        let n = required.len();
        (
            Just(required),
            prop::collection::vec(prop::bool::weighted(0.9), n),
            prop::collection::vec(extra, 0..6),
        )
            .prop_flat_map(|(required, keep, extra)| {
                let mut all: Vec<String> = required
                    .into_iter()
                    .zip(keep)
                    .filter_map(|(r, k)| k.then_some(r))
                    .collect();
                all.extend(extra);
                Just(all).prop_shuffle()
            })
            .prop_map(|k| k.concat())
    }

    fn alert() -> impl Strategy<Value = String> {
        let required = vec![
            "<identifier>ID-1</identifier>".to_owned(),
            "<sender>a@b.c</sender>".into(),
            "<sent>2026-11-28T09:00:00+08:00</sent>".into(),
            "<status>Actual</status>".into(),
            "<msgType>Alert</msgType>".into(),
            "<scope>Public</scope>".into(),
        ];
        let kid = prop_oneof![
            leaf(&[
                "identifier", "sender", "sent", "status", "msgType", "scope", "source", "note",
                "references", "code",
            ]),
            info(),
            info(),
            Just("<ds:Signature xmlns:ds=\"urn:dsig\"><ds:identifier>X</ds:identifier></ds:Signature>".to_owned()),
        ];
        (kids(required, kid), 0..4usize).prop_map(|(k, ns)| {
            let xml = format!("<alert xmlns=\"{CAP_1_2_NS}\">{k}</alert>");
            match ns {
                0 => xml.replace(CAP_1_2_NS, CAP_1_1_NS),
                1 => prefixed(&xml),
                _ => xml,
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn generated_alerts(xml in alert()) {
            same(xml.as_bytes());
        }

        #[test]
        fn generated_feeds(alerts in prop::collection::vec(alert(), 0..4), wrong in 0..6usize) {
            let mut xml = feed(&alerts);
            if wrong == 0 {
                xml = xml.replacen("application/cap+xml", "text/plain", 1);
            }
            same(xml.as_bytes());
        }

        #[test]
        fn mutated_generated_alerts(xml in alert(), at in any::<usize>(), byte in any::<u8>(), cut in any::<bool>()) {
            let mut bytes = xml.into_bytes();
            let at = at % bytes.len();
            if cut { bytes.truncate(at) } else { bytes[at] = byte }
            same(&bytes);
        }

        #[test]
        fn mutated_vectors(which in any::<usize>(), at in any::<usize>(), byte in any::<u8>(), cut in any::<bool>()) {
            let vectors = vectors();
            let mut bytes = vectors[which % vectors.len()].clone();
            let at = at % bytes.len();
            if cut { bytes.truncate(at) } else { bytes[at] = byte }
            same(&bytes);
        }
    }
}
